import { toStockholmDateTime } from '../../../machines/calendar/calendar';
import { en } from './en';
import { sv } from './sv';
import { genitiveSv } from '../../../machines/kernel/swedish-genitive';

export type Lang = 'sv' | 'en';
export type Messages = typeof sv;
export const LANGS: Record<Lang, Messages> = { sv, en };

export function isLang(value: unknown): value is Lang {
  return value === 'sv' || value === 'en';
}

const MONTHS: Record<Lang, string[]> = {
  sv: 'januari februari mars april maj juni juli augusti september oktober november december'.split(' '),
  en: 'January February March April May June July August September October November December'.split(' '),
};

/** "31 december 2026" (sv) / "31 December 2026" (en) of a local date; anything else as it came. */
export function longDate(date: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return `${Number(m[3])} ${MONTHS[lang][Number(m[2]) - 1]} ${m[1]}`;
}

/** An instant as Stockholm wall time, "2026-12-31 14:05" (display only: the instant itself is what is stored). */
export function stockholmTime(instant: string): string {
  return toStockholmDateTime(instant).slice(0, 16).replace('T', ' ');
}

/**
 * The genitive of a name or number in the reader's language: Swedish as genitiveSv writes it ("1492:s", "Bengtsfors",
 * "Dalslandssamverkans"); English adds 's.
 */
export function genitive(name: string, lang: Lang): string {
  if (lang === 'en') return /s$/i.test(name) ? `${name}'` : `${name}'s`;
  return genitiveSv(name);
}
