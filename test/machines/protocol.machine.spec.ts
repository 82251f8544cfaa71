/**
 * The protocol machine driven through its lifecycle (RULEBOOK H14, I1–I8, K9, L4; DECISIONS D8, D9, D10): pure, with
 * createActor for the runs and transition() for the "refused events change nothing" checks.
 */
import type { RuleWarning } from '../../machines/kernel/refusal';
import { explainRefusal, guardNames } from '../../machines/kernel/explain';
import { createActor, transition, type SnapshotFrom } from 'xstate';
import { addDays } from '../../machines/calendar/calendar';
import type { DecisionParagraph, MeetingFacts } from '../../machines/protocol/decision.types';
import { protocolDefinition, protocolMachine } from '../../machines/protocol/protocol.machine';
import { appealDates, protocolStatusOf } from '../../machines/protocol/protocol.rules';
import type { ProtocolEvent, ProtocolInput } from '../../machines/protocol/protocol.types';

type Snap = SnapshotFrom<typeof protocolMachine>;
type Ev<T extends ProtocolEvent['type']> = Extract<ProtocolEvent, { type: T }>;

// ---------------------------------------------------------------- fixtures

/** Socialnämnden in Mellerud (seed 002), meeting on Wednesday 2024-11-20, justering set for Monday 2 December 14:00. */
const MEETING: MeetingFacts = {
  bodyKind: 'NAMND',
  bodyName: 'Socialnämnden',
  memberCount: 9,
  municipality: '1461',
  date: '2024-11-20',
  attendees: [
    { name: 'Daniel Jensen', party: 'KD', role: 'LEDAMOT', chair: true },
    { name: 'Marianne Sand Wallin', party: 'S', role: 'LEDAMOT' },
    { name: 'Sara Kanyinda', party: 'S', role: 'LEDAMOT' },
    { name: 'Ledamot Fyra', party: 'M', role: 'LEDAMOT' },
    { name: 'Ersättare Fem', party: 'C', role: 'TJANSTGORANDE_ERSATTARE' },
  ],
  closedAt: '2024-11-20T16:00:00Z',
  justeringAt: '2024-12-02T13:00:00Z',
};

const PARAGRAPH: DecisionParagraph = {
  paragraphNumber: '§ 45',
  matter: { title: 'Avsiktsförklaring sociala området version 1.2', diarienummer: 'SN 2024/15' },
  subject: 'OTHER',
  beslutsunderlag: ['Tjänsteskrivelse'],
  proposals: [
    {
      id: 'A',
      by: [{ name: 'Daniel Jensen', party: 'KD' }],
      text: 'Socialnämnden beslutar att anta reviderad avsiktsförklaring.',
    },
    {
      id: 'B',
      by: [
        { name: 'Marianne Sand Wallin', party: 'S' },
        { name: 'Sara Kanyinda', party: 'S' },
      ],
      text: 'Socialnämnden avslår.',
    },
  ],
  beslutsgang: [
    'Ordföranden ställer förslagen mot varandra och finner att socialnämnden bifaller Daniel Jensens förslag.',
  ],
  method: { kind: 'ACKLAMATION', adopted: 'A' },
  decision: { attSatser: ['anta reviderad avsiktsförklaring.'] },
  jav: [],
  reservations: [
    {
      members: [
        { name: 'Marianne Sand Wallin', party: 'S' },
        { name: 'Sara Kanyinda', party: 'S' },
      ],
      inFavourOf: 'B',
    },
  ],
  protokollsanteckningar: [],
  sendTo: ['Kommunstyrelsen'],
};

const INPUT: ProtocolInput = { decisionId: 'dec-45', meeting: MEETING, paragraph: PARAGRAPH };

// ---------------------------------------------------------------- events

const amend = (
  paragraph: DecisionParagraph = { ...PARAGRAPH, summary: 'Rättad sammanfattning' },
): Ev<'PARAGRAPH_AMENDED'> => ({
  type: 'PARAGRAPH_AMENDED',
  paragraph,
  reason: 'Skrivfel',
});
const justera = (justeradOn: string, extra: Partial<Ev<'JUSTERAT'>> = {}): Ev<'JUSTERAT'> => ({
  type: 'JUSTERAT',
  justeradOn,
  justerare: ['Daniel Jensen', 'Ledamot Fyra'],
  ...extra,
});
const anslag = (anslagOn: string, noticeBoard?: string): Ev<'ANSLAG_POSTED'> => ({
  type: 'ANSLAG_POSTED',
  anslagOn,
  ...(noticeBoard ? { noticeBoard } : {}),
});
const periodEnded = (on: string): Ev<'APPEAL_PERIOD_ENDED'> => ({ type: 'APPEAL_PERIOD_ENDED', on });
const appeal = (receivedOn: string): Ev<'APPEAL_RECEIVED'> => ({
  type: 'APPEAL_RECEIVED',
  receivedOn,
  court: 'Förvaltningsrätten i Göteborg',
  caseNumber: '1234-25',
});
const noAppeal = (confirmedOn: string, basis?: string): Ev<'NO_APPEAL_CONFIRMED'> => ({
  type: 'NO_APPEAL_CONFIRMED',
  confirmedOn,
  ...(basis ? { basis } : {}),
});
const decided = (outcome: 'REJECTED' | 'ANNULLED', decidedOn: string): Ev<'APPEAL_DECIDED'> => ({
  type: 'APPEAL_DECIDED',
  outcome,
  decidedOn,
  court: 'Förvaltningsrätten i Göteborg',
  caseNumber: '1234-25',
});
const correct = (correctedOn: string, text = 'I § 45 ska det stå "version 1.2".'): Ev<'CORRECTION_RECORDED'> => ({
  type: 'CORRECTION_RECORDED',
  correctedOn,
  reason: 'Uppenbart skrivfel',
  text,
});
const motivation = (
  member: string,
  submittedAt: string,
  text = 'Vi socialdemokrater anser …',
): Ev<'RESERVATION_MOTIVATION_SUBMITTED'> => ({
  type: 'RESERVATION_MOTIVATION_SUBMITTED',
  member,
  text,
  submittedAt,
});

// ---------------------------------------------------------------- helpers

function start(input: ProtocolInput = INPUT) {
  return createActor(protocolMachine, { input }).start();
}

/** Sends the events one by one; each must be accepted (the snapshot must change). */
function runFrom(input: ProtocolInput, ...events: ProtocolEvent[]) {
  const actor = start(input);
  for (const e of events) {
    const before = actor.getSnapshot();
    actor.send(e);
    if (actor.getSnapshot() === before)
      throw new Error(`event refused in ${JSON.stringify(before.value)}: ${JSON.stringify(e)}`);
  }
  return actor;
}
const run = (...events: ProtocolEvent[]) => runFrom(INPUT, ...events);

const state = (s: Snap) => String(s.value);

/** What the engine does to explain a refusal (the same function). */
const explain = (snapshot: Snap, event: { type: string }) => explainRefusal(protocolDefinition, snapshot, event);

/** A refused event: transition() returns the very same snapshot, can() is false, and a rule explains it. */
function expectRefused(snapshot: Snap, event: ProtocolEvent, code: string, ruleId: string, guard?: string) {
  const [next, actions] = transition(protocolMachine, snapshot, event);
  expect(next).toBe(snapshot);
  expect(actions).toEqual([]);
  expect(snapshot.can(event)).toBe(false);
  const actor = createActor(protocolMachine, { snapshot, input: INPUT }).start();
  const persisted = JSON.stringify(actor.getPersistedSnapshot());
  actor.send(event);
  expect(JSON.stringify(actor.getPersistedSnapshot())).toBe(persisted);
  actor.stop();
  const why = explain(snapshot, event);
  expect(why).toMatchObject({ code, ruleId });
  if (guard) expect(why!.guard).toBe(guard);
}

/** An event no transition of the state handles: same snapshot, and no guard to explain. */
function expectIgnored(snapshot: Snap, event: ProtocolEvent) {
  const [next] = transition(protocolMachine, snapshot, event);
  expect(next).toBe(snapshot);
  expect(snapshot.can(event)).toBe(false);
  expect(explain(snapshot, event)).toBeNull();
}

const JUSTERAT = [justera('2024-12-02')];
const ANSLAGET = [...JUSTERAT, anslag('2024-12-04', 'Melleruds kommuns digitala anslagstavla')];
const PRESUMED = [...ANSLAGET, periodEnded('2024-12-28')];
const FINAL = [...PRESUMED, noAppeal('2025-01-10')];
const APPEALED = [...ANSLAGET, appeal('2024-12-20')];

// ---------------------------------------------------------------- lifecycle

describe('lifecycle: draft → justerat → anslaget → presumedFinal → final (R-I1, R-I4, R-I6, R-I7, D9)', () => {
  it('starts in draft with the input and empty corrections, motivations and warnings', () => {
    const s = start().getSnapshot();
    expect(state(s)).toBe('draft');
    expect(s.context).toEqual({ ...INPUT, corrections: [], motivations: [], warnings: [] });
    expect(protocolStatusOf(state(s))).toBe('DRAFT');
  });

  it('R-H14 c: refusals that did not stop the recording (a late motivation) come in with the input and stay first', () => {
    const late: RuleWarning = { code: 'MOTIVATION_TOO_LATE', ruleId: 'R-H14', message: 'late', messageSv: 'sen' };
    const s = runFrom({ ...INPUT, warnings: [late] }, justera('2024-12-05')).getSnapshot();
    expect(s.context.warnings.map((w) => w.code)).toEqual(['MOTIVATION_TOO_LATE', 'JUSTERING_LATE']);
    expect(start().getSnapshot().context.warnings).toEqual([]);
  });

  it('R-I1, R-I4, R-I6, R-I7, D9: the whole lifecycle, with the appeal dates computed at anslag', () => {
    const actor = start();
    actor.send(justera('2024-12-02'));
    let s = actor.getSnapshot();
    expect(state(s)).toBe('justerat');
    expect(s.context).toMatchObject({
      justeradOn: '2024-12-02',
      justerare: ['Daniel Jensen', 'Ledamot Fyra'],
      immediate: false,
      warnings: [],
    });
    expect(s.context.anslagOn).toBeUndefined();

    actor.send(anslag('2024-12-04', 'Melleruds kommuns digitala anslagstavla'));
    s = actor.getSnapshot();
    expect(state(s)).toBe('anslaget');
    // 2024-12-04 + 21 = 2024-12-25 juldagen → 26 annandag jul → Friday 27 December (R-I6, R-L4).
    expect(s.context).toMatchObject({
      anslagOn: '2024-12-04',
      noticeBoard: 'Melleruds kommuns digitala anslagstavla',
      appealLastDay: '2024-12-27',
      finalFrom: '2024-12-28',
      warnings: [],
    });

    expectRefused(s, periodEnded('2024-12-27'), 'APPEAL_PERIOD_RUNNING', 'R-I7', 'appealPeriodEndedOk');
    actor.send(periodEnded('2024-12-28'));
    s = actor.getSnapshot();
    expect(state(s)).toBe('presumedFinal');
    expect(protocolStatusOf(state(s))).toBe('PRESUMED_FINAL');
    expect(s.context.outcome).toBeUndefined();

    expectRefused(s, noAppeal('2024-12-27'), 'APPEAL_PERIOD_RUNNING', 'R-I7', 'noAppealOk');
    actor.send(noAppeal('2025-01-10', 'Lagakraftbevis från förvaltningsrätten'));
    s = actor.getSnapshot();
    expect(state(s)).toBe('final');
    expect(protocolStatusOf(state(s))).toBe('FINAL');
    // Laga kraft from the day after the last appeal day, whenever the clerk confirms it (R-I7).
    expect(s.context.outcome).toEqual({
      kind: 'FINAL',
      on: '2024-12-28',
      basis: 'Lagakraftbevis från förvaltningsrätten',
    });
    expect(s.status).toBe('active'); // corrections and motivations may still be recorded
  });

  it.each([
    ['2024-12-04', '2024-12-27', '2024-12-28'],
    ['2025-12-10', '2026-01-02', '2026-01-03'],
    ['2026-03-13', '2026-04-07', '2026-04-08'],
    ['2018-11-14', '2018-12-05', '2018-12-06'],
  ])('R-I6, R-L4, R-I7: anslag %s → last appeal day %s, final from %s', (anslagOn, lastDay, finalFrom) => {
    const meetingDate = addDays(anslagOn, -6);
    const justeradOn = addDays(anslagOn, -1);
    const input: ProtocolInput = {
      ...INPUT,
      meeting: { ...MEETING, date: meetingDate, closedAt: undefined, justeringAt: undefined },
    };
    const s = runFrom(input, justera(justeradOn), anslag(anslagOn)).getSnapshot();
    expect(state(s)).toBe('anslaget');
    expect(s.context).toMatchObject({ anslagOn, appealLastDay: lastDay, finalFrom, warnings: [] });
    expect(appealDates(anslagOn)).toEqual({ appealLastDay: lastDay, finalFrom });
    expect(protocolDefinition.dueEvents!(s.context, state(s))).toEqual([
      { type: 'APPEAL_PERIOD_ENDED', dueOn: finalFrom, payload: { on: finalFrom } },
    ]);
    expectRefused(s, periodEnded(addDays(finalFrom, -1)), 'APPEAL_PERIOD_RUNNING', 'R-I7');
    expect(state(transition(protocolMachine, s, periodEnded(finalFrom))[0])).toBe('presumedFinal');
    // An appeal on the last day is in time; the day after it is too late (R-I5).
    expect(state(transition(protocolMachine, s, appeal(lastDay))[0])).toBe('appealed');
    expectRefused(s, appeal(finalFrom), 'APPEAL_TOO_LATE', 'R-I5', 'appealOk');
  });

  it('R-I7, D9: in anslaget NO_APPEAL_CONFIRMED is refused with APPEAL_PERIOD_RUNNING, whatever date it claims', () => {
    const s = run(...ANSLAGET).getSnapshot();
    expectRefused(s, noAppeal('2024-12-20'), 'APPEAL_PERIOD_RUNNING', 'R-I7', 'appealPeriodOver');
    expectRefused(s, noAppeal('2024-12-27'), 'APPEAL_PERIOD_RUNNING', 'R-I7', 'appealPeriodOver');
    // Even dated after finalFrom: the period ends by the due event APPEAL_PERIOD_ENDED (presumedFinal), not by a claim.
    expectRefused(s, noAppeal('2025-01-10'), 'APPEAL_PERIOD_RUNNING', 'R-I7', 'appealPeriodOver');
    expect(
      state(
        transition(
          protocolMachine,
          transition(protocolMachine, s, periodEnded('2024-12-28'))[0],
          noAppeal('2025-01-10'),
        )[0],
      ),
    ).toBe('final');
  });

  it('R-I7: the context is JSON-only, so a persisted snapshot survives a JSON round trip', () => {
    const s = run(...FINAL, correct('2025-02-01'), motivation('Sara Kanyinda', '2024-12-01T10:00:00Z')).getSnapshot();
    expect(JSON.parse(JSON.stringify(s.context))).toEqual(s.context);
    const persisted = JSON.parse(
      JSON.stringify(createActor(protocolMachine, { snapshot: s, input: INPUT }).getPersistedSnapshot()),
    );
    const restored = createActor(protocolMachine, { snapshot: persisted, input: INPUT }).getSnapshot();
    expect(state(restored)).toBe('final');
    expect(restored.context).toEqual(s.context);
  });
});

// ---------------------------------------------------------------- appeal

describe('appeal (R-I5, R-I7, D9, D10)', () => {
  it('R-I5, R-I7: an appeal in time → appealed; APPEAL_DECIDED REJECTED → final (outcome on the judgment date)', () => {
    const actor = run(...APPEALED);
    let s = actor.getSnapshot();
    expect(state(s)).toBe('appealed');
    expect(protocolStatusOf(state(s))).toBe('APPEALED');
    expect(s.context.appeal).toEqual({
      receivedOn: '2024-12-20',
      court: 'Förvaltningsrätten i Göteborg',
      caseNumber: '1234-25',
    });
    // The appeal period's end does not make an appealed decision presumed final.
    expectIgnored(s, periodEnded('2024-12-28'));
    expectIgnored(s, noAppeal('2025-01-10'));

    actor.send(decided('REJECTED', '2025-04-15'));
    s = actor.getSnapshot();
    expect(state(s)).toBe('final');
    expect(s.context.outcome).toEqual({
      kind: 'FINAL',
      on: '2025-04-15',
      court: 'Förvaltningsrätten i Göteborg',
      caseNumber: '1234-25',
    });
  });

  it('R-I5, R-I7, D10: APPEAL_DECIDED ANNULLED → annulled, a final state that takes no further events', () => {
    const actor = run(...APPEALED, decided('ANNULLED', '2025-04-15'));
    const s = actor.getSnapshot();
    expect(state(s)).toBe('annulled');
    expect(protocolStatusOf(state(s))).toBe('ANNULLED');
    expect(s.status).toBe('done');
    expect(s.context.outcome).toEqual({
      kind: 'ANNULLED',
      on: '2025-04-15',
      court: 'Förvaltningsrätten i Göteborg',
      caseNumber: '1234-25',
    });
    // The decision was justerat and so executable before (D10); the justering facts stay on record.
    expect(s.context).toMatchObject({ justeradOn: '2024-12-02', anslagOn: '2024-12-04' });
    for (const e of [
      correct('2025-05-01'),
      motivation('Sara Kanyinda', '2024-12-01T10:00:00Z'),
      amend(),
      decided('REJECTED', '2025-06-01'),
    ]) {
      expectIgnored(s, e);
    }
  });

  it('R-I5: a judgment dated before the appeal arrived is refused (JUDGMENT_BEFORE_APPEAL), for either outcome', () => {
    const s = run(...APPEALED).getSnapshot();
    expectRefused(s, decided('REJECTED', '2024-12-19'), 'JUDGMENT_BEFORE_APPEAL', 'R-I5', 'appealDecidedOk');
    expectRefused(s, decided('ANNULLED', '2024-12-19'), 'JUDGMENT_BEFORE_APPEAL', 'R-I5', 'appealDecidedOk');
    // The same day is possible.
    expect(state(transition(protocolMachine, s, decided('ANNULLED', '2024-12-20'))[0])).toBe('annulled');
  });

  it('R-I5: an appeal received after the last day is APPEAL_TOO_LATE, in anslaget and in presumedFinal', () => {
    expectRefused(run(...ANSLAGET).getSnapshot(), appeal('2024-12-28'), 'APPEAL_TOO_LATE', 'R-I5', 'appealOk');
    expectRefused(run(...PRESUMED).getSnapshot(), appeal('2024-12-28'), 'APPEAL_TOO_LATE', 'R-I5', 'lateKnownAppealOk');
    expectRefused(run(...PRESUMED).getSnapshot(), appeal('2025-03-01'), 'APPEAL_TOO_LATE', 'R-I5');
  });

  it('R-I5, R-I7: an appeal that reached the court in time but became known later moves presumedFinal to appealed', () => {
    const s = run(...PRESUMED, appeal('2024-12-27')).getSnapshot();
    expect(state(s)).toBe('appealed');
    expect(s.context.appeal?.receivedOn).toBe('2024-12-27');
  });

  it('R-I5: appeals are not handled before anslag (no period runs yet)', () => {
    expectIgnored(start().getSnapshot(), appeal('2024-12-01'));
    expectIgnored(run(...JUSTERAT).getSnapshot(), appeal('2024-12-03'));
  });

  it('R-I5, R-I7: a timely appeal that becomes known after "no appeal" was confirmed moves final back to appealed', () => {
    const f = run(...FINAL).getSnapshot();
    expectRefused(f, appeal('2024-12-28'), 'APPEAL_TOO_LATE', 'R-I5', 'lateKnownAppealOk');
    const actor = createActor(protocolMachine, { snapshot: f, input: INPUT }).start();
    actor.send(appeal('2024-12-27'));
    expect(state(actor.getSnapshot())).toBe('appealed');
    expect(actor.getSnapshot().context.appeal?.receivedOn).toBe('2024-12-27');
    // APPEALED until the judgment (R-I7): the wrongly confirmed FINAL outcome is not kept beside it.
    expect(actor.getSnapshot().context.outcome).toBeUndefined();
    actor.send(decided('ANNULLED', '2025-05-01'));
    expect(state(actor.getSnapshot())).toBe('annulled');
    expect(actor.getSnapshot().context.outcome).toMatchObject({ kind: 'ANNULLED', on: '2025-05-01' });
  });

  it('R-I7: after the court’s judgment the decision is final and no appeal reopens it (APPEAL_ALREADY_JUDGED)', () => {
    const s = run(...APPEALED, decided('REJECTED', '2025-04-15')).getSnapshot();
    expectRefused(s, appeal('2024-12-21'), 'APPEAL_ALREADY_JUDGED', 'R-I7', 'lateKnownAppealOk');
  });
});

// ---------------------------------------------------------------- deadlines moved to the next vardag, late flagged, never blocked (D8)

/** The same meeting held on another day (closed that afternoon). */
const heldOn = (date: string): ProtocolInput => ({
  ...INPUT,
  meeting: { ...MEETING, date, closedAt: `${date}T16:00:00Z`, justeringAt: `${date}T17:00:00Z` },
});

describe('justering and anslag deadlines move to the next vardag (lag 1930:173 2 §); late only after the moved deadline, never blocked (R-I1, R-I4, R-L7, D8)', () => {
  it('R-I1, D8: justering on meeting + 14 days (Wed 2024-12-04, a vardag) carries no warning', () => {
    expect(run(justera('2024-12-04')).getSnapshot().context.warnings).toEqual([]);
  });

  it('R-I1, D8: justering on meeting + 15 days is accepted with JUSTERING_LATE', () => {
    const s = run(justera('2024-12-05')).getSnapshot();
    expect(state(s)).toBe('justerat');
    expect(s.context.warnings).toEqual([
      expect.objectContaining({ code: 'JUSTERING_LATE', ruleId: 'R-I1', details: { deadline: '2024-12-04' } }),
    ]);
    expect(s.context.warnings[0].message).toBe(
      'Justerat 2024-12-05, after the deadline 2024-12-04 (meeting + 14 days).',
    );
  });

  it('R-I4, D8: anslag on justering + 2 days carries no warning; + 3 days is accepted with ANSLAG_LATE', () => {
    expect(run(justera('2024-12-02'), anslag('2024-12-04')).getSnapshot().context.warnings).toEqual([]);
    const s = run(justera('2024-12-02'), anslag('2024-12-05')).getSnapshot();
    expect(state(s)).toBe('anslaget');
    expect(s.context.warnings).toEqual([
      expect.objectContaining({ code: 'ANSLAG_LATE', ruleId: 'R-I4', details: { deadline: '2024-12-04' } }),
    ]);
    // The appeal period runs from the actual anslag: 2024-12-05 + 21 = 2024-12-26 annandag jul → 2024-12-27.
    expect(s.context).toMatchObject({ appealLastDay: '2024-12-27', finalFrom: '2024-12-28' });
  });

  it('R-I4, R-L7, D8: a Friday justering with a Monday anslag is not late (Fri 2024-11-29 + 2 = Sun 2024-12-01 → Mon 2024-12-02)', () => {
    const s = run(justera('2024-11-29'), anslag('2024-12-02')).getSnapshot();
    expect(state(s)).toBe('anslaget');
    expect(s.context.warnings).toEqual([]);
    // 2024-12-02 + 21 = Mon 2024-12-23, a vardag.
    expect(s.context).toMatchObject({ appealLastDay: '2024-12-23', finalFrom: '2024-12-24' });
  });

  it('R-I4, R-L7, D8: one day after the moved deadline (Tue 2024-12-03) is ANSLAG_LATE, naming the moved deadline and the raw date', () => {
    const s = run(justera('2024-11-29'), anslag('2024-12-03')).getSnapshot();
    expect(state(s)).toBe('anslaget');
    expect(s.context.warnings).toEqual([
      expect.objectContaining({ code: 'ANSLAG_LATE', ruleId: 'R-I4', details: { deadline: '2024-12-02' } }),
    ]);
    expect(s.context.warnings[0].message).toBe(
      'Anslaget 2024-12-03, after the deadline 2024-12-02 (justering + 2 days = 2024-12-01, moved to the next vardag).',
    );
    expect(s.context.warnings[0].messageSv).toBe(
      'Anslaget 2024-12-03, efter sista dag 2024-12-02 (justering + 2 dagar = 2024-12-01, flyttad till nästa vardag).',
    );
  });

  it('R-I1, R-L7, D8: meeting Fri 2025-05-23 → raw deadline 2025-06-06 (nationaldagen) → Mon 2025-06-09: justering that Monday is on time, on Tuesday late', () => {
    expect(runFrom(heldOn('2025-05-23'), justera('2025-06-09')).getSnapshot().context.warnings).toEqual([]);
    const s = runFrom(heldOn('2025-05-23'), justera('2025-06-10')).getSnapshot();
    expect(state(s)).toBe('justerat');
    expect(s.context.warnings).toEqual([
      expect.objectContaining({ code: 'JUSTERING_LATE', ruleId: 'R-I1', details: { deadline: '2025-06-09' } }),
    ]);
    expect(s.context.warnings[0].messageSv).toBe(
      'Justerat 2025-06-10, efter sista dag 2025-06-09 (sammanträdet + 14 dagar = 2025-06-06, flyttad till nästa vardag).',
    );
  });

  it.each([
    // [what, meeting, raw deadline, moved deadline]
    ['nyårsafton (Tue 2024-12-31), nyårsdagen', '2024-12-17', '2024-12-31', '2025-01-02'],
    ['midsommarafton (Fri 2026-06-19), midsommardagen, Sunday', '2026-06-05', '2026-06-19', '2026-06-22'],
    ['långfredagen 2025, påskafton, påskdagen, annandag påsk', '2025-04-04', '2025-04-18', '2025-04-22'],
    ['annandag jul (Thu 2024-12-26)', '2024-12-12', '2024-12-26', '2024-12-27'],
  ])(
    'R-I1, R-L7, D8: justering deadline on %s: meeting %s + 14 = %s → %s; justering then is on time, the day after is late',
    (_what, meeting, raw, moved) => {
      expect(addDays(meeting, 14)).toBe(raw);
      expect(runFrom(heldOn(meeting), justera(raw)).getSnapshot().context.warnings).toEqual([]);
      expect(runFrom(heldOn(meeting), justera(moved)).getSnapshot().context.warnings).toEqual([]);
      const late = runFrom(heldOn(meeting), justera(addDays(moved, 1))).getSnapshot();
      expect(late.context.warnings).toEqual([
        expect.objectContaining({ code: 'JUSTERING_LATE', details: { deadline: moved } }),
      ]);
    },
  );

  it.each([
    // [what, justering, raw deadline, moved deadline]
    ['midsommarafton (Fri 2025-06-20), midsommardagen, Sunday', '2025-06-18', '2025-06-20', '2025-06-23'],
    ['julafton (Wed 2025-12-24), juldagen, annandag jul, the weekend', '2025-12-22', '2025-12-24', '2025-12-29'],
    ['nyårsafton (Wed 2025-12-31), nyårsdagen', '2025-12-29', '2025-12-31', '2026-01-02'],
    ['långfredagen 2026, påskafton, påskdagen, annandag påsk', '2026-04-01', '2026-04-03', '2026-04-07'],
  ])(
    'R-I4, R-L7, D8: anslag deadline on %s: justering %s + 2 = %s → %s; anslag then is on time, the day after is late',
    (_what, justeradOn, raw, moved) => {
      expect(addDays(justeradOn, 2)).toBe(raw);
      const input = heldOn(justeradOn);
      expect(runFrom(input, justera(justeradOn), anslag(moved)).getSnapshot().context.warnings).toEqual([]);
      const late = runFrom(input, justera(justeradOn), anslag(addDays(moved, 1))).getSnapshot();
      expect(state(late)).toBe('anslaget');
      expect(late.context.warnings).toEqual([
        expect.objectContaining({ code: 'ANSLAG_LATE', details: { deadline: moved } }),
      ]);
    },
  );

  it('R-I1, R-I4, D8: both warnings accumulate, in order', () => {
    const s = run(justera('2024-12-10'), anslag('2024-12-20')).getSnapshot();
    expect(s.context.warnings.map((w) => [w.code, w.ruleId])).toEqual([
      ['JUSTERING_LATE', 'R-I1'],
      ['ANSLAG_LATE', 'R-I4'],
    ]);
    expect(s.context.warnings[1].details).toEqual({ deadline: '2024-12-12' });
  });

  it('R-I1: justering before the meeting is refused (JUSTERING_BEFORE_MEETING); without justerare, NO_JUSTERARE (R-I2)', () => {
    const s = start().getSnapshot();
    expectRefused(s, justera('2024-11-19'), 'JUSTERING_BEFORE_MEETING', 'R-I1', 'justeringOk');
    expectRefused(s, justera('2024-12-02', { justerare: [] }), 'NO_JUSTERARE', 'R-I2', 'justeringOk');
  });

  it('R-I2: a justerare who was not at the meeting is refused (JUSTERARE_NOT_AT_MEETING)', () => {
    expectRefused(
      start().getSnapshot(),
      justera('2024-12-02', { justerare: ['Daniel Jensen', 'Någon Annan'] }),
      'JUSTERARE_NOT_AT_MEETING',
      'R-I2',
      'justeringOk',
    );
  });

  it('R-I4: anslag before justering is refused (ANSLAG_BEFORE_JUSTERING); on the justering day it is accepted', () => {
    const s = run(...JUSTERAT).getSnapshot();
    expectRefused(s, anslag('2024-12-01'), 'ANSLAG_BEFORE_JUSTERING', 'R-I4', 'anslagOk');
    expect(state(transition(protocolMachine, s, anslag('2024-12-02'))[0])).toBe('anslaget');
  });
});

// ---------------------------------------------------------------- omedelbar justering

describe('omedelbar justering (R-I3)', () => {
  const IMMEDIATE: ProtocolInput = { ...INPUT, paragraph: { ...PARAGRAPH, immediateJustering: true } };

  it('R-I3: a paragraph the body decided to justera at once is justerad on the meeting date, and its appeal period runs from its own anslag', () => {
    const s = runFrom(IMMEDIATE, justera('2024-11-20', { immediate: true }), anslag('2024-11-21')).getSnapshot();
    expect(s.context).toMatchObject({
      justeradOn: '2024-11-20',
      immediate: true,
      anslagOn: '2024-11-21',
      appealLastDay: '2024-12-12',
      finalFrom: '2024-12-13',
    });
  });

  it('R-I3: immediate justering without the body’s decision is refused (IMMEDIATE_JUSTERING_NOT_DECIDED)', () => {
    expectRefused(
      start().getSnapshot(),
      justera('2024-11-20', { immediate: true }),
      'IMMEDIATE_JUSTERING_NOT_DECIDED',
      'R-I3',
      'justeringOk',
    );
  });

  it('R-I3: immediate justering on another day than the meeting is refused (IMMEDIATE_JUSTERING_NOT_AT_MEETING)', () => {
    const s = start(IMMEDIATE).getSnapshot();
    expectRefused(
      s,
      justera('2024-11-21', { immediate: true }),
      'IMMEDIATE_JUSTERING_NOT_AT_MEETING',
      'R-I3',
      'justeringOk',
    );
    // Without `immediate`, the paragraph may still be justerad with the rest of the protocol.
    expect(transition(protocolMachine, s, justera('2024-12-02'))[0].context.immediate).toBe(false);
  });

  it('R-I3, R-K9: a draft amended to be justerad at once can then be justerad at the meeting', () => {
    const s = run(
      amend({ ...PARAGRAPH, immediateJustering: true }),
      justera('2024-11-20', { immediate: true }),
    ).getSnapshot();
    expect(state(s)).toBe('justerat');
    expect(s.context.immediate).toBe(true);
  });
});

// ---------------------------------------------------------------- amendments and corrections

describe('amendments and corrections (R-K9, R-I11)', () => {
  it('R-K9: PARAGRAPH_AMENDED replaces the paragraph while it is a draft', () => {
    const amended = { ...PARAGRAPH, summary: 'Ny sammanfattning', sendTo: ['Kommunstyrelsen', 'Bengtsfors kommun'] };
    const s = run(amend(amended)).getSnapshot();
    expect(state(s)).toBe('draft');
    expect(s.context.paragraph).toEqual(amended);
    expect(s.context.corrections).toEqual([]);
  });

  it('R-K9, R-I11: PARAGRAPH_AMENDED is refused with PARAGRAPH_JUSTERAD in every state after justering', () => {
    for (const events of [JUSTERAT, ANSLAGET, PRESUMED, APPEALED, FINAL]) {
      const s = run(...events).getSnapshot();
      expectRefused(s, amend(), 'PARAGRAPH_JUSTERAD', 'R-K9', 'amendmentOk');
      expect(s.context.paragraph).toEqual(PARAGRAPH);
    }
  });

  it('R-K9: CORRECTION_RECORDED appends numbered corrections and leaves the paragraph unchanged', () => {
    const actor = run(...ANSLAGET, correct('2024-12-05', 'Första rättelsen'));
    expect(state(actor.getSnapshot())).toBe('anslaget');
    actor.send(correct('2024-12-06', 'Andra rättelsen'));
    const s = actor.getSnapshot();
    expect(s.context.corrections).toEqual([
      { correctedOn: '2024-12-05', reason: 'Uppenbart skrivfel', text: 'Första rättelsen', index: 1 },
      { correctedOn: '2024-12-06', reason: 'Uppenbart skrivfel', text: 'Andra rättelsen', index: 2 },
    ]);
    expect(s.context.paragraph).toEqual(PARAGRAPH);
    expect(s.context.appealLastDay).toBe('2024-12-27');
  });

  it('R-K9: corrections are recorded in justerat, presumedFinal, appealed and final, without changing the state', () => {
    for (const [events, expected] of [
      [JUSTERAT, 'justerat'],
      [PRESUMED, 'presumedFinal'],
      [APPEALED, 'appealed'],
      [FINAL, 'final'],
    ] as const) {
      const s = transition(protocolMachine, run(...events).getSnapshot(), correct('2025-02-01'))[0];
      expect([expected, state(s), s.context.corrections.length]).toEqual([expected, expected, 1]);
    }
  });

  it('R-K9: a correction dated before the justering is refused (CORRECTION_BEFORE_JUSTERING); on the day it is accepted', () => {
    const s = run(...JUSTERAT).getSnapshot();
    expectRefused(s, correct('2024-12-01'), 'CORRECTION_BEFORE_JUSTERING', 'R-K9', 'correctionOk');
    expect(transition(protocolMachine, s, correct('2024-12-02'))[0].context.corrections).toHaveLength(1);
  });

  it('R-K9: a draft has nothing to correct: CORRECTION_RECORDED is not handled there (amend instead)', () => {
    expectIgnored(start().getSnapshot(), correct('2024-11-21'));
  });
});

// ---------------------------------------------------------------- reservation motivations

describe('written motivation of a reservation (R-H14 c)', () => {
  it('R-H14: a motivation before the justering time is accepted, in draft and after justering; a new one replaces the old', () => {
    const actor = run(motivation('Marianne Sand Wallin', '2024-11-25T09:00:00Z', 'Första'));
    expect(actor.getSnapshot().context.motivations).toEqual([
      { member: 'Marianne Sand Wallin', text: 'Första', submittedAt: '2024-11-25T09:00:00Z' },
    ]);
    actor.send(justera('2024-12-02'));
    // 13:59 CET is 12:59Z, before justeringAt 13:00Z.
    actor.send(motivation('Sara Kanyinda', '2024-12-02T13:59:00+01:00', 'Andra'));
    actor.send(motivation('Marianne Sand Wallin', '2024-11-30T09:00:00Z', 'Ersätter'));
    const s = actor.getSnapshot();
    expect(state(s)).toBe('justerat');
    expect(s.context.motivations).toEqual([
      { member: 'Sara Kanyinda', text: 'Andra', submittedAt: '2024-12-02T13:59:00+01:00' },
      { member: 'Marianne Sand Wallin', text: 'Ersätter', submittedAt: '2024-11-30T09:00:00Z' },
    ]);
    expect(s.context.paragraph).toEqual(PARAGRAPH);
  });

  it('R-H14: a motivation handed in after the justering time is refused (MOTIVATION_TOO_LATE); the reservation stands', () => {
    for (const events of [[], JUSTERAT, ANSLAGET, FINAL]) {
      const s = run(...events).getSnapshot();
      // 14:00:01 CET is 13:00:01Z, one second late.
      expectRefused(
        s,
        motivation('Sara Kanyinda', '2024-12-02T14:00:01+01:00'),
        'MOTIVATION_TOO_LATE',
        'R-H14',
        'motivationOk',
      );
      expect(s.context.paragraph.reservations).toEqual(PARAGRAPH.reservations);
    }
  });

  it('R-H14: a motivation from someone who did not reserve is refused (NO_SUCH_RESERVATION)', () => {
    expectRefused(
      start().getSnapshot(),
      motivation('Ledamot Fyra', '2024-11-25T09:00:00Z'),
      'NO_SUCH_RESERVATION',
      'R-H14',
      'motivationOk',
    );
    expectRefused(
      run(...JUSTERAT).getSnapshot(),
      motivation('Daniel Jensen', '2024-11-25T09:00:00Z'),
      'NO_SUCH_RESERVATION',
      'R-H14',
    );
  });

  it('R-H14: without a set justering time, a motivation is accepted up to the (Stockholm) justering day', () => {
    const input: ProtocolInput = { ...INPUT, meeting: { ...MEETING, justeringAt: undefined } };
    const s = runFrom(input, justera('2024-12-02')).getSnapshot();
    // 23:30Z on 2 December is 00:30 on 3 December in Stockholm.
    expectRefused(
      s,
      motivation('Sara Kanyinda', '2024-12-02T23:30:00Z'),
      'MOTIVATION_TOO_LATE',
      'R-H14',
      'motivationOk',
    );
    expect(
      transition(protocolMachine, s, motivation('Sara Kanyinda', '2024-12-02T22:30:00Z'))[0].context.motivations,
    ).toHaveLength(1);
    // Before justering there is no limit yet.
    expect(
      transition(protocolMachine, start(input).getSnapshot(), motivation('Sara Kanyinda', '2025-01-01T10:00:00Z'))[0]
        .context.motivations,
    ).toHaveLength(1);
  });
});

// ---------------------------------------------------------------- the definition

describe('protocolDefinition (guardRules, dueEvents, legalDateOf, roles)', () => {
  it('every guardRules entry is a guard of the machine; the only guard without a rule is the annulled branch selector', () => {
    const machineGuards = Object.keys((protocolMachine.implementations as any).guards);
    expect(machineGuards).toEqual(expect.arrayContaining(Object.keys(protocolDefinition.guardRules)));
    expect(machineGuards.filter((g) => !(g in protocolDefinition.guardRules))).toEqual(['annulled']);
    for (const node of [protocolMachine.root, ...Object.values(protocolMachine.root.states)]) {
      for (const transitions of node.transitions.values()) {
        for (const t of transitions) {
          const names = guardNames(t.guard);
          if (names.length) expect(names.some((n) => n in protocolDefinition.guardRules)).toBe(true);
        }
      }
    }
  });

  // Each guard with an event it refuses and the events leading to the state it is sent in.
  const cases: Array<[guard: string, setup: ProtocolEvent[], event: ProtocolEvent, code: string, ruleId: string]> = [
    ['justeringOk', [], justera('2024-11-19'), 'JUSTERING_BEFORE_MEETING', 'R-I1'],
    ['justeringOk', [], justera('2024-11-20', { immediate: true }), 'IMMEDIATE_JUSTERING_NOT_DECIDED', 'R-I3'],
    ['justeringOk', [], justera('2024-11-20', { justerare: [] }), 'NO_JUSTERARE', 'R-I2'],
    ['justeringOk', [], justera('2024-11-20', { justerare: ['Någon Annan'] }), 'JUSTERARE_NOT_AT_MEETING', 'R-I2'],
    ['anslagOk', JUSTERAT, anslag('2024-12-01'), 'ANSLAG_BEFORE_JUSTERING', 'R-I4'],
    ['appealPeriodEndedOk', ANSLAGET, periodEnded('2024-12-27'), 'APPEAL_PERIOD_RUNNING', 'R-I7'],
    ['appealOk', ANSLAGET, appeal('2024-12-28'), 'APPEAL_TOO_LATE', 'R-I5'],
    ['appealPeriodOver', ANSLAGET, noAppeal('2025-01-10'), 'APPEAL_PERIOD_RUNNING', 'R-I7'],
    ['noAppealOk', PRESUMED, noAppeal('2024-12-27'), 'APPEAL_PERIOD_RUNNING', 'R-I7'],
    ['lateKnownAppealOk', PRESUMED, appeal('2024-12-28'), 'APPEAL_TOO_LATE', 'R-I5'],
    [
      'lateKnownAppealOk',
      [...APPEALED, decided('REJECTED', '2025-04-15')],
      appeal('2024-12-21'),
      'APPEAL_ALREADY_JUDGED',
      'R-I7',
    ],
    ['appealDecidedOk', APPEALED, decided('ANNULLED', '2024-12-01'), 'JUDGMENT_BEFORE_APPEAL', 'R-I5'],
    ['amendmentOk', JUSTERAT, amend(), 'PARAGRAPH_JUSTERAD', 'R-K9'],
    [
      'amendedDraftOk',
      [],
      amend({ ...PARAGRAPH, jav: [{ member: 'Ledamot Fyra', reason: 'Närstående' }] }),
      'NOT_QUORATE',
      'R-H2',
    ],
    [
      'amendedDraftOk',
      [],
      amend({
        ...PARAGRAPH,
        reservations: [
          { ...PARAGRAPH.reservations[0], motivation: { text: 'Sent', submittedAt: '2024-12-02T14:00:00Z' } },
        ],
      }),
      'MOTIVATION_TOO_LATE',
      'R-H14',
    ],
    ['correctionOk', JUSTERAT, correct('2024-11-30'), 'CORRECTION_BEFORE_JUSTERING', 'R-K9'],
    ['motivationOk', [], motivation('Ledamot Fyra', '2024-11-25T09:00:00Z'), 'NO_SUCH_RESERVATION', 'R-H14'],
    ['motivationOk', JUSTERAT, motivation('Sara Kanyinda', '2024-12-03T09:00:00Z'), 'MOTIVATION_TOO_LATE', 'R-H14'],
  ];

  it('the cases cover every guardRules entry', () => {
    expect([...new Set(cases.map((c) => c[0]))].sort()).toEqual(Object.keys(protocolDefinition.guardRules).sort());
  });

  it.each(cases)('guardRules.%s explains its refusal (%#: %s)', (guard, setup, event, code, ruleId) => {
    const s = run(...setup).getSnapshot();
    const r = protocolDefinition.guardRules[guard](s.context, event);
    expect(r).toMatchObject({ code, ruleId });
    expect(r!.message.length).toBeGreaterThan(10);
    expect(r!.messageSv.length).toBeGreaterThan(10);
    expectRefused(s, event, code, ruleId, guard);
  });

  it('guardRules pass (null) exactly when the machine accepts the event', () => {
    const accepted: Array<[string, ProtocolEvent[], ProtocolEvent]> = [
      ['amendedDraftOk', [], amend()],
      ['justeringOk', [], justera('2024-12-02')],
      ['anslagOk', JUSTERAT, anslag('2024-12-04')],
      ['appealPeriodEndedOk', ANSLAGET, periodEnded('2024-12-28')],
      ['appealOk', ANSLAGET, appeal('2024-12-27')],
      ['noAppealOk', PRESUMED, noAppeal('2024-12-28')],
      ['lateKnownAppealOk', PRESUMED, appeal('2024-12-27')],
      ['lateKnownAppealOk', FINAL, appeal('2024-12-27')],
      ['appealDecidedOk', APPEALED, decided('REJECTED', '2025-04-15')],
      ['correctionOk', JUSTERAT, correct('2024-12-02')],
      ['motivationOk', JUSTERAT, motivation('Sara Kanyinda', '2024-12-02T12:00:00Z')],
    ];
    for (const [guard, setup, event] of accepted) {
      const s = run(...setup).getSnapshot();
      expect([guard, protocolDefinition.guardRules[guard](s.context, event)]).toEqual([guard, null]);
      expect([guard, s.can(event)]).toEqual([guard, true]);
      expect(transition(protocolMachine, s, event)[0]).not.toBe(s);
    }
    // amendmentOk passes in a draft, where PARAGRAPH_AMENDED is unguarded.
    // appealPeriodOver guards a refusal-only transition (anslaget): it refuses whatever the event says.
    for (const on of ['2024-12-20', '2024-12-28', '2030-01-01']) {
      expect(
        protocolDefinition.guardRules.appealPeriodOver(run(...ANSLAGET).getSnapshot().context, noAppeal(on)),
      ).toMatchObject({ code: 'APPEAL_PERIOD_RUNNING' });
    }
    expect(protocolDefinition.guardRules.amendmentOk(start().getSnapshot().context, amend())).toBeNull();
  });

  it('R-I7: dueEvents gives APPEAL_PERIOD_ENDED on finalFrom in anslaget, and the event as the engine sends it is accepted', () => {
    const s = run(...ANSLAGET).getSnapshot();
    const due = protocolDefinition.dueEvents!(s.context, state(s));
    expect(due).toEqual([{ type: 'APPEAL_PERIOD_ENDED', dueOn: '2024-12-28', payload: { on: '2024-12-28' } }]);
    const [next] = transition(protocolMachine, s, { type: due[0].type, ...due[0].payload } as ProtocolEvent);
    expect(state(next)).toBe('presumedFinal');
  });

  it('R-I7: dueEvents gives nothing in every other state', () => {
    const others = [[], JUSTERAT, PRESUMED, APPEALED, FINAL, [...APPEALED, decided('ANNULLED', '2025-04-15')]];
    const seen = new Set<string>();
    for (const events of others) {
      const s = run(...events).getSnapshot();
      seen.add(state(s));
      expect([state(s), protocolDefinition.dueEvents!(s.context, state(s))]).toEqual([state(s), []]);
    }
    expect([...seen].sort()).toEqual(['annulled', 'appealed', 'draft', 'final', 'justerat', 'presumedFinal']);
  });

  it('D13: legalDateOf reads the event’s own date (instants converted to Stockholm)', () => {
    const ctx = start().getSnapshot().context;
    const cases: Array<[ProtocolEvent, string | null]> = [
      [justera('2024-12-02'), '2024-12-02'],
      [anslag('2024-12-04'), '2024-12-04'],
      [periodEnded('2024-12-28'), '2024-12-28'],
      [appeal('2024-12-20'), '2024-12-20'],
      [noAppeal('2025-01-10'), '2025-01-10'],
      [decided('REJECTED', '2025-04-15'), '2025-04-15'],
      [correct('2025-02-01'), '2025-02-01'],
      [motivation('Sara Kanyinda', '2024-12-01T23:30:00Z'), '2024-12-02'],
      [amend(), null],
    ];
    for (const [e, date] of cases)
      expect([e.type, protocolDefinition.legalDateOf(e as any, ctx)]).toEqual([e.type, date]);
  });

  it('R-I7: APPEAL_PERIOD_ENDED is a system event no client role may send; every other event is for admin and clerk', () => {
    expect(protocolDefinition.systemEvents).toEqual(['APPEAL_PERIOD_ENDED']);
    expect(protocolDefinition.eventRoles.APPEAL_PERIOD_ENDED).toEqual([]);
    for (const type of [
      'PARAGRAPH_AMENDED',
      'JUSTERAT',
      'ANSLAG_POSTED',
      'APPEAL_RECEIVED',
      'NO_APPEAL_CONFIRMED',
      'APPEAL_DECIDED',
      'CORRECTION_RECORDED',
      'RESERVATION_MOTIVATION_SUBMITTED',
    ]) {
      expect([type, protocolDefinition.eventRoles[type]]).toEqual([type, ['admin', 'clerk']]);
    }
  });
});
