import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsLocalDate } from '../../common/validators';

export class EvidenceQueryDto {
  @ApiPropertyOptional({
    example: '2024-01-01',
    description:
      'The period’s first day (Stockholm): rows before it are in the package too (the chain starts at genesis), marked outside the period',
  })
  @IsOptional()
  @IsLocalDate()
  from?: string;

  @ApiPropertyOptional({
    example: '2024-12-31',
    description: 'The period’s last day (Stockholm): rows recorded after it are left out',
  })
  @IsOptional()
  @IsLocalDate()
  to?: string;
}
