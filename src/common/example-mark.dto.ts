import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, ValidateNested } from 'class-validator';
import type { ExampleCorrection, ExampleMark } from '../../machines/kernel/example-mark';
import { IsText } from './validators';

export class ExampleCorrectionDto implements ExampleCorrection {
  @ApiProperty({ example: 'reservations[0].motivation.text' }) @IsText(200) field: string;
  @ApiProperty({ example: 'OCR errors of the scanned seed corrected' }) @IsText(1000) note: string;
}

/**
 * The marker of example (demo) data (machines/kernel/example-mark.ts): a record that is not real, and which of its
 * facts were invented. It is kept in the record's log; every view, extract and export of it shows
 * "EXEMPEL – fiktiva uppgifter". A client may mark its own records as examples; nothing removes a mark.
 */
export class ExampleMarkDto implements ExampleMark {
  @ApiProperty({ enum: [true], description: 'Always true: the record is example data' })
  @IsIn([true])
  example: true;

  @ApiProperty({ example: 'EXEMPEL – fiktiva uppgifter / EXAMPLE – fictitious data: …' })
  @IsText(2000)
  note: string;

  @ApiPropertyOptional({ type: [String], example: ['SEED-MEL'], description: 'Where the real facts come from' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsText(100, { each: true })
  sources?: string[];

  @ApiProperty({
    type: [String],
    example: ['paragraphNumber', 'matter.diarienummer', 'meeting.date'],
    description: 'Paths of the fields whose values no source gives (invented for the example)',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @IsText(200, { each: true })
  fictitious: string[];

  @ApiPropertyOptional({ type: [ExampleCorrectionDto], description: 'Source text corrected (e.g. a bad scan)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ExampleCorrectionDto)
  corrected?: ExampleCorrectionDto[];
}
