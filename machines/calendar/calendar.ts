/**
 * Swedish legal date arithmetic (RULEBOOK §L, §5).
 *
 * Pure module: no imports, never reads the clock, never uses the host time
 * zone. All arithmetic is done on integer "epoch days" (days since
 * 1970-01-01, proleptic Gregorian) and epoch seconds in UTC, so results are
 * identical on every server regardless of TZ.
 *
 * Supported range: local dates 0001-01-01..9999-12-31. Holiday rules are the
 * current ones (lag 1989:253 as amended by SFS 2004:1320); older historical
 * variants (e.g. fixed midsummer before 1953) are not modelled.
 */

import type { Instant, LocalDate } from '../kernel/time';

export type { Instant, LocalDate };

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface PublicHoliday {
  date: LocalDate;
  /** Swedish name as in lag (1989:253). */
  name: string;
  nameEn: string;
}

export type NonVardagCode = 'SATURDAY' | 'SUNDAY' | 'HOLIDAY' | 'MIDSOMMARAFTON' | 'JULAFTON' | 'NYARSAFTON';

export interface NonVardagReason {
  code: NonVardagCode;
  sv: string;
  en: string;
  /** Set when code is 'HOLIDAY'. */
  holiday?: PublicHoliday;
}

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
// Low-level integer calendar (proleptic Gregorian, UTC epoch days)
// ---------------------------------------------------------------------------

const MIN_YEAR = 1;
const MAX_YEAR = 9999;
const SECONDS_PER_DAY = 86400;

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Fraction only allowed after seconds; offset is mandatory (R-L2: never guess a zone).
const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;

interface Ymd {
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
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z0: number): Ymd {
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

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function formatYmd(p: Ymd): LocalDate {
  if (p.y < MIN_YEAR || p.y > MAX_YEAR) {
    throw new RangeError(`Date out of supported range 0001–9999 (year ${p.y})`);
  }
  return `${pad(p.y, 4)}-${pad(p.m, 2)}-${pad(p.d, 2)}`;
}

function parseYmd(s: string): Ymd | null {
  const m = LOCAL_DATE_RE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < MIN_YEAR || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return { y, m: mo, d };
}

function requireDate(s: string, what = 'date'): Ymd {
  const p = typeof s === 'string' ? parseYmd(s) : null;
  if (!p) throw new RangeError(`Invalid ${what} (expected YYYY-MM-DD): ${String(s)}`);
  return p;
}

function requireInt(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be an integer: ${String(n)}`);
}

function requireYear(y: number): void {
  requireInt(y, 'year');
  if (y < MIN_YEAR || y > MAX_YEAR) throw new RangeError(`year out of range 1–9999: ${y}`);
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
    if (oh > 23 || om > 59) return null;
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
 * ISO 8601 instant with date, time and mandatory offset: 'YYYY-MM-DDTHH:mm[:ss[.fff]](Z|±hh:mm)'.
 * Rejects impossible dates/times and instants without an offset (R-L2).
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

function isoWeekdayOfEpochDay(z: number): Weekday {
  // 1970-01-01 was a Thursday (ISO 4).
  return (((((z + 3) % 7) + 7) % 7) + 1) as Weekday;
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

// ---------------------------------------------------------------------------
// Holidays (R-L5, R-L6)
// ---------------------------------------------------------------------------

/** Gregorian Easter Sunday (anonymous Gregorian / Meeus–Jones–Butcher computus). */
export function easterSunday(y: number): LocalDate {
  requireYear(y);
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatYmd({ y, m: month, d: day });
}

/** The Saturday in the window [month/firstDay, +6 days]; used for midsommardagen and alla helgons dag. */
function saturdayOnOrAfter(y: number, m: number, d: number): number {
  const first = daysFromCivil(y, m, d);
  return first + ((6 - isoWeekdayOfEpochDay(first) + 7) % 7);
}

/** R-L5: midsommardagen is the Saturday 20–26 June. */
export function midsommardagen(y: number): LocalDate {
  requireYear(y);
  return formatYmd(civilFromDays(saturdayOnOrAfter(y, 6, 20)));
}

/** R-L4: midsommarafton is the Friday before midsommardagen (not a vardag under 1930:173 2 §). */
export function midsommarafton(y: number): LocalDate {
  requireYear(y);
  return formatYmd(civilFromDays(saturdayOnOrAfter(y, 6, 20) - 1));
}

/** R-L5: alla helgons dag is the Saturday 31 Oct–6 Nov. */
export function allaHelgonsDag(y: number): LocalDate {
  requireYear(y);
  return formatYmd(civilFromDays(saturdayOnOrAfter(y, 10, 31)));
}

/** First year with nationaldagen instead of annandag pingst (SFS 2004:1320, in force 2005). */
export const NATIONALDAGEN_FROM_YEAR = 2005;

/**
 * R-L5: allmänna helgdagar of a year per lag (1989:253) as amended, sorted by date.
 * Ordinary Sundays are holidays too (see isAllmanHelgdag) but are not listed;
 * påskdagen and pingstdagen are listed because they have names.
 */
export function swedishPublicHolidays(y: number): PublicHoliday[] {
  requireYear(y);
  return holidayTable(y).map((h) => ({ ...h }));
}

// Deterministic memo (same input → same output), so the module stays pure in
// effect while isVardag avoids recomputing Easter for every call.
const holidayCache = new Map<number, readonly PublicHoliday[]>();

function holidayTable(y: number): readonly PublicHoliday[] {
  const cached = holidayCache.get(y);
  if (cached) return cached;
  const list = computeHolidays(y);
  holidayCache.set(y, list);
  return list;
}

function computeHolidays(y: number): readonly PublicHoliday[] {
  const easter = toEpochDay(easterSunday(y));
  const fromEaster = (n: number): LocalDate => formatYmd(civilFromDays(easter + n));
  const list: PublicHoliday[] = [
    { date: formatYmd({ y, m: 1, d: 1 }), name: 'nyårsdagen', nameEn: "New Year's Day" },
    { date: formatYmd({ y, m: 1, d: 6 }), name: 'trettondedag jul', nameEn: 'Epiphany' },
    { date: fromEaster(-2), name: 'långfredagen', nameEn: 'Good Friday' },
    { date: fromEaster(0), name: 'påskdagen', nameEn: 'Easter Sunday' },
    { date: fromEaster(1), name: 'annandag påsk', nameEn: 'Easter Monday' },
    { date: formatYmd({ y, m: 5, d: 1 }), name: 'första maj', nameEn: 'May Day' },
    { date: fromEaster(39), name: 'Kristi himmelsfärdsdag', nameEn: 'Ascension Day' },
    { date: fromEaster(49), name: 'pingstdagen', nameEn: 'Whit Sunday' },
  ];
  // R-L5: the 2005 reform swapped annandag pingst for nationaldagen.
  if (y >= NATIONALDAGEN_FROM_YEAR) {
    list.push({ date: formatYmd({ y, m: 6, d: 6 }), name: 'nationaldagen', nameEn: 'National Day of Sweden' });
  } else {
    list.push({ date: fromEaster(50), name: 'annandag pingst', nameEn: 'Whit Monday' });
  }
  list.push(
    { date: midsommardagen(y), name: 'midsommardagen', nameEn: 'Midsummer Day' },
    { date: allaHelgonsDag(y), name: 'alla helgons dag', nameEn: "All Saints' Day" },
    { date: formatYmd({ y, m: 12, d: 25 }), name: 'juldagen', nameEn: 'Christmas Day' },
    { date: formatYmd({ y, m: 12, d: 26 }), name: 'annandag jul', nameEn: "Boxing Day (St Stephen's Day)" },
  );
  list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return Object.freeze(list.map((h) => Object.freeze(h)));
}

/**
 * All named holidays on d. Usually 0 or 1, but two can coincide: Kristi
 * himmelsfärdsdag falls on första maj when Easter is 23 March (e.g. 2008),
 * and pingstdagen on nationaldagen when Easter is 18 April (e.g. 2049).
 */
export function holidaysOn(d: LocalDate): PublicHoliday[] {
  const y = requireDate(d).y;
  return holidayTable(y)
    .filter((h) => h.date === d)
    .map((h) => ({ ...h }));
}

/** The (first) named holiday on d, if any; Sundays without a name return null. */
export function holidayOn(d: LocalDate): PublicHoliday | null {
  return holidaysOn(d)[0] ?? null;
}

/** R-L5: every Sunday and every named allmän helgdag. R-L6: aftnar are not. */
export function isAllmanHelgdag(d: LocalDate): boolean {
  return weekday(d) === 7 || holidayOn(d) !== null;
}

const SV_WEEKDAY = ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'];
const EN_WEEKDAY = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * Why d is not a vardag under lag (1930:173) 2 § (R-L4), or null if it is one.
 * Named days win over the weekday because they explain more to the reader.
 * R-L6: trettondedagsafton and valborgsmässoafton are NOT reasons.
 */
export function nonVardagReason(d: LocalDate): NonVardagReason | null {
  const p = requireDate(d);
  const wd = weekday(d);
  const day = SV_WEEKDAY[wd - 1] ?? '';
  const dayEn = EN_WEEKDAY[wd - 1] ?? '';
  const holidays = holidaysOn(d);
  const holiday = holidays[0];
  if (holiday) {
    const sv = holidays.map((h) => h.name).join(' och ');
    const en = holidays.map((h) => h.nameEn).join(' and ');
    return {
      code: 'HOLIDAY',
      sv: `${d} är ${sv} (allmän helgdag, ${day})`,
      en: `${d} is ${en} (public holiday, ${dayEn})`,
      holiday,
    };
  }
  if (d === midsommarafton(p.y)) {
    return { code: 'MIDSOMMARAFTON', sv: `${d} är midsommarafton`, en: `${d} is Midsummer Eve` };
  }
  if (p.m === 12 && p.d === 24) {
    return { code: 'JULAFTON', sv: `${d} är julafton (${day})`, en: `${d} is Christmas Eve (${dayEn})` };
  }
  if (p.m === 12 && p.d === 31) {
    return { code: 'NYARSAFTON', sv: `${d} är nyårsafton (${day})`, en: `${d} is New Year's Eve (${dayEn})` };
  }
  if (wd === 7) return { code: 'SUNDAY', sv: `${d} är en söndag`, en: `${d} is a Sunday` };
  if (wd === 6) return { code: 'SATURDAY', sv: `${d} är en lördag`, en: `${d} is a Saturday` };
  return null;
}

/** R-L4: not Saturday/Sunday, not allmän helgdag, not midsommarafton, julafton or nyårsafton. */
export function isVardag(d: LocalDate): boolean {
  return nonVardagReason(d) === null;
}

/** Söndagsregeln (lag 1930:173 2 §, R-L4): d itself if a vardag, else the first vardag after it. */
export function nextVardag(d: LocalDate): LocalDate {
  let day = toEpochDay(d);
  // Longest non-vardag run is 5 days (julafton on a Wednesday → the Monday); 14 is a safe bound.
  for (let i = 0; i < 14; i++, day++) {
    const s = formatYmd(civilFromDays(day));
    if (isVardag(s)) return s;
  }
  throw new Error(`No vardag found within 14 days of ${d}`);
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

// ---------------------------------------------------------------------------
// Exit (R-C2, R-L8)
// ---------------------------------------------------------------------------

/**
 * R-C2: earliest exit = 31 December of year(request) + 1.
 * R-L8: never moved by söndagsregeln, even on a weekend or nyårsafton.
 */
export function earliestExitDate(requestDate: LocalDate): LocalDate {
  return formatYmd({ y: year(requestDate) + 1, m: 12, d: 31 });
}

export function isThirtyFirstDecember(d: LocalDate): boolean {
  const p = requireDate(d);
  return p.m === 12 && p.d === 31;
}
