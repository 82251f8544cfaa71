/**
 * Protocol deadlines (RULEBOOK §I, §L: R-I1, R-I4, R-I6, R-I7, R-L4, R-L7; DECISIONS D8).
 *
 * The justering, anslag and appeal deadlines: a plain count of calendar days, then söndagsregeln (lag 1930:173 2 §)
 * moves a last day that is not a vardag to the next vardag, and records every day it passed over.
 */

import type { LocalDate } from '../kernel/time';
import { nextVardag, nonVardagReason, type NonVardagReason } from './holidays';
import { addDays } from './local-dates';

export interface SkippedDay {
  date: LocalDate;
  reason: NonVardagReason;
}

/**
 * A statutory last day after söndagsregeln (lag 1930:173 2 §, R-L4): `rawDate` is the plain count of days, `date`
 * is `rawDate` itself if it is a vardag, else the first vardag after it.
 */
export interface MovedLastDay {
  /** The last day after söndagsregeln. */
  date: LocalDate;
  /** The plain count of days, before söndagsregeln. */
  rawDate: LocalDate;
  moved: boolean;
  /** Why rawDate was not a vardag (only when moved). */
  reason?: NonVardagReason;
  /** Every non-vardag passed over, in order (empty when not moved). */
  skipped: SkippedDay[];
}

/** R-I6: last day for laglighetsprövning; rawDate = anslag + 21 days. */
export type AppealLastDay = MovedLastDay;

/** An informative note: the plain deadline was not a vardag and was moved to the next vardag (R-L7, D8). */
export interface DeadlineWarning {
  code: 'DEADLINE_MOVED';
  sv: string;
  en: string;
  /** Why the raw date was not a vardag. */
  reason: NonVardagReason;
}

/**
 * R-I1, R-I4, R-L7 (D8): the justering or anslag deadline. `date` is the moved deadline (a late justering or anslag
 * is one after it); `warning` is set only when the deadline was moved, and explains why.
 */
export interface Deadline extends MovedLastDay {
  warning?: DeadlineWarning;
}

// ---------------------------------------------------------------------------
// Protocol deadlines (R-I1, R-I4, R-I6, R-I7, R-L7)
// ---------------------------------------------------------------------------

/** Lag (1930:173) 1 §: "three weeks" ends on the same weekday 21 days later. */
export const APPEAL_PERIOD_DAYS = 21;
/** R-I1: justering within 14 calendar days of the meeting (then söndagsregeln, R-L7). */
export const JUSTERING_DAYS = 14;
/** R-I4: anslag "senast andra dagen efter justeringen" (then söndagsregeln, R-L7). */
export const ANSLAG_DAYS = 2;

/** Söndagsregeln applied to a raw last day, recording every non-vardag passed over (R-L4). */
function moveToNextVardag(rawDate: LocalDate): MovedLastDay {
  const date = nextVardag(rawDate);
  if (date === rawDate) return { date, rawDate, moved: false, skipped: [] };
  const skipped: SkippedDay[] = [];
  for (let d = rawDate; d !== date; d = addDays(d, 1)) {
    const reason = nonVardagReason(d);
    if (reason) skipped.push({ date: d, reason });
  }
  const first = skipped[0];
  return first
    ? { date, rawDate, moved: true, reason: first.reason, skipped }
    : { date, rawDate, moved: true, skipped };
}

/**
 * R-I6: last day for laglighetsprövning. Raw = anslag + 21 days (1930:173 1 §),
 * moved to the next vardag by söndagsregeln (2 §).
 */
export function appealLastDay(anslag: LocalDate): AppealLastDay {
  return moveToNextVardag(addDays(anslag, APPEAL_PERIOD_DAYS));
}

/** R-I7: the decision vinner laga kraft (engine FINAL) from the day after the last appeal day. */
export function finalFrom(anslag: LocalDate): LocalDate {
  return addDays(appealLastDay(anslag).date, 1);
}

// R-L7, D8: the justering and anslag deadlines are times "enligt lag" (KL 5:69, 8:12), so söndagsregeln
// (lag 1930:173 2 §) moves them like every statutory deadline. A moved deadline carries an informative note.
function movedDeadline(rawDate: LocalDate, label: string, labelEn: string): Deadline {
  const d = moveToNextVardag(rawDate);
  if (!d.moved || !d.reason) return d;
  const whySv = d.skipped.map((s) => s.reason.sv).join('; ');
  const whyEn = d.skipped.map((s) => s.reason.en).join('; ');
  return {
    ...d,
    warning: {
      code: 'DEADLINE_MOVED',
      sv: `Sista dag för ${label} (${rawDate}) är inte en vardag: ${whySv}. Den flyttas till nästa vardag ${d.date} (lag 1930:173 2 §).`,
      en: `The ${labelEn} deadline (${rawDate}) is not a working day: ${whyEn}. It moves to the next working day, ${d.date} (lag 1930:173 2 §).`,
      reason: d.reason,
    },
  };
}

/** R-I1, R-L7 (D8): justering no later than meeting + 14 calendar days, moved to the next vardag. */
export function justeringDeadline(meeting: LocalDate): Deadline {
  return movedDeadline(addDays(meeting, JUSTERING_DAYS), 'justering', 'justering (protocol approval)');
}

/** R-I4, R-L7 (D8): anslag no later than justering + 2 calendar days, moved to the next vardag. */
export function anslagDeadline(justering: LocalDate): Deadline {
  return movedDeadline(addDays(justering, ANSLAG_DAYS), 'anslag', 'anslag (notice board posting)');
}
