/**
 * Instants and the time zone Europe/Stockholm (RULEBOOK §L: R-L1, R-L2).
 *
 * An instant is ISO 8601 with a mandatory offset; its legal date is the local date in Stockholm, computed from the
 * Swedish summer-time rules in integer UTC seconds, never from the host time zone.
 */

import type { Instant, LocalDate } from '../kernel/time';
import {
  SECONDS_PER_DAY,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  formatYmd,
  isoWeekdayOfEpochDay,
  pad,
  parseYmd,
} from './local-dates';

// ---------------------------------------------------------------------------
// Instants (R-L2)
// ---------------------------------------------------------------------------

/** The largest UTC offset an instant may carry, in minutes (±14:00). */
export const MAX_OFFSET_MINUTES = 14 * 60;

// Fraction only allowed after seconds; offset is mandatory (R-L2: never guess a zone).
const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;

interface ParsedInstant {
  /** Whole UTC seconds since epoch (fraction dropped; boundaries are whole seconds). */
  sec: number;
  /** Fractional part in milliseconds (0..999). */
  ms: number;
}

function parseInstant(s: string): ParsedInstant | null {
  if (typeof s !== 'string') return null;
  const m = INSTANT_RE.exec(s);
  if (!m) return null;
  const date = parseYmd(`${m[1]}-${m[2]}-${m[3]}`);
  if (!date) return null;
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const sec = m[6] === undefined ? 0 : Number(m[6]);
  // No 24:00 and no leap second: neither occurs in the events we record.
  if (h > 23 || mi > 59 || sec > 59) return null;
  let offsetSec = 0;
  if (m[8] !== 'Z') {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    // Real UTC offsets lie within ±14:00 (UTC-12 … UTC+14); anything beyond names no place on earth.
    if (om > 59 || oh * 60 + om > MAX_OFFSET_MINUTES) return null;
    offsetSec = (m[9] === '-' ? -1 : 1) * (oh * 3600 + om * 60);
  }
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  const utc = daysFromCivil(date.y, date.m, date.d) * SECONDS_PER_DAY + h * 3600 + mi * 60 + sec - offsetSec;
  return { sec: utc, ms };
}

function requireInstant(s: string): ParsedInstant {
  const p = parseInstant(s);
  if (!p) throw new RangeError(`Invalid instant (expected ISO 8601 with offset): ${String(s)}`);
  return p;
}

/**
 * ISO 8601 instant with date, time and mandatory offset: 'YYYY-MM-DDTHH:mm[:ss[.fff]](Z|±hh:mm)', the offset within
 * ±14:00. Rejects impossible dates/times, offsets beyond ±14:00 and instants without an offset (R-L2).
 */
export function isValidInstant(s: string): boolean {
  return parseInstant(s) !== null;
}

/** Milliseconds since 1970-01-01T00:00:00Z; useful for ordering instants. */
export function instantToEpochMillis(instant: Instant): number {
  const p = requireInstant(instant);
  return p.sec * 1000 + p.ms;
}

// ---------------------------------------------------------------------------
// Time zone Europe/Stockholm (R-L1, R-L2)
// ---------------------------------------------------------------------------

/** Last day-of-week `wd` (1..7) in month m of year y, as epoch day. */
function lastWeekdayOfMonth(y: number, m: number, wd: number): number {
  const last = daysFromCivil(y, m, daysInMonth(y, m));
  return last - ((isoWeekdayOfEpochDay(last) - wd + 7) % 7);
}

function firstWeekdayOfMonth(y: number, m: number, wd: number): number {
  const first = daysFromCivil(y, m, 1);
  return first + ((wd - isoWeekdayOfEpochDay(first) + 7) % 7);
}

/**
 * Summer-time interval [start, end) in UTC seconds for a year, or null.
 * R-L1: since 1996 (EU rule, förordning 2001:127) CEST runs from 01:00 UTC on
 * the last Sunday of March to 01:00 UTC on the last Sunday of October.
 * Earlier years follow the historical EU rules that Sweden applied (same as
 * IANA tzdata): 1981–1995 ended on the last Sunday of September; 1980 ran
 * from the first Sunday of April. Before 1980 we return CET only: Sweden had
 * summer time only in 1916, which is deliberately not modelled (note that
 * IANA/ICU now alias Europe/Stockholm to Berlin's rules before 1970, so Intl
 * disagrees for 1916–1949; those years are irrelevant to this engine).
 */
function summerTime(y: number): [number, number] | null {
  if (y < 1980) return null;
  const start = y === 1980 ? firstWeekdayOfMonth(y, 4, 7) : lastWeekdayOfMonth(y, 3, 7);
  const end = y >= 1996 ? lastWeekdayOfMonth(y, 10, 7) : lastWeekdayOfMonth(y, 9, 7);
  return [start * SECONDS_PER_DAY + 3600, end * SECONDS_PER_DAY + 3600];
}

function offsetMinutesAt(utcSec: number): 60 | 120 {
  // The switches are in March–October, so the UTC year is the local year.
  const y = civilFromDays(Math.floor(utcSec / SECONDS_PER_DAY)).y;
  const st = summerTime(y);
  return st !== null && utcSec >= st[0] && utcSec < st[1] ? 120 : 60;
}

/** UTC offset of Europe/Stockholm at the instant: 60 (CET, normaltid) or 120 (CEST, sommartid). R-L1. */
export function stockholmOffsetMinutes(instant: Instant): 60 | 120 {
  return offsetMinutesAt(requireInstant(instant).sec);
}

function stockholmLocalSeconds(instant: Instant): number {
  const { sec } = requireInstant(instant);
  return sec + offsetMinutesAt(sec) * 60;
}

/** The local calendar date in Europe/Stockholm of an instant (R-L2; never the server zone). */
export function toStockholmDate(instant: Instant): LocalDate {
  return formatYmd(civilFromDays(Math.floor(stockholmLocalSeconds(instant) / SECONDS_PER_DAY)));
}

/**
 * Local wall-clock time 'YYYY-MM-DDTHH:mm:ss' in Europe/Stockholm, for display only:
 * during the October switch the same wall time occurs twice, so always store the instant.
 */
export function toStockholmDateTime(instant: Instant): string {
  const local = stockholmLocalSeconds(instant);
  const day = Math.floor(local / SECONDS_PER_DAY);
  const s = local - day * SECONDS_PER_DAY;
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  return `${formatYmd(civilFromDays(day))}T${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}`;
}
