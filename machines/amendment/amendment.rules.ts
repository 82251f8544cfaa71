/**
 * The rules of an amendment of the declaration (avsiktsförklaringen §15; RULEBOOK R-D1..R-D5, R-D9; DECISIONS D2..D4).
 * Pure functions over the machine's context and an event: each check returns null or the Refusal naming its rule;
 * the machine's guards are built from the same functions. Which parties count on a date is the host's to compute
 * from the memberships (machines read nothing): it passes them with each approval, and countsForAmendment says
 * which membership statuses count.
 */
import { refusal, type Refusal } from '../kernel/refusal';
import { genitiveSv } from '../kernel/swedish-genitive';
import { compareDates } from '../calendar/calendar';
import { ORGAN_NAMES } from '../membership/entry.rules';
import type { MembershipStatus } from '../membership/membership.types';
import type {
  AmendmentContext,
  AmendmentEvent,
  AmendmentStatus,
  Approval,
  InForcePeriod,
  LocalDate,
} from './amendment.types';

type EventOf<T extends AmendmentEvent['type']> = Extract<AmendmentEvent, { type: T }>;

const later = (a: LocalDate, b: LocalDate) => (compareDates(a, b) >= 0 ? a : b);

/**
 * R-D4: who is a party on a date. A party with a pending exit (LEAVING) still counts; one whose exit has taken effect
 * (EXITED) does not, nor a municipality that never completed its entry (NOT_MEMBER).
 */
export function countsForAmendment(status: MembershipStatus): boolean {
  return status === 'ACTIVE' || status === 'LEAVING' || status === 'SIGNED_NOT_IN_FORCE';
}

/** The approvals that stand: not annulled (R-C11). */
export function standingApprovals(context: Pick<AmendmentContext, 'approvals'>): Approval[] {
  return context.approvals.filter((a) => !a.voidedOn);
}

/** R-D1, R-D2, R-D4: a counting party approves once, by its competent organ, the amendment's own text. */
export function checkApproval(context: AmendmentContext, event: EventOf<'AMENDMENT_APPROVED'>): Refusal | null {
  const counted = event.countingParties.find((p) => p.code === event.party);
  if (!counted) {
    return refusal(
      'NOT_PARTY_ON_DATE',
      'R-D4',
      `Municipality ${event.party} was not a party of ${context.collaboration} on ${event.decision.date} (never entered, or its exit had taken effect), so its approval does not count.`,
      `Kommun ${event.party} var inte part i ${context.collaboration} den ${event.decision.date} (inträdet fullbordades aldrig, eller utträdet hade fått verkan), så dess godkännande räknas inte.`,
      { party: event.party, on: event.decision.date, countingParties: event.countingParties.map((p) => p.code) },
    );
  }
  if (event.decision.organ !== counted.organ) {
    return refusal(
      'WRONG_DECISION_ORGAN',
      'R-D2',
      `An amendment is approved for ${event.party} by ${ORGAN_NAMES[counted.organ].en} (D2); this decision was taken by ${ORGAN_NAMES[event.decision.organ]?.en ?? event.decision.organ}.`,
      `En ändring godkänns för ${event.party} av ${ORGAN_NAMES[counted.organ].sv} (D2); detta beslut är fattat av ${ORGAN_NAMES[event.decision.organ]?.sv ?? event.decision.organ}.`,
      { requiredOrgan: counted.organ, organ: event.decision.organ },
    );
  }
  if (event.decision.documentHash && event.decision.documentHash !== context.document.sha256) {
    return refusal(
      'VERSION_MISMATCH',
      'R-D1',
      'The decision approves another text than the amendment (its SHA-256 differs); an amendment is approved in writing, as written.',
      'Beslutet godkänner en annan text än ändringen (SHA-256 skiljer sig); en ändring godkänns skriftligen, så som den är skriven.',
      { approvedHash: event.decision.documentHash, amendmentHash: context.document.sha256 },
    );
  }
  if (standingApprovals(context).some((a) => a.party === event.party)) {
    return refusal(
      'AMENDMENT_ALREADY_APPROVED',
      'R-D1',
      `${event.party}'s approval of this amendment is already recorded.`,
      `${genitiveSv(event.party)} godkännande av denna ändring är redan registrerat.`,
      { party: event.party },
    );
  }
  return null;
}

/** R-D5: Samverkansrådet is not a decision-making body and KDG adopts only supplementary documents. */
export function checkJointBodyApproval(
  _context: AmendmentContext,
  event: EventOf<'JOINT_BODY_APPROVED'>,
): Refusal | null {
  const body =
    event.body === 'KDG'
      ? ['KDG (the municipal directors’ group)', 'KDG (kommundirektörsgruppen)']
      : ['Samverkansrådet', 'Samverkansrådet'];
  return refusal(
    'NOT_COMPETENT',
    'R-D5',
    `${body[0]} cannot approve an amendment of the declaration: it must be approved in writing by every municipality that is a party (R-D1).`,
    `${body[1]} kan inte godkänna en ändring av avsiktsförklaringen: den ska godkännas skriftligen av varje kommun som är part (R-D1).`,
    { body: event.body },
  );
}

/** R-C11: an annulment must name a decision behind a standing approval of this amendment. */
export function checkAmendmentAnnulment(
  context: AmendmentContext,
  event: EventOf<'DECISION_ANNULLED'>,
): Refusal | null {
  if (standingApprovals(context).some((a) => a.decision.decisionId === event.decisionId)) return null;
  return refusal(
    'DECISION_NOT_IN_WORKFLOW',
    'R-C11',
    'The annulled decision is not a standing approval of this amendment.',
    'Det upphävda beslutet är inte ett gällande godkännande av denna ändring.',
    { decisionId: event.decisionId },
  );
}

/**
 * R-D1, R-D3: the amendment is adopted when every party counted on the date of the last approval has approved; it is
 * in force from that date, or from the later date it states. Null while an approval is missing.
 */
export function adoptionOf(context: Pick<AmendmentContext, 'approvals' | 'statedEffectiveDate'>): InForcePeriod | null {
  const standing = standingApprovals(context);
  if (!standing.length) return null;
  const last = standing.reduce((a, b) => (compareDates(b.decision.date, a.decision.date) >= 0 ? b : a));
  const approved = new Set(standing.map((a) => a.party));
  if (!last.countingParties.every((p) => approved.has(p.code))) return null;
  const lastApprovalOn = last.decision.date;
  const from = context.statedEffectiveDate ? later(context.statedEffectiveDate, lastApprovalOn) : lastApprovalOn;
  return { from, lastApprovalOn };
}

/** The context after recording an approval (the machine's action and its completion guard use the same). */
export function withApproval(context: AmendmentContext, event: EventOf<'AMENDMENT_APPROVED'>): AmendmentContext {
  const approval: Approval = { party: event.party, decision: event.decision, countingParties: event.countingParties };
  return { ...context, approvals: [...context.approvals, approval] };
}

/** Whether the amendment is in force on date d (D3): a period covers it. */
export function inForceOn(context: AmendmentContext, d: LocalDate): InForcePeriod | undefined {
  return context.inForce.find((p) => compareDates(p.from, d) <= 0 && (!p.until || compareDates(d, p.until) < 0));
}

/** The status on date d: in force, adopted but waiting for its stated date, or proposed (approvals missing). */
export function amendmentStatusOn(context: AmendmentContext, d: LocalDate): AmendmentStatus {
  if (inForceOn(context, d)) return 'IN_FORCE';
  const open = context.inForce[context.inForce.length - 1];
  if (open && !open.until && compareDates(open.lastApprovalOn, d) <= 0) return 'ADOPTED_NOT_IN_FORCE';
  return 'PROPOSED';
}

/** The current (open) period, if the amendment stands adopted. */
export function currentAdoption(context: AmendmentContext): InForcePeriod | undefined {
  const open = context.inForce[context.inForce.length - 1];
  return open && !open.until ? open : undefined;
}

export interface DeclarationVersionRef {
  version: string;
  inForceFrom: LocalDate;
  documentVersionId?: string;
  sha256?: string;
  amendmentId?: string;
}

/**
 * R-D9, D3: the declaration's version in force on d: the latest amendment in force by then (the one that came into
 * force last), or the original.
 */
export function declarationInForceOn(
  original: DeclarationVersionRef,
  amendments: AmendmentContext[],
  d: LocalDate,
): DeclarationVersionRef {
  let best: DeclarationVersionRef = original;
  for (const a of amendments) {
    const period = inForceOn(a, d);
    if (period && compareDates(period.from, best.inForceFrom) >= 0) {
      best = {
        version: a.document.version,
        inForceFrom: period.from,
        documentVersionId: a.document.versionId,
        sha256: a.document.sha256,
        amendmentId: a.amendmentId,
      };
    }
  }
  return best;
}

/** The legal date each event concerns (D13). */
export function amendmentLegalDate(event: AmendmentEvent): LocalDate | null {
  switch (event.type) {
    case 'AMENDMENT_APPROVED':
      return event.decision.date;
    case 'JOINT_BODY_APPROVED':
      return event.decidedOn;
    case 'DECISION_ANNULLED':
      return event.annulledOn;
    default:
      return null;
  }
}
