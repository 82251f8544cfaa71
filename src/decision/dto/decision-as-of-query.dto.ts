import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsPastDate } from '../../common/validators';

/** GET /decisions/{id}?asOf= (h-asof). */
export class DecisionAsOfQueryDto {
  @ApiPropertyOptional({
    example: '2025-06-30',
    description:
      'The decision as recorded by the end of this Stockholm day, its status then and its appeal period on that date',
  })
  @IsOptional()
  @IsPastDate()
  asOf?: string;
}
