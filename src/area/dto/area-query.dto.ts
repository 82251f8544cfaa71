import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AREA_STAGES_ALL } from '../../../machines/area/area.stages';
import { IsLocalDate, IsMunicipalityCode } from '../../common/validators';

// Every version's stage keys (area v2 names two of them anew; h-versions).
const STAGE_KEYS = AREA_STAGES_ALL.map((s) => s.key);

export class AreaQueryDto {
  @ApiPropertyOptional({
    example: '2026-12-31',
    description: 'Inside or outside on this date (default: today in Stockholm)',
  })
  @IsOptional()
  @IsLocalDate()
  asOf?: string;
}

export class AreaListQueryDto extends AreaQueryDto {
  @ApiPropertyOptional({ enum: STAGE_KEYS, description: 'Only areas in this stage' })
  @IsOptional()
  @IsIn(STAGE_KEYS)
  stage?: string;

  @ApiPropertyOptional({
    example: '1461',
    description: 'Only areas waiting on this municipality (its decision or signature)',
  })
  @IsOptional()
  @IsMunicipalityCode()
  waitingOn?: string;
}
