/**
 * Exit dates of a membership (RULEBOOK §C, §L: R-C2, R-L8).
 *
 * An exit takes effect on a 31 December, which is a plain calendar date: unlike the protocol deadlines, söndagsregeln
 * never moves it.
 */

import type { LocalDate } from '../kernel/time';
import { formatYmd, requireDate, year } from './local-dates';

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
