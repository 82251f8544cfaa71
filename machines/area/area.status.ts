/**
 * What the recorded area means (RULEBOOK R-F1, R-C8, R-C9; §4.2 G3): the outcome of the decision stage, whether the
 * area counts as inside the collaboration on a date, what it waits for and since when, and each event's legal date.
 * Pure: the parties' statuses on a date come from the service (MembershipService), never from a database.
 */
import { refusal, type Refusal } from '../kernel/refusal';
import type { EventOf as KernelEventOf } from '../kernel/rule-table';
import { unsignedCodes } from './area.rules';
import type { AreaContext, AreaEvent, DecisionOutcome, LocalDate, Participant, PartiesOn } from './area.types';

type EventOf<T extends AreaEvent['type']> = KernelEventOf<AreaEvent, T>;

/** The membership statuses in which a municipality is an active party on a date (R-F1; through its exit date, R-C7). */
export const ACTIVE_PARTY_STATUSES: ReadonlySet<string> = new Set(['ACTIVE', 'LEAVING']);

export function isActiveParty(status: string): boolean {
  return ACTIVE_PARTY_STATUSES.has(status);
}

/** The participants once this decision is recorded. */
export function withDecision(context: AreaContext, event: EventOf<'PARTICIPATION_DECIDED'>): Participant[] {
  return context.participants.map((p) =>
    p.code === event.municipalityCode ? { ...p, answer: event.answer, decision: event.decision } : p,
  );
}

export function allDecided(participants: Participant[]): boolean {
  return participants.every((p) => p.answer || p.registeredExisting);
}

/** Who said what, and which yes-sayers are active parties on `parties.on` (R-F1: a non-party never counts). */
export function outcomeOf(participants: Participant[], parties: PartiesOn): DecisionOutcome {
  const yes = participants.filter((p) => p.answer === 'YES' || p.registeredExisting).map((p) => p.code);
  const no = participants.filter((p) => p.answer === 'NO').map((p) => p.code);
  const partyYes = yes.filter((c) => parties.codes.includes(c));
  return {
    judgedOn: parties.on,
    parties,
    yes,
    no,
    partyYes,
    nonPartyYes: yes.filter((c) => !partyYes.includes(c)),
    inside: partyYes.length >= 2,
  };
}

/** G3 (R-F1): at least two active parties take part; otherwise why not, naming who said what. */
export function insideReason(o: DecisionOutcome): Refusal | null {
  if (o.inside) return null;
  const who = `yes: ${o.yes.join(', ') || '–'}; no: ${o.no.join(', ') || '–'}; yes and a party on ${o.judgedOn}: ${o.partyYes.join(', ') || '–'}`;
  const vem = `ja: ${o.yes.join(', ') || '–'}; nej: ${o.no.join(', ') || '–'}; ja och part ${o.judgedOn}: ${o.partyYes.join(', ') || '–'}`;
  return refusal(
    'AREA_OUTSIDE_COLLABORATION',
    'G3',
    `Fewer than two parties of the collaboration take part (${who}), so the area is not inside the collaboration (R-F1); it can go on only as a collaboration outside it.`,
    `Färre än två parter i samverkan deltar (${vem}), så området ligger inte inom samverkan (R-F1); det kan bara fortsätta som samverkan utanför den.`,
    { yes: o.yes, no: o.no, partyYes: o.partyYes, nonPartyYes: o.nonPartyYes, judgedOn: o.judgedOn },
  );
}

/** G3 as the machine asks it: the last decision completes the stage, and at least two parties said yes. */
export function completesInside(context: AreaContext, event: EventOf<'PARTICIPATION_DECIDED'>): boolean {
  const after = withDecision(context, event);
  return allDecided(after) && outcomeOf(after, event.parties).inside;
}

export function completesStage(context: AreaContext, event: EventOf<'PARTICIPATION_DECIDED'>): boolean {
  return allDecided(withDecision(context, event));
}

// ---------------------------------------------------------------- inside on a date (R-F1, R-C8, R-C9)

export interface InsideOn {
  asOf: LocalDate;
  /** null while the decision stage has no outcome (the participants' decisions are not all in). */
  inside: boolean | null;
  yes: string[];
  partyYes: string[];
  nonPartyYes: string[];
  reason: Refusal | null;
}

/**
 * Whether the area counts as inside the collaboration on `asOf` (R-F1): at least two participants that take part
 * and are active parties on that date. It changes when a participant's exit takes effect (R-C9), while the area's
 * own agreement and state go on (R-C8). `partyStatuses` is each municipality's membership status on `asOf`.
 */
export function insideOn(context: AreaContext, partyStatuses: Record<string, string>, asOf: LocalDate): InsideOn {
  const codes = Object.entries(partyStatuses)
    .filter(([, status]) => isActiveParty(status))
    .map(([code]) => code);
  const o = outcomeOf(context.participants, { on: asOf, codes });
  // Once the decision stage has come to an outcome (or the area was registered existing): an annulment in operation
  // takes its participant out of the count without undoing the outcome (R-I8).
  const decided = context.outcome !== undefined;
  return {
    asOf,
    inside: decided ? o.inside : null,
    yes: o.yes,
    partyYes: o.partyYes,
    nonPartyYes: o.nonPartyYes,
    reason: decided ? insideReason(o) : null,
  };
}

// ---------------------------------------------------------------- what the area waits for, and since when

export interface WaitingFor {
  kind: 'DECISION' | 'DOCUMENT' | 'STEP' | 'SIGNATURE';
  /** What exactly: a step or document name (stable English keys). */
  what: string;
  municipalityCode?: string;
  since: LocalDate | null;
}

/** The open items of the area's current stage (the coordinator's view), each since the day the stage was entered. */
export function waitingFor(context: AreaContext, state: string): WaitingFor[] {
  const since = context.stageSince ?? null;
  const stage = state.split('.')[0];
  const step = (what: string): WaitingFor => ({ kind: 'STEP', what, since });
  switch (stage) {
    case 'ide':
      return [step('FORANKRING_STARTED')];
    case 'forankring':
      return [
        ...(context.assignment ? [] : [step('KDG_ASSIGNED')]),
        ...(context.councilInformedOn ? [] : [step('COUNCIL_INFORMED')]),
        ...(context.assignment && context.councilInformedOn ? [step('FORSTUDIE_STARTED')] : []),
      ];
    case 'forstudie':
      return context.report ? [step('DECISIONS_REQUESTED')] : [{ kind: 'DOCUMENT', what: 'FORSTUDIE_REPORT', since }];
    case 'beslut':
    case 'beredning': // area v2's name of stage 3
      return context.participants
        .filter((p) => !p.answer && !p.registeredExisting)
        .map((p) => ({ kind: 'DECISION', what: 'PARTICIPATION_DECISION', municipalityCode: p.code, since }));
    case 'formalisering':
      if (!context.formalisation) return [{ kind: 'DOCUMENT', what: 'GOVERNING_DOCUMENTS', since }];
      return unsignedCodes(context).length
        ? unsignedCodes(context).map((c) => ({
            kind: 'SIGNATURE',
            what: 'AGREEMENT_SIGNATURE',
            municipalityCode: c,
            since: context.formalisation?.formalisedOn ?? since,
          }))
        : [step('OPERATION_STARTED')];
    case 'pausad':
      return [step('AREA_RESUMED')];
    case 'revidering':
      return [step('REVISION_DECIDED')];
    case 'uppfoljning':
      return [{ kind: 'DOCUMENT', what: 'FOLLOW_UP_REPORT', since }];
    default:
      return [];
  }
}

// ---------------------------------------------------------------- legal dates (D13)

/** The local date each event concerns, from its own data. */
export function areaLegalDate(event: AreaEvent): LocalDate | null {
  switch (event.type) {
    case 'AREA_PROPOSED':
      return event.proposedOn;
    case 'AREA_REGISTERED_EXISTING':
      return event.registeredOn;
    case 'FORANKRING_STARTED':
    case 'FORSTUDIE_STARTED':
    case 'OPERATION_STARTED':
    case 'FOLLOW_UP_STARTED':
    case 'REVISION_STARTED':
      return event.startedOn;
    case 'KDG_ASSIGNED':
      return event.assignedOn;
    case 'COUNCIL_INFORMED':
      return event.informedOn;
    case 'COUNCIL_DECIDED':
    case 'REVISION_DECIDED':
      return event.decidedOn;
    case 'REPORT_SUBMITTED':
      return event.submittedOn;
    case 'DECISIONS_REQUESTED':
      return event.requestedOn;
    case 'PARTICIPATION_DECIDED':
      return event.decision.date;
    case 'AREA_FORMALISED':
      return event.formalisedOn;
    case 'AGREEMENT_SIGNED':
      return event.signedOn;
    case 'FOLLOW_UP_REPORTED':
      return event.reportedOn;
    case 'AREA_WOUND_DOWN':
      return event.woundDownOn;
    case 'AREA_PAUSED':
      return event.pausedOn;
    case 'AREA_RESUMED':
      return event.resumedOn;
    case 'AREA_CLOSED':
      return event.closedOn;
    case 'DECISION_ANNULLED':
      return event.annulledOn;
    default:
      return null;
  }
}

/**
 * R-G4: the parties of an area's agreement, whom its cost rule may invoice: the participants still taking part (one
 * that said no has left the area, R-F2), whether or not they are parties of the collaboration (R-G7).
 */
export function agreementParties(context: Pick<AreaContext, 'participants'>): string[] {
  return context.participants.filter((p) => p.answer !== 'NO').map((p) => p.code);
}
