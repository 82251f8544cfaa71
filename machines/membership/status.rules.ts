/**
 * What the recorded membership says (RULEBOOK R-A2, R-B4, R-C7; DECISIONS D5, D13): the status on a date, the
 * warnings of the current exit request, and the legal date each event concerns.
 */
import type { RuleWarning } from '../kernel/refusal';
import { compareDates, toStockholmDate } from '../calendar/calendar';
import { openExitRequest } from './exit.rules';
import type { LocalDate, MembershipContext, MembershipEvent, MembershipStatus } from './membership.types';

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
    case 'ENTRY_DECIDED':
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
