import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  amendmentStatusOn,
  currentAdoption,
  inForceOn,
  standingApprovals,
} from '../../machines/amendment/amendment.rules';
import type { AmendmentContext, AmendmentStatus, CountingParty } from '../../machines/amendment/amendment.types';
import { TransitionView, type InstanceView } from '../workflow/workflow.types';

export class AmendmentDocumentView {
  @ApiProperty() key: string;
  @ApiProperty() versionId: string;
  @ApiProperty() version: string;
  @ApiProperty({ description: 'SHA-256 of the exact text (R-D1)' }) sha256: string;
}

export class ApprovalView {
  @ApiProperty({ example: '1460' }) party: string;
  @ApiProperty({ enum: ['KF', 'KS', 'NAMND'] }) organ: string;
  @ApiProperty({ example: '2026-02-23' }) decidedOn: string;
  @ApiPropertyOptional() decisionId?: string;
  @ApiPropertyOptional() paragraph?: string;
  @ApiPropertyOptional({ description: 'Annulled (upphävt) on this day: the approval no longer counts (R-C11)' })
  voidedOn?: string;
}

export class InForcePeriodView {
  @ApiProperty() from: string;
  @ApiProperty() lastApprovalOn: string;
  @ApiPropertyOptional({ description: 'No longer in force from this day (an approval was annulled)' }) until?: string;
}

export class AmendmentView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'dalslandssamverkan' }) collaboration: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: AmendmentDocumentView }) document: AmendmentDocumentView;
  @ApiPropertyOptional({ description: 'D3: the later date it states' }) statedEffectiveDate?: string;
  @ApiPropertyOptional({ description: 'D4: the municipality it adds as a party' }) addsParty?: string;
  @ApiProperty() registeredOn: string;
  @ApiPropertyOptional() note?: string;
  @ApiProperty() asOf: string;
  @ApiProperty({ enum: ['PROPOSED', 'ADOPTED_NOT_IN_FORCE', 'IN_FORCE'], description: 'On asOf' })
  status: AmendmentStatus;
  @ApiPropertyOptional({ description: 'In force from (on asOf, or from the day it will be, when adopted)' })
  inForceFrom?: string;
  @ApiProperty({ type: [ApprovalView] }) approvals: ApprovalView[];
  @ApiProperty({
    type: [String],
    description: 'While proposed: the parties counted on asOf (R-D4) whose approval is missing (R-D1)',
  })
  awaitingApprovalOf: string[];
  @ApiProperty({ type: [InForcePeriodView] }) inForce: InForcePeriodView[];
  @ApiProperty() state: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: [String] }) allowedEvents: string[];
  @ApiProperty() workflowId: string;
}

export class AmendmentEventResultView extends AmendmentView {
  @ApiProperty({ type: TransitionView, description: 'The log row' }) transition: TransitionView;
  @ApiProperty() replayed: boolean;
  @ApiPropertyOptional({
    description: 'D4: the membership workflow of the party the amendment added, when it came into force now',
  })
  addedParty?: string;
}

/** An amendment as the API shows it on `asOf`; `counting` are the parties counted on asOf (R-D4), with their organs. */
export function amendmentView(
  id: string,
  instance: InstanceView,
  asOf: string,
  counting: CountingParty[],
): AmendmentView {
  const c = instance.context as AmendmentContext;
  const status = amendmentStatusOn(c, asOf);
  const period = inForceOn(c, asOf) ?? currentAdoption(c);
  const approved = new Set(standingApprovals(c).map((a) => a.party));
  const view: AmendmentView = {
    id,
    collaboration: c.collaboration,
    title: c.title,
    document: c.document,
    registeredOn: c.registeredOn,
    asOf,
    status,
    approvals: c.approvals.map((a) => {
      const v: ApprovalView = { party: a.party, organ: a.decision.organ, decidedOn: a.decision.date };
      if (a.decision.decisionId) v.decisionId = a.decision.decisionId;
      if (a.decision.paragraph) v.paragraph = a.decision.paragraph;
      if (a.voidedOn) v.voidedOn = a.voidedOn;
      return v;
    }),
    awaitingApprovalOf: status === 'PROPOSED' ? counting.map((p) => p.code).filter((code) => !approved.has(code)) : [],
    inForce: c.inForce,
    state: instance.state,
    version: instance.version,
    allowedEvents: instance.allowedEvents,
    workflowId: instance.id,
  };
  if (c.statedEffectiveDate) view.statedEffectiveDate = c.statedEffectiveDate;
  if (c.addsParty) view.addsParty = c.addsParty;
  if (c.note) view.note = c.note;
  if (period && status !== 'PROPOSED') view.inForceFrom = period.from;
  return view;
}
