import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsPastDate, IsPastInstant } from '../../common/validators';

export class CollaborationAsOfQueryDto {
  @ApiPropertyOptional({
    example: '2025-06-30',
    description:
      'Legal date: statuses are judged on this Stockholm date, from what was recorded by the end of that day ' +
      '(the answer names the instant used). Not with `instant`.',
  })
  @IsOptional()
  @IsPastDate()
  date?: string;

  @ApiPropertyOptional({
    example: '2025-06-30T12:00:00Z',
    description:
      'Recorded instant: the log up to this instant (recorded_at ≤ instant), judged on its Stockholm date. Not after now; not with `date`.',
  })
  @IsOptional()
  @IsPastInstant()
  instant?: string;
}
