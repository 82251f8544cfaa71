/**
 * Unit tests of every rule function in machines/membership/membership.rules.ts (RULEBOOK B, C, L; DECISIONS D1, D5,
 * D6, D12). Pure: contexts are built by hand, no machine, no clock.
 */
import type { RuleWarning } from '../../machines/kernel/refusal';
import {
  annulmentTarget,
  checkAnnulment,
  checkCouncilDecision,
  checkCouncilInformed,
  checkDeclarationVersion,
  checkDocumentHash,
  checkEntryDecision,
  checkEntrySignature,
  checkExitDecision,
  checkExitNotice,
  checkExitTookEffect,
  checkExitWithdrawal,
  completeEntry,
  currentPeriod,
  currentWarnings,
  deliverExitNotice,
  memberFromDate,
  membershipLegalDate,
  openExitRequest,
  requestDateOf,
  statusOn,
} from '../../machines/membership/membership.rules';
import type {
  DecisionOrgan,
  DecisionRef,
  ExitRequest,
  MembershipContext,
  MembershipEvent,
  MembershipPeriod,
  MembershipSettings,
  SignatoryOffice,
  SignatureRef,
} from '../../machines/membership/membership.types';

type Ev<T extends MembershipEvent['type']> = Extract<MembershipEvent, { type: T }>;

const VERSION = 'AF-2023';
const NOTICE: MembershipSettings = { exitRequestDate: 'noticeArrival', entryDecisionOrgan: 'KF' };
const KF_DATE: MembershipSettings = { exitRequestDate: 'fullmaktigeDecision', entryDecisionOrgan: 'KF' };

function ctx(over: Partial<MembershipContext> = {}): MembershipContext {
  return {
    collaboration: 'dalslandssamverkan',
    municipality: '1461',
    declarationVersion: VERSION,
    declarationEffectiveDate: '2024-01-01',
    pendingEntry: {},
    periods: [],
    ...over,
  };
}

const decision = (date: string, organ: DecisionOrgan = 'KF', decisionId?: string): DecisionRef =>
  decisionId ? { organ, date, decisionId } : { organ, date };

const signature = (signedOn: string, office: SignatoryOffice = 'KSO', declarationVersion = VERSION): SignatureRef => ({
  signedOn,
  signatory: { name: 'Anna Andersson', office },
  declarationVersion,
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

function request(over: Partial<ExitRequest> = {}): ExitRequest {
  return { decision: decision('2025-03-01', 'KF', 'kf-exit'), warnings: [], ...over };
}

/** A request after its notice of 2025-03-10: exit 2026-12-31. */
const noticed = (over: Partial<ExitRequest> = {}): ExitRequest =>
  request({
    noticeArrivedAt: '2025-03-10T09:00:00Z',
    noticeOn: '2025-03-10',
    requestedOn: '2025-03-10',
    effectiveOn: '2026-12-31',
    ...over,
  });

const withRequests = (...exitRequests: ExitRequest[]) => ctx({ periods: [period({ exitRequests })] });

const adopt = (
  d: DecisionRef,
  over: Partial<Ev<'FULLMAKTIGE_ADOPTED_DECLARATION'>> = {},
): Ev<'FULLMAKTIGE_ADOPTED_DECLARATION'> => ({
  type: 'FULLMAKTIGE_ADOPTED_DECLARATION',
  decision: d,
  settings: NOTICE,
  ...over,
});

const sign = (office: SignatoryOffice, over: Partial<Ev<'KSO_SIGNED'>> = {}): Ev<'KSO_SIGNED'> => ({
  type: 'KSO_SIGNED',
  signedOn: '2023-12-08',
  signatory: { name: 'Anna Andersson', office },
  ...over,
});

const requestExit = (d: DecisionRef, desiredExitDate?: string): Ev<'FULLMAKTIGE_REQUESTED_EXIT'> =>
  desiredExitDate
    ? { type: 'FULLMAKTIGE_REQUESTED_EXIT', decision: d, desiredExitDate, settings: NOTICE }
    : { type: 'FULLMAKTIGE_REQUESTED_EXIT', decision: d, settings: NOTICE };

const notice = (arrivedAt: string, settings: MembershipSettings = NOTICE): Ev<'EXIT_NOTICE_DELIVERED'> => ({
  type: 'EXIT_NOTICE_DELIVERED',
  arrivedAt,
  settings,
});

const withdraw = (d: DecisionRef, noticeArrivedAt: string): Ev<'EXIT_REQUEST_WITHDRAWN'> => ({
  type: 'EXIT_REQUEST_WITHDRAWN',
  decision: d,
  noticeArrivedAt,
  settings: NOTICE,
});

// ------------------------------------------------------------------------------------------------ entry

describe('checkEntryDecision (R-B1, R-B2, R-B5)', () => {
  it('R-B2: a kommunfullmäktige decision passes', () => {
    expect(checkEntryDecision(ctx(), adopt(decision('2023-11-20')))).toBeNull();
  });

  it.each<DecisionOrgan>(['KS', 'NAMND'])(
    'R-B2: an entry decision by %s is refused with WRONG_DECISION_ORGAN',
    (organ) => {
      const r = checkEntryDecision(ctx(), adopt(decision('2023-11-20', organ)));
      expect(r).toMatchObject({
        code: 'WRONG_DECISION_ORGAN',
        ruleId: 'R-B2',
        details: { requiredOrgan: 'KF', organ },
      });
      expect(r!.message).toMatch(/municipal council/);
      expect(r!.messageSv).toMatch(/kommunfullmäktige/);
    },
  );

  it('R-B2: the organ follows the collaboration setting entryDecisionOrgan', () => {
    const ks: MembershipSettings = { exitRequestDate: 'noticeArrival', entryDecisionOrgan: 'KS' };
    expect(checkEntryDecision(ctx(), adopt(decision('2023-11-20', 'KS'), { settings: ks }))).toBeNull();
    expect(checkEntryDecision(ctx(), adopt(decision('2023-11-20', 'KF'), { settings: ks }))).toMatchObject({
      code: 'WRONG_DECISION_ORGAN',
      ruleId: 'R-B2',
      details: { requiredOrgan: 'KS', organ: 'KF' },
    });
  });

  it('R-B5: a decision on another version of the declaration is refused with VERSION_MISMATCH', () => {
    expect(checkEntryDecision(ctx(), adopt(decision('2023-11-20'), { declarationVersion: 'AF-2022' }))).toMatchObject({
      code: 'VERSION_MISMATCH',
      ruleId: 'R-B5',
      details: { currentVersion: VERSION, version: 'AF-2022' },
    });
  });

  it('R-B5: a decision naming the current version passes; one naming no version means the current one', () => {
    expect(checkEntryDecision(ctx(), adopt(decision('2023-11-20'), { declarationVersion: VERSION }))).toBeNull();
    expect(checkEntryDecision(ctx(), adopt(decision('2023-11-20')))).toBeNull();
  });

  it('R-B5: a decision whose version differs from the pending signature is refused with VERSION_MISMATCH', () => {
    const c = ctx({ pendingEntry: { signature: signature('2023-12-08', 'KSO', 'AF-2022') } });
    expect(checkEntryDecision(c, adopt(decision('2023-11-20')))).toMatchObject({
      code: 'VERSION_MISMATCH',
      ruleId: 'R-B5',
    });
    const same = ctx({ pendingEntry: { signature: signature('2023-12-08') } });
    expect(checkEntryDecision(same, adopt(decision('2023-11-20')))).toBeNull();
  });
});

describe('checkEntrySignature (R-B3, D12, R-B5)', () => {
  it('R-B3: the KSO signature passes', () => {
    expect(checkEntrySignature(ctx(), sign('KSO'))).toBeNull();
  });

  it.each<SignatoryOffice>(['OPPOSITIONSRAD', 'KOMMUNDIREKTOR', 'OTHER'])(
    'R-B3: a signature by %s is refused with WRONG_SIGNATORY',
    (office) => {
      const r = checkEntrySignature(ctx(), sign(office));
      expect(r).toMatchObject({ code: 'WRONG_SIGNATORY', ruleId: 'R-B3', details: { office } });
      expect(r!.messageSv).toMatch(/kommunstyrelsens ordförande/);
    },
  );

  it('R-B3, D12: a stand-in with a recorded legal basis is accepted', () => {
    expect(checkEntrySignature(ctx(), sign('OTHER', { standIn: { legalBasis: 'KS 2023-11-28 § 201' } }))).toBeNull();
    expect(
      checkEntrySignature(ctx(), sign('KOMMUNDIREKTOR', { standIn: { legalBasis: 'KS delegation 2023:14' } })),
    ).toBeNull();
  });

  it('R-B3, D12: a stand-in without a legal basis (empty or blank) is refused with WRONG_SIGNATORY', () => {
    expect(checkEntrySignature(ctx(), sign('OTHER', { standIn: { legalBasis: '' } }))).toMatchObject({
      code: 'WRONG_SIGNATORY',
      ruleId: 'R-B3',
    });
    expect(checkEntrySignature(ctx(), sign('OTHER', { standIn: { legalBasis: '   ' } }))).toMatchObject({
      code: 'WRONG_SIGNATORY',
      ruleId: 'R-B3',
    });
  });

  it('R-B5: a signature on another version is refused with VERSION_MISMATCH, with or without a pending decision', () => {
    expect(checkEntrySignature(ctx(), sign('KSO', { declarationVersion: 'AF-2022' }))).toMatchObject({
      code: 'VERSION_MISMATCH',
      ruleId: 'R-B5',
    });
    const c = ctx({ pendingEntry: { decision: decision('2023-11-20') } });
    expect(checkEntrySignature(c, sign('KSO', { declarationVersion: 'AF-2022' }))).toMatchObject({
      code: 'VERSION_MISMATCH',
    });
    expect(checkEntrySignature(c, sign('KSO', { declarationVersion: VERSION }))).toBeNull();
  });
});

describe('checkDeclarationVersion (R-B5)', () => {
  it('R-B5: passes only when both versions are the current one', () => {
    expect(checkDeclarationVersion(ctx(), undefined, undefined)).toBeNull();
    expect(checkDeclarationVersion(ctx(), VERSION, VERSION)).toBeNull();
    expect(checkDeclarationVersion(ctx(), 'AF-2022', undefined)).toMatchObject({
      code: 'VERSION_MISMATCH',
      ruleId: 'R-B5',
    });
    expect(checkDeclarationVersion(ctx(), VERSION, 'AF-2022')).toMatchObject({
      code: 'VERSION_MISMATCH',
      details: { version: VERSION, otherVersion: 'AF-2022' },
    });
  });
});

describe('checkDocumentHash (R-B5)', () => {
  it('R-B5: adopted and signed hashes must be equal when both are known', () => {
    expect(checkDocumentHash('sha-a', 'sha-a')).toBeNull();
    expect(checkDocumentHash(undefined, 'sha-a')).toBeNull();
    expect(checkDocumentHash('sha-a', undefined)).toBeNull();
    expect(checkDocumentHash('sha-a', 'sha-b')).toMatchObject({
      code: 'VERSION_MISMATCH',
      ruleId: 'R-B5',
      details: { adoptedHash: 'sha-a', signedHash: 'sha-b' },
    });
  });

  it('R-B5: a signature of another text than the one adopted is refused, in either order', () => {
    const adopted = ctx({ pendingEntry: { decision: { ...decision('2023-11-20'), documentHash: 'sha-a' } } });
    expect(checkEntrySignature(adopted, sign('KSO', { documentHash: 'sha-b' }))).toMatchObject({
      code: 'VERSION_MISMATCH',
      ruleId: 'R-B5',
    });
    expect(checkEntrySignature(adopted, sign('KSO', { documentHash: 'sha-a' }))).toBeNull();
    const signed = ctx({ pendingEntry: { signature: { ...signature('2023-12-08'), documentHash: 'sha-b' } } });
    expect(checkEntryDecision(signed, adopt({ ...decision('2023-11-20'), documentHash: 'sha-a' }))).toMatchObject({
      code: 'VERSION_MISMATCH',
      ruleId: 'R-B5',
    });
    expect(checkEntryDecision(signed, adopt({ ...decision('2023-11-20'), documentHash: 'sha-b' }))).toBeNull();
  });
});

describe('memberFromDate and completeEntry (R-B4, D5)', () => {
  it('R-B4: decision and signature before 2024-01-01 → in force from 2024-01-01', () => {
    expect(memberFromDate(ctx(), '2023-11-20', '2023-12-08')).toBe('2024-01-01');
  });

  it('R-B4: the later of decision and signature after 2024-01-01, in either order', () => {
    expect(memberFromDate(ctx(), '2024-03-05', '2024-02-01')).toBe('2024-03-05');
    expect(memberFromDate(ctx(), '2024-02-01', '2024-03-05')).toBe('2024-03-05');
    expect(memberFromDate(ctx(), '2023-12-31', '2024-01-01')).toBe('2024-01-01');
  });

  it('R-B4: completeEntry records enteredOn = later of the two dates and memberFrom = max(decision, signature, 2024-01-01)', () => {
    const p = completeEntry(ctx(), decision('2023-11-20'), signature('2023-12-08'));
    expect(p).toEqual({
      decision: decision('2023-11-20'),
      signature: signature('2023-12-08'),
      enteredOn: '2023-12-08',
      memberFrom: '2024-01-01',
      exitRequests: [],
    });
    expect(completeEntry(ctx(), decision('2024-05-02'), signature('2024-04-10'))).toMatchObject({
      enteredOn: '2024-05-02',
      memberFrom: '2024-05-02',
    });
  });

  it('D5, R-B7: a re-entry is in force from the day after the previous exit at the earliest', () => {
    const c = ctx({ periods: [period({ exitRequests: [noticed()], exitedAfter: '2026-12-31' })] });
    expect(memberFromDate(c, '2026-11-01', '2026-12-15')).toBe('2027-01-01');
    expect(memberFromDate(c, '2027-03-01', '2027-03-15')).toBe('2027-03-15');
  });

  it('D5: after an annulled re-entry, the earlier exit still bounds the next entry', () => {
    const c = ctx({
      periods: [
        period({ exitRequests: [noticed()], exitedAfter: '2026-12-31' }),
        period({
          decision: decision('2026-12-01', 'KF', 'kf-reentry'),
          signature: signature('2026-12-10'),
          enteredOn: '2026-12-10',
          memberFrom: '2027-01-01',
          voidedOn: '2027-04-01',
        }),
      ],
    });
    expect(memberFromDate(c, '2026-12-05', '2026-12-20')).toBe('2027-01-01');
  });
});

// ------------------------------------------------------------------------------------------------ exit decision

describe('checkExitDecision (R-C1, R-C2, R-C4)', () => {
  it('R-C1: a kommunfullmäktige decision without a desired date passes', () => {
    expect(checkExitDecision(ctx(), requestExit(decision('2025-03-01')))).toBeNull();
  });

  it.each<DecisionOrgan>(['KS', 'NAMND'])(
    'R-C1: an exit decision by %s is refused with WRONG_DECISION_ORGAN',
    (organ) => {
      expect(checkExitDecision(ctx(), requestExit(decision('2025-03-01', organ)))).toMatchObject({
        code: 'WRONG_DECISION_ORGAN',
        ruleId: 'R-C1',
        details: { requiredOrgan: 'KF', organ },
      });
    },
  );

  it.each(['2026-06-30', '2026-12-30', '2027-01-01'])(
    'R-C4: a desired exit date %s is refused with EXIT_NOT_ON_31_DEC',
    (desired) => {
      expect(checkExitDecision(ctx(), requestExit(decision('2025-03-01'), desired))).toMatchObject({
        code: 'EXIT_NOT_ON_31_DEC',
        ruleId: 'R-C4',
        details: { desiredExitDate: desired },
      });
    },
  );

  it('R-C2, R-C4: a 31 December in the request year is too early: EXIT_NOTICE_TOO_SHORT suggests the earliest exit', () => {
    const r = checkExitDecision(ctx(), requestExit(decision('2025-03-01'), '2025-12-31'));
    expect(r).toMatchObject({
      code: 'EXIT_NOTICE_TOO_SHORT',
      ruleId: 'R-C2',
      details: { requestedOn: '2025-03-01', desiredExitDate: '2025-12-31', earliestExitDate: '2026-12-31' },
    });
  });

  it('R-C2, R-C4: the earliest exit (31 Dec of the next year) and a later 31 December are accepted', () => {
    expect(checkExitDecision(ctx(), requestExit(decision('2025-03-01'), '2026-12-31'))).toBeNull();
    expect(checkExitDecision(ctx(), requestExit(decision('2025-03-01'), '2027-12-31'))).toBeNull();
    expect(checkExitDecision(ctx(), requestExit(decision('2025-12-31'), '2026-12-31'))).toBeNull();
  });
});

// ------------------------------------------------------------------------------------------------ exit notice

describe('openExitRequest, currentPeriod, requestDateOf', () => {
  it('openExitRequest is the last request of the current period unless withdrawn or voided', () => {
    expect(openExitRequest(ctx())).toBeUndefined();
    expect(openExitRequest(withRequests(request()))).toEqual(request());
    expect(openExitRequest(withRequests(request({ withdrawnOn: '2025-04-01' })))).toBeUndefined();
    expect(openExitRequest(withRequests(request({ voidedOn: '2025-04-01' })))).toBeUndefined();
    const c = ctx({ periods: [period({ exitRequests: [noticed()] }), period({ enteredOn: '2027-05-01' })] });
    expect(currentPeriod(c)?.enteredOn).toBe('2027-05-01');
    expect(openExitRequest(c)).toBeUndefined();
  });

  it('R-C5, D1: the request date is the notice date by default and the KF decision date with fullmaktigeDecision', () => {
    expect(requestDateOf(request(), '2025-03-10', NOTICE)).toBe('2025-03-10');
    expect(requestDateOf(request(), '2025-03-10', undefined)).toBe('2025-03-10');
    expect(requestDateOf(request(), '2025-03-10', KF_DATE)).toBe('2025-03-01');
  });
});

describe('checkExitNotice (R-C1, R-C2, R-C4, R-C5, D1)', () => {
  it('R-C1: a notice without any exit decision is refused with NO_FULLMAKTIGE_DECISION', () => {
    expect(checkExitNotice(ctx({ periods: [period()] }), notice('2025-03-10T09:00:00Z'))).toMatchObject({
      code: 'NO_FULLMAKTIGE_DECISION',
      ruleId: 'R-C1',
      details: { noticeOn: '2025-03-10' },
    });
  });

  it('R-C1: a second notice for an already noticed request, or one for a withdrawn request, is refused', () => {
    expect(checkExitNotice(withRequests(noticed()), notice('2025-03-12T09:00:00Z'))).toMatchObject({
      code: 'NO_FULLMAKTIGE_DECISION',
      ruleId: 'R-C1',
    });
    expect(
      checkExitNotice(withRequests(request({ withdrawnOn: '2025-03-05' })), notice('2025-03-12T09:00:00Z')),
    ).toMatchObject({
      code: 'NO_FULLMAKTIGE_DECISION',
    });
  });

  it('R-C5, D1: a KF decision dated after the notice is refused with NO_FULLMAKTIGE_DECISION', () => {
    expect(checkExitNotice(withRequests(request()), notice('2025-02-28T12:00:00Z'))).toMatchObject({
      code: 'NO_FULLMAKTIGE_DECISION',
      ruleId: 'R-C5',
      details: { noticeOn: '2025-02-28', decisionOn: '2025-03-01' },
    });
  });

  it('R-C5, R-L2: the decision-before-notice check uses the Stockholm date of the arrival instant', () => {
    // 2025-02-28T23:30Z is 2025-03-01 00:30 CET: same day as the decision → allowed.
    expect(checkExitNotice(withRequests(request()), notice('2025-02-28T23:30:00Z'))).toBeNull();
    expect(checkExitNotice(withRequests(request()), notice('2025-02-28T22:59:59Z'))).toMatchObject({
      code: 'NO_FULLMAKTIGE_DECISION',
      ruleId: 'R-C5',
    });
  });

  it('R-C5: a notice on the day of the decision passes', () => {
    expect(checkExitNotice(withRequests(request()), notice('2025-03-01T15:00:00Z'))).toBeNull();
  });

  it('R-C2, R-C4: a desired date too early for the notice date is refused with EXIT_NOTICE_TOO_SHORT', () => {
    const c = withRequests(request({ decision: decision('2025-12-15'), desiredExitDate: '2026-12-31' }));
    expect(checkExitNotice(c, notice('2026-01-02T08:00:00Z'))).toMatchObject({
      code: 'EXIT_NOTICE_TOO_SHORT',
      ruleId: 'R-C2',
      details: { requestedOn: '2026-01-02', desiredExitDate: '2026-12-31', earliestExitDate: '2027-12-31' },
    });
  });

  it('R-C5, D1: with fullmaktigeDecision the same late notice passes (the KF decision date is the request date)', () => {
    const c = withRequests(request({ decision: decision('2025-12-15'), desiredExitDate: '2026-12-31' }));
    expect(checkExitNotice(c, notice('2026-01-02T08:00:00Z', KF_DATE))).toBeNull();
  });

  it('R-C4: a later desired 31 December passes', () => {
    const c = withRequests(request({ decision: decision('2025-12-15'), desiredExitDate: '2028-12-31' }));
    expect(checkExitNotice(c, notice('2026-01-02T08:00:00Z'))).toBeNull();
  });

  it('R-L2, R-L9: 2025-12-31T22:59:59Z is nyårsafton in Stockholm (exit 2026-12-31 possible); 23:30Z is 2026-01-01 (too short)', () => {
    const c = withRequests(request({ decision: decision('2025-12-15'), desiredExitDate: '2026-12-31' }));
    expect(checkExitNotice(c, notice('2025-12-31T22:59:59Z'))).toBeNull();
    expect(checkExitNotice(c, notice('2025-12-31T23:30:00Z'))).toMatchObject({
      code: 'EXIT_NOTICE_TOO_SHORT',
      details: { requestedOn: '2026-01-01', earliestExitDate: '2027-12-31' },
    });
  });
});

describe('deliverExitNotice (R-C2, R-C5, R-L2, R-L3, R-L9, D1)', () => {
  const dec = request({ decision: decision('2025-12-15', 'KF', 'kf-exit') });

  it("R-L2, R-L9: '2025-12-31T22:59:59Z' is 2025-12-31 in Stockholm → exit 2026-12-31, no warning", () => {
    const r = deliverExitNotice(dec, notice('2025-12-31T22:59:59Z'));
    expect(r).toMatchObject({
      noticeArrivedAt: '2025-12-31T22:59:59Z',
      noticeOn: '2025-12-31',
      requestedOn: '2025-12-31',
      effectiveOn: '2026-12-31',
      warnings: [],
    });
  });

  it("R-L2, R-C5: '2025-12-31T23:30:00Z' is 2026-01-01 in Stockholm → exit 2027-12-31 and REQUEST_YEAR_AMBIGUOUS", () => {
    const r = deliverExitNotice(dec, notice('2025-12-31T23:30:00Z'));
    expect(r).toMatchObject({ noticeOn: '2026-01-01', requestedOn: '2026-01-01', effectiveOn: '2027-12-31' });
    expect(r.warnings).toEqual([
      expect.objectContaining({
        code: 'REQUEST_YEAR_AMBIGUOUS',
        ruleId: 'R-C5',
        details: { decisionOn: '2025-12-15', noticeOn: '2026-01-01', requestedOn: '2026-01-01' },
      }),
    ]);
    expect(r.warnings[0].message).toMatch(/noticeArrival/);
    expect(r.warnings[0].messageSv).toMatch(/olika kalenderår/);
  });

  it('R-L9: no söndagsregel — a notice on the next vardag after nyårsafton (2026-01-02) counts for 2026 → exit 2027-12-31', () => {
    expect(deliverExitNotice(dec, notice('2026-01-02T08:00:00Z'))).toMatchObject({
      requestedOn: '2026-01-02',
      effectiveOn: '2027-12-31',
    });
  });

  it('R-C5, D1: with fullmaktigeDecision the KF decision date is the request date; decision and notice in different years warn', () => {
    const r = deliverExitNotice(dec, notice('2026-01-02T08:00:00Z', KF_DATE));
    expect(r).toMatchObject({ noticeOn: '2026-01-02', requestedOn: '2025-12-15', effectiveOn: '2026-12-31' });
    expect(r.warnings.map((w) => w.code)).toEqual(['REQUEST_YEAR_AMBIGUOUS']);
    expect(r.warnings[0].details).toEqual({
      decisionOn: '2025-12-15',
      noticeOn: '2026-01-02',
      requestedOn: '2025-12-15',
    });
    expect(r.warnings[0].message).toMatch(/fullmaktigeDecision/);
  });

  it('R-C5, D1: decision and notice in the same year give no warning under either setting', () => {
    expect(deliverExitNotice(dec, notice('2025-12-20T10:00:00Z')).warnings).toEqual([]);
    expect(deliverExitNotice(dec, notice('2025-12-20T10:00:00Z', KF_DATE)).warnings).toEqual([]);
  });

  it('R-C2, R-L3: a notice on leap day 2024-02-29 → exit 2025-12-31', () => {
    const leap = request({ decision: decision('2024-02-29') });
    expect(deliverExitNotice(leap, notice('2024-02-29T10:00:00Z'))).toMatchObject({
      noticeOn: '2024-02-29',
      requestedOn: '2024-02-29',
      effectiveOn: '2025-12-31',
    });
    expect(deliverExitNotice(leap, notice('2024-03-01T10:00:00Z', KF_DATE))).toMatchObject({
      requestedOn: '2024-02-29',
      effectiveOn: '2025-12-31',
    });
  });

  it('R-L1: summer time — 2026-06-30T22:30:00Z is 2026-07-01 00:30 CEST', () => {
    const r = deliverExitNotice(request({ decision: decision('2026-06-01') }), notice('2026-06-30T22:30:00Z'));
    expect(r).toMatchObject({ noticeOn: '2026-07-01', effectiveOn: '2027-12-31' });
  });

  it('R-C4: a later desired 31 December is the effective date; an earlier one never shortens the notice', () => {
    const later = request({ decision: decision('2025-03-01'), desiredExitDate: '2028-12-31' });
    expect(deliverExitNotice(later, notice('2025-03-10T09:00:00Z')).effectiveOn).toBe('2028-12-31');
    const same = request({ decision: decision('2025-03-01'), desiredExitDate: '2026-12-31' });
    expect(deliverExitNotice(same, notice('2025-03-10T09:00:00Z')).effectiveOn).toBe('2026-12-31');
  });

  it('keeps earlier warnings and does not mutate the request', () => {
    const earlier: RuleWarning = { code: 'JUSTERING_LATE', ruleId: 'R-X', message: 'm', messageSv: 's' };
    const r0 = request({ decision: decision('2025-12-15'), warnings: [earlier] });
    const frozen = JSON.stringify(r0);
    const r = deliverExitNotice(r0, notice('2026-01-02T08:00:00Z'));
    expect(r.warnings.map((w) => w.code)).toEqual(['JUSTERING_LATE', 'REQUEST_YEAR_AMBIGUOUS']);
    expect(JSON.stringify(r0)).toBe(frozen);
  });
});

// ------------------------------------------------------------------------------------------------ council

describe('checkCouncilInformed (R-C6)', () => {
  it('R-C6: informing the council without a delivered notice is refused with NO_EXIT_NOTICE', () => {
    expect(checkCouncilInformed(ctx(), { type: 'COUNCIL_INFORMED', informedOn: '2025-04-01' })).toMatchObject({
      code: 'NO_EXIT_NOTICE',
      ruleId: 'R-C6',
    });
    expect(
      checkCouncilInformed(withRequests(request()), { type: 'COUNCIL_INFORMED', informedOn: '2025-04-01' }),
    ).toMatchObject({
      code: 'NO_EXIT_NOTICE',
    });
    expect(
      checkCouncilInformed(withRequests(noticed({ withdrawnOn: '2025-05-01' })), {
        type: 'COUNCIL_INFORMED',
        informedOn: '2025-06-01',
      }),
    ).toMatchObject({ code: 'NO_EXIT_NOTICE' });
  });

  it('R-C6: the council informed before the notice reached the chair is refused with COUNCIL_INFORMED_BEFORE_NOTICE', () => {
    expect(
      checkCouncilInformed(withRequests(noticed()), { type: 'COUNCIL_INFORMED', informedOn: '2025-03-09' }),
    ).toMatchObject({
      code: 'COUNCIL_INFORMED_BEFORE_NOTICE',
      ruleId: 'R-C6',
      details: { informedOn: '2025-03-09', noticeOn: '2025-03-10' },
    });
  });

  it('R-C6: the council informed on or after the notice day passes', () => {
    expect(
      checkCouncilInformed(withRequests(noticed()), { type: 'COUNCIL_INFORMED', informedOn: '2025-03-10' }),
    ).toBeNull();
    expect(
      checkCouncilInformed(withRequests(noticed()), { type: 'COUNCIL_INFORMED', informedOn: '2025-04-01' }),
    ).toBeNull();
  });
});

describe('checkCouncilDecision (R-C6, R-E2)', () => {
  it('R-E2, R-C6: the council never approves an exit: COUNCIL_NOT_DECISION_MAKING', () => {
    const r = checkCouncilDecision();
    expect(r).toMatchObject({ code: 'COUNCIL_NOT_DECISION_MAKING', ruleId: 'R-E2' });
    expect(r.message).toMatch(/not a decision-making body/);
    expect(r.messageSv).toMatch(/inte ett beslutande organ/);
  });
});

// ------------------------------------------------------------------------------------------------ withdrawal

describe('checkExitWithdrawal (R-C10, D6)', () => {
  it('R-C10, D6: a KF withdrawal before the exit date passes, from exitDecided and from leaving', () => {
    expect(
      checkExitWithdrawal(withRequests(request()), withdraw(decision('2025-06-01'), '2025-06-02T09:00:00Z')),
    ).toBeNull();
    expect(
      checkExitWithdrawal(withRequests(noticed()), withdraw(decision('2026-12-01'), '2026-12-30T12:00:00Z')),
    ).toBeNull();
  });

  it('R-C10, D6: a withdrawal decided by KS is refused with WRONG_DECISION_ORGAN', () => {
    expect(
      checkExitWithdrawal(withRequests(noticed()), withdraw(decision('2025-06-01', 'KS'), '2025-06-02T09:00:00Z')),
    ).toMatchObject({
      code: 'WRONG_DECISION_ORGAN',
      ruleId: 'R-C10',
      details: { requiredOrgan: 'KF', organ: 'KS' },
    });
  });

  it.each([
    ['on the exit date', '2026-12-31T08:00:00Z', '2026-12-31'],
    ['on the exit date in Stockholm (23:30Z the day before)', '2026-12-30T23:30:00Z', '2026-12-31'],
    ['after the exit date', '2027-01-05T08:00:00Z', '2027-01-05'],
  ])('R-C10, D6: a withdrawal notice %s is refused with WITHDRAWAL_TOO_LATE', (_label, at, noticeOn) => {
    expect(checkExitWithdrawal(withRequests(noticed()), withdraw(decision('2026-12-01'), at))).toMatchObject({
      code: 'WITHDRAWAL_TOO_LATE',
      ruleId: 'R-C10',
      details: { noticeOn, exitEffectiveOn: '2026-12-31' },
    });
  });

  it('R-C10, D6: the last Stockholm minute before the exit date still counts (2026-12-30T22:59:59Z)', () => {
    expect(
      checkExitWithdrawal(withRequests(noticed()), withdraw(decision('2026-12-01'), '2026-12-30T22:59:59Z')),
    ).toBeNull();
  });

  it('R-C10, D6: after the exit took effect only a notice that reached the chair before the exit date counts', () => {
    const c = ctx({ periods: [period({ exitRequests: [noticed()], exitedAfter: '2026-12-31' })] });
    expect(checkExitWithdrawal(c, withdraw(decision('2026-06-01'), '2026-06-02T09:00:00Z'))).toBeNull();
    expect(checkExitWithdrawal(c, withdraw(decision('2026-12-30'), '2027-01-02T09:00:00+01:00'))).toMatchObject({
      code: 'WITHDRAWAL_TOO_LATE',
      ruleId: 'R-C10',
    });
  });

  it('R-C10, R-C11: with no standing request (none, withdrawn, voided, or its period annulled) it is WITHDRAWAL_TOO_LATE', () => {
    const w = withdraw(decision('2025-06-01'), '2025-06-02T09:00:00Z');
    expect(checkExitWithdrawal(ctx({ periods: [period()] }), w)).toMatchObject({
      code: 'WITHDRAWAL_TOO_LATE',
      ruleId: 'R-C10',
    });
    expect(checkExitWithdrawal(withRequests(request({ withdrawnOn: '2025-05-01' })), w)).toMatchObject({
      code: 'WITHDRAWAL_TOO_LATE',
    });
    expect(checkExitWithdrawal(withRequests(request({ voidedOn: '2025-05-01' })), w)).toMatchObject({
      code: 'WITHDRAWAL_TOO_LATE',
    });
    const annulledReEntry = ctx({
      periods: [
        period({ exitRequests: [noticed()], exitedAfter: '2026-12-31' }),
        period({
          enteredOn: '2027-03-15',
          memberFrom: '2027-03-15',
          exitRequests: [request({ decision: decision('2028-03-01') })],
          voidedOn: '2028-09-01',
        }),
      ],
    });
    expect(
      checkExitWithdrawal(annulledReEntry, withdraw(decision('2028-10-01'), '2028-10-02T09:00:00Z')),
    ).toMatchObject({
      code: 'WITHDRAWAL_TOO_LATE',
      ruleId: 'R-C10',
    });
  });

  it('R-C10: a withdrawal decision older than the exit decision is refused with WITHDRAWAL_BEFORE_REQUEST', () => {
    expect(
      checkExitWithdrawal(withRequests(noticed()), withdraw(decision('2025-02-01'), '2025-06-02T09:00:00Z')),
    ).toMatchObject({
      code: 'WITHDRAWAL_BEFORE_REQUEST',
      ruleId: 'R-C10',
    });
  });
});

// ------------------------------------------------------------------------------------------------ exit took effect

describe('checkExitTookEffect (R-C7)', () => {
  it('R-C7: recorded on the day after the 31 December (or later) it passes', () => {
    expect(checkExitTookEffect(withRequests(noticed()), { type: 'EXIT_TOOK_EFFECT', on: '2027-01-01' })).toBeNull();
    expect(checkExitTookEffect(withRequests(noticed()), { type: 'EXIT_TOOK_EFFECT', on: '2027-01-04' })).toBeNull();
  });

  it.each(['2026-12-31', '2026-06-01'])(
    'R-C7: recorded on %s (not after the exit date) it is EXIT_NOT_YET_EFFECTIVE',
    (on) => {
      const r = checkExitTookEffect(withRequests(noticed()), { type: 'EXIT_TOOK_EFFECT', on });
      expect(r).toMatchObject({ code: 'EXIT_NOT_YET_EFFECTIVE', ruleId: 'R-C7' });
      expect(r!.message).toContain('2026-12-31');
    },
  );

  it('R-C7: without a noticed, standing request it is EXIT_NOT_YET_EFFECTIVE', () => {
    const on = { type: 'EXIT_TOOK_EFFECT', on: '2027-01-01' } as const;
    expect(checkExitTookEffect(ctx({ periods: [period()] }), on)).toMatchObject({ code: 'EXIT_NOT_YET_EFFECTIVE' });
    expect(checkExitTookEffect(withRequests(request()), on)).toMatchObject({ code: 'EXIT_NOT_YET_EFFECTIVE' });
    expect(checkExitTookEffect(withRequests(noticed({ withdrawnOn: '2026-05-01' })), on)).toMatchObject({
      code: 'EXIT_NOT_YET_EFFECTIVE',
    });
    expect(checkExitTookEffect(withRequests(noticed({ voidedOn: '2026-05-01' })), on)).toMatchObject({
      code: 'EXIT_NOT_YET_EFFECTIVE',
    });
  });
});

// ------------------------------------------------------------------------------------------------ annulment

describe('annulmentTarget and checkAnnulment (R-C11, D10)', () => {
  const annul = (decisionId: string): Ev<'DECISION_ANNULLED'> => ({
    type: 'DECISION_ANNULLED',
    decisionId,
    annulledOn: '2026-02-01',
    cause: 'Förvaltningsrätten upphäver beslutet',
  });

  it('R-C11: names the pending entry decision, the entry decision, the exit decision or the withdrawal decision', () => {
    expect(
      annulmentTarget(ctx({ pendingEntry: { decision: decision('2023-11-20', 'KF', 'kf-entry') } }), 'kf-entry'),
    ).toBe('pendingEntry');
    expect(annulmentTarget(ctx({ periods: [period()] }), 'kf-entry')).toBe('entry');
    expect(annulmentTarget(withRequests(noticed()), 'kf-exit')).toBe('exit');
    expect(annulmentTarget(withRequests(noticed()), 'kf-entry')).toBe('entry');
    const withdrawn = noticed({
      withdrawnOn: '2025-06-02',
      withdrawal: { decision: decision('2025-06-01', 'KF', 'kf-withdraw'), noticeArrivedAt: '2025-06-02T09:00:00Z' },
    });
    expect(annulmentTarget(withRequests(withdrawn), 'kf-withdraw')).toBe('withdrawal');
    // The exit decision of a withdrawn request no longer drives anything.
    expect(annulmentTarget(withRequests(withdrawn), 'kf-exit')).toBeNull();
  });

  it('R-C11: a decision that did not drive this membership is refused with DECISION_NOT_IN_WORKFLOW', () => {
    expect(checkAnnulment(ctx({ periods: [period()] }), annul('kf-other'))).toMatchObject({
      code: 'DECISION_NOT_IN_WORKFLOW',
      ruleId: 'R-C11',
      details: { decisionId: 'kf-other' },
    });
    expect(checkAnnulment(ctx(), annul('kf-entry'))).toMatchObject({ code: 'DECISION_NOT_IN_WORKFLOW' });
    expect(checkAnnulment(ctx({ periods: [period()] }), annul('kf-entry'))).toBeNull();
  });

  it('R-C11: a voided request and a voided period are no longer targets; an exit that took effect is (effectedExit), its entry is not', () => {
    expect(annulmentTarget(withRequests(noticed({ voidedOn: '2025-09-01' })), 'kf-exit')).toBeNull();
    expect(annulmentTarget(ctx({ periods: [period({ voidedOn: '2025-01-01' })] }), 'kf-entry')).toBeNull();
    const exited = ctx({ periods: [period({ exitRequests: [noticed()], exitedAfter: '2026-12-31' })] });
    expect(annulmentTarget(exited, 'kf-entry')).toBeNull();
    expect(annulmentTarget(exited, 'kf-exit')).toBe('effectedExit');
  });

  it('R-C11, D5: during a re-entry only the pending decision is a target, not the previous exit decision', () => {
    const c = ctx({
      periods: [period({ exitRequests: [noticed()], exitedAfter: '2026-12-31' })],
      pendingEntry: { decision: decision('2027-02-01', 'KF', 'kf-reentry') },
    });
    expect(annulmentTarget(c, 'kf-reentry')).toBe('pendingEntry');
    expect(annulmentTarget(c, 'kf-exit')).toBeNull();
    expect(checkAnnulment(c, annul('kf-exit'))).toMatchObject({ code: 'DECISION_NOT_IN_WORKFLOW' });
  });
});

// ------------------------------------------------------------------------------------------------ status on a date

describe('statusOn (R-A2, R-B4, R-C7, D5, D6)', () => {
  const leaving = ctx({ periods: [period({ exitRequests: [noticed()] })] });

  it.each([
    ['2023-12-07', 'NOT_MEMBER'],
    ['2023-12-08', 'SIGNED_NOT_IN_FORCE'],
    ['2023-12-31', 'SIGNED_NOT_IN_FORCE'],
    ['2024-01-01', 'ACTIVE'],
    ['2025-03-09', 'ACTIVE'],
    ['2025-03-10', 'LEAVING'],
    ['2026-12-31', 'LEAVING'],
    ['2027-01-01', 'EXITED'],
    ['2030-06-01', 'EXITED'],
  ])('R-A2, R-C7: on %s the status is %s (entry 2023-12-08, request 2025-03-10, exit 2026-12-31)', (d, status) => {
    expect(statusOn(leaving, d).status).toBe(status);
  });

  it('R-C7: the LEAVING and EXITED answers carry the request and exit dates', () => {
    expect(statusOn(leaving, '2026-12-31')).toEqual({
      status: 'LEAVING',
      memberFrom: '2024-01-01',
      exitRequestedOn: '2025-03-10',
      exitEffectiveOn: '2026-12-31',
    });
    expect(statusOn(leaving, '2027-01-01')).toEqual({
      status: 'EXITED',
      memberFrom: '2024-01-01',
      exitRequestedOn: '2025-03-10',
      exitEffectiveOn: '2026-12-31',
    });
    expect(statusOn(leaving, '2023-12-20')).toEqual({ status: 'SIGNED_NOT_IN_FORCE', memberFrom: '2024-01-01' });
  });

  it('R-B1: NOT_MEMBER while the entry is incomplete (only a decision, or only a signature)', () => {
    expect(statusOn(ctx({ pendingEntry: { decision: decision('2023-11-20') } }), '2024-06-01')).toEqual({
      status: 'NOT_MEMBER',
    });
    expect(statusOn(ctx({ pendingEntry: { signature: signature('2023-12-08') } }), '2024-06-01')).toEqual({
      status: 'NOT_MEMBER',
    });
  });

  it('R-B4: an entry completed after 2024-01-01 is ACTIVE from its memberFrom, NOT_MEMBER the day before', () => {
    const c = ctx({ periods: [period({ enteredOn: '2024-03-05', memberFrom: '2024-03-05' })] });
    expect(statusOn(c, '2024-03-04').status).toBe('NOT_MEMBER');
    expect(statusOn(c, '2024-03-05')).toEqual({ status: 'ACTIVE', memberFrom: '2024-03-05' });
  });

  it('R-C7: an exit request without its notice does not make the municipality LEAVING', () => {
    expect(statusOn(withRequests(request()), '2025-06-01').status).toBe('ACTIVE');
  });

  it('D6: a withdrawn request counts only before its withdrawal date', () => {
    const c = withRequests(noticed({ withdrawnOn: '2025-06-02' }));
    expect(statusOn(c, '2025-06-01').status).toBe('LEAVING');
    expect(statusOn(c, '2025-06-02').status).toBe('ACTIVE');
    expect(statusOn(c, '2027-01-01').status).toBe('ACTIVE');
  });

  it('R-C11: an annulled (voided) request counts only before the annulment; an annulled entry likewise', () => {
    const voidedRequest = withRequests(noticed({ voidedOn: '2025-09-01' }));
    expect(statusOn(voidedRequest, '2025-08-31').status).toBe('LEAVING');
    expect(statusOn(voidedRequest, '2025-09-01').status).toBe('ACTIVE');
    const voidedEntry = ctx({ periods: [period({ voidedOn: '2024-06-01' })] });
    expect(statusOn(voidedEntry, '2024-05-31').status).toBe('ACTIVE');
    expect(statusOn(voidedEntry, '2024-06-01').status).toBe('NOT_MEMBER');
  });

  it('D6: after a withdrawal a new request makes it LEAVING again from its own request date', () => {
    const c = withRequests(
      noticed({ withdrawnOn: '2025-06-02' }),
      noticed({ noticeOn: '2025-10-01', requestedOn: '2025-10-01', effectiveOn: '2026-12-31' }),
    );
    expect(statusOn(c, '2025-07-01').status).toBe('ACTIVE');
    expect(statusOn(c, '2025-10-01')).toMatchObject({ status: 'LEAVING', exitRequestedOn: '2025-10-01' });
  });

  describe('D5: re-entry periods', () => {
    const first = period({ exitRequests: [noticed()], exitedAfter: '2026-12-31' });
    const second = period({
      decision: decision('2027-03-01', 'KF', 'kf-reentry'),
      signature: signature('2027-03-15'),
      enteredOn: '2027-03-15',
      memberFrom: '2027-03-15',
    });

    it.each([
      ['2026-12-31', 'LEAVING'],
      ['2027-01-01', 'EXITED'],
      ['2027-03-14', 'EXITED'],
      ['2027-03-15', 'ACTIVE'],
    ])('D5: on %s the status is %s (exit 2026-12-31, re-entry 2027-03-15)', (d, status) => {
      expect(statusOn(ctx({ periods: [first, second] }), d).status).toBe(status);
    });

    it('D5: the re-entry answer carries its own memberFrom', () => {
      expect(statusOn(ctx({ periods: [first, second] }), '2027-06-01')).toEqual({
        status: 'ACTIVE',
        memberFrom: '2027-03-15',
      });
    });

    it('D5, R-C7: a re-entry completed before the previous exit date leaves the municipality LEAVING through 31 December', () => {
      const early = period({
        decision: decision('2026-11-20', 'KF', 'kf-reentry'),
        signature: signature('2026-12-10'),
        enteredOn: '2026-12-10',
        memberFrom: '2027-01-01',
      });
      const c = ctx({ periods: [first, early] });
      expect(statusOn(c, '2026-12-09').status).toBe('LEAVING');
      expect(statusOn(c, '2026-12-31')).toMatchObject({ status: 'LEAVING', exitEffectiveOn: '2026-12-31' });
      expect(statusOn(c, '2027-01-01')).toEqual({ status: 'ACTIVE', memberFrom: '2027-01-01' });
    });

    it('D5, R-C11: when the re-entry is annulled the earlier exit answers again', () => {
      const c = ctx({ periods: [first, { ...second, voidedOn: '2027-09-01' }] });
      expect(statusOn(c, '2027-08-31').status).toBe('ACTIVE');
      expect(statusOn(c, '2027-09-01')).toMatchObject({ status: 'EXITED', exitEffectiveOn: '2026-12-31' });
    });
  });
});

describe('currentWarnings and membershipLegalDate (D1, D13)', () => {
  it('D1: currentWarnings are the open request’s warnings', () => {
    const w: RuleWarning = { code: 'REQUEST_YEAR_AMBIGUOUS', ruleId: 'R-C5', message: 'm', messageSv: 's' };
    expect(currentWarnings(withRequests(noticed({ warnings: [w] })))).toEqual([w]);
    expect(currentWarnings(withRequests(noticed({ warnings: [w], withdrawnOn: '2025-06-01' })))).toEqual([]);
    expect(currentWarnings(ctx())).toEqual([]);
  });

  it('D13, R-L2: the legal date of each event comes from its own data, instants in Stockholm', () => {
    expect(membershipLegalDate(adopt(decision('2023-11-20')))).toBe('2023-11-20');
    expect(membershipLegalDate(sign('KSO'))).toBe('2023-12-08');
    expect(membershipLegalDate(requestExit(decision('2025-03-01')))).toBe('2025-03-01');
    expect(membershipLegalDate(notice('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    expect(membershipLegalDate({ type: 'COUNCIL_INFORMED', informedOn: '2025-04-01' })).toBe('2025-04-01');
    expect(membershipLegalDate(withdraw(decision('2025-06-01'), '2025-06-01T22:30:00Z'))).toBe('2025-06-02');
    expect(membershipLegalDate({ type: 'COUNCIL_APPROVED_EXIT', decidedOn: '2025-05-05' })).toBe('2025-05-05');
    expect(membershipLegalDate({ type: 'EXIT_TOOK_EFFECT', on: '2027-01-01' })).toBe('2027-01-01');
    expect(
      membershipLegalDate({ type: 'DECISION_ANNULLED', decisionId: 'x', annulledOn: '2026-02-01', cause: 'c' }),
    ).toBe('2026-02-01');
    expect(membershipLegalDate({ type: 'UNKNOWN' } as unknown as MembershipEvent)).toBeNull();
  });
});
