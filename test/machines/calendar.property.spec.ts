import fc from 'fast-check';
import {
  addDays,
  addMonths,
  addWeeks,
  addYears,
  allaHelgonsDag,
  anslagDeadline,
  appealLastDay,
  compareDates,
  daysBetween,
  earliestExitDate,
  easterSunday,
  finalFrom,
  isAllmanHelgdag,
  isThirtyFirstDecember,
  isValidInstant,
  isValidLocalDate,
  isVardag,
  justeringDeadline,
  midsommardagen,
  nextVardag,
  stockholmOffsetMinutes,
  swedishPublicHolidays,
  toEpochDay,
  toStockholmDate,
  toStockholmDateTime,
  weekday,
  year,
} from '../../machines/calendar/calendar';

// Oracles are built from the JS runtime (UTC Date methods and ICU tzdata via Intl),
// independent of the integer arithmetic in the module under test.
const DAY_MS = 86_400_000;
const RUNS = 500;

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

function intlParts(ms: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of stockholmFormat.formatToParts(new Date(ms))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return out;
}

const p2 = (n: number | undefined): string => String(n).padStart(2, '0');

function intlLocalDateTime(ms: number): string {
  const p = intlParts(ms);
  return `${String(p.year).padStart(4, '0')}-${p2(p.month)}-${p2(p.day)}T${p2(p.hour)}:${p2(p.minute)}:${p2(p.second)}`;
}

function intlOffsetMinutes(ms: number): number {
  const p = intlParts(ms);
  const asUtc = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

const utcDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The same instant written with an arbitrary UTC offset (±hh:mm). */
function withOffset(ms: number, offsetMin: number): string {
  const local = new Date(ms + offsetMin * 60_000).toISOString().slice(0, 19);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${local}${sign}${p2(Math.floor(abs / 60))}:${p2(abs % 60)}`;
}

const instantMs = (fromYear: number, toYear: number) =>
  fc.integer({ min: Date.UTC(fromYear, 0, 1), max: Date.UTC(toYear, 11, 31, 23, 59, 59, 999) });

// Instants close to the DST switches, where errors would show up.
const nearSwitchMs = fc
  .tuple(fc.integer({ min: 1996, max: 2100 }), fc.constantFrom(2, 9), fc.integer({ min: -3 * 3600, max: 3 * 3600 }))
  .map(([y, m, deltaSec]) => {
    const last = new Date(Date.UTC(y, m + 1, 0));
    const lastSunday = last.getTime() - last.getUTCDay() * DAY_MS;
    return lastSunday + 3600_000 + deltaSec * 1000;
  });

const localDate = (fromYear = 1900, toYear = 2100) =>
  fc
    .integer({ min: Date.UTC(fromYear, 0, 1) / DAY_MS, max: Date.UTC(toYear, 11, 31) / DAY_MS })
    .map((d) => utcDate(d * DAY_MS));

describe('R-L1 / R-L2 agreement with Intl (Europe/Stockholm tzdata)', () => {
  it('R-L2 toStockholmDate and toStockholmDateTime agree with Intl for instants 1996–2100', () => {
    fc.assert(
      fc.property(instantMs(1996, 2100), (ms) => {
        const iso = new Date(ms).toISOString();
        const expected = intlLocalDateTime(ms);
        expect(toStockholmDateTime(iso)).toBe(expected);
        expect(toStockholmDate(iso)).toBe(expected.slice(0, 10));
      }),
      { numRuns: RUNS },
    );
  });

  it('R-L1 stockholmOffsetMinutes agrees with Intl for instants 1996–2100', () => {
    fc.assert(
      fc.property(instantMs(1996, 2100), (ms) => {
        expect(stockholmOffsetMinutes(new Date(ms).toISOString())).toBe(intlOffsetMinutes(ms));
      }),
      { numRuns: RUNS },
    );
  });

  it('R-L1 offset and local time agree with Intl within ±3 h of every switch 1996–2100', () => {
    fc.assert(
      fc.property(nearSwitchMs, (ms) => {
        const iso = new Date(ms).toISOString();
        expect(stockholmOffsetMinutes(iso)).toBe(intlOffsetMinutes(ms));
        expect(toStockholmDateTime(iso)).toBe(intlLocalDateTime(ms));
      }),
      { numRuns: RUNS },
    );
  });

  // tzdata only guarantees Europe/Stockholm from 1970 (earlier it aliases Berlin).
  it('R-L1 historical rules 1970–1995 agree with Intl', () => {
    fc.assert(
      fc.property(instantMs(1970, 1995), (ms) => {
        expect(stockholmOffsetMinutes(new Date(ms).toISOString())).toBe(intlOffsetMinutes(ms));
      }),
      { numRuns: RUNS },
    );
  });

  it('R-L2 the local date does not depend on how the offset of the instant is written', () => {
    fc.assert(
      fc.property(instantMs(1996, 2100), fc.integer({ min: -14 * 60, max: 14 * 60 }), (ms, off) => {
        const written = withOffset(ms, off);
        expect(isValidInstant(written)).toBe(true);
        expect(toStockholmDateTime(written)).toBe(intlLocalDateTime(ms));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('R-L4 söndagsregeln properties', () => {
  it('R-L4 nextVardag(d) is a vardag ≥ d and every day in [d, nextVardag(d)) is not a vardag', () => {
    fc.assert(
      fc.property(localDate(), (d) => {
        const n = nextVardag(d);
        expect(isVardag(n)).toBe(true);
        expect(compareDates(n, d)).toBeGreaterThanOrEqual(0);
        for (let x = d; x !== n; x = addDays(x, 1)) expect(isVardag(x)).toBe(false);
        expect(daysBetween(d, n)).toBeLessThanOrEqual(5); // julafton on a Wednesday
      }),
      { numRuns: RUNS },
    );
  });

  it('R-L4 nextVardag is idempotent', () => {
    fc.assert(
      fc.property(localDate(), (d) => {
        expect(nextVardag(nextVardag(d))).toBe(nextVardag(d));
      }),
      { numRuns: RUNS },
    );
  });

  it('R-L4 a vardag is Monday–Friday and never an allmän helgdag', () => {
    fc.assert(
      fc.property(localDate(), (d) => {
        if (isVardag(d)) {
          expect(weekday(d)).toBeLessThanOrEqual(5);
          expect(isAllmanHelgdag(d)).toBe(false);
        }
        if (weekday(d) >= 6 || isAllmanHelgdag(d)) expect(isVardag(d)).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('R-I6 appealLastDay is a vardag between anslag+21 and anslag+26, and only moves past non-vardagar', () => {
    fc.assert(
      fc.property(localDate(), (a) => {
        const r = appealLastDay(a);
        expect(r.rawDate).toBe(addDays(a, 21));
        const span = daysBetween(a, r.date);
        expect(span).toBeGreaterThanOrEqual(21);
        expect(span).toBeLessThanOrEqual(26);
        expect(isVardag(r.date)).toBe(true);
        expect(r.moved).toBe(r.date !== r.rawDate);
        expect(r.moved).toBe(!isVardag(r.rawDate));
        expect(r.skipped.length).toBe(daysBetween(r.rawDate, r.date));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('R-I1 / R-I4 / R-L7 (D8) deadline properties', () => {
  it.each([
    ['R-I1 justeringDeadline', justeringDeadline, 14],
    ['R-I4 anslagDeadline', anslagDeadline, 2],
  ] as const)(
    '%s(d) is the first vardag on or after d + %i days, and notes the move exactly when it moved',
    (_name, deadline, days) => {
      fc.assert(
        fc.property(localDate(), (d) => {
          const r = deadline(d);
          expect(r.rawDate).toBe(addDays(d, days));
          expect(isVardag(r.date)).toBe(true);
          expect(compareDates(r.date, r.rawDate)).toBeGreaterThanOrEqual(0);
          for (let x = r.rawDate; x !== r.date; x = addDays(x, 1)) expect(isVardag(x)).toBe(false);
          expect(r.moved).toBe(!isVardag(r.rawDate));
          expect(r.skipped.length).toBe(daysBetween(r.rawDate, r.date));
          expect(r.warning?.code).toBe(r.moved ? 'DEADLINE_MOVED' : undefined);
        }),
        { numRuns: RUNS },
      );
    },
  );
});

describe('R-L3 arithmetic properties', () => {
  it('R-L3 addYears keeps month and day, except 29 Feb → 28 Feb in a common year', () => {
    fc.assert(
      fc.property(localDate(), fc.integer({ min: -100, max: 100 }), (d, n) => {
        const r = addYears(d, n);
        expect(year(r)).toBe(year(d) + n);
        const [, m, day] = d.split('-');
        if (`${m}-${day}` === '02-29') {
          expect(r.slice(5)).toBe(isValidLocalDate(`${r.slice(0, 4)}-02-29`) ? '02-29' : '02-28');
        } else {
          expect(r.slice(5)).toBe(d.slice(5));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('R-L3 addMonths gives min(day, last day of target month) and agrees with Date.UTC', () => {
    fc.assert(
      fc.property(localDate(), fc.integer({ min: -240, max: 240 }), (d, n) => {
        const [y, m, day] = d.split('-').map(Number) as [number, number, number];
        const lastDay = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
        const expected = utcDate(Date.UTC(y, m - 1 + n, Math.min(day, lastDay)));
        expect(addMonths(d, n)).toBe(expected);
      }),
      { numRuns: RUNS },
    );
  });

  it('addDays / daysBetween round-trip and agree with UTC Date arithmetic', () => {
    fc.assert(
      fc.property(localDate(), fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        const r = addDays(d, n);
        expect(r).toBe(utcDate(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS));
        expect(daysBetween(d, r)).toBe(n);
        expect(addDays(r, -n)).toBe(d);
        expect(compareDates(r, d)).toBe(Math.sign(n));
      }),
      { numRuns: RUNS },
    );
  });

  it('R-L3 weekday(addWeeks(d, n)) = weekday(d), and weekday agrees with getUTCDay', () => {
    fc.assert(
      fc.property(localDate(), fc.integer({ min: -520, max: 520 }), (d, n) => {
        const w = addWeeks(d, n);
        expect(weekday(w)).toBe(weekday(d));
        expect(daysBetween(d, w)).toBe(7 * n);
        expect(weekday(d) % 7).toBe(new Date(`${d}T00:00:00Z`).getUTCDay());
      }),
      { numRuns: RUNS },
    );
  });

  it('isValidLocalDate agrees with a Date.UTC round trip for random parts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const s = `${y}-${p2(m)}-${p2(d)}`;
          const ok = m >= 1 && m <= 12 && d >= 1 && utcDate(Date.UTC(y, m - 1, d)) === s;
          expect(isValidLocalDate(s)).toBe(ok);
          if (ok) expect(toEpochDay(s)).toBe(Date.UTC(y, m - 1, d) / DAY_MS);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('R-L5 holiday properties', () => {
  const years = fc.integer({ min: 1900, max: 2300 });

  it('R-L5 every holiday of year y lies in y, is an allmän helgdag and not a vardag', () => {
    fc.assert(
      fc.property(years, (y) => {
        const hs = swedishPublicHolidays(y);
        expect(hs).toHaveLength(13);
        expect(new Set(hs.map((h) => h.name)).size).toBe(13);
        // Two holidays may share a date (e.g. 2008-05-01), never more.
        expect(new Set(hs.map((h) => h.date)).size).toBeGreaterThanOrEqual(12);
        expect(hs.map((h) => h.date)).toEqual([...hs.map((h) => h.date)].sort());
        for (const h of hs) {
          expect(year(h.date)).toBe(y);
          expect(isAllmanHelgdag(h.date)).toBe(true);
          expect(isVardag(h.date)).toBe(false);
        }
        const names = hs.map((h) => h.name);
        expect(names.includes('nationaldagen')).toBe(y >= 2005);
        expect(names.includes('annandag pingst')).toBe(y < 2005);
      }),
      { numRuns: 200 }, // 13 holidays × several expects per run; 200 of 401 years is plenty
    );
  });

  it('R-L5 easterSunday is a Sunday between 22 March and 25 April', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 9999 }), (y) => {
        const e = easterSunday(y);
        expect(weekday(e)).toBe(7);
        expect(year(e)).toBe(y);
        expect(e.slice(5) >= '03-22' && e.slice(5) <= '04-25').toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('R-L5 midsommardagen is the Saturday 20–26 June', () => {
    fc.assert(
      fc.property(years, (y) => {
        const m = midsommardagen(y);
        expect(weekday(m)).toBe(6);
        expect(m >= `${y}-06-20` && m <= `${y}-06-26`).toBe(true);
        expect(isVardag(addDays(m, -1))).toBe(false); // R-L4 midsommarafton
      }),
      { numRuns: RUNS },
    );
  });

  it('R-L5 alla helgons dag is the Saturday 31 Oct–6 Nov', () => {
    fc.assert(
      fc.property(years, (y) => {
        const a = allaHelgonsDag(y);
        expect(weekday(a)).toBe(6);
        expect(a >= `${y}-10-31` && a <= `${y}-11-06`).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('totality over the dates the API accepts (src/common/input-limits.ts: 1900-01-01 to today + 100 years)', () => {
  it('every deadline, the next vardag and the earliest exit date are computed for any date 1900–2200 without throwing', () => {
    fc.assert(
      fc.property(localDate(1900, 2200), (d) => {
        for (const f of [justeringDeadline, anslagDeadline, appealLastDay] as const) expect(f(d).date > d).toBe(true);
        expect(finalFrom(d) > d).toBe(true);
        expect(nextVardag(d) >= d).toBe(true);
        expect(earliestExitDate(d) > d).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('every instant with an offset within ±14:00 of a day 1900–2200 has a Stockholm date', () => {
    fc.assert(
      fc.property(localDate(1900, 2200), fc.integer({ min: -14 * 60, max: 14 * 60 }), (d, off) => {
        const sign = off < 0 ? '-' : '+';
        const abs = Math.abs(off);
        const instant = `${d}T12:00:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        expect(isValidInstant(instant)).toBe(true);
        expect(Math.abs(daysBetween(d, toStockholmDate(instant)))).toBeLessThanOrEqual(1);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('R-C2 earliest exit properties', () => {
  it('R-C2 earliestExitDate(r) is 31 Dec of year(r)+1, ≥ 365 days later, and the first 31 Dec at least one year after r', () => {
    fc.assert(
      fc.property(localDate(1900, 2200), (r) => {
        const e = earliestExitDate(r);
        expect(isThirtyFirstDecember(e)).toBe(true);
        expect(year(e)).toBe(year(r) + 1);
        expect(daysBetween(r, e)).toBeGreaterThanOrEqual(365);
        // R-C3 reading (3): one year under 1930:173 1 § must fit, and the previous 31 Dec would not.
        expect(compareDates(addYears(r, 1), e)).toBeLessThanOrEqual(0);
        expect(compareDates(addYears(e, -1), addYears(r, 1))).toBe(-1);
      }),
      { numRuns: RUNS },
    );
  });
});
