import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, ValidateNested } from 'class-validator';
import { IsText } from '../../common/validators';
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
