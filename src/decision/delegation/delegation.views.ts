import { ApiProperty } from '@nestjs/swagger';
import { DELEGATION_KINDS, type DelegationKind } from '../../../machines/delegation/delegation.types';
import { DecisionView } from '../decision.views';

export class DelegationBodyView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'NAMND' }) kind: string;
  @ApiProperty() name: string;
}

export class DelegateView {
  @ApiProperty({ example: 'Anna Berg' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: 'Socialchef' }) title: string | null;
}

export class DelegationMatterView {
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true, example: 'SN 2026/77' }) diarienummer: string | null;
  @ApiProperty({ type: String, nullable: true }) diarium: string | null;
}

// The paragraph as GET /decisions/{id} answers it, or null.
const DECISION_VIEW = { type: () => DecisionView, nullable: true } as const;

/** What a client sees of a delegationsbeslut: as recorded, and its anmälan (the paragraph reporting it) once made. */
export class DelegationDecisionView {
  @ApiProperty() id: string;
  @ApiProperty({ example: '1438' }) municipalityCode: string;
  @ApiProperty({ type: DelegationBodyView }) body: DelegationBodyView;
  @ApiProperty() reportToBodyId: string;
  @ApiProperty({ enum: DELEGATION_KINDS }) kind: DelegationKind;
  @ApiProperty({ example: 'D 2026/12' }) number: string;
  @ApiProperty({ type: DelegateView }) delegate: DelegateView;
  @ApiProperty({ example: '3.2', description: 'The point of the delegationsordning' }) point: string;
  @ApiProperty({ example: '2026-10-05' }) decidedOn: string;
  @ApiProperty({ type: DelegationMatterView }) matter: DelegationMatterView;
  @ApiProperty() decision: string;
  /**
   * AWAITING_ANMALAN until reported or announced; then the protocol status of its anmälan or of its own
   * tillkännagivande (DRAFT .. ANSLAGET .. FINAL, ANNULLED).
   */
  @ApiProperty({
    example: 'AWAITING_ANMALAN',
    description:
      'AWAITING_ANMALAN until reported or announced; then the protocol status of its anmälan or own tillkännagivande',
  })
  status: string;
  /** R-I9: the anmälan, a paragraph of the reporting meeting: its appeal period runs from that protocol's anslag. */
  @ApiProperty({
    ...DECISION_VIEW,
    description: 'R-I9: the anmälan, a paragraph (a decision, as GET /decisions/{id}) of the reporting meeting',
  })
  anmalan: DecisionView | null;
  /**
   * R-I9: its own tillkännagivande on the notice board (anslagOn, appealLastDay, keptAt, takenDownOn, appeals): its
   * appeal period runs from that notice. A delegationsbeslut has an anmälan or an own tillkännagivande, never both.
   */
  @ApiProperty({
    ...DECISION_VIEW,
    description: 'R-I9: its own tillkännagivande (a decision, as GET /decisions/{id}); never beside an anmälan',
  })
  tillkannagivande: DecisionView | null;
}
