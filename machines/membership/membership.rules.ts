/**
 * The membership rules of a collaboration (avsiktsförklaringen §9, §13; RULEBOOK B, C, L; DECISIONS D1, D5, D6,
 * D12). Pure functions over the machine's context and an event: each check returns null or the Refusal that
 * names its rule. The machine's guards are built from these same functions.
 */
import { refusal, type Refusal, type RuleWarning } from '../kernel/refusal';
import type { EventOf as KernelEventOf } from '../kernel/rule-table';
import {
  addDays,
  compareDates,
  earliestExitDate,
  isThirtyFirstDecember,
  toStockholmDate,
  year,
} from '../calendar/calendar';
import type {
  DecisionRef,
  ExitRequest,
  LocalDate,
  MembershipContext,
  MembershipEvent,
  MembershipPeriod,
  MembershipSettings,
  MembershipStatus,
  Signatory,
} from './membership.types';

type EventOf<T extends MembershipEvent['type']> = KernelEventOf<MembershipEvent, T>;

const ORGAN_NAMES: Record<string, { sv: string; en: string }> = {
  KF: { sv: 'kommunfullmäktige', en: 'the municipal council (kommunfullmäktige)' },
  KS: { sv: 'kommunstyrelsen', en: 'the municipal executive board (kommunstyrelsen)' },
  NAMND: { sv: 'en nämnd', en: 'a committee (nämnd)' },
};

const max = (...dates: LocalDate[]): LocalDate => dates.reduce((a, b) => (compareDates(a, b) >= 0 ? a : b));

/**
 * The events whose rules depend on the collaboration's settings (D1 request date, R-B2 entry organ): the host adds
 * the settings in force to them, so the log shows what each was judged under.
 */
export const EVENTS_JUDGED_BY_SETTINGS: ReadonlySet<string> = new Set([
  'FULLMAKTIGE_ADOPTED_DECLARATION',
  'FULLMAKTIGE_REQUESTED_EXIT',
  'EXIT_NOTICE_DELIVERED',
  'EXIT_REQUEST_WITHDRAWN',
]);

// ---------------------------------------------------------------- entry (R-B1..R-B5, D5)

/** R-B2 (and R-B1): the entry decision must be taken by fullmäktige (or the organ the collaboration's settings name). */
export function checkEntryDecision(
  context: MembershipContext,
  event: EventOf<'FULLMAKTIGE_ADOPTED_DECLARATION'>,
): Refusal | null {
  const required = event.settings?.entryDecisionOrgan ?? 'KF';
  if (event.decision.organ !== required) {
    return refusal(
      'WRONG_DECISION_ORGAN',
      'R-B2',
      `Entry requires a decision by ${ORGAN_NAMES[required].en}; this decision was taken by ${ORGAN_NAMES[event.decision.organ]?.en ?? event.decision.organ}.`,
      `Inträde kräver beslut av ${ORGAN_NAMES[required].sv}; detta beslut är fattat av ${ORGAN_NAMES[event.decision.organ]?.sv ?? event.decision.organ}.`,
      { requiredOrgan: required, organ: event.decision.organ },
    );
  }
  return (
    checkDeclarationVersion(context, event.declarationVersion, context.pendingEntry.signature?.declarationVersion) ??
    checkDocumentHash(event.decision.documentHash, context.pendingEntry.signature?.documentHash)
  );
}

/** R-B3 (and D12): only the KSO signs, unless a stand-in with a recorded legal basis is given. */
export function checkEntrySignature(context: MembershipContext, event: EventOf<'KSO_SIGNED'>): Refusal | null {
  return (
    checkSignatory(event.signatory, event.standIn) ??
    checkDeclarationVersion(context, event.declarationVersion, undefined) ??
    checkDocumentHash(context.pendingEntry.decision?.documentHash, event.documentHash)
  );
}

/** R-B3, D12: the KSO signs, or a stand-in whose legal basis is recorded. */
export function checkSignatory(signatory: Signatory, standIn?: { legalBasis: string }): Refusal | null {
  if (signatory.office !== 'KSO' && !standIn?.legalBasis?.trim()) {
    return refusal(
      'WRONG_SIGNATORY',
      'R-B3',
      `The declaration must be signed by the chair of the executive board (KSO); ${signatory.name} signed as ${signatory.office}. A stand-in needs a recorded legal basis (D12).`,
      `Avsiktsförklaringen ska undertecknas av kommunstyrelsens ordförande (KSO); ${signatory.name} har undertecknat som ${signatory.office}. En ersättare kräver ett registrerat rättsligt stöd (D12).`,
      { office: signatory.office },
    );
  }
  return null;
}

/** R-B5: when both the adopted and the signed version are known by their hash, they must be the same text. */
export function checkDocumentHash(adopted: string | undefined, signed: string | undefined): Refusal | null {
  if (adopted && signed && adopted !== signed) {
    return refusal(
      'VERSION_MISMATCH',
      'R-B5',
      'The signature is of another version of the declaration than the one fullmäktige adopted.',
      'Underskriften avser en annan version av avsiktsförklaringen än den som fullmäktige antog.',
      { adoptedHash: adopted, signedHash: signed },
    );
  }
  return null;
}

/** R-B5: the decision and the signature concern the same, current, version of the declaration. */
export function checkDeclarationVersion(
  context: MembershipContext,
  version: string | undefined,
  otherVersion: string | undefined,
): Refusal | null {
  const v = version ?? context.declarationVersion;
  if (v !== context.declarationVersion || (otherVersion !== undefined && otherVersion !== v)) {
    return refusal(
      'VERSION_MISMATCH',
      'R-B5',
      `The decision and the signature must concern the same, current version of the declaration (${context.declarationVersion}); got ${v}.`,
      `Beslut och underskrift ska avse samma, gällande version av avsiktsförklaringen (${context.declarationVersion}); angiven version är ${v}.`,
      { currentVersion: context.declarationVersion, version: v, otherVersion },
    );
  }
  return null;
}

/** R-B4, D5: in force from the later of decision, signature, the declaration's effective date and a previous exit. */
export function memberFromDate(context: MembershipContext, decisionOn: LocalDate, signedOn: LocalDate): LocalDate {
  // The last exit that took effect, even when a later re-entry was annulled (voided) since.
  const previous = context.periods.filter((p) => p.exitedAfter).pop();
  const afterExit = previous?.exitedAfter ? addDays(previous.exitedAfter, 1) : context.declarationEffectiveDate;
  return max(decisionOn, signedOn, context.declarationEffectiveDate, afterExit);
}

export function completeEntry(
  context: MembershipContext,
  decision: DecisionRef,
  signature: MembershipPeriod['signature'],
): MembershipPeriod {
  return {
    decision,
    signature,
    enteredOn: max(decision.date, signature.signedOn),
    memberFrom: memberFromDate(context, decision.date, signature.signedOn),
    exitRequests: [],
  };
}

// ---------------------------------------------------------------- exit (R-C1..R-C6, D1)

function notThirtyFirst(date: LocalDate): Refusal {
  return refusal(
    'EXIT_NOT_ON_31_DEC',
    'R-C4',
    `An exit can only take effect on 31 December; ${date} is not a 31 December.`,
    `Utträde kan endast ske per den 31 december; ${date} är inte den 31 december.`,
    { desiredExitDate: date },
  );
}

function tooShort(requestedOn: LocalDate, desired: LocalDate): Refusal {
  const earliest = earliestExitDate(requestedOn);
  return refusal(
    'EXIT_NOTICE_TOO_SHORT',
    'R-C2',
    `An exit requested on ${requestedOn} can take effect on ${earliest} at the earliest (31 December of the year after the request); ${desired} is too early.`,
    `Ett utträde som begärs ${requestedOn} kan ske tidigast ${earliest} (den 31 december året efter begäran); ${desired} är för tidigt.`,
    { requestedOn, desiredExitDate: desired, earliestExitDate: earliest },
  );
}

/** R-C1, R-C4: fullmäktige decides to request exit; a desired date must be a 31 December that can still be met. */
export function checkExitDecision(
  _context: MembershipContext,
  event: EventOf<'FULLMAKTIGE_REQUESTED_EXIT'>,
): Refusal | null {
  if (event.decision.organ !== 'KF') {
    return refusal(
      'WRONG_DECISION_ORGAN',
      'R-C1',
      `An exit request must rest on a decision by the municipal council (kommunfullmäktige); this decision was taken by ${ORGAN_NAMES[event.decision.organ]?.en ?? event.decision.organ}.`,
      `En begäran om utträde ska grunda sig på ett beslut av kommunfullmäktige; detta beslut är fattat av ${ORGAN_NAMES[event.decision.organ]?.sv ?? event.decision.organ}.`,
      { requiredOrgan: 'KF', organ: event.decision.organ },
    );
  }
  const desired = event.desiredExitDate;
  if (desired !== undefined) {
    if (!isThirtyFirstDecember(desired)) return notThirtyFirst(desired);
    // The request date is never earlier than the decision, so this is too early under either D1 setting.
    if (compareDates(desired, earliestExitDate(event.decision.date)) < 0) return tooShort(event.decision.date, desired);
  }
  return null;
}

/** The exit request awaiting its notice, if any (the last one of the current period, not yet delivered). */
/** An exit request that stands: its notice was delivered, and it was neither withdrawn (D6) nor voided (R-C11). */
export function requestStands(r: ExitRequest): boolean {
  return !!r.noticeOn && !r.withdrawnOn && !r.voidedOn;
}

/** R-C6: the day the council was informed of the exit request that stands, if it was. */
export function councilInformedOn(context: MembershipContext): LocalDate | undefined {
  return currentPeriod(context)
    ?.exitRequests.filter((r) => requestStands(r) && r.councilInformedOn)
    .pop()?.councilInformedOn;
}

export function currentPeriod(context: MembershipContext): MembershipPeriod | undefined {
  return context.periods[context.periods.length - 1];
}

export function openExitRequest(context: MembershipContext): ExitRequest | undefined {
  const period = currentPeriod(context);
  const last = period?.exitRequests[period.exitRequests.length - 1];
  return last && !last.withdrawnOn && !last.voidedOn ? last : undefined;
}

/** D1 (R-C5): the request date under the collaboration's setting. */
export function requestDateOf(
  request: ExitRequest,
  noticeOn: LocalDate,
  settings: MembershipSettings | undefined,
): LocalDate {
  return settings?.exitRequestDate === 'fullmaktigeDecision' ? request.decision.date : noticeOn;
}

/** R-C2, R-C4, R-C5, D1: the notice needs a prior fullmäktige decision; the exit date follows from the request date. */
export function checkExitNotice(context: MembershipContext, event: EventOf<'EXIT_NOTICE_DELIVERED'>): Refusal | null {
  const request = openExitRequest(context);
  const noticeOn = toStockholmDate(event.arrivedAt);
  if (!request || request.noticeArrivedAt) {
    return refusal(
      'NO_FULLMAKTIGE_DECISION',
      'R-C1',
      'An exit notice needs a prior decision by the municipal council (kommunfullmäktige) to request exit; none is recorded.',
      'Ett meddelande om utträde kräver att kommunfullmäktige först har beslutat om begäran om utträde; inget sådant beslut är registrerat.',
      { noticeOn },
    );
  }
  if (compareDates(request.decision.date, noticeOn) > 0) {
    return refusal(
      'NO_FULLMAKTIGE_DECISION',
      'R-C5',
      `The notice arrived on ${noticeOn}, before the council's decision of ${request.decision.date}; a fullmäktige decision dated on or before the notice is required (D1).`,
      `Meddelandet kom in ${noticeOn}, före fullmäktiges beslut ${request.decision.date}; det krävs ett fullmäktigebeslut daterat senast den dag meddelandet kommer in (D1).`,
      { noticeOn, decisionOn: request.decision.date },
    );
  }
  const requestedOn = requestDateOf(request, noticeOn, event.settings);
  if (request.desiredExitDate && compareDates(request.desiredExitDate, earliestExitDate(requestedOn)) < 0) {
    return tooShort(requestedOn, request.desiredExitDate);
  }
  return null;
}

/** The exit request after its notice: request date, effective date and the D1 warning. */
export function deliverExitNotice(request: ExitRequest, event: EventOf<'EXIT_NOTICE_DELIVERED'>): ExitRequest {
  const noticeOn = toStockholmDate(event.arrivedAt);
  const requestedOn = requestDateOf(request, noticeOn, event.settings);
  const earliest = earliestExitDate(requestedOn);
  const effectiveOn =
    request.desiredExitDate && compareDates(request.desiredExitDate, earliest) > 0 ? request.desiredExitDate : earliest;
  const warnings: RuleWarning[] = [...request.warnings];
  if (year(request.decision.date) !== year(noticeOn)) {
    warnings.push({
      code: 'REQUEST_YEAR_AMBIGUOUS',
      ruleId: 'R-C5',
      message: `The fullmäktige decision (${request.decision.date}) and the notice (${noticeOn}) fall in different calendar years; the request date ${requestedOn} follows the setting '${event.settings?.exitRequestDate ?? 'noticeArrival'}' (D1) and must be confirmed with the parties.`,
      messageSv: `Fullmäktiges beslut (${request.decision.date}) och meddelandet (${noticeOn}) infaller olika kalenderår; begärandedatumet ${requestedOn} följer inställningen '${event.settings?.exitRequestDate ?? 'noticeArrival'}' (D1) och bör bekräftas med parterna.`,
      details: { decisionOn: request.decision.date, noticeOn, requestedOn },
    });
  }
  return { ...request, noticeArrivedAt: event.arrivedAt, noticeOn, requestedOn, effectiveOn, warnings };
}

/** R-C6: the chair informs the council after the notice; this is a record, not an approval. */
export function checkCouncilInformed(context: MembershipContext, event: EventOf<'COUNCIL_INFORMED'>): Refusal | null {
  const period = currentPeriod(context);
  const request = period?.exitRequests.filter((r) => r.noticeOn && !r.withdrawnOn && !r.voidedOn).pop();
  if (!request?.noticeOn) {
    return refusal(
      'NO_EXIT_NOTICE',
      'R-C6',
      'The council can only be informed of an exit request whose notice has reached the council chair.',
      'Samverkansrådet kan bara informeras om en begäran om utträde vars meddelande har kommit in till rådets ordförande.',
    );
  }
  if (compareDates(event.informedOn, request.noticeOn) < 0) {
    return refusal(
      'COUNCIL_INFORMED_BEFORE_NOTICE',
      'R-C6',
      `The council cannot have been informed on ${event.informedOn}, before the notice reached the chair on ${request.noticeOn}.`,
      `Samverkansrådet kan inte ha informerats ${event.informedOn}, före det att meddelandet kom in till ordföranden ${request.noticeOn}.`,
      { informedOn: event.informedOn, noticeOn: request.noticeOn },
    );
  }
  return null;
}

/** R-C6, R-E2: the council (Samverkansrådet) is not a decision-making body; nobody approves an exit. */
export function checkCouncilDecision(): Refusal {
  return refusal(
    'COUNCIL_NOT_DECISION_MAKING',
    'R-E2',
    'Samverkansrådet is not a decision-making body: an exit needs no approval by the council or by the other municipalities, and none can be recorded (R-C6).',
    'Samverkansrådet är inte ett beslutande organ: ett utträde kräver inget godkännande av rådet eller av de andra kommunerna, och något sådant kan inte registreras (R-C6).',
  );
}

/** D6 (R-C10): a fullmäktige decision to withdraw, and the KSO's notice reaching the chair before the exit date. */
export function checkExitWithdrawal(
  context: MembershipContext,
  event: EventOf<'EXIT_REQUEST_WITHDRAWN'>,
): Refusal | null {
  if (event.decision.organ !== 'KF') {
    return refusal(
      'WRONG_DECISION_ORGAN',
      'R-C10',
      'Withdrawing an exit request needs a decision by the municipal council (kommunfullmäktige).',
      'Att återkalla en begäran om utträde kräver beslut av kommunfullmäktige.',
      { requiredOrgan: 'KF', organ: event.decision.organ },
    );
  }
  const period = currentPeriod(context);
  const request = openExitRequest(context);
  const noticeOn = toStockholmDate(event.noticeArrivedAt);
  const exitOn = request?.effectiveOn ?? period?.exitedAfter;
  // Too late: the notice reached the chair on or after the exit date, or there is no open request (its period was
  // annulled, R-C11). A timely notice recorded after the exit was marked effective still counts (D6).
  if (!request || !period || period.voidedOn || (exitOn && compareDates(noticeOn, exitOn) >= 0)) {
    return refusal(
      'WITHDRAWAL_TOO_LATE',
      'R-C10',
      `An exit request can only be withdrawn before the exit date${exitOn ? ` (${exitOn})` : ''}; the withdrawal notice arrived on ${noticeOn}.`,
      `En begäran om utträde kan bara återkallas före utträdesdagen${exitOn ? ` (${exitOn})` : ''}; återkallelsen kom in ${noticeOn}.`,
      { noticeOn, exitEffectiveOn: exitOn },
    );
  }
  if (compareDates(event.decision.date, noticeOn) > 0) {
    return refusal(
      'NO_FULLMAKTIGE_DECISION',
      'R-C10',
      `The withdrawal notice arrived on ${noticeOn}, before fullmäktige's decision of ${event.decision.date} to withdraw.`,
      `Återkallelsen kom in ${noticeOn}, före fullmäktiges beslut ${event.decision.date} om att återkalla.`,
      { noticeOn, decisionOn: event.decision.date },
    );
  }
  if (request && compareDates(event.decision.date, request.decision.date) < 0) {
    return refusal(
      'WITHDRAWAL_BEFORE_REQUEST',
      'R-C10',
      `The withdrawal decision (${event.decision.date}) predates the exit decision it withdraws (${request.decision.date}).`,
      `Beslutet om återkallelse (${event.decision.date}) är äldre än beslutet om utträde (${request.decision.date}).`,
    );
  }
  return null;
}

/** The exit takes effect on the day after its 31 December (R-C7), never earlier. */
export function checkExitTookEffect(context: MembershipContext, event: EventOf<'EXIT_TOOK_EFFECT'>): Refusal | null {
  const request = openExitRequest(context);
  if (!request?.effectiveOn || compareDates(event.on, request.effectiveOn) <= 0) {
    return refusal(
      'EXIT_NOT_YET_EFFECTIVE',
      'R-C7',
      `The exit takes effect after ${request?.effectiveOn ?? 'its exit date'}; it cannot be recorded as effective on ${event.on}.`,
      `Utträdet får verkan efter ${request?.effectiveOn ?? 'utträdesdagen'}; det kan inte registreras som verkställt ${event.on}.`,
    );
  }
  return null;
}

/** R-C11: an annulment must name a decision that drove this membership. */
export function checkAnnulment(context: MembershipContext, event: EventOf<'DECISION_ANNULLED'>): Refusal | null {
  if (!annulmentTarget(context, event.decisionId)) {
    return refusal(
      'DECISION_NOT_IN_WORKFLOW',
      'R-C11',
      'The annulled decision did not drive this membership.',
      'Det upphävda beslutet har inte drivit detta medlemskap.',
      { decisionId: event.decisionId },
    );
  }
  return null;
}

export type AnnulmentTarget = 'pendingEntry' | 'entry' | 'exit' | 'effectedExit' | 'withdrawal';

export function annulmentTarget(context: MembershipContext, decisionId: string): AnnulmentTarget | null {
  if (context.pendingEntry.decision?.decisionId === decisionId) return 'pendingEntry';
  const period = currentPeriod(context);
  if (!period || period.voidedOn) return null;
  const request = period.exitRequests[period.exitRequests.length - 1];
  if (request && !request.voidedOn && request.withdrawal?.decision.decisionId === decisionId) return 'withdrawal';
  if (request && !request.voidedOn && !request.withdrawnOn && request.decision.decisionId === decisionId) {
    if (!period.exitedAfter) return 'exit';
    // R-C11: the exit rested on the annulled decision, so it is void even after it took effect — unless a new
    // entry is already under way, which the annulment cannot undo.
    if (!context.pendingEntry.decision && !context.pendingEntry.signature) return 'effectedExit';
  }
  if (period.decision.decisionId === decisionId && !period.exitedAfter) return 'entry';
  return null;
}

// ---------------------------------------------------------------- status on a date (R-A2, R-B4, R-C7)

export interface MembershipStatusOn {
  status: MembershipStatus;
  memberFrom?: LocalDate;
  exitRequestedOn?: LocalDate;
  exitEffectiveOn?: LocalDate;
}

/**
 * The status on date d from what is recorded: the latest period whose entry was complete on d; SIGNED_NOT_IN_FORCE
 * before it is in force; LEAVING from the request date through the exit date (inclusive, R-C7); EXITED after it.
 * A withdrawn or annulled request (or an annulled entry) counts only before the day it was withdrawn or annulled.
 */
export function statusOn(context: MembershipContext, d: LocalDate): MembershipStatusOn {
  const standing = (since?: LocalDate) => !since || compareDates(since, d) > 0;
  const periods = context.periods.filter((p) => compareDates(p.enteredOn, d) <= 0 && standing(p.voidedOn));
  let period = periods[periods.length - 1];
  // D5, R-C7: a re-entry completed before the previous exit date is not in force yet; the previous period answers.
  if (period && periods.length > 1 && compareDates(d, period.memberFrom) < 0) period = periods[periods.length - 2];
  if (!period) return { status: 'NOT_MEMBER' };
  const memberFrom = period.memberFrom;
  const requests = period.exitRequests.filter(
    (r) =>
      r.requestedOn &&
      r.effectiveOn &&
      compareDates(r.requestedOn, d) <= 0 &&
      standing(r.withdrawnOn) &&
      standing(r.voidedOn),
  );
  const exit = requests[requests.length - 1];
  if (exit?.effectiveOn && compareDates(d, exit.effectiveOn) > 0) {
    return { status: 'EXITED', memberFrom, exitRequestedOn: exit.requestedOn, exitEffectiveOn: exit.effectiveOn };
  }
  if (compareDates(d, memberFrom) < 0) return { status: 'SIGNED_NOT_IN_FORCE', memberFrom };
  if (exit)
    return { status: 'LEAVING', memberFrom, exitRequestedOn: exit.requestedOn, exitEffectiveOn: exit.effectiveOn };
  return { status: 'ACTIVE', memberFrom };
}

/** Warnings of the current exit request (D1's REQUEST_YEAR_AMBIGUOUS), for the answer. */
export function currentWarnings(context: MembershipContext): RuleWarning[] {
  return openExitRequest(context)?.warnings ?? [];
}

/** The legal date each event concerns (D13): from its own data, converted to Stockholm for instants. */
export function membershipLegalDate(event: MembershipEvent): LocalDate | null {
  switch (event.type) {
    case 'FULLMAKTIGE_ADOPTED_DECLARATION':
    case 'FULLMAKTIGE_REQUESTED_EXIT':
      return event.decision.date;
    case 'KSO_SIGNED':
      return event.signedOn;
    case 'EXIT_NOTICE_DELIVERED':
      return toStockholmDate(event.arrivedAt);
    case 'COUNCIL_INFORMED':
      return event.informedOn;
    case 'EXIT_REQUEST_WITHDRAWN':
      return toStockholmDate(event.noticeArrivedAt);
    case 'COUNCIL_APPROVED_EXIT':
      return event.decidedOn;
    case 'EXIT_TOOK_EFFECT':
      return event.on;
    case 'DECISION_ANNULLED':
      return event.annulledOn;
    default:
      return null;
  }
}
