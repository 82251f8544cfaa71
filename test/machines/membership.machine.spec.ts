/**
 * The membership machine driven through its lifecycles (RULEBOOK B, C; DECISIONS D1, D5, D6, D10, D12): pure, with
 * createActor for the runs and transition() for the "refused events change nothing" checks.
 */
import { explainRefusal, guardNames, stateString } from '../../machines/kernel/explain';
import { createActor, transition, type SnapshotFrom } from 'xstate';
import { membershipDefinition, membershipMachine } from '../../machines/membership/membership.machine';
import { statusOn } from '../../machines/membership/membership.rules';
import type {
  DecisionOrgan,
  MembershipEvent,
  MembershipInput,
  MembershipSettings,
  SignatoryOffice,
} from '../../machines/membership/membership.types';

type Snap = SnapshotFrom<typeof membershipMachine>;
type Ev<T extends MembershipEvent['type']> = Extract<MembershipEvent, { type: T }>;

const INPUT: MembershipInput = {
  collaboration: 'dalslandssamverkan',
  municipality: '1461',
  declarationVersion: 'AF-2023',
  declarationEffectiveDate: '2024-01-01',
};
const NOTICE: MembershipSettings = { exitRequestDate: 'noticeArrival', entryDecisionOrgan: 'KF' };
const KF_DATE: MembershipSettings = { exitRequestDate: 'fullmaktigeDecision', entryDecisionOrgan: 'KF' };

// ---------------------------------------------------------------- events

const adopt = (
  date: string,
  decisionId = `kf-entry-${date}`,
  organ: DecisionOrgan = 'KF',
  declarationVersion?: string,
): Ev<'FULLMAKTIGE_ADOPTED_DECLARATION'> => ({
  type: 'FULLMAKTIGE_ADOPTED_DECLARATION',
  decision: { organ, date, decisionId },
  settings: NOTICE,
  ...(declarationVersion ? { declarationVersion } : {}),
});
const sign = (
  signedOn: string,
  office: SignatoryOffice = 'KSO',
  extra: Partial<Ev<'KSO_SIGNED'>> = {},
): Ev<'KSO_SIGNED'> => ({
  type: 'KSO_SIGNED',
  signedOn,
  signatory: { name: office === 'KSO' ? 'Anna Andersson' : 'Bertil Berg', office },
  ...extra,
});
const requestExit = (
  date: string,
  decisionId = `kf-exit-${date}`,
  desiredExitDate?: string,
  organ: DecisionOrgan = 'KF',
): Ev<'FULLMAKTIGE_REQUESTED_EXIT'> => ({
  type: 'FULLMAKTIGE_REQUESTED_EXIT',
  decision: { organ, date, decisionId },
  settings: NOTICE,
  ...(desiredExitDate ? { desiredExitDate } : {}),
});
const notice = (arrivedAt: string, settings: MembershipSettings = NOTICE): Ev<'EXIT_NOTICE_DELIVERED'> => ({
  type: 'EXIT_NOTICE_DELIVERED',
  arrivedAt,
  settings,
});
const informed = (informedOn: string): Ev<'COUNCIL_INFORMED'> => ({ type: 'COUNCIL_INFORMED', informedOn });
const withdraw = (
  date: string,
  noticeArrivedAt: string,
  decisionId = `kf-withdraw-${date}`,
  organ: DecisionOrgan = 'KF',
): Ev<'EXIT_REQUEST_WITHDRAWN'> => ({
  type: 'EXIT_REQUEST_WITHDRAWN',
  decision: { organ, date, decisionId },
  noticeArrivedAt,
  settings: NOTICE,
});
const tookEffect = (on: string): Ev<'EXIT_TOOK_EFFECT'> => ({ type: 'EXIT_TOOK_EFFECT', on });
const annul = (decisionId: string, annulledOn: string): Ev<'DECISION_ANNULLED'> => ({
  type: 'DECISION_ANNULLED',
  decisionId,
  annulledOn,
  cause: 'Upphävt efter laglighetsprövning (förvaltningsrätten)',
});
const councilApproves = (decidedOn = '2025-04-01'): Ev<'COUNCIL_APPROVED_EXIT'> => ({
  type: 'COUNCIL_APPROVED_EXIT',
  decidedOn,
});

// ---------------------------------------------------------------- helpers

function start() {
  return createActor(membershipMachine, { input: INPUT }).start();
}

/** Sends the events one by one and returns the actor; each event must be accepted (the snapshot must change). */
function run(...events: MembershipEvent[]) {
  const actor = start();
  for (const e of events) {
    const before = actor.getSnapshot();
    actor.send(e);
    if (actor.getSnapshot() === before)
      throw new Error(`event refused in ${JSON.stringify(before.value)}: ${JSON.stringify(e)}`);
  }
  return actor;
}

const state = (s: Snap) => stateString(s.value);

/** What the engine does to explain a refusal (the same function). */
const explain = (snapshot: Snap, event: { type: string }) => explainRefusal(membershipDefinition, snapshot, event);

/** A refused event: the pure transition returns the very same snapshot and an actor's snapshot does not change. */
function expectRefused(snapshot: Snap, event: MembershipEvent, code: string, ruleId: string, guard?: string) {
  const [next, actions] = transition(membershipMachine, snapshot, event);
  expect(next).toBe(snapshot);
  expect(actions).toEqual([]);
  expect(snapshot.can(event)).toBe(false);
  const actor = createActor(membershipMachine, { snapshot, input: INPUT }).start();
  const persisted = JSON.stringify(actor.getPersistedSnapshot());
  actor.send(event);
  expect(JSON.stringify(actor.getPersistedSnapshot())).toBe(persisted);
  const why = explain(snapshot, event);
  expect(why).toMatchObject({ code, ruleId });
  if (guard) expect(why!.guard).toBe(guard);
  actor.stop();
}

/** An event no transition of the state handles: same snapshot, and no guard to explain. */
function expectIgnored(snapshot: Snap, event: MembershipEvent) {
  const [next, actions] = transition(membershipMachine, snapshot, event);
  expect(next).toBe(snapshot);
  expect(actions).toEqual([]);
  expect(snapshot.can(event)).toBe(false);
  expect(explain(snapshot, event)).toBeNull();
}

const ENTRY = [adopt('2023-11-20', 'kf-entry'), sign('2023-12-08')];
const LEAVING = [...ENTRY, requestExit('2025-03-01', 'kf-exit'), notice('2025-03-10T09:00:00Z')];
const EXITED = [...LEAVING, tookEffect('2027-01-01')];

// ---------------------------------------------------------------- entry

describe('entry (R-B1, R-B2, R-B3, R-B4, R-B5, D12)', () => {
  it('starts as notMember with the input in context and no periods', () => {
    const s = start().getSnapshot();
    expect(s.value).toBe('notMember');
    expect(s.context).toEqual({ ...INPUT, pendingEntry: {}, periods: [] });
  });

  it('R-B1: decision first, then the KSO signature → member.active; memberFrom 2024-01-01 (R-B4)', () => {
    const actor = run(adopt('2023-11-20', 'kf-entry'));
    expect(state(actor.getSnapshot())).toBe('awaitingSignature');
    expect(actor.getSnapshot().context.pendingEntry.decision).toEqual({
      organ: 'KF',
      date: '2023-11-20',
      decisionId: 'kf-entry',
    });
    expect(actor.getSnapshot().context.periods).toEqual([]);
    actor.send(sign('2023-12-08'));
    const s = actor.getSnapshot();
    expect(state(s)).toBe('member.active');
    expect(s.context.pendingEntry).toEqual({});
    expect(s.context.periods).toEqual([
      {
        decision: { organ: 'KF', date: '2023-11-20', decisionId: 'kf-entry' },
        signature: {
          signedOn: '2023-12-08',
          signatory: { name: 'Anna Andersson', office: 'KSO' },
          declarationVersion: 'AF-2023',
        },
        enteredOn: '2023-12-08',
        memberFrom: '2024-01-01',
        exitRequests: [],
      },
    ]);
    expect(statusOn(s.context, '2023-12-07').status).toBe('NOT_MEMBER');
    expect(statusOn(s.context, '2023-12-20').status).toBe('SIGNED_NOT_IN_FORCE');
    expect(statusOn(s.context, '2024-01-01')).toEqual({ status: 'ACTIVE', memberFrom: '2024-01-01' });
  });

  it('R-B1: signature first, then the decision → member.active with the same period', () => {
    const actor = run(sign('2023-12-08'));
    expect(state(actor.getSnapshot())).toBe('awaitingDecision');
    expect(actor.getSnapshot().context.pendingEntry.signature?.signedOn).toBe('2023-12-08');
    actor.send(adopt('2023-12-12', 'kf-entry'));
    const s = actor.getSnapshot();
    expect(state(s)).toBe('member.active');
    expect(s.context.periods[0]).toMatchObject({ enteredOn: '2023-12-12', memberFrom: '2024-01-01', exitRequests: [] });
    expect(s.context.pendingEntry).toEqual({});
  });

  it('R-B4: an entry completed after 2024-01-01 is in force from the later of decision and signature', () => {
    const a = run(adopt('2024-04-10'), sign('2024-05-02')).getSnapshot();
    expect(a.context.periods[0]).toMatchObject({ enteredOn: '2024-05-02', memberFrom: '2024-05-02' });
    const b = run(sign('2024-02-01'), adopt('2024-03-05')).getSnapshot();
    expect(b.context.periods[0]).toMatchObject({ enteredOn: '2024-03-05', memberFrom: '2024-03-05' });
    expect(statusOn(b.context, '2024-03-04').status).toBe('NOT_MEMBER');
    expect(statusOn(b.context, '2024-03-05').status).toBe('ACTIVE');
  });

  it('R-B2: an entry decision by KS or a nämnd is refused (WRONG_DECISION_ORGAN), in notMember and awaitingDecision', () => {
    expectRefused(
      start().getSnapshot(),
      adopt('2023-11-20', 'ks', 'KS'),
      'WRONG_DECISION_ORGAN',
      'R-B2',
      'entryDecisionOk',
    );
    expectRefused(start().getSnapshot(), adopt('2023-11-20', 'n', 'NAMND'), 'WRONG_DECISION_ORGAN', 'R-B2');
    expectRefused(
      run(sign('2023-12-08')).getSnapshot(),
      adopt('2023-11-20', 'ks', 'KS'),
      'WRONG_DECISION_ORGAN',
      'R-B2',
    );
  });

  it('R-B3: a signature by someone other than the KSO is refused (WRONG_SIGNATORY), in notMember and awaitingSignature', () => {
    for (const office of ['OPPOSITIONSRAD', 'KOMMUNDIREKTOR', 'OTHER'] as const) {
      expectRefused(start().getSnapshot(), sign('2023-12-08', office), 'WRONG_SIGNATORY', 'R-B3', 'entrySignatureOk');
      expectRefused(run(adopt('2023-11-20')).getSnapshot(), sign('2023-12-08', office), 'WRONG_SIGNATORY', 'R-B3');
    }
  });

  it('R-B3, D12: a stand-in with a recorded legal basis completes the entry and is kept with the signature', () => {
    const s = run(
      adopt('2023-11-20'),
      sign('2023-12-08', 'OTHER', { standIn: { legalBasis: 'KS 2023-11-28 § 201' } }),
    ).getSnapshot();
    expect(state(s)).toBe('member.active');
    expect(s.context.periods[0].signature).toEqual({
      signedOn: '2023-12-08',
      signatory: { name: 'Bertil Berg', office: 'OTHER' },
      declarationVersion: 'AF-2023',
      standIn: { legalBasis: 'KS 2023-11-28 § 201' },
    });
  });

  it('R-B5: a decision or signature on another version of the declaration is refused (VERSION_MISMATCH)', () => {
    expectRefused(start().getSnapshot(), adopt('2023-11-20', 'x', 'KF', 'AF-2022'), 'VERSION_MISMATCH', 'R-B5');
    expectRefused(
      run(adopt('2023-11-20')).getSnapshot(),
      sign('2023-12-08', 'KSO', { declarationVersion: 'AF-2022' }),
      'VERSION_MISMATCH',
      'R-B5',
    );
    expectRefused(
      run(sign('2023-12-08')).getSnapshot(),
      adopt('2023-11-20', 'x', 'KF', 'AF-2022'),
      'VERSION_MISMATCH',
      'R-B5',
    );
  });

  it('R-C1, R-C6: exit events before the entry are not handled at all', () => {
    const s = start().getSnapshot();
    for (const e of [
      requestExit('2025-03-01'),
      notice('2025-03-10T09:00:00Z'),
      tookEffect('2027-01-01'),
      informed('2025-04-01'),
    ]) {
      expectIgnored(s, e);
    }
  });
});

// ---------------------------------------------------------------- exit

describe('exit (R-C1..R-C7, D1)', () => {
  it('R-C1, R-C2, R-C6, R-C7: decision → notice → council informed → EXIT_TOOK_EFFECT on 1 January → exited', () => {
    const actor = run(...ENTRY, requestExit('2025-03-01', 'kf-exit'));
    expect(state(actor.getSnapshot())).toBe('member.exitDecided');
    expect(actor.getSnapshot().context.periods[0].exitRequests).toEqual([
      { decision: { organ: 'KF', date: '2025-03-01', decisionId: 'kf-exit' }, warnings: [] },
    ]);
    expect(statusOn(actor.getSnapshot().context, '2025-03-05').status).toBe('ACTIVE');

    actor.send(notice('2025-03-10T09:00:00Z'));
    expect(state(actor.getSnapshot())).toBe('member.leaving');
    expect(actor.getSnapshot().context.periods[0].exitRequests[0]).toEqual({
      decision: { organ: 'KF', date: '2025-03-01', decisionId: 'kf-exit' },
      noticeArrivedAt: '2025-03-10T09:00:00Z',
      noticeOn: '2025-03-10',
      requestedOn: '2025-03-10',
      effectiveOn: '2026-12-31',
      warnings: [],
    });

    expectRefused(
      actor.getSnapshot(),
      informed('2025-03-09'),
      'COUNCIL_INFORMED_BEFORE_NOTICE',
      'R-C6',
      'councilInformedOk',
    );
    actor.send(informed('2025-04-01'));
    expect(state(actor.getSnapshot())).toBe('member.leaving');
    expect(actor.getSnapshot().context.periods[0].exitRequests[0].councilInformedOn).toBe('2025-04-01');

    expectRefused(actor.getSnapshot(), tookEffect('2026-12-31'), 'EXIT_NOT_YET_EFFECTIVE', 'R-C7', 'exitTookEffectOk');
    actor.send(tookEffect('2027-01-01'));
    const s = actor.getSnapshot();
    expect(state(s)).toBe('exited');
    expect(s.context.periods[0].exitedAfter).toBe('2026-12-31');
    expect(statusOn(s.context, '2025-03-09').status).toBe('ACTIVE');
    expect(statusOn(s.context, '2025-03-10').status).toBe('LEAVING');
    expect(statusOn(s.context, '2026-12-31').status).toBe('LEAVING');
    expect(statusOn(s.context, '2027-01-01').status).toBe('EXITED');
  });

  it('R-C1: an exit decision by KS is refused (WRONG_DECISION_ORGAN)', () => {
    expectRefused(
      run(...ENTRY).getSnapshot(),
      requestExit('2025-03-01', 'ks', undefined, 'KS'),
      'WRONG_DECISION_ORGAN',
      'R-C1',
      'exitDecisionOk',
    );
  });

  it('R-C4: a desired exit that is not a 31 December is refused (EXIT_NOT_ON_31_DEC); too early → EXIT_NOTICE_TOO_SHORT (R-C2)', () => {
    const s = run(...ENTRY).getSnapshot();
    expectRefused(s, requestExit('2025-03-01', 'x', '2026-06-30'), 'EXIT_NOT_ON_31_DEC', 'R-C4');
    expectRefused(s, requestExit('2025-03-01', 'x', '2025-12-31'), 'EXIT_NOTICE_TOO_SHORT', 'R-C2');
  });

  it('R-C4: a later desired 31 December is the exit date', () => {
    const s = run(
      ...ENTRY,
      requestExit('2025-03-01', 'kf-exit', '2027-12-31'),
      notice('2025-03-10T09:00:00Z'),
    ).getSnapshot();
    expect(s.context.periods[0].exitRequests[0]).toMatchObject({
      desiredExitDate: '2027-12-31',
      effectiveOn: '2027-12-31',
    });
    expect(membershipDefinition.dueEvents!(s.context, state(s))).toEqual([
      { type: 'EXIT_TOOK_EFFECT', dueOn: '2028-01-01', payload: { on: '2028-01-01' } },
    ]);
  });

  it('R-C1: a notice without a fullmäktige decision (in active) is refused with NO_FULLMAKTIGE_DECISION', () => {
    expectRefused(
      run(...ENTRY).getSnapshot(),
      notice('2025-03-10T09:00:00Z'),
      'NO_FULLMAKTIGE_DECISION',
      'R-C1',
      'exitNoticeOk',
    );
  });

  it('R-C5, D1: a notice arriving before the fullmäktige decision is refused with NO_FULLMAKTIGE_DECISION', () => {
    expectRefused(
      run(...ENTRY, requestExit('2025-03-01')).getSnapshot(),
      notice('2025-02-27T09:00:00Z'),
      'NO_FULLMAKTIGE_DECISION',
      'R-C5',
    );
  });

  it("R-L2, R-L9: a notice at '2025-12-31T22:59:59Z' is nyårsafton in Stockholm → exit 2026-12-31", () => {
    const s = run(...ENTRY, requestExit('2025-12-15'), notice('2025-12-31T22:59:59Z')).getSnapshot();
    expect(s.context.periods[0].exitRequests[0]).toMatchObject({
      noticeOn: '2025-12-31',
      requestedOn: '2025-12-31',
      effectiveOn: '2026-12-31',
      warnings: [],
    });
  });

  it("R-L2, R-C5: a notice at '2025-12-31T23:30:00Z' is 2026-01-01 in Stockholm → exit 2027-12-31, REQUEST_YEAR_AMBIGUOUS", () => {
    const s = run(...ENTRY, requestExit('2025-12-15'), notice('2025-12-31T23:30:00Z')).getSnapshot();
    const r = s.context.periods[0].exitRequests[0];
    expect(r).toMatchObject({ noticeOn: '2026-01-01', requestedOn: '2026-01-01', effectiveOn: '2027-12-31' });
    expect(r.warnings.map((w) => [w.code, w.ruleId])).toEqual([['REQUEST_YEAR_AMBIGUOUS', 'R-C5']]);
    expect(statusOn(s.context, '2025-12-31').status).toBe('ACTIVE');
    expect(statusOn(s.context, '2026-01-01').status).toBe('LEAVING');
  });

  it('R-C5, D1: with fullmaktigeDecision the KF decision date is the request date (exit 2026-12-31) and the warning is kept', () => {
    const s = run(...ENTRY, requestExit('2025-12-15'), notice('2026-01-02T08:00:00Z', KF_DATE)).getSnapshot();
    const r = s.context.periods[0].exitRequests[0];
    expect(r).toMatchObject({ noticeOn: '2026-01-02', requestedOn: '2025-12-15', effectiveOn: '2026-12-31' });
    expect(r.warnings.map((w) => w.code)).toEqual(['REQUEST_YEAR_AMBIGUOUS']);
  });

  it('R-C2, R-L3: a request on leap day 2024-02-29 → exit 2025-12-31', () => {
    const s = run(...ENTRY, requestExit('2024-02-29'), notice('2024-02-29T10:00:00Z')).getSnapshot();
    expect(s.context.periods[0].exitRequests[0]).toMatchObject({
      requestedOn: '2024-02-29',
      effectiveOn: '2025-12-31',
    });
    expect(
      state(
        run(
          ...ENTRY,
          requestExit('2024-02-29'),
          notice('2024-02-29T10:00:00Z'),
          tookEffect('2026-01-01'),
        ).getSnapshot(),
      ),
    ).toBe('exited');
  });

  it('R-C6, R-E2: COUNCIL_APPROVED_EXIT is refused in every state with COUNCIL_NOT_DECISION_MAKING', () => {
    const states = [
      start(),
      run(adopt('2023-11-20')),
      run(sign('2023-12-08')),
      run(...ENTRY),
      run(...ENTRY, requestExit('2025-03-01')),
      run(...LEAVING),
      run(...EXITED),
    ].map((a) => a.getSnapshot());
    expect(new Set(states.map(state)).size).toBe(7);
    for (const s of states)
      expectRefused(s, councilApproves(), 'COUNCIL_NOT_DECISION_MAKING', 'R-E2', 'councilMayDecide');
  });

  it('R-C6: the council may be informed after the exit took effect (the record comes late)', () => {
    const actor = run(...EXITED);
    expectRefused(actor.getSnapshot(), informed('2025-03-01'), 'COUNCIL_INFORMED_BEFORE_NOTICE', 'R-C6');
    actor.send(informed('2027-01-15'));
    expect(state(actor.getSnapshot())).toBe('exited');
    expect(actor.getSnapshot().context.periods[0].exitRequests[0].councilInformedOn).toBe('2027-01-15');
  });
});

// ---------------------------------------------------------------- withdrawal

describe('withdrawal (D6, R-C10)', () => {
  it('D6: from exitDecided a KF withdrawal returns to active; the request is kept, marked withdrawn', () => {
    const s = run(
      ...ENTRY,
      requestExit('2025-03-01'),
      withdraw('2025-05-20', '2025-05-21T09:00:00Z', 'kf-withdraw'),
    ).getSnapshot();
    expect(state(s)).toBe('member.active');
    expect(s.context.periods[0].exitRequests[0]).toMatchObject({
      withdrawnOn: '2025-05-21',
      withdrawal: {
        decision: { organ: 'KF', date: '2025-05-20', decisionId: 'kf-withdraw' },
        noticeArrivedAt: '2025-05-21T09:00:00Z',
      },
    });
    expectRefused(s, notice('2025-06-01T09:00:00Z'), 'NO_FULLMAKTIGE_DECISION', 'R-C1');
  });

  it('D6: from leaving a withdrawal before the exit date returns to active; LEAVING only before the withdrawal date', () => {
    const actor = run(...LEAVING, withdraw('2026-12-15', '2026-12-30T22:59:59Z'));
    const s = actor.getSnapshot();
    expect(state(s)).toBe('member.active');
    expect(s.context.periods[0].exitRequests[0].withdrawnOn).toBe('2026-12-30');
    expect(statusOn(s.context, '2026-12-29').status).toBe('LEAVING');
    expect(statusOn(s.context, '2026-12-30').status).toBe('ACTIVE');
    expect(statusOn(s.context, '2027-01-01').status).toBe('ACTIVE');
    expect(membershipDefinition.dueEvents!(s.context, state(s))).toEqual([]);
    expectIgnored(s, tookEffect('2027-01-01'));
    // A new request after the withdrawal starts over (R-C2).
    actor.send(requestExit('2027-02-01', 'kf-exit-2'));
    actor.send(notice('2027-02-03T09:00:00Z'));
    expect(state(actor.getSnapshot())).toBe('member.leaving');
    expect(actor.getSnapshot().context.periods[0].exitRequests[1]).toMatchObject({ effectiveOn: '2028-12-31' });
  });

  it('D6, R-L2: a withdrawal notice on the exit date (Stockholm) is refused with WITHDRAWAL_TOO_LATE', () => {
    const s = run(...LEAVING).getSnapshot();
    expectRefused(s, withdraw('2026-12-15', '2026-12-30T23:30:00Z'), 'WITHDRAWAL_TOO_LATE', 'R-C10', 'withdrawalOk');
    expectRefused(s, withdraw('2026-12-15', '2026-12-31T10:00:00Z'), 'WITHDRAWAL_TOO_LATE', 'R-C10');
  });

  it('D6, R-C11: after an annulled re-entry (exited), the annulled period’s exit request cannot be withdrawn (WITHDRAWAL_TOO_LATE)', () => {
    const s = run(
      ...EXITED,
      adopt('2027-03-01', 'kf-reentry'),
      sign('2027-03-15'),
      requestExit('2028-03-01', 'kf-exit-2'),
      annul('kf-reentry', '2028-09-01'),
    ).getSnapshot();
    expect(state(s)).toBe('exited');
    expect(s.context.periods[1].voidedOn).toBe('2028-09-01');
    expectRefused(s, withdraw('2028-10-01', '2028-10-02T09:00:00Z'), 'WITHDRAWAL_TOO_LATE', 'R-C10', 'withdrawalOk');
  });

  it('D6: a withdrawal by KS is refused (WRONG_DECISION_ORGAN); after the exit took effect it is WITHDRAWAL_TOO_LATE', () => {
    expectRefused(
      run(...LEAVING).getSnapshot(),
      withdraw('2025-05-20', '2025-05-21T09:00:00Z', 'x', 'KS'),
      'WRONG_DECISION_ORGAN',
      'R-C10',
    );
    expectRefused(
      run(...EXITED).getSnapshot(),
      withdraw('2026-12-15', '2026-12-31T09:00:00+01:00'),
      'WITHDRAWAL_TOO_LATE',
      'R-C10',
      'withdrawalOk',
    );
  });

  it('D6: a withdrawal whose notice reached the chair before the exit date, recorded after the exit took effect, undoes the exit', () => {
    const actor = run(...EXITED, withdraw('2026-12-15', '2026-12-16T09:00:00Z'));
    const s = actor.getSnapshot();
    expect(state(s)).toBe('member.active');
    expect(s.context.periods).toHaveLength(1);
    expect(s.context.periods[0].exitedAfter).toBeUndefined();
    expect(statusOn(s.context, '2026-12-15').status).toBe('LEAVING');
    expect(statusOn(s.context, '2027-01-01').status).toBe('ACTIVE');
  });

  it('R-C10: the withdrawal notice cannot precede fullmäktige’s decision to withdraw', () => {
    expectRefused(
      run(...LEAVING).getSnapshot(),
      withdraw('2025-05-20', '2025-05-19T09:00:00Z'),
      'NO_FULLMAKTIGE_DECISION',
      'R-C10',
      'withdrawalOk',
    );
  });
});

// ---------------------------------------------------------------- re-entry

describe('re-entry (D5, R-B7)', () => {
  it('D5: after EXIT_TOOK_EFFECT a new decision and signature make a second period; memberFrom ≥ the day after the exit', () => {
    const actor = run(...EXITED, adopt('2026-11-20', 'kf-reentry'));
    expect(state(actor.getSnapshot())).toBe('awaitingSignature');
    actor.send(sign('2026-12-15'));
    const s = actor.getSnapshot();
    expect(state(s)).toBe('member.active');
    expect(s.context.periods).toHaveLength(2);
    expect(s.context.periods[1]).toMatchObject({ enteredOn: '2026-12-15', memberFrom: '2027-01-01', exitRequests: [] });
    expect(s.context.periods[0].exitedAfter).toBe('2026-12-31');
    expect(statusOn(s.context, '2026-12-31').status).toBe('LEAVING');
    expect(statusOn(s.context, '2027-01-01')).toEqual({ status: 'ACTIVE', memberFrom: '2027-01-01' });
  });

  it('D5: a re-entry signed first and decided later is in force from the later date', () => {
    const s = run(...EXITED, sign('2027-03-01'), adopt('2027-04-15', 'kf-reentry')).getSnapshot();
    expect(state(s)).toBe('member.active');
    expect(s.context.periods[1]).toMatchObject({ enteredOn: '2027-04-15', memberFrom: '2027-04-15' });
    expect(statusOn(s.context, '2027-04-14').status).toBe('EXITED');
    expect(statusOn(s.context, '2027-04-15').status).toBe('ACTIVE');
  });

  it('D5: the re-entry can itself be left again (second exit cycle)', () => {
    const s = run(
      ...EXITED,
      adopt('2027-03-01', 'kf-reentry'),
      sign('2027-03-15'),
      requestExit('2028-02-01', 'kf-exit-2'),
      notice('2028-02-02T09:00:00Z'),
      tookEffect('2030-01-01'),
    ).getSnapshot();
    expect(state(s)).toBe('exited');
    expect(s.context.periods.map((p) => p.exitedAfter)).toEqual(['2026-12-31', '2029-12-31']);
    expect(statusOn(s.context, '2028-06-01').status).toBe('LEAVING');
    expect(statusOn(s.context, '2030-01-01').status).toBe('EXITED');
  });
});

// ---------------------------------------------------------------- annulment

describe('DECISION_ANNULLED compensations (R-C11, D10)', () => {
  it('R-C11: an annulled entry decision reverses the membership → notMember; status NOT_MEMBER from the annulment', () => {
    const s = run(...ENTRY, annul('kf-entry', '2024-06-01')).getSnapshot();
    expect(state(s)).toBe('notMember');
    expect(s.context.periods[0].voidedOn).toBe('2024-06-01');
    expect(statusOn(s.context, '2024-05-31').status).toBe('ACTIVE');
    expect(statusOn(s.context, '2024-06-01').status).toBe('NOT_MEMBER');
  });

  it('R-C11: an annulled entry decision while leaving also reverses the membership', () => {
    const s = run(...LEAVING, annul('kf-entry', '2025-09-01')).getSnapshot();
    expect(state(s)).toBe('notMember');
    expect(membershipDefinition.dueEvents!(s.context, state(s))).toEqual([]);
  });

  it('R-C11: an annulled pending entry decision (awaitingSignature) returns to notMember and clears it', () => {
    const s = run(adopt('2023-11-20', 'kf-entry'), annul('kf-entry', '2023-12-01')).getSnapshot();
    expect(state(s)).toBe('notMember');
    expect(s.context.pendingEntry).toEqual({});
    expect(s.context.periods).toEqual([]);
  });

  it('R-C11, D5: an annulled re-entry decision returns to exited (pending or completed), the earlier exit still answers', () => {
    const pending = run(...EXITED, adopt('2027-03-01', 'kf-reentry'), annul('kf-reentry', '2027-05-01')).getSnapshot();
    expect(state(pending)).toBe('exited');
    expect(pending.context.pendingEntry).toEqual({});
    expect(pending.context.periods).toHaveLength(1);

    const done = run(
      ...EXITED,
      adopt('2027-03-01', 'kf-reentry'),
      sign('2027-03-15'),
      annul('kf-reentry', '2027-09-01'),
    ).getSnapshot();
    expect(state(done)).toBe('exited');
    expect(done.context.periods[1].voidedOn).toBe('2027-09-01');
    expect(statusOn(done.context, '2027-08-31').status).toBe('ACTIVE');
    expect(statusOn(done.context, '2027-09-01')).toMatchObject({ status: 'EXITED', exitEffectiveOn: '2026-12-31' });
  });

  it('R-C11: an annulled exit decision returns to active, from exitDecided and from leaving; the request is void', () => {
    const decided = run(...ENTRY, requestExit('2025-03-01', 'kf-exit'), annul('kf-exit', '2025-06-01')).getSnapshot();
    expect(state(decided)).toBe('member.active');
    expect(decided.context.periods[0].exitRequests[0].voidedOn).toBe('2025-06-01');

    const leaving = run(...LEAVING, annul('kf-exit', '2025-09-01')).getSnapshot();
    expect(state(leaving)).toBe('member.active');
    expect(leaving.context.periods[0].exitRequests[0].voidedOn).toBe('2025-09-01');
    expect(statusOn(leaving.context, '2025-08-31').status).toBe('LEAVING');
    expect(statusOn(leaving.context, '2025-09-01').status).toBe('ACTIVE');
    expect(membershipDefinition.dueEvents!(leaving.context, state(leaving))).toEqual([]);
    expectIgnored(leaving, tookEffect('2027-01-01'));
  });

  it('R-C11, D6: an annulled withdrawal revives the exit: back to leaving (notice given) with the same exit date', () => {
    const before = run(...LEAVING).getSnapshot();
    const actor = run(...LEAVING, withdraw('2025-05-20', '2025-05-21T09:00:00Z', 'kf-withdraw'));
    expect(state(actor.getSnapshot())).toBe('member.active');
    actor.send(annul('kf-withdraw', '2025-10-01'));
    const s = actor.getSnapshot();
    expect(state(s)).toBe('member.leaving');
    expect(s.context.periods[0].exitRequests[0]).toEqual(before.context.periods[0].exitRequests[0]);
    expect(statusOn(s.context, '2025-06-01').status).toBe('LEAVING');
    expect(membershipDefinition.dueEvents!(s.context, state(s))).toEqual([
      { type: 'EXIT_TOOK_EFFECT', dueOn: '2027-01-01', payload: { on: '2027-01-01' } },
    ]);
    actor.send(tookEffect('2027-01-01'));
    expect(state(actor.getSnapshot())).toBe('exited');
  });

  it('R-C11, D6: an annulled withdrawal of a request without notice revives it in exitDecided', () => {
    const s = run(
      ...ENTRY,
      requestExit('2025-03-01', 'kf-exit'),
      withdraw('2025-05-20', '2025-05-21T09:00:00Z', 'kf-withdraw'),
      annul('kf-withdraw', '2025-10-01'),
    ).getSnapshot();
    expect(state(s)).toBe('member.exitDecided');
    expect(s.context.periods[0].exitRequests[0]).toEqual({
      decision: { organ: 'KF', date: '2025-03-01', decisionId: 'kf-exit' },
      warnings: [],
    });
  });

  it('R-C11: an annulment naming a decision that did not drive the membership is refused (DECISION_NOT_IN_WORKFLOW)', () => {
    expectRefused(
      run(...ENTRY).getSnapshot(),
      annul('kf-other', '2024-06-01'),
      'DECISION_NOT_IN_WORKFLOW',
      'R-C11',
      'annulmentOk',
    );
    expectRefused(
      run(adopt('2023-11-20', 'kf-entry')).getSnapshot(),
      annul('kf-other', '2024-06-01'),
      'DECISION_NOT_IN_WORKFLOW',
      'R-C11',
    );
    // The exit decision of a withdrawn request no longer drives anything.
    const withdrawn = run(...LEAVING, withdraw('2025-05-20', '2025-05-21T09:00:00Z', 'kf-withdraw')).getSnapshot();
    expectRefused(withdrawn, annul('kf-exit', '2025-10-01'), 'DECISION_NOT_IN_WORKFLOW', 'R-C11');
  });

  it('R-C11, D5: during a pending re-entry, annulling the previous period’s exit decision is refused and voids nothing', () => {
    const s = run(...EXITED, adopt('2027-03-01', 'kf-reentry')).getSnapshot();
    expectRefused(s, annul('kf-exit', '2027-04-01'), 'DECISION_NOT_IN_WORKFLOW', 'R-C11');
    expect(s.context.periods[0].voidedOn).toBeUndefined();
  });
});

// ---------------------------------------------------------------- definition

describe('membershipDefinition (guardRules, dueEvents, legalDateOf)', () => {
  it('every guardRules entry names a guard of the machine, and every guard used on a transition is explained or a helper', () => {
    const machineGuards = Object.keys((membershipMachine.implementations as any).guards);
    expect(machineGuards).toEqual(expect.arrayContaining(Object.keys(membershipDefinition.guardRules)));
    // The guards without a rule only select among annulment branches; each such branch also has annulmentOk.
    const helpers = machineGuards.filter((g) => !(g in membershipDefinition.guardRules)).sort();
    expect(helpers).toEqual([
      'annulsEffectedExit',
      'annulsEntry',
      'annulsExit',
      'annulsWithdrawal',
      'revivedRequestWasNoticed',
      'wasMemberBefore',
    ]);
    const nodes = [
      membershipMachine.root,
      ...Object.values(membershipMachine.root.states),
      ...Object.values(membershipMachine.root.states.member.states),
    ];
    for (const node of nodes) {
      for (const transitions of node.transitions.values()) {
        for (const t of transitions) {
          const names = guardNames(t.guard);
          expect(names.some((n) => n in membershipDefinition.guardRules)).toBe(true);
        }
      }
    }
  });

  // Each guard with an event it refuses (and the state it is sent in): the machine refuses and the rule says why.
  const cases: Array<[guard: string, setup: MembershipEvent[], event: MembershipEvent, code: string, ruleId: string]> =
    [
      ['entryDecisionOk', [], adopt('2023-11-20', 'ks', 'KS'), 'WRONG_DECISION_ORGAN', 'R-B2'],
      ['entrySignatureOk', [adopt('2023-11-20')], sign('2023-12-08', 'KOMMUNDIREKTOR'), 'WRONG_SIGNATORY', 'R-B3'],
      ['exitDecisionOk', ENTRY, requestExit('2025-03-01', 'x', '2026-06-30'), 'EXIT_NOT_ON_31_DEC', 'R-C4'],
      [
        'exitNoticeOk',
        [...ENTRY, requestExit('2025-03-01', 'x', '2026-12-31')],
        notice('2026-01-05T09:00:00Z'),
        'EXIT_NOTICE_TOO_SHORT',
        'R-C2',
      ],
      ['councilInformedOk', LEAVING, informed('2025-03-01'), 'COUNCIL_INFORMED_BEFORE_NOTICE', 'R-C6'],
      ['withdrawalOk', LEAVING, withdraw('2025-02-01', '2025-05-01T09:00:00Z'), 'WITHDRAWAL_BEFORE_REQUEST', 'R-C10'],
      ['exitTookEffectOk', LEAVING, tookEffect('2026-12-31'), 'EXIT_NOT_YET_EFFECTIVE', 'R-C7'],
      ['councilMayDecide', LEAVING, councilApproves(), 'COUNCIL_NOT_DECISION_MAKING', 'R-E2'],
      ['annulmentOk', LEAVING, annul('kf-nope', '2025-09-01'), 'DECISION_NOT_IN_WORKFLOW', 'R-C11'],
    ];

  it('the cases cover every guardRules entry', () => {
    expect(cases.map((c) => c[0]).sort()).toEqual(Object.keys(membershipDefinition.guardRules).sort());
  });

  it.each(cases)('guardRules.%s explains its refusal (%#)', (guard, setup, event, code, ruleId) => {
    const s = run(...setup).getSnapshot();
    expect(membershipDefinition.guardRules[guard](s.context, event)).toMatchObject({ code, ruleId });
    expectRefused(s, event, code, ruleId, guard);
  });

  it('guardRules pass (null) exactly when the machine accepts the event', () => {
    const accepted: Array<[string, MembershipEvent[], MembershipEvent]> = [
      ['entryDecisionOk', [], adopt('2023-11-20')],
      ['entrySignatureOk', [adopt('2023-11-20')], sign('2023-12-08')],
      ['exitDecisionOk', ENTRY, requestExit('2025-03-01')],
      ['exitNoticeOk', [...ENTRY, requestExit('2025-03-01')], notice('2025-03-10T09:00:00Z')],
      ['councilInformedOk', LEAVING, informed('2025-04-01')],
      ['withdrawalOk', LEAVING, withdraw('2025-05-20', '2025-05-21T09:00:00Z')],
      ['exitTookEffectOk', LEAVING, tookEffect('2027-01-01')],
      ['annulmentOk', LEAVING, annul('kf-exit', '2025-09-01')],
    ];
    for (const [guard, setup, event] of accepted) {
      const s = run(...setup).getSnapshot();
      expect([guard, membershipDefinition.guardRules[guard](s.context, event)]).toEqual([guard, null]);
      expect([guard, s.can(event)]).toEqual([guard, true]);
      expect(transition(membershipMachine, s, event)[0]).not.toBe(s);
    }
  });

  it('R-C7: dueEvents yields EXIT_TOOK_EFFECT due on 1 January after the exit date, only while leaving', () => {
    const leaving = run(...LEAVING).getSnapshot();
    const due = membershipDefinition.dueEvents!(leaving.context, state(leaving));
    expect(due).toEqual([{ type: 'EXIT_TOOK_EFFECT', dueOn: '2027-01-01', payload: { on: '2027-01-01' } }]);
    // The due event, sent as the engine sends it, is accepted on its due date.
    const [next] = transition(membershipMachine, leaving, { type: due[0].type, ...due[0].payload } as MembershipEvent);
    expect(state(next)).toBe('exited');
    for (const s of [
      start(),
      run(adopt('2023-11-20')),
      run(...ENTRY),
      run(...ENTRY, requestExit('2025-03-01')),
      run(...EXITED),
    ].map((a) => a.getSnapshot())) {
      expect([state(s), membershipDefinition.dueEvents!(s.context, state(s))]).toEqual([state(s), []]);
    }
  });

  it("R-C7, R-L2: the due date follows the Stockholm exit date (notice '2025-12-31T23:30:00Z' → due 2028-01-01)", () => {
    const s = run(...ENTRY, requestExit('2025-12-15'), notice('2025-12-31T23:30:00Z')).getSnapshot();
    expect(membershipDefinition.dueEvents!(s.context, state(s))).toEqual([
      { type: 'EXIT_TOOK_EFFECT', dueOn: '2028-01-01', payload: { on: '2028-01-01' } },
    ]);
  });

  it('D13: legalDateOf reads the event’s own date (instants in Stockholm)', () => {
    const ctx = start().getSnapshot().context;
    expect(membershipDefinition.legalDateOf(notice('2025-12-31T23:30:00Z') as any, ctx)).toBe('2026-01-01');
    expect(membershipDefinition.legalDateOf(adopt('2023-11-20') as any, ctx)).toBe('2023-11-20');
  });

  it('EXIT_TOOK_EFFECT and DECISION_ANNULLED are system events that no client role may send', () => {
    expect(membershipDefinition.systemEvents).toEqual(
      expect.arrayContaining(['EXIT_TOOK_EFFECT', 'DECISION_ANNULLED']),
    );
    expect(membershipDefinition.eventRoles.EXIT_TOOK_EFFECT).toEqual([]);
    expect(membershipDefinition.eventRoles.DECISION_ANNULLED).toEqual([]);
  });
});

describe('an exit whose fullmäktige decision is annulled after it took effect (R-C11)', () => {
  it('R-C11: the exit is void: the membership continues (member.active); status EXITED only before the annulment', () => {
    const actor = run(...EXITED, annul('kf-exit', '2027-03-01'));
    const s = actor.getSnapshot();
    expect(state(s)).toBe('member.active');
    expect(statusOn(s.context, '2027-02-01').status).toBe('EXITED');
    expect(statusOn(s.context, '2027-03-01').status).toBe('ACTIVE');
    expect(s.context.periods).toHaveLength(1);
    expect(s.context.periods[0].exitedAfter).toBeUndefined();
    expect(membershipDefinition.dueEvents!(s.context, state(s))).toEqual([]);
  });

  it('R-C11: once a re-entry is under way the effected exit is not undone (DECISION_NOT_IN_WORKFLOW is not a transition there)', () => {
    const actor = run(...EXITED, adopt('2027-02-01', 'kf-reentry'));
    expect(state(actor.getSnapshot())).toBe('awaitingSignature');
    const [next] = transition(membershipMachine, actor.getSnapshot(), annul('kf-exit', '2027-03-01'));
    expect(next).toBe(actor.getSnapshot());
  });
});
