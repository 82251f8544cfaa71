/**
 * The rule the protocol machine's version 3 adds (issue 11 §4): a delegationsbeslut announced on its own on the
 * notice board (R-I9), whose appeal period then runs from that notice (R-I6), not from a meeting's protocol. Pure.
 */
import { compareDates } from '../calendar/calendar';
import { refusal, type Refusal } from '../kernel/refusal';
import type { EventOf } from '../kernel/rule-table';
import { appealDates, checkAnslag } from './protocol.rules';
import type { ProtocolContext, ProtocolEvent } from './protocol.types';

type Ev<T extends ProtocolEvent['type']> = EventOf<ProtocolEvent, T>;

/**
 * R-I9: only the workflow of a delegationsbeslut's own tillkännagivande goes from draft to anslaget by a notice;
 * the anmälan paragraph of a meeting is announced with its protocol (justering, then anslag). The notice is dated on
 * or after the decision, and stays up until the appeal period has run out (R-I4, as every anslag).
 */
export function checkOwnNotice(c: ProtocolContext, e: Ev<'DELEGATION_ANNOUNCED'>): Refusal | null {
  if (!c.delegation)
    return refusal(
      'DELEGATION_NOTICE_ONLY_DELEGATION',
      'R-I9',
      'Only a delegationsbeslut is announced on its own; a paragraph of a meeting is announced with its protocol.',
      'Endast ett delegationsbeslut tillkännages för sig; en paragraf i ett sammanträde tillkännages med protokollet.',
    );
  if (!c.ownNotice)
    return refusal(
      'DELEGATION_NOTICE_AFTER_ANMALAN',
      'R-I9',
      'The delegationsbeslut is reported at a meeting: its appeal period runs from the anslag of that protocol.',
      'Delegationsbeslutet är anmält vid ett sammanträde: överklagandetiden räknas från anslaget av det protokollet.',
    );
  if (compareDates(e.postedOn, c.delegation.decidedOn) < 0)
    return refusal(
      'DELEGATION_NOTICE_BEFORE_DECISION',
      'R-I9',
      `The notice (${e.postedOn}) cannot come before the delegationsbeslut (${c.delegation.decidedOn}).`,
      `Tillkännagivandet (${e.postedOn}) kan inte komma före delegationsbeslutet (${c.delegation.decidedOn}).`,
    );
  // R-I4: taken down no earlier than the appeal period's last day (the same check as a protocol's anslag).
  return checkAnslag(
    { ...c, justeradOn: e.postedOn },
    { type: 'ANSLAG_POSTED', anslagOn: e.postedOn, takenDownOn: e.takenDownOn },
  );
}

/** R-I6: the appeal period counts from the notice: anslag + 21 days, moved to the next vardag (R-I7: laga kraft). */
export function ownNoticeUpdate(e: Ev<'DELEGATION_ANNOUNCED'>): Partial<ProtocolContext> {
  return {
    anslagOn: e.postedOn,
    ...appealDates(e.postedOn),
    ...(e.keptAt ? { keptAt: e.keptAt } : {}),
    ...(e.takenDownOn ? { takenDownOn: e.takenDownOn } : {}),
  };
}
