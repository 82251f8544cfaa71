import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The shape of every refusal. */
export class ErrorBodyDto {
  @ApiProperty({ example: 'EXIT_NOT_ON_31_DEC' }) code: string;
  @ApiProperty({ example: 'An exit can only take effect on 31 December; 2026-06-30 is not a 31 December.' })
  message: string;
  @ApiProperty({ example: 'Utträde kan endast ske per den 31 december; 2026-06-30 är inte den 31 december.' })
  messageSv: string;
  @ApiPropertyOptional({ example: 'R-C4' }) ruleId?: string;
  @ApiPropertyOptional({ type: Object }) details?: unknown;
}
