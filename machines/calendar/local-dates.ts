/**
 * Local dates as integer "epoch days" (RULEBOOK §L: R-L3 date arithmetic).
 *
 * Days since 1970-01-01 in the proleptic Gregorian calendar, computed without a Date object or the host time zone,
 * so every server gives the same answer. Supported range: 0001-01-01..9999-12-31. The integer helpers exported
 * here (daysFromCivil, formatYmd, requireDate, …) are shared by the other calendar files only: calendar.ts, the
 * module callers import, does not re-export them.
 */

import type { LocalDate } from '../kernel/time';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

// ---------------------------------------------------------------------------
// Low-level integer calendar (proleptic Gregorian, UTC epoch days)
// ---------------------------------------------------------------------------

export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;
export const SECONDS_PER_DAY = 86400;

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** Gregorian leap year. */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Number of days in month m (1..12) of year y. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

// Howard Hinnant's days_from_civil: exact integer arithmetic, no Date object needed.
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z0: number): Ymd {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function formatYmd(p: Ymd): LocalDate {
  if (p.y < MIN_YEAR || p.y > MAX_YEAR) {
    throw new RangeError(`Date out of supported range 0001–9999 (year ${p.y})`);
  }
  return `${pad(p.y, 4)}-${pad(p.m, 2)}-${pad(p.d, 2)}`;
}

export function parseYmd(s: string): Ymd | null {
  const m = LOCAL_DATE_RE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < MIN_YEAR || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return { y, m: mo, d };
}

export function requireDate(s: string, what = 'date'): Ymd {
  const p = typeof s === 'string' ? parseYmd(s) : null;
  if (!p) throw new RangeError(`Invalid ${what} (expected YYYY-MM-DD): ${String(s)}`);
  return p;
}

export function requireInt(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be an integer: ${String(n)}`);
}

export function requireYear(y: number): void {
  requireInt(y, 'year');
  if (y < MIN_YEAR || y > MAX_YEAR) throw new RangeError(`year out of range 1–9999: ${y}`);
}

/** ISO weekday of an epoch day. */
export function isoWeekdayOfEpochDay(z: number): Weekday {
  // 1970-01-01 was a Thursday (ISO 4).
  return (((((z + 3) % 7) + 7) % 7) + 1) as Weekday;
}

/** Days since 1970-01-01 (negative before). */
export function toEpochDay(d: LocalDate): number {
  const p = requireDate(d);
  return daysFromCivil(p.y, p.m, p.d);
}

/** Inverse of toEpochDay. */
export function fromEpochDay(n: number): LocalDate {
  requireInt(n, 'epoch day');
  return formatYmd(civilFromDays(n));
}

/** Builds a LocalDate from parts, validating them. */
export function makeDate(y: number, m: number, d: number): LocalDate {
  const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || !isValidLocalDate(s)) {
    throw new RangeError(`Invalid date parts: ${y}-${m}-${d}`);
  }
  return s;
}

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

/** Strict 'YYYY-MM-DD' that names a real Gregorian date (e.g. 2025-02-29 is false). */
export function isValidLocalDate(s: string): boolean {
  return typeof s === 'string' && parseYmd(s) !== null;
}

// ---------------------------------------------------------------------------
// Date arithmetic (R-L3)
// ---------------------------------------------------------------------------

export function addDays(d: LocalDate, n: number): LocalDate {
  requireInt(n, 'n');
  return formatYmd(civilFromDays(toEpochDay(d) + n));
}

/** R-L3: n weeks later is the day with the same weekday name. */
export function addWeeks(d: LocalDate, n: number): LocalDate {
  requireInt(n, 'n');
  return addDays(d, 7 * n);
}

/** R-L3: same day number n months later; if missing in that month, its last day. */
export function addMonths(d: LocalDate, n: number): LocalDate {
  requireInt(n, 'n');
  const p = requireDate(d);
  const total = p.y * 12 + (p.m - 1) + n;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  if (y < MIN_YEAR || y > MAX_YEAR) throw new RangeError(`Date out of supported range (year ${y})`);
  return formatYmd({ y, m, d: Math.min(p.d, daysInMonth(y, m)) });
}

/** R-L3: same month and day n years later; 29 Feb → 28 Feb in a common year. */
export function addYears(d: LocalDate, n: number): LocalDate {
  requireInt(n, 'n');
  return addMonths(d, 12 * n);
}

/** -1, 0 or 1 (chronological order). */
export function compareDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  const x = toEpochDay(a);
  const y = toEpochDay(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Signed number of days from a to b (b - a): daysBetween('2025-01-01','2025-01-02') = 1. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekday(d: LocalDate): Weekday {
  return isoWeekdayOfEpochDay(toEpochDay(d));
}

export function year(d: LocalDate): number {
  return requireDate(d).y;
}

export function month(d: LocalDate): number {
  return requireDate(d).m;
}

export function dayOfMonth(d: LocalDate): number {
  return requireDate(d).d;
}
