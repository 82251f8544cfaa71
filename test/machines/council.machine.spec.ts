import { createActor } from 'xstate';
import { councilDefinition, councilMachine } from '../../machines/council/council.machine';
import { holderOn } from '../../machines/council/council.rules';
import type { CouncilEvent } from '../../machines/council/council.types';
import { explainRefusal } from '../../machines/kernel/explain';

function run(...events: CouncilEvent[]) {
  const actor = createActor(councilMachine, { input: { collaboration: 'd' } }).start();
  for (const e of events) actor.send(e);
  return actor.getSnapshot();
}
const refusalOf = (event: CouncilEvent, ...before: CouncilEvent[]) =>
  explainRefusal(councilDefinition, run(...before), event);

const kso = (name: string, from: string, extra: Partial<CouncilEvent> = {}) =>
  ({ type: 'MEMBER_SEATED', municipality: '1492', seat: 'KSO', name, from, ...extra }) as CouncilEvent;
const record = (kind: string, extra: Partial<CouncilEvent> = {}) =>
  ({ type: 'RECORD_ADDED', recordId: 'r', kind, title: 't', recordedOn: '2024-03-14', ...extra }) as CouncilEvent;
const meeting: CouncilEvent = { type: 'MEETING_HELD', meetingId: 'm1', date: '2024-03-14', place: 'Dals-Ed' };

describe('council machine: seats, meetings and records, never a decision (R-E1..R-E3, R-G8)', () => {
  it('R-E1: a later holder of a seat ends the tenure before it the day before; seats are per party and per seat', () => {
    const s = run(kso('Michael Karlsson', '2023-12-08'), kso('Ny', '2025-01-01'), {
      type: 'MEMBER_SEATED',
      municipality: '1492',
      seat: 'OPPOSITIONSRAD',
      name: 'Maria Bertilsson Sandin',
      from: '2023-12-08',
    });
    expect(holderOn(s.context, '1492', 'KSO', '2024-12-31')?.name).toBe('Michael Karlsson');
    expect(holderOn(s.context, '1492', 'KSO', '2025-01-01')?.name).toBe('Ny');
    expect(holderOn(s.context, '1492', 'KSO', '2023-12-07')).toBeUndefined();
    expect(holderOn(s.context, '1492', 'OPPOSITIONSRAD', '2025-06-01')?.name).toBe('Maria Bertilsson Sandin');
    expect(holderOn(s.context, '1460', 'KSO', '2025-06-01')).toBeUndefined();
    expect(s.context.seats[0].to).toBe('2024-12-31');
  });

  it('R-E1: the KSO seat has no equivalent; the oppositionsråd seat records the equivalent and the basis', () => {
    const equivalent = { office: 'Gruppledare', basis: 'KS § 3' };
    expect(refusalOf(kso('X', '2024-01-01', { equivalent } as never))).toMatchObject({
      code: 'KSO_HAS_NO_EQUIVALENT',
      ruleId: 'R-E1',
    });
    const opp: CouncilEvent = {
      type: 'MEMBER_SEATED',
      municipality: '1492',
      seat: 'OPPOSITIONSRAD',
      name: 'E',
      from: '2024-01-01',
      equivalent,
    };
    expect(refusalOf(opp)).toBeNull();
    expect(run(opp).context.seats[0].equivalent).toEqual(equivalent);
  });

  it('R-E1: a new holder takes the seat after the date the holder before took it', () => {
    expect(refusalOf(kso('B', '2023-12-08'), kso('A', '2023-12-08'))).toMatchObject({
      code: 'SEAT_CHANGE_OUT_OF_ORDER',
    });
    expect(refusalOf(kso('B', '2023-01-01'), kso('A', '2023-12-08'))?.code).toBe('SEAT_CHANGE_OUT_OF_ORDER');
    expect(refusalOf(kso('B', '2023-12-09'), kso('A', '2023-12-08'))).toBeNull();
  });

  it.each(['INFORMATION', 'DISCUSSION', 'RECOMMENDATION', 'MINNESANTECKNINGAR'])(
    'R-E2: a %s record is kept',
    (kind) => {
      expect(refusalOf(record(kind))).toBeNull();
      expect(run(record(kind)).context.records[0].kind).toBe(kind);
    },
  );

  it.each(['BESLUT', 'DECISION', 'GODKANNANDE', 'APPROVAL'])('R-E2: a record typed %s is refused', (kind) => {
    expect(refusalOf(record(kind))).toMatchObject({ code: 'COUNCIL_NOT_DECISION_MAKING', ruleId: 'R-E2' });
    expect(run(record(kind)).context.records).toEqual([]);
  });

  it('R-G8: approving a cost arrangement is refused under R-G8; informing of it is kept', () => {
    expect(refusalOf(record('GODKANNANDE', { subject: 'COST_ARRANGEMENT' } as never))).toMatchObject({
      code: 'COUNCIL_NOT_DECISION_MAKING',
      ruleId: 'R-G8',
    });
    expect(refusalOf(record('INFORMATION', { subject: 'COST_ARRANGEMENT' } as never))).toBeNull();
  });

  it('R-E3: a record of a meeting names a meeting of this council, not dated before it', () => {
    expect(refusalOf(record('INFORMATION', { meetingId: 'm1' } as never))).toMatchObject({
      code: 'UNKNOWN_COUNCIL_MEETING',
    });
    expect(
      refusalOf(record('INFORMATION', { meetingId: 'm1', recordedOn: '2024-03-13' } as never), meeting),
    ).toMatchObject({
      code: 'RECORD_BEFORE_MEETING',
    });
    expect(refusalOf(record('INFORMATION', { meetingId: 'm1' } as never), meeting)).toBeNull();
  });

  it('the legal date of each event is its own date (D13)', () => {
    expect(councilDefinition.legalDateOf(kso('A', '2023-12-08') as never, null)).toBe('2023-12-08');
    expect(councilDefinition.legalDateOf(meeting as never, null)).toBe('2024-03-14');
    expect(
      councilDefinition.legalDateOf(record('INFORMATION', { recordedOn: '2022-10-20' } as never) as never, null),
    ).toBe('2022-10-20');
  });
});
