import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Min } from 'class-validator';
import { IsPastDate, IsText } from '../../common/validators';
import { MONTH_PATTERN } from './cost-rule.dto';

/** Fields every event of a cost rule may carry. */
export class CostRuleEventBaseDto {
  @ApiProperty()
  @IsString()
  type: string;

  @ApiPropertyOptional({ description: 'The version the client read; 409 VERSION_CONFLICT if it changed' })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number;

  @ApiPropertyOptional({ description: 'Free text kept with the record (for example where the data comes from)' })
  @IsOptional()
  @IsText(2000)
  note?: string;
}

export class CostRuleAdoptedDto extends CostRuleEventBaseDto {
  @ApiProperty({ enum: ['COST_RULE_ADOPTED'] })
  declare type: 'COST_RULE_ADOPTED';

  @ApiProperty({ example: '2022-10-31' })
  @IsPastDate()
  adoptedOn: string;

  @ApiProperty({ description: 'What puts the rule in force: the agreement, decision or document (R-G1; R-G8)' })
  @IsText(500)
  basis: string;
}

export class CostRuleCouncilInformedDto extends CostRuleEventBaseDto {
  @ApiProperty({ enum: ['COUNCIL_INFORMED'] })
  declare type: 'COUNCIL_INFORMED';

  @ApiProperty({ example: '2022-10-20', description: 'R-G8: recorded; information is not approval' })
  @IsPastDate()
  informedOn: string;
}

export class CostRuleEndedDto extends CostRuleEventBaseDto {
  @ApiProperty({ enum: ['COST_RULE_ENDED'] })
  declare type: 'COST_RULE_ENDED';

  @ApiProperty({ example: '2025-12', description: 'The last month the rule covers' })
  @IsText(7)
  @Matches(MONTH_PATTERN, { message: 'endMonth must be a month YYYY-MM' })
  endMonth: string;

  @ApiProperty({ example: '2025-11-15' })
  @IsPastDate()
  endedOn: string;

  @ApiProperty()
  @IsText(500)
  reason: string;
}

/** The events a client sends to `/cost-rules/{id}/events` (runs and credits have their own endpoints). */
export const COST_RULE_EVENT_DTOS = {
  COST_RULE_ADOPTED: CostRuleAdoptedDto,
  COUNCIL_INFORMED: CostRuleCouncilInformedDto,
  COST_RULE_ENDED: CostRuleEndedDto,
};
