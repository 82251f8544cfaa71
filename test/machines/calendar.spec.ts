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
  fromEpochDay,
  holidayOn,
  holidaysOn,
  instantToEpochMillis,
  isAllmanHelgdag,
  isThirtyFirstDecember,
  isValidInstant,
  isValidLocalDate,
  isVardag,
  justeringDeadline,
  makeDate,
  midsommarafton,
  midsommardagen,
  nextVardag,
  nonVardagReason,
  stockholmOffsetMinutes,
  swedishPublicHolidays,
  toEpochDay,
  toStockholmDate,
  toStockholmDateTime,
  weekday,
  year,
} from '../../machines/calendar/calendar';

// RULEBOOK §5 holiday table 2024–2027, transcribed with names and weekdays (1=Mon..7=Sun).
type Row = [date: string, name: string, weekday: number];
const HOLIDAY_TABLE: Record<number, Row[]> = {
  2024: [
    ['2024-01-01', 'nyårsdagen', 1],
    ['2024-01-06', 'trettondedag jul', 6],
    ['2024-03-29', 'långfredagen', 5],
    ['2024-04-01', 'annandag påsk', 1],
    ['2024-05-01', 'första maj', 3],
    ['2024-05-09', 'Kristi himmelsfärdsdag', 4],
    ['2024-06-06', 'nationaldagen', 4],
    ['2024-06-22', 'midsommardagen', 6],
    ['2024-11-02', 'alla helgons dag', 6],
    ['2024-12-25', 'juldagen', 3],
    ['2024-12-26', 'annandag jul', 4],
  ],
  2025: [
    ['2025-01-01', 'nyårsdagen', 3],
    ['2025-01-06', 'trettondedag jul', 1],
    ['2025-04-18', 'långfredagen', 5],
    ['2025-04-21', 'annandag påsk', 1],
    ['2025-05-01', 'första maj', 4],
    ['2025-05-29', 'Kristi himmelsfärdsdag', 4],
    ['2025-06-06', 'nationaldagen', 5],
    ['2025-06-21', 'midsommardagen', 6],
    ['2025-11-01', 'alla helgons dag', 6],
    ['2025-12-25', 'juldagen', 4],
    ['2025-12-26', 'annandag jul', 5],
  ],
  2026: [
    ['2026-01-01', 'nyårsdagen', 4],
    ['2026-01-06', 'trettondedag jul', 2],
    ['2026-04-03', 'långfredagen', 5],
    ['2026-04-06', 'annandag påsk', 1],
    ['2026-05-01', 'första maj', 5],
    ['2026-05-14', 'Kristi himmelsfärdsdag', 4],
    ['2026-06-06', 'nationaldagen', 6],
    ['2026-06-20', 'midsommardagen', 6],
    ['2026-10-31', 'alla helgons dag', 6],
    ['2026-12-25', 'juldagen', 5],
    ['2026-12-26', 'annandag jul', 6],
  ],
  2027: [
    ['2027-01-01', 'nyårsdagen', 5],
    ['2027-01-06', 'trettondedag jul', 3],
    ['2027-03-26', 'långfredagen', 5],
    ['2027-03-29', 'annandag påsk', 1],
    ['2027-05-01', 'första maj', 6],
    ['2027-05-06', 'Kristi himmelsfärdsdag', 4],
    ['2027-06-06', 'nationaldagen', 7],
    ['2027-06-26', 'midsommardagen', 6],
    ['2027-11-06', 'alla helgons dag', 6],
    ['2027-12-25', 'juldagen', 6],
    ['2027-12-26', 'annandag jul', 7],
  ],
};

// Aftnar counted by lag 1930:173 2 § (same table).
const AFTNAR_TABLE: [date: string, code: string, weekday: number][] = [
  ['2024-06-21', 'MIDSOMMARAFTON', 5],
  ['2024-12-24', 'JULAFTON', 2],
  ['2024-12-31', 'NYARSAFTON', 2],
  ['2025-06-20', 'MIDSOMMARAFTON', 5],
  ['2025-12-24', 'JULAFTON', 3],
  ['2025-12-31', 'NYARSAFTON', 3],
  ['2026-06-19', 'MIDSOMMARAFTON', 5],
  ['2026-12-24', 'JULAFTON', 4],
  ['2026-12-31', 'NYARSAFTON', 4],
  ['2027-06-25', 'MIDSOMMARAFTON', 5],
  ['2027-12-24', 'JULAFTON', 5],
  ['2027-12-31', 'NYARSAFTON', 5],
];

// Påskdagen and pingstdagen are Sundays, so the table leaves them out.
const EASTER_SUNDAYS: Record<number, [påsk: string, pingst: string]> = {
  2024: ['2024-03-31', '2024-05-19'],
  2025: ['2025-04-20', '2025-06-08'],
  2026: ['2026-04-05', '2026-05-24'],
  2027: ['2027-03-28', '2027-05-16'],
};

describe('R-L5 holiday table 2024–2027 (RULEBOOK §5)', () => {
  const rows = Object.values(HOLIDAY_TABLE).flat();

  it.each(rows)('R-L5 %s is %s: allmän helgdag, not a vardag, correct weekday', (date, name, wd) => {
    expect(weekday(date)).toBe(wd);
    expect(isAllmanHelgdag(date)).toBe(true);
    expect(isVardag(date)).toBe(false);
    expect(holidayOn(date)?.name).toBe(name);
    const reason = nonVardagReason(date);
    expect(reason?.code).toBe('HOLIDAY');
    expect(reason?.holiday?.name).toBe(name);
    expect(reason?.sv).toContain(name);
  });

  it.each(AFTNAR_TABLE)('R-L4 afton %s (%s) is not a vardag but not an allmän helgdag', (date, code, wd) => {
    expect(weekday(date)).toBe(wd);
    expect(isVardag(date)).toBe(false);
    expect(isAllmanHelgdag(date)).toBe(false);
    expect(nonVardagReason(date)?.code).toBe(code);
  });

  it.each([2024, 2025, 2026, 2027])(
    'R-L5 swedishPublicHolidays(%i) is exactly the table plus påskdagen and pingstdagen',
    (y) => {
      const expected = [
        ...(HOLIDAY_TABLE[y] ?? []).map(([date, name]) => `${date} ${name}`),
        `${EASTER_SUNDAYS[y]?.[0]} påskdagen`,
        `${EASTER_SUNDAYS[y]?.[1]} pingstdagen`,
      ].sort();
      const actual = swedishPublicHolidays(y).map((h) => `${h.date} ${h.name}`);
      expect(actual).toEqual(expected); // also checks the list is sorted by date
      for (const h of swedishPublicHolidays(y)) expect(h.nameEn.length).toBeGreaterThan(0);
    },
  );

  it('R-L5 the returned holiday list is a copy: mutating it does not change later answers', () => {
    const list = swedishPublicHolidays(2025);
    list.length = 0;
    const first = swedishPublicHolidays(2025)[0];
    if (first) first.date = '2025-03-20';
    expect(swedishPublicHolidays(2025)).toHaveLength(13);
    expect(isVardag('2025-03-20')).toBe(true);
    expect(isVardag('2025-01-01')).toBe(false);
  });

  it('R-L5 midsommarafton/midsommardagen and alla helgons dag helpers match the table', () => {
    expect([2024, 2025, 2026, 2027].map(midsommardagen)).toEqual([
      '2024-06-22',
      '2025-06-21',
      '2026-06-20',
      '2027-06-26',
    ]);
    expect([2024, 2025, 2026, 2027].map(midsommarafton)).toEqual([
      '2024-06-21',
      '2025-06-20',
      '2026-06-19',
      '2027-06-25',
    ]);
    expect([2024, 2025, 2026, 2027].map(allaHelgonsDag)).toEqual([
      '2024-11-02',
      '2025-11-01',
      '2026-10-31',
      '2027-11-06',
    ]);
  });

  it.each([
    ['2026-01-05', 1, 'trettondedagsafton (R-L6)'],
    ['2025-04-30', 3, 'valborgsmässoafton (R-L6)'],
    ['2026-04-30', 4, 'valborgsmässoafton (R-L6)'],
    ['2025-06-19', 4, 'day before midsommarafton'],
    ['2024-12-23', 1, 'day before julafton'],
    ['2025-12-30', 2, 'day before nyårsafton'],
    ['2025-03-20', 4, 'ordinary Thursday'],
    ['2026-04-07', 2, 'Tuesday after annandag påsk'],
  ])('R-L4/R-L6 %s (weekday %i, %s) is a vardag', (date, wd, _label) => {
    expect(weekday(date)).toBe(wd);
    expect(isVardag(date)).toBe(true);
    expect(isAllmanHelgdag(date)).toBe(false);
    expect(nonVardagReason(date)).toBeNull();
  });

  it('R-L6 trettondedagsafton 2026-01-05 is a vardag while trettondedag jul 2026-01-06 is not', () => {
    expect(isVardag('2026-01-05')).toBe(true);
    expect(isVardag('2026-01-06')).toBe(false);
  });

  it('R-L4 midsommarafton 2025-06-20 (a Friday) is not a vardag', () => {
    expect(weekday('2025-06-20')).toBe(5);
    expect(isVardag('2025-06-20')).toBe(false);
    expect(nonVardagReason('2025-06-20')?.code).toBe('MIDSOMMARAFTON');
  });

  it('R-L4 plain weekends give SATURDAY / SUNDAY, and every Sunday is an allmän helgdag (R-L5)', () => {
    expect(nonVardagReason('2025-03-22')?.code).toBe('SATURDAY');
    expect(nonVardagReason('2025-03-23')?.code).toBe('SUNDAY');
    expect(isAllmanHelgdag('2025-03-23')).toBe(true);
    expect(isAllmanHelgdag('2025-03-22')).toBe(false);
  });

  it('R-L5 nationaldagen replaces annandag pingst from 2005', () => {
    const names2004 = swedishPublicHolidays(2004).map((h) => h.name);
    expect(names2004).toContain('annandag pingst');
    expect(names2004).not.toContain('nationaldagen');
    expect(holidayOn('2004-05-31')?.name).toBe('annandag pingst'); // påsk 2004-04-11 + 50
    expect(isVardag('2004-05-31')).toBe(false);
    expect(isVardag('2004-06-07')).toBe(true); // 6 June 2004 was a Sunday; the Monday is ordinary
    expect(isAllmanHelgdag('2004-06-04')).toBe(false);

    const names2005 = swedishPublicHolidays(2005).map((h) => h.name);
    expect(names2005).toContain('nationaldagen');
    expect(names2005).not.toContain('annandag pingst');
    expect(holidayOn('2005-06-06')?.name).toBe('nationaldagen');
    expect(isVardag('2005-06-06')).toBe(false); // Monday
    expect(isVardag('2005-05-16')).toBe(true); // would have been annandag pingst
  });

  it('R-L5 coinciding holidays: Kristi himmelsfärdsdag on första maj 2008', () => {
    expect(holidaysOn('2008-05-01').map((h) => h.name)).toEqual(['första maj', 'Kristi himmelsfärdsdag']);
    expect(nonVardagReason('2008-05-01')?.sv).toContain('första maj och Kristi himmelsfärdsdag');
    expect(
      holidaysOn('2049-06-06')
        .map((h) => h.name)
        .sort(),
    ).toEqual(['nationaldagen', 'pingstdagen']);
    expect(holidaysOn('2025-03-20')).toEqual([]);
  });

  it.each([
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
    [1999, '1999-04-04'],
  ])('R-L5 easterSunday(%i) = %s', (y, expected) => {
    expect(easterSunday(y)).toBe(expected);
  });
});

describe('R-I6 appeal period (lag 1930:173 1–2 §§)', () => {
  it('R-I6 anslag 2024-12-04 → 2024-12-27 (raw 12-25 juldagen, 12-26 annandag jul)', () => {
    const r = appealLastDay('2024-12-04');
    expect(r.rawDate).toBe('2024-12-25');
    expect(r.date).toBe('2024-12-27');
    expect(r.moved).toBe(true);
    expect(r.reason?.code).toBe('HOLIDAY');
    expect(r.reason?.holiday?.name).toBe('juldagen');
    expect(r.skipped.map((s) => s.date)).toEqual(['2024-12-25', '2024-12-26']);
  });

  it('R-I6 anslag 2025-12-10 → 2026-01-02 (raw 2025-12-31 nyårsafton, 01-01 nyårsdagen)', () => {
    const r = appealLastDay('2025-12-10');
    expect(r.rawDate).toBe('2025-12-31');
    expect(r.date).toBe('2026-01-02');
    expect(r.moved).toBe(true);
    expect(r.reason?.code).toBe('NYARSAFTON');
    expect(r.skipped.map((s) => s.reason.code)).toEqual(['NYARSAFTON', 'HOLIDAY']);
  });

  it('R-I6 anslag 2026-03-13 → 2026-04-07 (långfredagen, Saturday, påskdagen, annandag påsk)', () => {
    const r = appealLastDay('2026-03-13');
    expect(r.rawDate).toBe('2026-04-03');
    expect(r.date).toBe('2026-04-07');
    expect(r.skipped.map((s) => s.date)).toEqual(['2026-04-03', '2026-04-04', '2026-04-05', '2026-04-06']);
    expect(r.skipped.map((s) => s.reason.code)).toEqual(['HOLIDAY', 'SATURDAY', 'HOLIDAY', 'HOLIDAY']);
  });

  it('R-I6 anslag 2018-11-14 → 2018-12-05 (not moved)', () => {
    const r = appealLastDay('2018-11-14');
    expect(r).toEqual({ date: '2018-12-05', rawDate: '2018-12-05', moved: false, skipped: [] });
  });

  it('R-I6 RÅ 1999 not 181: anslag Tuesday 1999-03-16 → Tuesday 1999-04-06', () => {
    const r = appealLastDay('1999-03-16');
    expect(r.date).toBe('1999-04-06');
    expect(r.moved).toBe(false);
    expect(weekday('1999-03-16')).toBe(2);
    expect(weekday(r.date)).toBe(2);
  });

  it('R-I6 W10: anslag 2017-11-23 → 2017-12-14', () => {
    expect(appealLastDay('2017-11-23').date).toBe('2017-12-14');
  });

  it('R-I6 a Saturday raw date moves to Monday', () => {
    // 2025-03-01 is a Saturday; +21 = 2025-03-22 (Saturday) → Monday 2025-03-24.
    const r = appealLastDay('2025-03-01');
    expect(r.rawDate).toBe('2025-03-22');
    expect(r.date).toBe('2025-03-24');
    expect(r.reason?.code).toBe('SATURDAY');
  });

  it('R-I7 finalFrom = last appeal day + 1', () => {
    expect(finalFrom('2024-12-04')).toBe('2024-12-28');
    expect(finalFrom('2018-11-14')).toBe('2018-12-06');
    expect(finalFrom('2026-03-13')).toBe('2026-04-08');
  });

  it('R-L4 nextVardag: itself on a vardag, skips weekends, holidays and aftnar', () => {
    expect(nextVardag('2025-03-20')).toBe('2025-03-20');
    expect(nextVardag('2025-03-22')).toBe('2025-03-24');
    expect(nextVardag('2025-12-24')).toBe('2025-12-29'); // julafton Wed, 25, 26, Sat, Sun
    expect(nextVardag('2025-06-20')).toBe('2025-06-23'); // midsommarafton → Monday
    expect(nextVardag('2026-01-05')).toBe('2026-01-05'); // R-L6 trettondedagsafton
  });
});

describe('R-I1 / R-I4 / R-L7 (D8) justering and anslag deadlines move to the next vardag (lag 1930:173 2 §)', () => {
  it('R-I1 justering deadline = meeting + 14 days when that is a vardag: not moved, no warning', () => {
    // Mon 2025-03-03 + 14 = Mon 2025-03-17.
    expect(justeringDeadline('2025-03-03')).toEqual({
      date: '2025-03-17',
      rawDate: '2025-03-17',
      moved: false,
      skipped: [],
    });
  });

  it('R-I1 R-L7 justering deadline on midsommardagen moves to Monday, with a DEADLINE_MOVED note', () => {
    // Sat 2026-06-06 + 14 = Sat 2026-06-20 midsommardagen → Sun 21 → Mon 2026-06-22.
    const d = justeringDeadline('2026-06-06');
    expect(d).toMatchObject({ date: '2026-06-22', rawDate: '2026-06-20', moved: true });
    expect(d.skipped.map((s) => [s.date, s.reason.code])).toEqual([
      ['2026-06-20', 'HOLIDAY'],
      ['2026-06-21', 'SUNDAY'],
    ]);
    expect(d.warning?.code).toBe('DEADLINE_MOVED');
    expect(d.warning?.reason.code).toBe('HOLIDAY');
    expect(d.warning?.sv).toContain('midsommardagen');
    expect(d.warning?.sv).toContain('2026-06-20');
    expect(d.warning?.sv).toContain('nästa vardag 2026-06-22');
    expect(d.warning?.en).toContain('Midsummer Day');
    expect(d.warning?.en).toContain('2026-06-22');
  });

  it('R-I1 R-L7 meeting Fri 2025-05-23: raw deadline Fri 2025-06-06 (nationaldagen) → Mon 2025-06-09; the note says why and where to', () => {
    // 2025-06-07 is a Saturday and 2025-06-08 pingstdagen (påsk 20 April + 49); annandag pingst is no holiday since 2005.
    const d = justeringDeadline('2025-05-23');
    expect(d).toMatchObject({ date: '2025-06-09', rawDate: '2025-06-06', moved: true });
    expect(d.skipped.map((s) => s.date)).toEqual(['2025-06-06', '2025-06-07', '2025-06-08']);
    expect(d.warning?.sv).toBe(
      'Sista dag för justering (2025-06-06) är inte en vardag: 2025-06-06 är nationaldagen (allmän helgdag, fredag); ' +
        '2025-06-07 är en lördag; 2025-06-08 är pingstdagen (allmän helgdag, söndag). Den flyttas till nästa vardag 2025-06-09 (lag 1930:173 2 §).',
    );
    expect(d.warning?.en).toBe(
      'The justering (protocol approval) deadline (2025-06-06) is not a working day: 2025-06-06 is National Day of Sweden (public holiday, Friday); ' +
        '2025-06-07 is a Saturday; 2025-06-08 is Whit Sunday (public holiday, Sunday). It moves to the next working day, 2025-06-09 (lag 1930:173 2 §).',
    );
  });

  it('R-I4 anslag deadline = justering + 2 days when that is a vardag: not moved, no warning', () => {
    // Mon 2025-03-17 + 2 = Wed 2025-03-19.
    expect(anslagDeadline('2025-03-17')).toEqual({
      date: '2025-03-19',
      rawDate: '2025-03-19',
      moved: false,
      skipped: [],
    });
  });

  it('R-I4 R-L7 D8 a Friday justering: the anslag deadline Sunday moves to Monday', () => {
    // Fri 2025-03-07 + 2 = Sun 2025-03-09 → Mon 2025-03-10.
    const d = anslagDeadline('2025-03-07');
    expect(d).toMatchObject({
      date: '2025-03-10',
      rawDate: '2025-03-09',
      moved: true,
      warning: { code: 'DEADLINE_MOVED' },
    });
    expect(d.skipped.map((s) => s.reason.code)).toEqual(['SUNDAY']);
    expect(d.warning?.sv).toContain('anslag');
  });

  it('R-I4 R-L7 anslag deadline on a Saturday moves to Monday, onto trettondedagsafton (a vardag, R-L6)', () => {
    // Thu 2026-01-01 + 2 = Sat 2026-01-03 → Sun 4 → Mon 2026-01-05 (trettondedagsafton); trettondedag jul is Tue 6.
    const sat = anslagDeadline('2026-01-01');
    expect(sat).toMatchObject({ date: '2026-01-05', rawDate: '2026-01-03', moved: true });
    expect(sat.warning?.reason.code).toBe('SATURDAY');
  });

  it.each([
    // [what, deadline function, from, raw deadline, moved deadline, skipped reason codes]
    [
      'anslag on midsommarafton 2025',
      'anslag',
      '2025-06-18',
      '2025-06-20',
      '2025-06-23',
      ['MIDSOMMARAFTON', 'HOLIDAY', 'SUNDAY'],
    ],
    [
      'justering on midsommarafton 2026',
      'justering',
      '2026-06-05',
      '2026-06-19',
      '2026-06-22',
      ['MIDSOMMARAFTON', 'HOLIDAY', 'SUNDAY'],
    ],
    [
      'anslag on julafton (Wednesday) 2025: juldagen, annandag jul, the weekend',
      'anslag',
      '2025-12-22',
      '2025-12-24',
      '2025-12-29',
      ['JULAFTON', 'HOLIDAY', 'HOLIDAY', 'SATURDAY', 'SUNDAY'],
    ],
    [
      'anslag on julafton (Tuesday) 2024: juldagen, annandag jul',
      'anslag',
      '2024-12-22',
      '2024-12-24',
      '2024-12-27',
      ['JULAFTON', 'HOLIDAY', 'HOLIDAY'],
    ],
    [
      'justering on nyårsafton (Tuesday) 2024: nyårsdagen',
      'justering',
      '2024-12-17',
      '2024-12-31',
      '2025-01-02',
      ['NYARSAFTON', 'HOLIDAY'],
    ],
    [
      'anslag on nyårsafton (Wednesday) 2025: nyårsdagen',
      'anslag',
      '2025-12-29',
      '2025-12-31',
      '2026-01-02',
      ['NYARSAFTON', 'HOLIDAY'],
    ],
    [
      'justering on långfredagen 2025: påskafton, påskdagen, annandag påsk',
      'justering',
      '2025-04-04',
      '2025-04-18',
      '2025-04-22',
      ['HOLIDAY', 'SATURDAY', 'HOLIDAY', 'HOLIDAY'],
    ],
    [
      'anslag on långfredagen 2026: påskafton, påskdagen, annandag påsk',
      'anslag',
      '2026-04-01',
      '2026-04-03',
      '2026-04-07',
      ['HOLIDAY', 'SATURDAY', 'HOLIDAY', 'HOLIDAY'],
    ],
    [
      'anslag on påskafton 2025 (from skärtorsdagen, a vardag)',
      'anslag',
      '2025-04-17',
      '2025-04-19',
      '2025-04-22',
      ['SATURDAY', 'HOLIDAY', 'HOLIDAY'],
    ],
    ['anslag on alla helgons dag 2025', 'anslag', '2025-10-30', '2025-11-01', '2025-11-03', ['HOLIDAY', 'SUNDAY']],
    ['justering on annandag jul 2024', 'justering', '2024-12-12', '2024-12-26', '2024-12-27', ['HOLIDAY']],
  ] as const)('R-L4 R-L7 %s: %s from %s → raw %s → %s', (_what, kind, from, raw, moved, codes) => {
    const d = kind === 'justering' ? justeringDeadline(from) : anslagDeadline(from);
    expect(d).toMatchObject({ date: moved, rawDate: raw, moved: true, warning: { code: 'DEADLINE_MOVED' } });
    expect(d.skipped.map((s) => s.reason.code)).toEqual(codes);
    expect(isVardag(d.date)).toBe(true);
    expect(d.warning?.sv).toContain(`(${raw})`);
    expect(d.warning?.sv).toContain(`nästa vardag ${moved}`);
  });

  it('R-L6 R-L7 deadlines on valborgsmässoafton and trettondedagsafton are vardagar: not moved', () => {
    // Mon 2025-04-28 + 2 = Wed 2025-04-30 (valborgsmässoafton); Sat 2026-01-03 + 2 = Mon 2026-01-05 (trettondedagsafton).
    expect(anslagDeadline('2025-04-28')).toEqual({
      date: '2025-04-30',
      rawDate: '2025-04-30',
      moved: false,
      skipped: [],
    });
    expect(anslagDeadline('2026-01-03')).toEqual({
      date: '2026-01-05',
      rawDate: '2026-01-05',
      moved: false,
      skipped: [],
    });
  });
});

describe('R-L1 / R-L2 Europe/Stockholm conversion (RULEBOOK §5 checks)', () => {
  it('R-L2 2025-12-31T22:59:59Z is still 2025-12-31 locally (23:59:59 CET)', () => {
    expect(toStockholmDate('2025-12-31T22:59:59Z')).toBe('2025-12-31');
    expect(toStockholmDateTime('2025-12-31T22:59:59Z')).toBe('2025-12-31T23:59:59');
    expect(stockholmOffsetMinutes('2025-12-31T22:59:59Z')).toBe(60);
  });

  it('R-L2 2025-12-31T23:30:00Z is 2026-01-01 locally', () => {
    expect(toStockholmDate('2025-12-31T23:30:00Z')).toBe('2026-01-01');
    expect(toStockholmDateTime('2025-12-31T23:30:00Z')).toBe('2026-01-01T00:30:00');
  });

  it('R-L1 2026-03-29T01:00:00Z is 03:00 CEST; one second earlier is 01:59:59 CET', () => {
    expect(toStockholmDateTime('2026-03-29T01:00:00Z')).toBe('2026-03-29T03:00:00');
    expect(stockholmOffsetMinutes('2026-03-29T01:00:00Z')).toBe(120);
    expect(toStockholmDateTime('2026-03-29T00:59:59Z')).toBe('2026-03-29T01:59:59');
    expect(stockholmOffsetMinutes('2026-03-29T00:59:59Z')).toBe(60);
  });

  it('R-L1 2026-10-25T00:30Z and 01:30Z are both 02:30 local, offsets 120 then 60', () => {
    expect(toStockholmDateTime('2026-10-25T00:30Z')).toBe('2026-10-25T02:30:00');
    expect(stockholmOffsetMinutes('2026-10-25T00:30Z')).toBe(120);
    expect(toStockholmDateTime('2026-10-25T01:30Z')).toBe('2026-10-25T02:30:00');
    expect(stockholmOffsetMinutes('2026-10-25T01:30Z')).toBe(60);
  });

  it('R-L2 explicit offsets: 2025-03-20T09:00:00+01:00 is 09:00 local on 2025-03-20', () => {
    expect(toStockholmDateTime('2025-03-20T09:00:00+01:00')).toBe('2025-03-20T09:00:00');
    expect(toStockholmDate('2025-03-20T09:00:00+01:00')).toBe('2025-03-20');
    // Same instant written in another zone.
    expect(toStockholmDateTime('2025-03-19T23:00:00-09:00')).toBe('2025-03-20T09:00:00');
    expect(instantToEpochMillis('2025-03-20T09:00:00+01:00')).toBe(Date.UTC(2025, 2, 20, 8, 0, 0));
  });

  it('R-L2 an early-morning UTC+14 instant maps to the previous Stockholm day', () => {
    expect(toStockholmDate('2026-01-01T05:00:00+14:00')).toBe('2025-12-31');
  });

  it('R-L2 fractions are kept for ordering and truncated for display', () => {
    expect(instantToEpochMillis('2025-06-01T12:00:00.1234Z')).toBe(Date.UTC(2025, 5, 1, 12, 0, 0, 123));
    expect(toStockholmDateTime('2025-06-01T12:00:00.999Z')).toBe('2025-06-01T14:00:00');
  });

  it('R-L1 before 1996 the historical EU rule ends summer time on the last Sunday of September', () => {
    expect(stockholmOffsetMinutes('1995-09-24T00:59:59Z')).toBe(120);
    expect(stockholmOffsetMinutes('1995-09-24T01:00:00Z')).toBe(60);
    expect(stockholmOffsetMinutes('1975-07-01T12:00:00Z')).toBe(60); // no summer time 1917–1979
  });
});

describe('R-L3 period arithmetic', () => {
  it('R-L3 addYears keeps the day number; 29 Feb → 28 Feb when missing', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2024-02-29', -4)).toBe('2020-02-29');
    expect(addYears('2025-03-20', 1)).toBe('2026-03-20');
  });

  it('R-L3 addMonths uses the last day of a shorter month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-03-31', 1)).toBe('2025-04-30');
    expect(addMonths('2025-11-15', 2)).toBe('2026-01-15');
    expect(addMonths('2025-01-15', -1)).toBe('2024-12-15');
  });

  it('R-L3 addWeeks keeps the weekday; addDays crosses months and years', () => {
    expect(addWeeks('2025-03-20', 3)).toBe('2025-04-10');
    expect(weekday('2025-04-10')).toBe(weekday('2025-03-20'));
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('compareDates, daysBetween, weekday, year, epoch days', () => {
    expect(compareDates('2025-01-01', '2025-01-02')).toBe(-1);
    expect(compareDates('2025-01-02', '2025-01-01')).toBe(1);
    expect(compareDates('2025-01-02', '2025-01-02')).toBe(0);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
    expect(weekday('1970-01-01')).toBe(4);
    expect(weekday('2025-03-23')).toBe(7);
    expect(year('2025-03-20')).toBe(2025);
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('1969-12-31')).toBe(-1);
    expect(fromEpochDay(20000)).toBe('2024-10-04');
    expect(makeDate(2025, 3, 20)).toBe('2025-03-20');
  });
});

describe('R-C2 / R-L8 / R-L9 earliest exit date', () => {
  it.each([
    ['2025-03-20', '2026-12-31'],
    ['2025-12-31', '2026-12-31'],
    ['2026-01-01', '2027-12-31'],
    ['2026-01-02', '2027-12-31'],
  ])('R-C2 request %s → earliest exit %s', (r, e) => {
    expect(earliestExitDate(r)).toBe(e);
    expect(isThirtyFirstDecember(e)).toBe(true);
  });

  it('R-L8 the exit date stays 31 December even when it is a Saturday', () => {
    expect(earliestExitDate('2021-06-01')).toBe('2022-12-31');
    expect(weekday('2022-12-31')).toBe(6);
    expect(isVardag('2022-12-31')).toBe(false);
  });

  it('R-L9 a notice on nyårsafton counts for that year; the next vardag counts for the next', () => {
    expect(isVardag('2025-12-31')).toBe(false);
    expect(earliestExitDate('2025-12-31')).toBe('2026-12-31');
    expect(nextVardag('2025-12-31')).toBe('2026-01-02');
    expect(earliestExitDate(nextVardag('2025-12-31'))).toBe('2027-12-31');
  });

  it('isThirtyFirstDecember is false for other days', () => {
    expect(isThirtyFirstDecember('2025-12-30')).toBe(false);
    expect(isThirtyFirstDecember('2025-01-31')).toBe(false);
    expect(isThirtyFirstDecember('2025-12-31')).toBe(true);
  });
});

describe('validation', () => {
  it.each(['2024-02-29', '2025-02-28', '2025-12-31', '0001-01-01', '9999-12-31', '2000-02-29'])(
    'isValidLocalDate accepts %s',
    (s) => expect(isValidLocalDate(s)).toBe(true),
  );

  it.each([
    '2025-02-29',
    '1900-02-29',
    '2025-13-01',
    '2025-00-10',
    '2025-04-31',
    '2025-01-00',
    '2025-1-01',
    '25-01-01',
    '2025-01-01T00:00:00Z',
    ' 2025-01-01',
    '2025-01-01 ',
    '2025/01/01',
    '',
    '0000-01-01',
    '+2025-01-01',
  ])('isValidLocalDate rejects %j', (s) => expect(isValidLocalDate(s)).toBe(false));

  it.each([
    '2025-03-20T09:00:00Z',
    '2025-03-20T09:00Z',
    '2025-03-20T09:00:00+01:00',
    '2025-03-20T09:00:00.5-05:30',
    '2024-02-29T23:59:59.123456Z',
    '2025-03-20T00:00:00+14:00',
    '2025-03-20T00:00:00-14:00',
    '2025-03-20T00:00:00-12:00',
    '2025-03-20T00:00:00+05:45',
  ])('isValidInstant accepts %s', (s) => expect(isValidInstant(s)).toBe(true));

  it.each([
    '2025-03-20T09:00:00',
    '2025-03-20',
    '2025-02-29T09:00:00Z',
    '2025-03-20T24:00:00Z',
    '2025-03-20T09:60:00Z',
    '2025-03-20T09:00:60Z',
    '2025-03-20 09:00:00Z',
    '2025-03-20T09:00:00+0100',
    '2025-03-20T09:00:00+01',
    '2025-03-20T09:00:00+24:00',
    // R-L2: real offsets lie within ±14:00 (UTC-12 … UTC+14); beyond that the instant names no place.
    '2025-03-20T09:00:00+23:59',
    '2025-03-20T09:00:00+14:01',
    '2025-03-20T09:00:00-14:01',
    '2025-03-20T09:00:00+15:00',
    '2025-03-20T09:00:00-23:00',
    '2025-03-20T09:00:00+01:60',
    '2025-03-20T09:00.5Z',
    '2025-03-20T9:00:00Z',
    '2025-03-20t09:00:00z',
    '2025-03-20T09:00:00.Z',
    '',
  ])('isValidInstant rejects %j', (s) => expect(isValidInstant(s)).toBe(false));

  it('functions throw RangeError on invalid input instead of guessing', () => {
    expect(() => addDays('2025-02-29', 1)).toThrow(RangeError);
    expect(() => addDays('2025-01-01', 1.5)).toThrow(RangeError);
    expect(() => weekday('2025-13-01')).toThrow(RangeError);
    expect(() => toStockholmDate('2025-03-20T09:00:00')).toThrow(RangeError);
    expect(() => stockholmOffsetMinutes('not an instant')).toThrow(RangeError);
    expect(() => appealLastDay('2025-2-1')).toThrow(RangeError);
    expect(() => easterSunday(0)).toThrow(RangeError);
    expect(() => addYears('9999-06-01', 1)).toThrow(RangeError);
    expect(() => makeDate(2025, 2, 29)).toThrow(RangeError);
  });
});
