/**
 * The exit rules of a membership (avsiktsförklaringen §13; RULEBOOK R-C1..R-C11, R-E2; DECISIONS D1, D6): the
 * fullmäktige decision to request exit, the notice and its request date, the council informed (never deciding), a
 * withdrawal, the exit taking effect, and an annulled decision. Pure functions over the machine's context and an
 * event: each check returns null or the Refusal that names its rule.
 */
import { refusal, type Refusal, type RuleWarning } from '../kernel/refusal';
import type { EventOf as KernelEventOf } from '../kernel/rule-table';
import { compareDates, earliestExitDate, isThirtyFirstDecember, toStockholmDate, year } from '../calendar/calendar';
import { ORGAN_NAMES } from './entry.rules';
import { checkExitNoticeFacts, exitNoticeFactsOf } from './exit-notice.rules';
import {
  DEFAULT_EXIT_RULE,
  type ExitRule,
  type ExitRequest,
  type LocalDate,
  type MembershipContext,
  type MembershipEvent,
  type MembershipPeriod,
  type MembershipSettings,
} from './membership.types';

type EventOf<T extends MembershipEvent['type']> = KernelEventOf<MembershipEvent, T>;

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
  context: MembershipContext,
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
  return checkDesiredExitDate(context, event);
}

/**
 * The collaboration's exit rule as the event's settings carry it: absent = the default (Dalslandssamverkan's,
 * SEED-AF §13); null = none is recorded.
 */
export function exitRuleOf(settings: MembershipSettings | undefined): ExitRule | null {
  if (settings && Object.hasOwn(settings, 'exitRule')) return settings.exitRule ?? null;
  return DEFAULT_EXIT_RULE;
}

/** R-C1 as data (membership version 2): no party leaves under a rule the collaboration has not recorded. */
export function checkExitRuleRecorded(collaboration: string, rule: ExitRule | null): Refusal | null {
  if (rule) return null;
  return refusal(
    'NO_EXIT_RULE',
    'R-C1',
    `No exit rule is recorded for the collaboration '${collaboration}': its declaration states none, so an exit cannot be requested under it.`,
    `Ingen regel för utträde är registrerad för samverkan '${collaboration}': dess avsiktsförklaring anger ingen, så utträde kan inte begäras enligt den.`,
    { collaboration },
  );
}

function wrongExitOrgan(required: ExitRule['decisionOrgan'], organ: string, ruleId: string, what: [string, string]) {
  return refusal(
    'WRONG_DECISION_ORGAN',
    ruleId,
    `${what[0]} must rest on a decision by ${ORGAN_NAMES[required].en}, as the collaboration's exit rule says; this decision was taken by ${ORGAN_NAMES[organ]?.en ?? organ}.`,
    `${what[1]} ska grunda sig på ett beslut av ${ORGAN_NAMES[required].sv}, enligt samverkans regel för utträde; detta beslut är fattat av ${ORGAN_NAMES[organ]?.sv ?? organ}.`,
    { requiredOrgan: required, organ },
  );
}

/** Membership version 2: R-C1 under the collaboration's exit rule (its organ, or NO_EXIT_RULE), then R-C4. */
export function checkExitDecisionUnderRule(
  context: MembershipContext,
  event: EventOf<'FULLMAKTIGE_REQUESTED_EXIT'>,
): Refusal | null {
  const rule = exitRuleOf(event.settings);
  const none = checkExitRuleRecorded(context.collaboration, rule);
  if (none || !rule) return none;
  if (event.decision.organ !== rule.decisionOrgan) {
    return wrongExitOrgan(rule.decisionOrgan, event.decision.organ, 'R-C1', [
      'An exit request',
      'En begäran om utträde',
    ]);
  }
  return checkDesiredExitDate(context, event);
}

/** R-C4: a desired date must be a 31 December that can still be met. */
function checkDesiredExitDate(_context: MembershipContext, event: EventOf<'FULLMAKTIGE_REQUESTED_EXIT'>) {
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
  // R-C6, R-K2, R-K5, R-K6 (R-C12): the sender, recipient and registrations the notice records.
  return checkExitNoticeFacts(context.municipality, event, noticeOn);
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
  const delivered: ExitRequest = {
    ...request,
    noticeArrivedAt: event.arrivedAt,
    noticeOn,
    requestedOn,
    effectiveOn,
    warnings,
  };
  // R-C12: recorded only when the notice gives any of them, so a notice of before issue 11 replays to the same context.
  const notice = exitNoticeFactsOf(event);
  if (notice) delivered.notice = notice;
  return delivered;
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
    'Samverkansrådet is not a decision-making body: an exit needs no approval by the council or by the other municipalities, and none can be recorded (R-E2).',
    'Samverkansrådet är inte ett beslutande organ: ett utträde kräver inget godkännande av rådet eller av de andra kommunerna, och något sådant kan inte registreras (R-E2).',
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
  return checkWithdrawalTiming(context, event);
}

/** Membership version 2: D6 with the organ of the collaboration's exit rule (the organ that decides an exit). */
export function checkExitWithdrawalUnderRule(
  context: MembershipContext,
  event: EventOf<'EXIT_REQUEST_WITHDRAWN'>,
): Refusal | null {
  const organ = exitRuleOf(event.settings)?.decisionOrgan ?? DEFAULT_EXIT_RULE.decisionOrgan;
  if (event.decision.organ !== organ) {
    return wrongExitOrgan(organ, event.decision.organ, 'R-C10', [
      'Withdrawing an exit request',
      'Att återkalla en begäran om utträde',
    ]);
  }
  return checkWithdrawalTiming(context, event);
}

function checkWithdrawalTiming(context: MembershipContext, event: EventOf<'EXIT_REQUEST_WITHDRAWN'>) {
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
