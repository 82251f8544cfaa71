import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { DELEGATION_KINDS, type DelegationKind } from '../../../machines/delegation/delegation.types';
import { IsLocalDate, IsLongText, IsPastDate, IsText } from '../../common/validators';
import { MatterDto } from '../dto/decision.dto';

export class DelegatePersonDto {
  @ApiProperty({ example: 'Anna Berg' }) @IsText(200) name: string;
  @ApiPropertyOptional({ example: 'Socialchef' }) @IsOptional() @IsText(200) title?: string;
}

/** A delegationsbeslut (KL 6 kap. 37 §) or an ordförandebeslut in a brådskande case (6 kap. 39 §), R-I9, R-H17. */
export class RecordDelegationDecisionDto {
  @ApiProperty({ enum: DELEGATION_KINDS, example: 'DELEGATIONSBESLUT' })
  @IsIn(DELEGATION_KINDS)
  kind: DelegationKind;
  @ApiProperty({ example: 'D 2026/12', description: 'The number of the decision in the delegationslista' })
  @IsText(30)
  number: string;
  @ApiProperty({
    type: DelegatePersonDto,
    description: 'The delegate who decided (for an ordförandebeslut: the chair)',
  })
  @IsObject()
  @ValidateNested()
  @Type(() => DelegatePersonDto)
  delegate: DelegatePersonDto;
  @ApiProperty({ example: '3.2', description: 'The point of the delegationsordning the delegate decided under' })
  @IsText(100)
  point: string;
  @ApiProperty({ example: '2026-10-05', description: 'Not after today' }) @IsPastDate() decidedOn: string;
  @ApiProperty({ type: MatterDto })
  @IsObject()
  @ValidateNested()
  @Type(() => MatterDto)
  matter: MatterDto;
  @ApiProperty({ example: 'Bistånd beviljas enligt ansökan.' }) @IsLongText(10000) decision: string;
  @ApiPropertyOptional({
    description: 'The body the delegationsordning says it is reported to; the deciding body unless given',
  })
  @IsOptional()
  @IsUUID()
  reportToBodyId?: string;
}

/** The anmälan of a delegationsbeslut at a meeting of the body it is reported to (KL 6 kap. 40 §, R-I9). */
export class ReportDelegationDecisionDto {
  @ApiProperty({ description: 'The meeting it is reported at' }) @IsUUID() meetingId: string;
  @ApiProperty({
    example: '§ 45',
    description:
      "The meeting's paragraph of anmälan av delegationsbeslut; each reported decision is '§ 45: <its number>'",
  })
  @IsText(16)
  paragraphNumber: string;
  @ApiPropertyOptional({
    description: 'R-H17: why an ordförandebeslut is reported at a later meeting than the next one',
  })
  @IsOptional()
  @IsText(1000)
  lateReason?: string;
}

/** A delegationsbeslut's own tillkännagivande on the municipality's anslagstavla (R-I9): its appeal period runs from it. */
export class AnnounceDelegationDecisionDto {
  @ApiProperty({ example: '2026-10-07', description: 'The day the notice went up; not after today' })
  @IsPastDate()
  postedOn: string;
  @ApiPropertyOptional({ example: 'Kommunkansliet, Storgatan 1', description: 'R-I4: where the decision is kept' })
  @IsOptional()
  @IsText(500)
  keptAt?: string;
  @ApiPropertyOptional({ description: 'R-I4: the day it is taken down (not before the appeal period has run out)' })
  @IsOptional()
  @IsLocalDate()
  takenDownOn?: string;
}
