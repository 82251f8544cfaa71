import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { IsText } from '../../common/validators';

/** What a verify job covers: a collaboration (by slug), one workflow, or (neither given) the whole database. */
export class StartVerifyDto {
  @ApiPropertyOptional({ example: 'dalslandssamverkan', description: "Verify only this collaboration's workflows" })
  @IsOptional()
  @IsText(64)
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'collaboration must be a slug: lower-case letters, digits, hyphens' })
  collaboration?: string;

  @ApiPropertyOptional({ description: 'Verify only this workflow' })
  @IsOptional()
  @IsUUID()
  workflowId?: string;
}
