/**
 * Edge cases of the membership rules that the mutation run found untested (RULEBOOK R-B2, R-B4, R-C10; DECISIONS
 * D5, D6). Pure: contexts are built by hand as in membership.rules.spec.ts, and the machine is driven with
 * createActor/transition as in membership.machine.spec.ts (those files export nothing, so the few builders are
 * repeated here in the same shape).
 */
import { createActor, transition } from 'xstate';
import { stateString } from '../../machines/kernel/explain';
import { membershipMachine } from '../../machines/membership/membership.machine';
import {
  checkEntryDecision,
  checkExitWithdrawal,
  memberFromDate,
  statusOn,
} from '../../machines/membership/membership.rules';
import type {
  DecisionOrgan,
  DecisionRef,
  ExitRequest,
  MembershipContext,
  MembershipEvent,
  MembershipInput,
  MembershipPeriod,
  MembershipSettings,
  SignatureRef,
} from '../../machines/membership/membership.types';

type Ev<T extends MembershipEvent['type']> = Extract<MembershipEvent, { type: T }>;

const VERSION = 'AF-2023';
const NOTICE: MembershipSettings = { exitRequestDate: 'noticeArrival', entryDecisionOrgan: 'KF' };

/**
 * Settings as older collaborations and already-logged events carry them: only the D1 switch, no entryDecisionOrgan
 * (the field came later). The type requires the field, hence the cast.
 */
const LEGACY_SETTINGS = [
  { exitRequestDate: 'noticeArrival' },
  { exitRequestDate: 'fullmaktigeDecision' },
] as unknown as MembershipSettings[];

const INPUT: MembershipInput = {
  collaboration: 'dalslandssamverkan',
  municipality: '1461',
  declarationVersion: VERSION,
  declarationEffectiveDate: '2024-01-01',
};

function ctx(over: Partial<MembershipContext> = {}): MembershipContext {
  return { ...INPUT, pendingEntry: {}, periods: [], ...over };
}

const decision = (date: string, organ: DecisionOrgan = 'KF', decisionId?: string): DecisionRef =>
  decisionId ? { organ, date, decisionId } : { organ, date };

const signature = (signedOn: string): SignatureRef => ({
  signedOn,
  signatory: { name: 'Anna Andersson', office: 'KSO' },
  declarationVersion: VERSION,
});

function period(over: Partial<MembershipPeriod> = {}): MembershipPeriod {
  return {
    decision: decision('2023-11-20', 'KF', 'kf-entry'),
    signature: signature('2023-12-08'),
    enteredOn: '2023-12-08',
    memberFrom: '2024-01-01',
    exitRequests: [],
    ...over,
  };
}

/** An exit decided by fullmäktige on 2025-03-01, its notice not yet delivered (state exitDecided). */
const request = (over: Partial<ExitRequest> = {}): ExitRequest => ({
  decision: decision('2025-03-01', 'KF', 'kf-exit'),
  warnings: [],
  ...over,
});

/** The same request after its notice of 2025-03-10: exit 2026-12-31 (state leaving). */
const noticed = (over: Partial<ExitRequest> = {}): ExitRequest =>
  request({
    noticeArrivedAt: '2025-03-10T09:00:00Z',
    noticeOn: '2025-03-10',
    requestedOn: '2025-03-10',
    effectiveOn: '2026-12-31',
    ...over,
  });

const withRequests = (...exitRequests: ExitRequest[]) => ctx({ periods: [period({ exitRequests })] });

// ---------------------------------------------------------------- events

const adopt = (
  date: string,
  organ: DecisionOrgan = 'KF',
  settings: MembershipSettings = NOTICE,
): Ev<'FULLMAKTIGE_ADOPTED_DECLARATION'> => ({
  type: 'FULLMAKTIGE_ADOPTED_DECLARATION',
  decision: { organ, date, decisionId: `${organ.toLowerCase()}-entry-${date}` },
  settings,
});
const sign = (signedOn: string): Ev<'KSO_SIGNED'> => ({
  type: 'KSO_SIGNED',
  signedOn,
  signatory: { name: 'Anna Andersson', office: 'KSO' },
});
const requestExit = (date: string): Ev<'FULLMAKTIGE_REQUESTED_EXIT'> => ({
  type: 'FULLMAKTIGE_REQUESTED_EXIT',
  decision: { organ: 'KF', date, decisionId: `kf-exit-${date}` },
  settings: NOTICE,
});
const notice = (arrivedAt: string): Ev<'EXIT_NOTICE_DELIVERED'> => ({
  type: 'EXIT_NOTICE_DELIVERED',
  arrivedAt,
  settings: NOTICE,
});
const withdraw = (date: string, noticeArrivedAt: string): Ev<'EXIT_REQUEST_WITHDRAWN'> => ({
  type: 'EXIT_REQUEST_WITHDRAWN',
  decision: { organ: 'KF', date, decisionId: `kf-withdraw-${date}` },
  noticeArrivedAt,
  settings: NOTICE,
});
const tookEffect = (on: string): Ev<'EXIT_TOOK_EFFECT'> => ({ type: 'EXIT_TOOK_EFFECT', on });

/** Sends the events one by one; each must be accepted (the snapshot must change). */
function run(input: MembershipInput, ...events: MembershipEvent[]) {
  const actor = createActor(membershipMachine, { input }).start();
  for (const e of events) {
    const before = actor.getSnapshot();
    actor.send(e);
    if (actor.getSnapshot() === before)
      throw new Error(`event refused in ${JSON.stringify(before.value)}: ${JSON.stringify(e)}`);
  }
  return actor.getSnapshot();
}

// ---------------------------------------------------------------- R-B2

describe('entry decision under settings stored without entryDecisionOrgan (R-B2)', () => {
  it('R-B2: settings of only { exitRequestDate } still require KF: a KS decision is WRONG_DECISION_ORGAN, a KF decision passes', () => {
    for (const legacy of LEGACY_SETTINGS) {
      expect(legacy).not.toHaveProperty('entryDecisionOrgan');
      expect(checkEntryDecision(ctx(), adopt('2023-11-20', 'KS', legacy))).toMatchObject({
        code: 'WRONG_DECISION_ORGAN',
        ruleId: 'R-B2',
        details: { requiredOrgan: 'KF', organ: 'KS' },
      });
      expect(checkEntryDecision(ctx(), adopt('2023-11-20', 'KF', legacy))).toBeNull();

      // The machine's guard is the same rule: KS changes nothing, KF awaits the signature.
      const s0 = createActor(membershipMachine, { input: INPUT }).start().getSnapshot();
      expect(transition(membershipMachine, s0, adopt('2023-11-20', 'KS', legacy))[0]).toBe(s0);
      expect(stateString(transition(membershipMachine, s0, adopt('2023-11-20', 'KF', legacy))[0].value)).toBe(
        'awaitingSignature',
      );
    }
  });
});

// ---------------------------------------------------------------- R-C10, D6

describe('withdrawal of an exit request: same-day dates (R-C10, D6)', () => {
  it('R-C10: a withdrawal notice arriving on the same Stockholm day as the withdrawal decision is accepted', () => {
    // 12:00Z is midday; 2025-05-31T22:30Z is already 00:30 CEST on 1 June in Stockholm (UTC still says 31 May).
    for (const at of ['2025-06-01T12:00:00Z', '2025-05-31T22:30:00Z']) {
      expect(checkExitWithdrawal(withRequests(request()), withdraw('2025-06-01', at))).toBeNull(); // exitDecided
      expect(checkExitWithdrawal(withRequests(noticed()), withdraw('2025-06-01', at))).toBeNull(); // leaving
    }
    // One second earlier is 23:59:59 CEST on 31 May, the day before the decision: refused.
    expect(checkExitWithdrawal(withRequests(noticed()), withdraw('2025-06-01', '2025-05-31T21:59:59Z'))).toMatchObject({
      code: 'NO_FULLMAKTIGE_DECISION',
      ruleId: 'R-C10',
      details: { noticeOn: '2025-05-31', decisionOn: '2025-06-01' },
    });

    const s = run(
      INPUT,
      adopt('2023-11-20'),
      sign('2023-12-08'),
      requestExit('2025-03-01'),
      notice('2025-03-10T09:00:00Z'),
      withdraw('2025-06-01', '2025-05-31T22:30:00Z'),
    );
    expect(stateString(s.value)).toBe('member.active');
    expect(s.context.periods[0].exitRequests[0].withdrawnOn).toBe('2025-06-01');
  });

  it('R-C10: a withdrawal decided on the same day as the exit decision is not refused with WITHDRAWAL_BEFORE_REQUEST', () => {
    // Exit decided 2025-03-01; fullmäktige withdraws it the same day; the notices arrive on later days.
    expect(checkExitWithdrawal(withRequests(request()), withdraw('2025-03-01', '2025-03-02T09:00:00Z'))).toBeNull(); // exitDecided
    expect(checkExitWithdrawal(withRequests(noticed()), withdraw('2025-03-01', '2025-03-11T09:00:00Z'))).toBeNull(); // leaving
    // The day before the exit decision is still refused.
    expect(checkExitWithdrawal(withRequests(noticed()), withdraw('2025-02-28', '2025-03-11T09:00:00Z'))).toMatchObject({
      code: 'WITHDRAWAL_BEFORE_REQUEST',
      ruleId: 'R-C10',
    });

    const s = run(
      INPUT,
      adopt('2023-11-20'),
      sign('2023-12-08'),
      requestExit('2025-03-01'),
      withdraw('2025-03-01', '2025-03-02T09:00:00Z'),
    );
    expect(stateString(s.value)).toBe('member.active');
    expect(s.context.periods[0].exitRequests[0]).toMatchObject({
      withdrawnOn: '2025-03-02',
      withdrawal: { decision: { date: '2025-03-01' } },
    });
  });
});

// ---------------------------------------------------------------- R-B4, D5

describe('memberFrom of a re-entry when the declaration takes effect later (R-B4, D5)', () => {
  /**
   * A collaboration whose declaration takes effect on 2025-07-01. The municipality enters in 2023, requests exit
   * before the declaration is even in force (notice 2023-12-21 → exit 2024-12-31), and re-enters in February 2025:
   * max(decision 2025-02-03, signature 2025-02-10, declaration 2025-07-01, day after the exit 2025-01-01) = 2025-07-01.
   */
  const LATER: MembershipInput = { ...INPUT, declarationEffectiveDate: '2025-07-01' };

  it('R-B4, D5: on re-entry memberFrom is the declaration effective date when that is the latest of the four dates', () => {
    const exited = ctx({
      declarationEffectiveDate: '2025-07-01',
      periods: [
        period({
          memberFrom: '2025-07-01',
          exitRequests: [
            request({
              decision: decision('2023-12-20'),
              noticeOn: '2023-12-21',
              requestedOn: '2023-12-21',
              effectiveOn: '2024-12-31',
            }),
          ],
          exitedAfter: '2024-12-31',
        }),
      ],
    });
    expect(memberFromDate(exited, '2025-02-03', '2025-02-10')).toBe('2025-07-01');
    expect(memberFromDate(exited, '2025-02-10', '2025-02-03')).toBe('2025-07-01');

    // The same story through the machine.
    const s = run(
      LATER,
      adopt('2023-11-20'),
      sign('2023-12-08'),
      requestExit('2023-12-20'),
      notice('2023-12-21T09:00:00Z'),
      tookEffect('2025-01-01'),
      adopt('2025-02-03'),
      sign('2025-02-10'),
    );
    expect(stateString(s.value)).toBe('member.active');
    expect(s.context.periods[0]).toMatchObject({ memberFrom: '2025-07-01', exitedAfter: '2024-12-31' });
    expect(s.context.periods[1]).toMatchObject({ enteredOn: '2025-02-10', memberFrom: '2025-07-01' });
    expect(statusOn(s.context, '2025-06-30').status).toBe('EXITED');
    expect(statusOn(s.context, '2025-07-01')).toEqual({ status: 'ACTIVE', memberFrom: '2025-07-01' });
  });
});
