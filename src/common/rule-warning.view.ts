import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RuleWarning } from '../../machines/kernel/refusal';

/** A rule's warning as an answer shows it: it did not block the step, and travels with the record. */
export class RuleWarningView implements RuleWarning {
  @ApiProperty({ type: String, example: 'MOTIVATION_TOO_LATE' }) code: RuleWarning['code'];
  @ApiProperty({ example: 'R-H14' }) ruleId: string;
  @ApiProperty() message: string;
  @ApiProperty() messageSv: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
}
