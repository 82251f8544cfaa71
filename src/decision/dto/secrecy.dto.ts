import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, ValidateNested } from 'class-validator';
import { IsLongText, IsPastDate, IsText } from '../../common/validators';
import { RecordParagraphDto } from './decision.dto';

/** A sekretessmarkering (OSL 5 kap., R-K7) of the whole paragraph (no field) or of one of its texts. */
export class SecrecyMarkingDto {
  @ApiPropertyOptional({
    example: 'summary',
    description:
      "The text marked: 'summary', 'decision.text', 'proposals[i].text', 'beslutsunderlag[i]', " +
      "'reservations[i].motivation.text' or 'motivations' (those submitted later); absent: the whole paragraph",
  })
  @IsOptional()
  @IsText(100)
  field?: string;
  @ApiProperty({ example: 'OSL 26 kap. 1 §', description: 'The provision of OSL, with chapter and section' })
  @IsText(200)
  provision: string;
}

/** The lifting of a marking after a sekretessprövning (R-K13): which marking, when, by whom and why. */
export class LiftSecrecyDto {
  @ApiPropertyOptional({
    example: 'summary',
    description: 'The text whose marking is lifted, as it was marked; absent: the marking of the whole paragraph',
  })
  @IsOptional()
  @IsText(100)
  field?: string;
  @ApiProperty({ example: '2026-11-30', description: 'The date of the sekretessprövning (not after today)' })
  @IsPastDate()
  decidedOn: string;
  @ApiProperty({
    example: 'Socialnämndens ordförande enligt delegation 1.4',
    description: 'Who made the prövning: the organ, or the office deciding on its delegation',
  })
  @IsText(200)
  decidedBy: string;
  @ApiProperty({
    example: 'Uppgifterna har lämnats ut av den enskilde själv; sekretessen gäller inte längre.',
    description: 'Why the secrecy no longer applies',
  })
  @IsLongText(2000)
  reason: string;
}

/** A paragraph as recorded, with the secrecy markings it carries from the start (kept beside it, never in it). */
export class RecordParagraphRequestDto extends RecordParagraphDto {
  @ApiPropertyOptional({ type: [SecrecyMarkingDto], description: 'Sekretessmarkeringar (R-K7)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SecrecyMarkingDto)
  secrecy?: SecrecyMarkingDto[];
}
