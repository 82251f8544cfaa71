/**
 * Swedish public holidays and vardagar (RULEBOOK §L: R-L4, R-L5, R-L6).
 *
 * Allmänna helgdagar per lag (1989:253) as amended by SFS 2004:1320 (older variants, e.g. fixed midsummer before
 * 1953, are not modelled), the days that lag (1930:173) 2 § does not count as vardagar, and söndagsregeln's next
 * vardag.
 */

import type { LocalDate } from '../kernel/time';
import {
  civilFromDays,
  daysFromCivil,
  formatYmd,
  isoWeekdayOfEpochDay,
  requireDate,
  requireYear,
  toEpochDay,
  weekday,
} from './local-dates';

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

// ---------------------------------------------------------------------------
// Vardagar and söndagsregeln (R-L4, R-L6)
// ---------------------------------------------------------------------------

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
