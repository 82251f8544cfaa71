import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { holderOn } from '../../machines/council/council.rules';
import {
  COUNCIL_SEATS,
  type CouncilContext,
  type CouncilRecord,
  type SeatHolder,
} from '../../machines/council/council.types';
import type { InstanceView, TransitionView } from '../workflow/workflow.types';

/** What the council is, said with every answer (R-E2, R-G8, G5). */
export const COUNCIL_STATUS = {
  decisionMaking: false,
  en: 'Samverkansrådet is not a decision-making body (SEED-AF §5): its records inform, discuss or recommend; none decides, approves or moves any workflow.',
  sv: 'Samverkansrådet är inte ett beslutande organ (avsiktsförklaringen §5): dess anteckningar informerar, diskuterar eller rekommenderar; ingen beslutar, godkänner eller driver något ärende.',
} as const;

const NO_EFFECT = {
  en: 'No legal effect: a council record decides and approves nothing (R-E2).',
  sv: 'Ingen rättsverkan: en anteckning av rådet beslutar och godkänner ingenting (R-E2).',
};
const NO_APPROVAL = {
  en: 'Information for full transparency: it approves no cost arrangement (R-G8).',
  sv: 'Information för full transparens: den godkänner ingen kostnadsfördelning (R-G8).',
};

export class SeatHolderView {
  @ApiProperty({ example: '1492' }) municipality: string;
  @ApiProperty({ enum: COUNCIL_SEATS }) seat: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional() politicalParty?: string;
  @ApiProperty() from: string;
  @ApiPropertyOptional() to?: string;
  @ApiPropertyOptional({ description: 'R-E1: the person "motsvarande" and the basis' })
  equivalent?: { office: string; basis: string };
  @ApiPropertyOptional() note?: string;
}

export class PartySeatsView {
  @ApiProperty() municipality: { code: string; name: string };
  @ApiProperty({ type: SeatHolderView, nullable: true }) kso: SeatHolderView | null;
  @ApiProperty({ type: SeatHolderView, nullable: true }) oppositionsrad: SeatHolderView | null;
}

export class CouncilRecordView {
  @ApiProperty() recordId: string;
  @ApiProperty({ enum: ['INFORMATION', 'DISCUSSION', 'RECOMMENDATION', 'MINNESANTECKNINGAR'] }) kind: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional() text?: string;
  @ApiProperty() recordedOn: string;
  @ApiPropertyOptional() meetingId?: string;
  @ApiPropertyOptional() subject?: string;
  @ApiPropertyOptional() note?: string;
  @ApiProperty({ enum: ['NONE'] }) legalEffect: 'NONE';
  @ApiProperty() legalEffectNote: { en: string; sv: string };
}

export class CouncilMeetingView {
  @ApiProperty() meetingId: string;
  @ApiProperty() date: string;
  @ApiProperty() place: string;
  @ApiPropertyOptional() note?: string;
}

export class CouncilView {
  @ApiProperty() collaboration: string;
  @ApiProperty() asOf: string;
  @ApiProperty({ nullable: true, type: String, description: 'null until something is recorded' })
  workflowId: string | null;
  @ApiProperty() version: number;
  @ApiProperty() status: { decisionMaking: false; en: string; sv: string };
  @ApiProperty({ type: [PartySeatsView], description: 'R-E1: every party and who holds its two seats on asOf' })
  parties: PartySeatsView[];
  @ApiProperty({ type: [SeatHolderView], description: 'Every tenure, in the order recorded' })
  seatHistory: SeatHolderView[];
  @ApiProperty({ type: [CouncilMeetingView] }) meetings: CouncilMeetingView[];
  @ApiProperty({ type: [CouncilRecordView] }) records: CouncilRecordView[];
}

export class CouncilWriteView extends CouncilView {
  @ApiProperty({ description: 'The log row of the council workflow' }) transition: TransitionView;
  @ApiProperty() replayed: boolean;
}

export function recordView(r: CouncilRecord): CouncilRecordView {
  return { ...r, legalEffect: 'NONE', legalEffectNote: r.subject === 'COST_ARRANGEMENT' ? NO_APPROVAL : NO_EFFECT };
}

const seatView = (s: SeatHolder | undefined): SeatHolderView | null => (s ? { ...s } : null);

const EMPTY: CouncilContext = { collaboration: '', seats: [], meetings: [], records: [] };

/** The council as the API shows it: each party's seats on `asOf`, the meetings and the records. */
export function councilView(
  slug: string,
  parties: Array<{ code: string; name: string }>,
  instance: InstanceView | null,
  asOf: string,
): CouncilView {
  const context = (instance?.context as CouncilContext | undefined) ?? EMPTY;
  return {
    collaboration: slug,
    asOf,
    workflowId: instance?.id ?? null,
    version: instance?.version ?? 0,
    status: COUNCIL_STATUS,
    parties: parties.map((p) => ({
      municipality: p,
      kso: seatView(holderOn(context, p.code, 'KSO', asOf)),
      oppositionsrad: seatView(holderOn(context, p.code, 'OPPOSITIONSRAD', asOf)),
    })),
    seatHistory: context.seats.map((s) => ({ ...s })),
    meetings: context.meetings.map((m) => ({ ...m })),
    records: context.records.map(recordView),
  };
}
