import { addYears, toStockholmDate, type LocalDate } from '../../machines/calendar/calendar';
import { badInput } from './errors';

/**
 * The limits of what a client may send, in one place. They keep every input inside what the service can compute
 * with: the calendar supports the years 0001–9999, and a deadline or an exit date computed from an accepted date
 * must stay inside that range, so nothing accepted today can make a later read fail.
 */

/** The deepest nesting of a request body (objects and arrays): the deepest real body is about 6 levels. */
export const MAX_BODY_DEPTH = 32;

/** The earliest date any record may carry: no governance record this service keeps is older. */
export const EARLIEST_DATE: LocalDate = '1900-01-01';

/**
 * How far after today a date that plans ahead may lie (a desired exit date, a declaration's effective date, the
 * justering time set, an `asOf` question, the deadline calculator). Facts of the past — a decision, a signing, a
 * meeting, a justering, an anslag, a notice's arrival, an appeal, a correction — may not lie after today at all.
 */
export const MAX_YEARS_AHEAD = 100;

/** "Today in Stockholm" as the validation sees it: the application's Clock once it has started (src/workflow/clock.ts). */
let today: () => LocalDate = () => toStockholmDate(new Date().toISOString());

/** Used by the Clock at start-up, so that the "not after today" checks and the services agree on the day. */
export function useTodayOf(clock: { todayInStockholm(): LocalDate }): void {
  today = () => clock.todayInStockholm();
}

export function todayForValidation(): LocalDate {
  return today();
}

/** The latest date a planned date may be: today + MAX_YEARS_AHEAD years. */
export function latestPlannedDate(): LocalDate {
  return addYears(today(), MAX_YEARS_AHEAD);
}

/**
 * Refuses, before class-transformer and class-validator see it (400 VALIDATION_FAILED):
 * - a body nested deeper than MAX_BODY_DEPTH (naming `body`): both recurse and would overflow the stack;
 * - a key that names a member of Object.prototype (`__proto__`, `constructor`, `toString` …, naming the key's path):
 *   class-transformer drops such a key silently instead of letting the whitelist refuse it as unknown, and no field
 *   of this API has such a name.
 * Iterative, so the check itself cannot overflow.
 */
export function assertPlainBody(body: unknown, max = MAX_BODY_DEPTH): void {
  if (body === null || typeof body !== 'object') return;
  const stack: Array<[unknown, number, string]> = [[body, 1, '']];
  while (stack.length) {
    const [value, depth, path] = stack.pop()!;
    if (depth > max) {
      throw badInput('body', `is nested deeper than ${max} levels`, `är nästlad i fler än ${max} nivåer`);
    }
    const isArray = Array.isArray(value);
    for (const [key, child] of Object.entries(value as object)) {
      const field = isArray ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (!isArray && key in Object.prototype) {
        throw badInput(field, 'is not a field of this request', 'är inte ett fält i denna begäran');
      }
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1, field]);
    }
  }
}
