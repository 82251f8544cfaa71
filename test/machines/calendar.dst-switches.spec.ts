/**
 * Fixed examples at the summer-time switches of 1980 and 1996 in Europe/Stockholm (RULEBOOK R-L1, R-L2).
 *
 * 1980 (the first year of summer time in the engine's rules): CEST from Sunday 6 April 02:00 CET (01:00Z) to Sunday
 * 28 September 03:00 CEST (01:00Z) — the first Sunday of April, not the last Sunday of March.
 * 1996 (EU rule): CEST from the last Sunday of March, 31 March 01:00Z, and — new from 1996 — to the last Sunday of
 * October, 27 October 01:00Z (until 1995 it ended on the last Sunday of September).
 *
 * Most instants are 22:30Z, which is 23:30 CET but 00:30 CEST the next day: a wrong offset changes the local DATE.
 * The rest sit one second either side of a switch. Every expected value is also checked against Intl with timeZone
 * 'Europe/Stockholm' (ICU tzdata), the oracle of calendar.property.spec.ts.
 */
import { stockholmOffsetMinutes, toStockholmDate, toStockholmDateTime } from '../../machines/calendar/calendar';

const stockholmFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The Stockholm wall-clock time of an instant by Intl, 'YYYY-MM-DDTHH:mm:ss'. */
function intlLocalDateTime(instant: string): string {
  const p: Record<string, string> = {};
  for (const part of stockholmFormat.formatToParts(new Date(instant)))
    if (part.type !== 'literal') p[part.type] = part.value;
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

/** The offset Intl implies: its wall-clock time read as UTC, minus the instant. */
function intlOffsetMinutes(instant: string): number {
  return (Date.parse(`${intlLocalDateTime(instant)}Z`) - Date.parse(instant)) / 60_000;
}

/** The local date the instant would get with the other Stockholm offset (60 ↔ 120). */
const dateWithOtherOffset = (instant: string, offset: 60 | 120) =>
  new Date(Date.parse(instant) + (offset === 60 ? 120 : 60) * 60_000).toISOString().slice(0, 10);

type Example = [instant: string, local: string, offset: 60 | 120, note: string];

const EXAMPLES_1980: Example[] = [
  ['1980-03-30T22:30:00Z', '1980-03-30T23:30:00', 60, 'last Sunday of March, evening: still normaltid in 1980'],
  ['1980-04-05T22:30:00Z', '1980-04-05T23:30:00', 60, 'Saturday evening before the switch'],
  ['1980-04-06T00:59:59Z', '1980-04-06T01:59:59', 60, 'one second before the switch'],
  ['1980-04-06T01:00:00Z', '1980-04-06T03:00:00', 120, 'the switch: 02:00 CET becomes 03:00 CEST'],
  ['1980-04-06T22:30:00Z', '1980-04-07T00:30:00', 120, 'evening of the switch day: already Monday'],
  ['1980-09-27T22:30:00Z', '1980-09-28T00:30:00', 120, 'Saturday evening before the end: already Sunday'],
  ['1980-09-28T00:59:59Z', '1980-09-28T02:59:59', 120, 'one second before the end'],
  ['1980-09-28T01:00:00Z', '1980-09-28T02:00:00', 60, 'the end: 03:00 CEST becomes 02:00 CET'],
  ['1980-09-28T22:30:00Z', '1980-09-28T23:30:00', 60, 'evening of the end day: still Sunday'],
  ['1980-10-25T22:30:00Z', '1980-10-25T23:30:00', 60, 'Saturday before the last Sunday of October: normaltid in 1980'],
];

const EXAMPLES_1996: Example[] = [
  ['1996-03-30T22:30:00Z', '1996-03-30T23:30:00', 60, 'Saturday evening before the switch'],
  ['1996-03-31T00:59:59Z', '1996-03-31T01:59:59', 60, 'one second before the switch'],
  ['1996-03-31T01:00:00Z', '1996-03-31T03:00:00', 120, 'the switch at 01:00Z, last Sunday of March'],
  ['1996-03-31T22:30:00Z', '1996-04-01T00:30:00', 120, 'evening of the switch day: already Monday'],
  ['1996-09-28T22:30:00Z', '1996-09-29T00:30:00', 120, 'Saturday before the last Sunday of September'],
  ['1996-09-29T22:30:00Z', '1996-09-30T00:30:00', 120, 'last Sunday of September, evening: still sommartid from 1996'],
  ['1996-10-26T22:30:00Z', '1996-10-27T00:30:00', 120, 'Saturday evening before the end: already Sunday'],
  ['1996-10-27T00:59:59Z', '1996-10-27T02:59:59', 120, 'one second before the end'],
  ['1996-10-27T01:00:00Z', '1996-10-27T02:00:00', 60, 'the end at 01:00Z, last Sunday of October'],
  ['1996-10-27T22:30:00Z', '1996-10-27T23:30:00', 60, 'evening of the end day: still Sunday'],
];

function expectExample([instant, local, offset]: Example) {
  // The fixed expectation is what tzdata says ...
  expect(intlLocalDateTime(instant)).toBe(local);
  expect(intlOffsetMinutes(instant)).toBe(offset);
  // ... and what the calendar computes.
  expect(stockholmOffsetMinutes(instant)).toBe(offset);
  expect(toStockholmDateTime(instant)).toBe(local);
  expect(toStockholmDate(instant)).toBe(local.slice(0, 10));
  // The evening examples are chosen so that the other offset would give another local date.
  if (instant.endsWith('T22:30:00Z')) expect(dateWithOtherOffset(instant, offset)).not.toBe(local.slice(0, 10));
}

describe('R-L1, R-L2: the summer-time switches of 1980 in Europe/Stockholm (6 April – 28 September)', () => {
  it.each(EXAMPLES_1980)('R-L1, R-L2: %s is %s local, offset %i (%s)', (...example) => {
    expectExample(example);
  });
});

describe('R-L1, R-L2: the summer-time switches of 1996 in Europe/Stockholm (31 March – 27 October, EU rule)', () => {
  it.each(EXAMPLES_1996)('R-L1, R-L2: %s is %s local, offset %i (%s)', (...example) => {
    expectExample(example);
  });
});
