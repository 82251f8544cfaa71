/**
 * Months of a cost rule (`YYYY-MM`): a rule starts and ends in a month and an invoice run covers a month or a range
 * of months. Pure integer arithmetic on "epoch months" (months since 0000-01), never a Date.
 */

/** A calendar month, `YYYY-MM`. */
export type Month = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isValidMonth(m: unknown): m is Month {
  return typeof m === 'string' && MONTH.test(m) && m >= '1900-01';
}

/** Months since 0000-01 (an integer, so months compare and count exactly). */
export function epochMonth(m: Month): number {
  const match = MONTH.exec(m);
  if (!match) throw new RangeError(`Not a month: ${m}`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

export function fromEpochMonth(n: number): Month {
  const y = Math.floor(n / 12);
  return `${String(y).padStart(4, '0')}-${String((n % 12) + 1).padStart(2, '0')}`;
}

export const compareMonths = (a: Month, b: Month): number => epochMonth(a) - epochMonth(b);

/** Every month from `from` to `to`, both included (empty when `to` is before `from`). */
export function monthsOf(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let n = epochMonth(from); n <= epochMonth(to); n++) out.push(fromEpochMonth(n));
  return out;
}

/** Whether the two ranges of months share a month. */
export function overlaps(a: { from: Month; to: Month }, b: { from: Month; to: Month }): boolean {
  return compareMonths(a.from, b.to) <= 0 && compareMonths(b.from, a.to) <= 0;
}

/** The month of a local date (`YYYY-MM-DD` → `YYYY-MM`). */
export const monthOfDate = (date: string): Month => date.slice(0, 7);
