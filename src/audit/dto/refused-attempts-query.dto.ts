import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { IsInstant, IsText } from '../../common/validators';

/** GET /refused-attempts: every filter optional; newest first. */
export class RefusedAttemptsQueryDto {
  @ApiPropertyOptional({ description: 'Only attempts on this workflow' })
  @IsOptional()
  @IsUUID()
  workflowId?: string;

  @ApiPropertyOptional({ example: 'R-C4', description: 'Only attempts refused by this rule id or error code' })
  @IsOptional()
  @IsText(64)
  @Matches(/^[A-Z][A-Z0-9_-]*$/, { message: 'rule must be a rule id (R-C4, D6) or an error code (FORBIDDEN)' })
  rule?: string;

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 'Recorded at or after this instant' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31T23:59:59Z', description: 'Recorded at or before this instant' })
  @IsOptional()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({ example: 50, description: 'Page size, 1 to 200 (default 50)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the page before' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  cursor?: number;
}
