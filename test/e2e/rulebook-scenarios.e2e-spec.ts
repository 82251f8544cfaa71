import {
  accepted,
  apiClient,
  createCollaboration,
  DALSLAND_PARTIES,
  enter,
  ev,
  expectRefused,
  getHistory,
  membershipOf,
  membershipWorkflowId,
  sql,
  setToday,
  useTestApp,
} from './kit';

// Acceptance scenarios drawn from RULEBOOK §3 B (entry), C (exit), L (calendar and time) and DECISIONS D1, D5, D6,
// D13, where a date decides the outcome. Every expected value was computed by hand from the rule text (Stockholm
// local dates: CET = UTC+1, CEST = UTC+2 from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday
// of October, R-L1; earliest exit = 31 December of the year after the request, R-C2; appeal last day = anslag + 21
// days moved to the next vardag, R-I6/R-L4; holidays per R-L5, R-L6 and §5). Only the HTTP API is used, on a fresh
// database. Each describe block has its own collaboration, so the blocks do not share state.
describe('rulebook scenarios: dates that decide outcomes', () => {
  const ctx = useTestApp();
  const api = apiClient(ctx);
  const statusOn = async (slug: string, code: string, asOf: string) =>
    (await membershipOf(ctx, slug, code, asOf)).status;
  const collaborationOn = async (slug: string, asOf: string) => {
    const res = await api.get(`/collaborations/${slug}?asOf=${asOf}`);
    expect(res.status).toBe(200);
    return Object.fromEntries(res.body.members.map((m: any) => [m.municipality.code, m.status]));
  };
  const dueOn = async (slug: string, code: string) =>
    (
      await sql(ctx, 'SELECT due_on FROM workflow_due_event WHERE instance_id = ?', [
        await membershipWorkflowId(ctx, code, slug),
      ])
    ).map((r: any) => r.due_on);
  const setUp = async (
    slug: string,
    options: { settings?: Record<string, string>; declarationEffectiveDate?: string } = {},
    codes = DALSLAND_PARTIES,
  ) => {
    await createCollaboration(ctx, slug, options);
    for (const code of codes) await enter(ctx, code, '2023-11-29', '2023-12-08', slug);
  };

  // ------------------------------------------------------------------------------------- New Year in Stockholm time

  describe('the request date is the Stockholm date of the notice, whatever offset the instant is written with (R-L1, R-L2, R-L9, R-C2, D13)', () => {
    const slug = 'sc-newyear';
    beforeAll(async () => {
      await setUp(slug);
      for (const code of DALSLAND_PARTIES) await accepted(ctx, code, ev.requestExit('2025-12-15'), { slug });
    });

    it('R-L2, R-C2: 2025-12-31T20:00:00-05:00 (New York evening of nyårsafton) is 02:00 on 2026-01-01 in Stockholm → request 2026-01-01, exit 2027-12-31', async () => {
      const body = await accepted(ctx, '1460', ev.notice('2025-12-31T20:00:00-05:00'), { slug });
      expect(body).toMatchObject({
        state: 'member.leaving',
        exitRequestedOn: '2026-01-01',
        exitEffectiveOn: '2027-12-31',
      });
      expect(body.transition.legalDate).toBe('2026-01-01');
      // D1: decision 2025, notice 2026 → the warning.
      expect(body.warnings).toEqual([expect.objectContaining({ code: 'REQUEST_YEAR_AMBIGUOUS', ruleId: 'R-C5' })]);
    });

    it('R-L2, R-L9: 2026-01-01T06:30:00+09:00 (already nyårsdagen in Tokyo) is 22:30 on nyårsafton in Stockholm → request 2025-12-31, exit 2026-12-31', async () => {
      const body = await accepted(ctx, '1438', ev.notice('2026-01-01T06:30:00+09:00'), { slug });
      expect(body).toMatchObject({ exitRequestedOn: '2025-12-31', exitEffectiveOn: '2026-12-31', warnings: [] });
      expect(body.transition.legalDate).toBe('2025-12-31');
    });

    it('R-L1: a summer-time offset written in winter, 2026-01-01T00:30:00+02:00, is 23:30 CET on nyårsafton → request 2025-12-31, exit 2026-12-31', async () => {
      const body = await accepted(ctx, '1439', ev.notice('2026-01-01T00:30:00+02:00'), { slug });
      expect(body).toMatchObject({ exitRequestedOn: '2025-12-31', exitEffectiveOn: '2026-12-31', warnings: [] });
    });

    it('R-L1, R-C2: exactly midnight, 2025-12-31T23:00:00Z = 2026-01-01 00:00:00 CET, is already the new year → exit 2027-12-31', async () => {
      const body = await accepted(ctx, '1461', ev.notice('2025-12-31T23:00:00Z'), { slug });
      expect(body).toMatchObject({ exitRequestedOn: '2026-01-01', exitEffectiveOn: '2027-12-31' });
      expect(body.transition.legalDate).toBe('2026-01-01');
    });

    it('R-L9: a notice on the next vardag after nyårsafton (2 January 2026) counts for 2026 → exit 2027-12-31 (söndagsregeln does not pull it back)', async () => {
      const body = await accepted(ctx, '1492', ev.notice('2026-01-02T08:15:00+01:00'), { slug });
      expect(body).toMatchObject({ exitRequestedOn: '2026-01-02', exitEffectiveOn: '2027-12-31' });
    });

    it('R-C7: the collaboration view on the two exit dates: 1438/1439 leave after 2026-12-31, the others after 2027-12-31', async () => {
      expect(await collaborationOn(slug, '2026-12-31')).toEqual({
        '1460': 'LEAVING',
        '1438': 'LEAVING',
        '1439': 'LEAVING',
        '1461': 'LEAVING',
        '1492': 'LEAVING',
      });
      expect(await collaborationOn(slug, '2027-01-01')).toEqual({
        '1460': 'LEAVING',
        '1438': 'EXITED',
        '1439': 'EXITED',
        '1461': 'LEAVING',
        '1492': 'LEAVING',
      });
      expect(await collaborationOn(slug, '2027-12-31')).toEqual({
        '1460': 'LEAVING',
        '1438': 'EXITED',
        '1439': 'EXITED',
        '1461': 'LEAVING',
        '1492': 'LEAVING',
      });
      expect(await collaborationOn(slug, '2028-01-01')).toEqual({
        '1460': 'EXITED',
        '1438': 'EXITED',
        '1439': 'EXITED',
        '1461': 'EXITED',
        '1492': 'EXITED',
      });
    });
  });

  // ------------------------------------------------------------------------------ summer time and the DST switch days

  describe('the fullmäktige decision must be dated on or before the Stockholm date of the notice, in summer time and on switch days (R-C5, R-L1, D1)', () => {
    const slug = 'sc-dst';
    beforeAll(() => setUp(slug));

    it('R-C5, R-L1: in summer (CEST) 2025-06-30T21:59:59Z is still 30 June → refused against a decision of 1 July; 22:00:00Z is 1 July → accepted', async () => {
      await accepted(ctx, '1460', ev.requestExit('2025-07-01'), { slug });
      const res = await expectRefused(
        ctx,
        '1460',
        ev.notice('2025-06-30T21:59:59Z'),
        { status: 422, code: 'NO_FULLMAKTIGE_DECISION', ruleId: 'R-C5' },
        { slug },
      );
      expect(res.body.details).toMatchObject({ noticeOn: '2025-06-30', decisionOn: '2025-07-01' });
      const body = await accepted(ctx, '1460', ev.notice('2025-06-30T22:00:00Z'), { slug });
      expect(body).toMatchObject({ exitRequestedOn: '2025-07-01', exitEffectiveOn: '2026-12-31' });
      expect(body.transition.legalDate).toBe('2025-07-01');
    });

    it('R-C5, R-L1: on the autumn switch day (Sunday 2026-10-25) 2026-10-24T22:00:00Z is 00:00 CEST on the 25th → accepted; 21:59:59Z the day before is refused', async () => {
      await accepted(ctx, '1438', ev.requestExit('2026-10-25'), { slug });
      await expectRefused(
        ctx,
        '1438',
        ev.notice('2026-10-24T21:59:59Z'),
        { status: 422, code: 'NO_FULLMAKTIGE_DECISION', ruleId: 'R-C5' },
        { slug },
      );
      const body = await accepted(ctx, '1438', ev.notice('2026-10-24T22:00:00Z'), { slug });
      expect(body).toMatchObject({ exitRequestedOn: '2026-10-25', exitEffectiveOn: '2027-12-31' });
    });

    it('R-L1, R-C6: after the autumn switch 2026-10-25T22:30:00Z is 23:30 CET, still the 25th: the council may be informed on 2026-10-25', async () => {
      await accepted(ctx, '1439', ev.requestExit('2026-10-20'), { slug });
      const body = await accepted(ctx, '1439', ev.notice('2026-10-25T22:30:00Z'), { slug });
      expect(body).toMatchObject({ exitRequestedOn: '2026-10-25', exitEffectiveOn: '2027-12-31' });
      expect(body.transition.legalDate).toBe('2026-10-25');
      await expectRefused(
        ctx,
        '1439',
        ev.informed('2026-10-24'),
        { status: 422, code: 'COUNCIL_INFORMED_BEFORE_NOTICE', ruleId: 'R-C6' },
        { slug, token: ctx.tokens.coordinator },
      );
      expect(
        (await accepted(ctx, '1439', ev.informed('2026-10-25'), { slug, token: ctx.tokens.coordinator }))
          .councilInformedOn,
      ).toBe('2026-10-25');
    });

    it('R-L1: the repeated hour of the autumn switch: 02:30+02:00 and 02:30+01:00 on 2026-10-25 are both 25 October', async () => {
      await accepted(ctx, '1461', ev.requestExit('2026-10-25'), { slug });
      const body = await accepted(ctx, '1461', ev.notice('2026-10-25T02:30:00+02:00'), { slug });
      expect(body).toMatchObject({ exitRequestedOn: '2026-10-25', exitEffectiveOn: '2027-12-31' });
      expect(body.transition.legalDate).toBe('2026-10-25');
      // The second 02:30 (CET) is an hour later, same date: the council may be informed that day.
      expect(
        (await accepted(ctx, '1461', ev.informed('2026-10-25'), { slug, token: ctx.tokens.coordinator }))
          .councilInformedOn,
      ).toBe('2026-10-25');
    });

    it('R-C5, R-L1: on the spring switch day (Sunday 2026-03-29) summer time has begun: 2026-03-29T22:00:00Z is 00:00 CEST on 30 March, on the day of a decision of 2026-03-30', async () => {
      await accepted(ctx, '1492', ev.requestExit('2026-03-30'), { slug });
      await expectRefused(
        ctx,
        '1492',
        ev.notice('2026-03-29T21:59:59Z'),
        { status: 422, code: 'NO_FULLMAKTIGE_DECISION', ruleId: 'R-C5' },
        { slug },
      );
      const body = await accepted(ctx, '1492', ev.notice('2026-03-29T22:00:00Z'), { slug });
      expect(body).toMatchObject({ exitRequestedOn: '2026-03-30', exitEffectiveOn: '2027-12-31' });
    });
  });

  // -------------------------------------------------------------------------- the desired exit date against the notice

  describe('a desired exit date checked at the decision and again at the notice (R-C2, R-C4, R-L9)', () => {
    const slug = 'sc-desired';
    beforeAll(() => setUp(slug));

    it('R-C4, R-L9: desired 2026-12-31 with the notice at 23:59:59 on nyårsafton 2025 (22:59:59Z) is accepted: the earliest exit exactly', async () => {
      await accepted(ctx, '1460', ev.requestExit('2025-12-15', '2026-12-31'), { slug });
      const body = await accepted(ctx, '1460', ev.notice('2025-12-31T22:59:59Z'), { slug });
      expect(body).toMatchObject({ exitRequestedOn: '2025-12-31', exitEffectiveOn: '2026-12-31' });
    });

    it('R-C4, R-C2: the same desired date with the notice one second later (23:00:00Z = nyårsdagen) is EXIT_NOTICE_TOO_SHORT, earliest 2027-12-31', async () => {
      await accepted(ctx, '1438', ev.requestExit('2025-12-15', '2026-12-31'), { slug });
      const res = await expectRefused(
        ctx,
        '1438',
        ev.notice('2025-12-31T23:00:00Z'),
        { status: 422, code: 'EXIT_NOTICE_TOO_SHORT', ruleId: 'R-C2' },
        { slug },
      );
      expect(res.body.details).toMatchObject({
        requestedOn: '2026-01-01',
        desiredExitDate: '2026-12-31',
        earliestExitDate: '2027-12-31',
      });
      expect((await membershipOf(ctx, slug, '1438')).state).toBe('member.exitDecided');
    });

    it.each([
      ['2025-03-10', '2024-12-31', '2026-12-31'],
      ['2025-12-31', '2025-12-31', '2026-12-31'],
      ['2024-02-29', '2024-12-31', '2025-12-31'],
    ])(
      'R-C4, R-C2: a decision of %s with desired exit %s is EXIT_NOTICE_TOO_SHORT (earliest %s)',
      async (decision, desired, earliest) => {
        const res = await expectRefused(
          ctx,
          '1439',
          ev.requestExit(decision, desired),
          { status: 422, code: 'EXIT_NOTICE_TOO_SHORT', ruleId: 'R-C2' },
          { slug },
        );
        expect(res.body.details).toMatchObject({ desiredExitDate: desired, earliestExitDate: earliest });
      },
    );

    it('R-C4: a leap day 2028-02-29 is not a 31 December → EXIT_NOT_ON_31_DEC', async () => {
      await expectRefused(
        ctx,
        '1439',
        ev.requestExit('2025-03-10', '2028-02-29'),
        { status: 422, code: 'EXIT_NOT_ON_31_DEC', ruleId: 'R-C4' },
        { slug },
      );
    });

    it('R-C4: a decision on nyårsafton 2025 with desired 2026-12-31 passes the decision check (earliest from the decision), and the notice the same evening keeps it', async () => {
      const d = await accepted(ctx, '1461', ev.requestExit('2025-12-31', '2026-12-31'), { slug });
      expect(d.state).toBe('member.exitDecided');
      expect(d.exitEffectiveOn).toBeUndefined();
      const body = await accepted(ctx, '1461', ev.notice('2025-12-31T16:45:00+01:00'), { slug });
      expect(body).toMatchObject({ exitRequestedOn: '2025-12-31', exitEffectiveOn: '2026-12-31', warnings: [] });
    });
  });

  // ------------------------------------------------------------------------ exit dates that fall on a weekend (R-L8)

  describe('exit dates are never moved, even on a weekend or nyårsafton (R-L8, R-C7, R-L9)', () => {
    const slug = 'sc-weekend';
    beforeAll(() => setUp(slug));

    it('R-L8, R-L9: a notice on nyårsafton 2027 (a Friday) counts for 2027: exit 2028-12-31, a Sunday, not moved; EXIT_TOOK_EFFECT due 2029-01-01', async () => {
      setToday(ctx, '2027-12-31'); // the clerk records the decision and the notice on the day the notice arrives
      await accepted(ctx, '1460', ev.requestExit('2027-12-20'), { slug });
      const body = await accepted(ctx, '1460', ev.notice('2027-12-31T10:00:00+01:00'), { slug });
      expect(body.transition.legalDate).toBe('2027-12-31');
      // The POST answer is the status as of today; read the membership on the request date to see its dates.
      expect(await membershipOf(ctx, slug, '1460', '2027-12-31')).toMatchObject({
        status: 'LEAVING',
        exitRequestedOn: '2027-12-31',
        exitEffectiveOn: '2028-12-31',
      });
      expect(await dueOn(slug, '1460')).toEqual(['2029-01-01']);
      expect(await statusOn(slug, '1460', '2028-12-31')).toBe('LEAVING');
      expect(await statusOn(slug, '1460', '2029-01-01')).toBe('EXITED');
    });

    it('R-L8, R-C4: a desired exit on Saturday 2033-12-31 is accepted as is; LEAVING through it, EXITED on 2034-01-01', async () => {
      await accepted(ctx, '1438', ev.requestExit('2026-03-09', '2033-12-31'), { slug });
      const body = await accepted(ctx, '1438', ev.notice('2026-03-12T09:00:00+01:00'), { slug });
      expect(body).toMatchObject({ exitRequestedOn: '2026-03-12', exitEffectiveOn: '2033-12-31' });
      expect(await dueOn(slug, '1438')).toEqual(['2034-01-01']);
      expect(await collaborationOn(slug, '2033-12-31')).toMatchObject({
        '1438': 'LEAVING',
        '1460': 'EXITED',
        '1439': 'ACTIVE',
      });
      expect(await collaborationOn(slug, '2034-01-01')).toMatchObject({ '1438': 'EXITED' });
    });

    it('R-C7, R-L8: the exit date is nyårsafton (a Thursday in 2026); still a party all of that day, not a party on nyårsdagen', async () => {
      await accepted(ctx, '1439', ev.requestExit('2025-05-12'), { slug });
      const body = await accepted(ctx, '1439', ev.notice('2025-05-13T23:59:00+02:00'), { slug });
      expect(body).toMatchObject({ exitRequestedOn: '2025-05-13', exitEffectiveOn: '2026-12-31' });
      expect(await dueOn(slug, '1439')).toEqual(['2027-01-01']);
      expect(await statusOn(slug, '1439', '2025-05-12')).toBe('ACTIVE');
      expect(await statusOn(slug, '1439', '2025-05-13')).toBe('LEAVING');
      expect(await statusOn(slug, '1439', '2026-12-31')).toBe('LEAVING');
      expect(await statusOn(slug, '1439', '2027-01-01')).toBe('EXITED');
    });
  });

  // --------------------------------------------------------------------- D1: 'fullmaktigeDecision' set at creation

  describe("D1 alternative 'fullmaktigeDecision' given when the collaboration is created (R-C5, R-C2)", () => {
    const slug = 'sc-d1-kf';
    beforeAll(() => setUp(slug, { settings: { exitRequestDate: 'fullmaktigeDecision' } }));

    // docs/api.md (POST /collaborations): "missing fields take the defaults `noticeArrival`, `KF`"; DECISIONS D1: each
    // default is a setting stored with the collaboration. The entry organ is enforced as KF (next test) but not shown.
    it('D1 (api.md settings defaults): created with only exitRequestDate, the collaboration shows both settings, entryDecisionOrgan defaulting to KF', async () => {
      const res = await api.get(`/collaborations/${slug}`);
      expect(res.status).toBe(200);
      expect(res.body.settings).toEqual({ exitRequestDate: 'fullmaktigeDecision', entryDecisionOrgan: 'KF' });
    });

    it('R-B2, D1: a collaboration created with only the exit setting still requires fullmäktige for entry (KS → WRONG_DECISION_ORGAN)', async () => {
      const s = 'sc-d1-kf-entry';
      await createCollaboration(ctx, s, { settings: { exitRequestDate: 'fullmaktigeDecision' } });
      await expectRefused(
        ctx,
        '1492',
        ev.adopt('2023-11-29', 'KS'),
        { status: 422, code: 'WRONG_DECISION_ORGAN', ruleId: 'R-B2' },
        { slug: s },
      );
    });

    it('D1, R-C2: a KF decision on nyårsafton 2025 and the notice on 2 January 2026 → request 2025-12-31, exit 2026-12-31, REQUEST_YEAR_AMBIGUOUS', async () => {
      const decided = await accepted(ctx, '1460', ev.requestExit('2025-12-31'), { slug });
      expect(decided.state).toBe('member.exitDecided');
      expect(decided.exitEffectiveOn).toBeUndefined();
      // Until the notice arrives there is no exit date: still ACTIVE (the notice is required under either setting).
      expect(await statusOn(slug, '1460', '2026-01-01')).toBe('ACTIVE');
      const body = await accepted(ctx, '1460', ev.notice('2026-01-02T09:00:00+01:00'), { slug });
      expect(body).toMatchObject({ exitRequestedOn: '2025-12-31', exitEffectiveOn: '2026-12-31' });
      expect(body.warnings).toEqual([
        expect.objectContaining({
          code: 'REQUEST_YEAR_AMBIGUOUS',
          ruleId: 'R-C5',
          details: { decisionOn: '2025-12-31', noticeOn: '2026-01-02', requestedOn: '2025-12-31' },
        }),
      ]);
      expect(body.transition.payload.settings).toMatchObject({ exitRequestDate: 'fullmaktigeDecision' });
    });

    it('D1, R-C4, R-L2: desired 2026-12-31 with a decision of 2025-12-31 and a notice at 23:30Z (00:30 on nyårsdagen) is accepted under this setting', async () => {
      await accepted(ctx, '1438', ev.requestExit('2025-12-31', '2026-12-31'), { slug });
      const body = await accepted(ctx, '1438', ev.notice('2025-12-31T23:30:00Z'), { slug });
      expect(body).toMatchObject({ exitRequestedOn: '2025-12-31', exitEffectiveOn: '2026-12-31' });
      expect(body.warnings).toEqual([
        expect.objectContaining({
          code: 'REQUEST_YEAR_AMBIGUOUS',
          details: expect.objectContaining({ noticeOn: '2026-01-01' }),
        }),
      ]);
    });

    it('D1, R-L9: a KF decision on 2 January 2026 (the first vardag) counts for 2026 → exit 2027-12-31, no warning', async () => {
      await accepted(ctx, '1439', ev.requestExit('2026-01-02'), { slug });
      const body = await accepted(ctx, '1439', ev.notice('2026-01-02T10:00:00+01:00'), { slug });
      expect(body).toMatchObject({ exitRequestedOn: '2026-01-02', exitEffectiveOn: '2027-12-31', warnings: [] });
    });

    it('D1, R-C5: under this setting too, the request has no exit date until the notice: status ACTIVE while only decided', async () => {
      await accepted(ctx, '1461', ev.requestExit('2026-02-02'), { slug });
      const m = await membershipOf(ctx, slug, '1461', '2026-06-01');
      expect(m).toMatchObject({ state: 'member.exitDecided', status: 'ACTIVE' });
      expect(m.exitEffectiveOn).toBeUndefined();
    });
  });

  // ------------------------------------------------------------------------------------------ entry dates (R-B4)

  describe('entry in either order, in force from max(KF decision, KSO signature, declaration in force) (R-B1, R-B4, R-A2)', () => {
    const slug = 'sc-entry';
    beforeAll(() => createCollaboration(ctx, slug));

    it('R-B4: the signature recorded first but dated later (2024-05-20) than the KF decision (2024-03-11): member from 2024-05-20', async () => {
      expect((await accepted(ctx, '1460', ev.sign('2024-05-20'), { slug })).state).toBe('awaitingDecision');
      const body = await accepted(ctx, '1460', ev.adopt('2024-03-11'), { slug });
      expect(body).toMatchObject({ state: 'member.active', memberFrom: '2024-05-20' });
      expect(await statusOn(slug, '1460', '2024-03-11')).toBe('NOT_MEMBER'); // R-B1: only the decision on that day
      expect(await statusOn(slug, '1460', '2024-05-19')).toBe('NOT_MEMBER');
      expect(await statusOn(slug, '1460', '2024-05-20')).toBe('ACTIVE');
    });

    it('R-B4, R-A2: decision and signature both on nyårsafton 2023: SIGNED_NOT_IN_FORCE that day, ACTIVE on 2024-01-01', async () => {
      await accepted(ctx, '1438', ev.adopt('2023-12-31'), { slug });
      const body = await accepted(ctx, '1438', ev.sign('2023-12-31'), { slug });
      expect(body.memberFrom).toBe('2024-01-01');
      expect(await statusOn(slug, '1438', '2023-12-30')).toBe('NOT_MEMBER');
      expect(await statusOn(slug, '1438', '2023-12-31')).toBe('SIGNED_NOT_IN_FORCE');
      expect(await statusOn(slug, '1438', '2024-01-01')).toBe('ACTIVE');
    });

    it('R-B4, R-L9: entry completed on a holiday (nationaldagen 2024-06-06) is in force that day, not moved to a vardag', async () => {
      await accepted(ctx, '1439', ev.adopt('2024-06-06'), { slug });
      const body = await accepted(ctx, '1439', ev.sign('2024-06-06'), { slug });
      expect(body.memberFrom).toBe('2024-06-06');
      expect(await statusOn(slug, '1439', '2024-06-05')).toBe('NOT_MEMBER');
      expect(await statusOn(slug, '1439', '2024-06-06')).toBe('ACTIVE');
    });

    it('R-B4: a KF decision on the leap day 2024-02-29 and the signature on 2024-03-01 → member from 2024-03-01', async () => {
      await accepted(ctx, '1461', ev.adopt('2024-02-29'), { slug });
      expect((await accepted(ctx, '1461', ev.sign('2024-03-01'), { slug })).memberFrom).toBe('2024-03-01');
      expect(await statusOn(slug, '1461', '2024-02-29')).toBe('NOT_MEMBER');
      expect(await statusOn(slug, '1461', '2024-03-01')).toBe('ACTIVE');
    });

    it('R-B4, R-A2: a declaration in force on a leap day (2024-02-29): an entry completed earlier is SIGNED_NOT_IN_FORCE on 2024-02-28, ACTIVE on 2024-02-29', async () => {
      const s = 'sc-entry-leap';
      await createCollaboration(ctx, s, { declarationEffectiveDate: '2024-02-29' });
      await accepted(ctx, '1492', ev.adopt('2024-01-15'), { slug: s });
      expect((await accepted(ctx, '1492', ev.sign('2024-02-01'), { slug: s })).memberFrom).toBe('2024-02-29');
      expect(await statusOn(s, '1492', '2024-01-31')).toBe('NOT_MEMBER');
      expect(await statusOn(s, '1492', '2024-02-28')).toBe('SIGNED_NOT_IN_FORCE');
      expect(await statusOn(s, '1492', '2024-02-29')).toBe('ACTIVE');
    });

    it('R-B2 (contrast SEED-VM): with entryDecisionOrgan KS a kommunstyrelse decision enters; a nämnd decision is still WRONG_DECISION_ORGAN', async () => {
      const s = 'sc-entry-ks';
      await createCollaboration(ctx, s, {
        parties: ['1984', '1983', '1960'],
        declarationEffectiveDate: '2016-08-31',
        settings: { entryDecisionOrgan: 'KS' },
      });
      const res = await expectRefused(
        ctx,
        '1984',
        ev.adopt('2016-09-05', 'NAMND'),
        { status: 422, code: 'WRONG_DECISION_ORGAN', ruleId: 'R-B2' },
        { slug: s },
      );
      expect(res.body.details).toMatchObject({ requiredOrgan: 'KS', organ: 'NAMND' });
      await accepted(ctx, '1984', ev.sign('2016-08-31'), { slug: s });
      expect((await accepted(ctx, '1984', ev.adopt('2016-09-05', 'KS'), { slug: s })).memberFrom).toBe('2016-09-05');
    });
  });

  // ------------------------------------------------------------------------------------------------ withdrawal (D6)

  describe('withdrawal of an exit request (D6, R-C10)', () => {
    const slug = 'sc-withdraw';
    beforeAll(() => setUp(slug));

    it('R-C10: a withdrawal decided by a nämnd is WRONG_DECISION_ORGAN', async () => {
      await accepted(ctx, '1460', ev.requestExit('2025-03-10', '2030-12-31'), { slug });
      await accepted(ctx, '1460', ev.notice('2025-03-20T10:00:00+01:00'), { slug });
      setToday(ctx, '2030-12-02');
      await expectRefused(
        ctx,
        '1460',
        ev.withdraw('2030-12-01', '2030-12-02T10:00:00+01:00', 'NAMND'),
        { status: 422, code: 'WRONG_DECISION_ORGAN', ruleId: 'R-C10' },
        { slug },
      );
    });

    it('D6: a withdrawal notice at 23:59:59 on 30 December (22:59:59Z) is before the exit date 2030-12-31: accepted, the exit and its due event are gone', async () => {
      expect(await dueOn(slug, '1460')).toEqual(['2031-01-01']);
      setToday(ctx, '2030-12-30'); // recorded on the evening it arrived, the day before the exit date
      const body = await accepted(ctx, '1460', ev.withdraw('2030-12-01', '2030-12-30T22:59:59Z'), { slug });
      expect(body.state).toBe('member.active');
      expect(body.transition.legalDate).toBe('2030-12-30');
      expect(await dueOn(slug, '1460')).toEqual([]);
      expect(await statusOn(slug, '1460', '2030-12-29')).toBe('LEAVING');
      expect(await statusOn(slug, '1460', '2030-12-30')).toBe('ACTIVE');
      expect(await statusOn(slug, '1460', '2031-01-01')).toBe('ACTIVE');
    });

    it('D6, R-L1: a withdrawal notice at 2026-03-28T23:30:00Z is 00:30 CET on 29 March: LEAVING on the 28th, ACTIVE from the 29th', async () => {
      await accepted(ctx, '1438', ev.requestExit('2026-03-02'), { slug });
      expect((await accepted(ctx, '1438', ev.notice('2026-03-05T10:00:00+01:00'), { slug })).exitEffectiveOn).toBe(
        '2027-12-31',
      );
      const body = await accepted(ctx, '1438', ev.withdraw('2026-03-20', '2026-03-28T23:30:00Z'), { slug });
      expect(body.transition.legalDate).toBe('2026-03-29');
      expect(await statusOn(slug, '1438', '2026-03-05')).toBe('LEAVING');
      expect(await statusOn(slug, '1438', '2026-03-28')).toBe('LEAVING');
      expect(await statusOn(slug, '1438', '2026-03-29')).toBe('ACTIVE');
    });

    it('D6, R-C2: a new request after the withdrawal gets its exit date from its own notice (00:30 on nyårsdagen 2027 → exit 2028-12-31)', async () => {
      setToday(ctx, '2027-01-01'); // the notice arrived at 00:30 on nyårsdagen
      await accepted(ctx, '1438', ev.requestExit('2026-11-30'), { slug });
      const body = await accepted(ctx, '1438', ev.notice('2026-12-31T23:30:00Z'), { slug });
      expect(body.transition.legalDate).toBe('2027-01-01');
      expect(await membershipOf(ctx, slug, '1438', '2027-01-01')).toMatchObject({
        exitRequestedOn: '2027-01-01',
        exitEffectiveOn: '2028-12-31',
      });
      expect(body.warnings).toEqual([expect.objectContaining({ code: 'REQUEST_YEAR_AMBIGUOUS' })]);
      expect(await statusOn(slug, '1438', '2026-12-31')).toBe('ACTIVE'); // neither request stands on that day
      expect(await statusOn(slug, '1438', '2027-01-01')).toBe('LEAVING');
    });

    it('D6 (R-C10): a withdrawal notice exactly at midnight of the exit date (2030-12-30T23:00:00Z = 31 Dec 00:00 CET) is WITHDRAWAL_TOO_LATE', async () => {
      await accepted(ctx, '1439', ev.requestExit('2025-03-10', '2030-12-31'), { slug });
      await accepted(ctx, '1439', ev.notice('2025-03-20T10:00:00+01:00'), { slug });
      setToday(ctx, '2030-12-31');
      const res = await expectRefused(
        ctx,
        '1439',
        ev.withdraw('2030-12-01', '2030-12-30T23:00:00Z'),
        { status: 422, code: 'WITHDRAWAL_TOO_LATE', ruleId: 'R-C10' },
        { slug },
      );
      expect(res.body.details).toMatchObject({ noticeOn: '2030-12-31', exitEffectiveOn: '2030-12-31' });
    });
  });

  // -------------------------------------------------------------------------------------------------- re-entry (D5)

  describe('re-entry after an exit (D5, R-B7)', () => {
    const slug = 'sc-reentry';
    beforeAll(() => setUp(slug, {}, ['1460', '1438']));

    it('R-C2, R-L3: a notice on the leap day 2024-02-29 → exit 2025-12-31; LEAVING that day, EXITED on 2026-01-01 after the due event', async () => {
      await accepted(ctx, '1460', ev.requestExit('2024-02-26'), { slug });
      const body = await accepted(ctx, '1460', ev.notice('2024-02-29T10:00:00+01:00'), { slug });
      expect(body).toMatchObject({ exitRequestedOn: '2024-02-29', exitEffectiveOn: '2025-12-31' });
      const run = await api.post('/workflows/due-events/run', { asOf: '2026-01-01' });
      expect(run.status).toBe(200);
      expect(await statusOn(slug, '1460', '2025-12-31')).toBe('LEAVING');
      expect(await membershipOf(ctx, slug, '1460', '2026-01-01')).toMatchObject({ status: 'EXITED', state: 'exited' });
      const last = (await getHistory(ctx, body.workflowId)).slice(-1)[0];
      expect(last).toMatchObject({ eventType: 'EXIT_TOOK_EFFECT', legalDate: '2026-01-01' });
    });

    it('D5, R-B3: a re-entry signature by the oppositionsråd is WRONG_SIGNATORY', async () => {
      await expectRefused(
        ctx,
        '1460',
        ev.sign('2026-02-10', 'OPPOSITIONSRAD'),
        { status: 422, code: 'WRONG_SIGNATORY', ruleId: 'R-B3' },
        { slug },
      );
    });

    it('D5, R-B4: re-entry signature first (2026-02-10), KF decision later (2026-03-02): member again from 2026-03-02, EXITED in between', async () => {
      expect((await accepted(ctx, '1460', ev.sign('2026-02-10'), { slug })).state).toBe('awaitingDecision');
      const body = await accepted(ctx, '1460', ev.adopt('2026-03-02'), { slug });
      expect(body).toMatchObject({ state: 'member.active', memberFrom: '2026-03-02' });
      expect(await statusOn(slug, '1460', '2025-06-01')).toBe('LEAVING'); // the first period
      expect(await statusOn(slug, '1460', '2026-02-15')).toBe('EXITED'); // only the signature of the new entry
      expect(await statusOn(slug, '1460', '2026-03-01')).toBe('EXITED');
      expect(await statusOn(slug, '1460', '2026-03-02')).toBe('ACTIVE');
    });

    it('D5, R-C2, R-L1: a second exit after re-entry, notice at 2026-06-30T22:30:00Z (00:30 CEST on 1 July) → request 2026-07-01, exit 2027-12-31', async () => {
      await accepted(ctx, '1460', ev.requestExit('2026-06-15'), { slug });
      const body = await accepted(ctx, '1460', ev.notice('2026-06-30T22:30:00Z'), { slug });
      expect(body).toMatchObject({
        exitRequestedOn: '2026-07-01',
        exitEffectiveOn: '2027-12-31',
        memberFrom: '2026-03-02',
      });
      expect(await statusOn(slug, '1460', '2026-06-30')).toBe('ACTIVE');
      expect(await statusOn(slug, '1460', '2026-07-01')).toBe('LEAVING');
      expect(await statusOn(slug, '1460', '2028-01-01')).toBe('EXITED');
    });
  });

  // ---------------------------------------------------------------------------------- the appeal period (R-I6, R-L4)

  describe('GET /calendar/deadlines: the appeal last day, three weeks from the anslag, moved past non-vardagar (R-I6, R-I7, R-L4, R-L5, R-L6)', () => {
    it.each([
      // anslag, raw +21 days, last day, final from, why
      [
        '2025-05-30',
        '2025-06-23',
        '2025-06-24',
        'R-L4: raw 2025-06-20 is midsommarafton; 21 Jun midsommardagen, 22 Jun Sunday',
      ],
      ['2025-10-11', '2025-11-03', '2025-11-04', 'R-L5: raw 2025-11-01 is alla helgons dag (Saturday); 2 Nov Sunday'],
      [
        '2026-04-23',
        '2026-05-15',
        '2026-05-16',
        'R-L5: raw 2026-05-14 is Kristi himmelsfärdsdag; the Friday after is a vardag',
      ],
      [
        '2028-05-04',
        '2028-05-26',
        '2028-05-27',
        'R-L5: raw 2028-05-25 is Kristi himmelsfärdsdag (påsk 2028-04-16 + 39)',
      ],
      ['2026-04-10', '2026-05-04', '2026-05-05', 'R-L5: raw 2026-05-01 is första maj (Friday), then the weekend'],
      [
        '2025-05-16',
        '2025-06-09',
        '2025-06-10',
        'R-L5: raw 2025-06-06 is nationaldagen (Friday); Monday 9 June (annandag pingst) is not a holiday since 2005',
      ],
      ['2025-12-16', '2026-01-07', '2026-01-08', 'R-L5: raw 2026-01-06 is trettondedag jul'],
      [
        '2025-12-03',
        '2025-12-29',
        '2025-12-30',
        'R-L4: raw 2025-12-24 julafton (Wednesday) → juldagen, annandag jul, Saturday, Sunday',
      ],
      [
        '2027-12-10',
        '2028-01-03',
        '2028-01-04',
        'R-L4: raw 2027-12-31 nyårsafton (Friday) → nyårsdagen (Saturday), Sunday',
      ],
      [
        '2027-03-05',
        '2027-03-30',
        '2027-03-31',
        'R-L5: raw 2027-03-26 långfredagen → påskafton, påskdagen, annandag påsk',
      ],
      ['2025-03-30', '2025-04-22', '2025-04-23', 'R-L5: raw 2025-04-20 påskdagen → annandag påsk'],
      ['2024-03-08', '2024-04-02', '2024-04-03', 'R-L5: raw 2024-03-29 långfredagen → annandag påsk 1 April'],
      ['2025-02-08', '2025-03-03', '2025-03-04', 'R-L4: raw 2025-03-01 is a Saturday (no leap day in 2025)'],
      [
        '2004-05-10',
        '2004-06-01',
        '2004-06-02',
        'R-L5: raw 2004-05-31 annandag pingst, still a holiday before 1 April 2005',
      ],
    ])('R-I6, R-L4: anslag %s → appealLastDay %s, finalFrom %s (%s)', async (anslag, last, finalFrom) => {
      const res = await api.get(`/calendar/deadlines?anslagDate=${anslag}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ appealLastDay: last, finalFrom });
      expect(res.body.notes?.appealLastDay).toMatchObject({ date: last, code: 'MOVED_TO_NEXT_VARDAG' });
    });

    it.each([
      ['2025-04-09', '2025-04-30', 'R-L6: valborgsmässoafton is a vardag'],
      ['2025-12-15', '2026-01-05', 'R-L6: trettondedagsafton is a vardag'],
      ['2026-03-12', '2026-04-02', 'R-L5: skärtorsdagen is a vardag'],
      ['2024-02-08', '2024-02-29', 'R-L3: the leap day 2024-02-29 is a Thursday, a vardag'],
      ['2005-04-25', '2005-05-16', 'R-L5: annandag pingst 2005 is no longer a holiday'],
    ])('R-I6, R-L6: anslag %s → appealLastDay %s, not moved, no notes (%s)', async (anslag, last) => {
      const res = await api.get(`/calendar/deadlines?anslagDate=${anslag}`);
      expect(res.status).toBe(200);
      expect(res.body.appealLastDay).toBe(last);
      expect(res.body.notes).toBeUndefined();
    });

    it('R-I6, R-L4: the note for midsommar names midsommarafton and midsommardagen (sv and en)', async () => {
      const note = (await api.get('/calendar/deadlines?anslagDate=2025-05-30')).body.notes.appealLastDay;
      expect(note.messageSv).toContain('midsommarafton');
      expect(note.messageSv).toContain('midsommardagen');
      expect(note.message).toMatch(/Midsummer/);
      expect(note.messageSv).toContain('2025-06-20');
    });

    it('R-I6, R-L5: the note for 2025-11-01 names alla helgons dag', async () => {
      const note = (await api.get('/calendar/deadlines?anslagDate=2025-10-11')).body.notes.appealLastDay;
      expect(note.messageSv).toContain('alla helgons dag');
    });

    it('R-I7: finalFrom is the day after the last day even when that is a Saturday (anslag 2026-04-23 → last Fri 2026-05-15, final Sat 2026-05-16)', async () => {
      const res = await api.get('/calendar/deadlines?anslagDate=2026-04-23');
      expect(res.body).toMatchObject({ appealLastDay: '2026-05-15', finalFrom: '2026-05-16' });
    });

    it.each([
      ['meetingDate', '2025-06-07', 'justeringDeadline', '2025-06-21', '2025-06-23', ['midsommardagen', 'söndag']],
      ['meetingDate', '2024-12-17', 'justeringDeadline', '2024-12-31', '2025-01-02', ['nyårsafton', 'nyårsdagen']],
      [
        'meetingDate',
        '2026-06-05',
        'justeringDeadline',
        '2026-06-19',
        '2026-06-22',
        ['midsommarafton', 'midsommardagen', 'söndag'],
      ],
      [
        'meetingDate',
        '2025-04-04',
        'justeringDeadline',
        '2025-04-18',
        '2025-04-22',
        ['långfredagen', 'lördag', 'påskdagen', 'annandag påsk'],
      ],
      ['justeringDate', '2025-12-29', 'anslagDeadline', '2025-12-31', '2026-01-02', ['nyårsafton', 'nyårsdagen']],
      ['justeringDate', '2025-10-30', 'anslagDeadline', '2025-11-01', '2025-11-03', ['alla helgons dag', 'söndag']],
      [
        'justeringDate',
        '2025-12-22',
        'anslagDeadline',
        '2025-12-24',
        '2025-12-29',
        ['julafton', 'juldagen', 'annandag jul', 'lördag', 'söndag'],
      ],
      [
        'justeringDate',
        '2025-06-18',
        'anslagDeadline',
        '2025-06-20',
        '2025-06-23',
        ['midsommarafton', 'midsommardagen', 'söndag'],
      ],
      [
        'justeringDate',
        '2026-04-01',
        'anslagDeadline',
        '2026-04-03',
        '2026-04-07',
        ['långfredagen', 'lördag', 'påskdagen', 'annandag påsk'],
      ],
      ['justeringDate', '2025-03-07', 'anslagDeadline', '2025-03-09', '2025-03-10', ['söndag']],
    ])(
      'R-L4, R-L7, D8: %s=%s → %s raw %s, not a vardag → moved to %s, with a note naming each day passed over',
      async (param, date, key, raw, moved, sv) => {
        const res = await api.get(`/calendar/deadlines?${param}=${date}`);
        expect(res.status).toBe(200);
        expect(res.body[key]).toBe(moved);
        expect(res.body.notes?.[key]).toMatchObject({ date: moved, code: 'DEADLINE_MOVED' });
        expect(res.body.notes[key].messageSv).toContain(`(${raw})`);
        expect(res.body.notes[key].messageSv).toContain(`nästa vardag ${moved} (lag 1930:173 2 §)`);
        for (const name of sv) expect(res.body.notes[key].messageSv).toContain(name);
        expect(res.body.notes[key].message).toContain(`next working day, ${moved}`);
      },
    );

    it.each([
      ['meetingDate', '2024-02-15', 'justeringDeadline', '2024-02-29'],
      ['justeringDate', '2026-01-03', 'anslagDeadline', '2026-01-05'],
      ['justeringDate', '2025-04-28', 'anslagDeadline', '2025-04-30'],
    ])('R-L7, R-L6: %s=%s → %s %s is a vardag: not moved, no note', async (param, date, key, deadline) => {
      const res = await api.get(`/calendar/deadlines?${param}=${date}`);
      expect(res.status).toBe(200);
      expect(res.body[key]).toBe(deadline);
      expect(res.body.notes).toBeUndefined();
    });
  });

  // ------------------------------------------------------------------------------------- the holiday list (R-L5, R-L6)

  describe('GET /calendar/holidays: allmänna helgdagar and the three aftnar (R-L5, R-L6, §5)', () => {
    const holidays = async (year: number) => {
      const res = await api.get(`/calendar/holidays?year=${year}`);
      expect(res.status).toBe(200);
      expect(res.body.year).toBe(year);
      return res.body as {
        year: number;
        holidays: Array<{ date: string; name: string; nameEn: string }>;
        aftnar: Array<{ date: string; reason: { code: string } }>;
      };
    };
    const dateOf = (list: Array<{ date: string; name: string }>, pattern: RegExp) =>
      list.filter((h) => pattern.test(h.name)).map((h) => h.date);

    it('R-L5, §5: 2027 in full: thirteen helgdagar (påskdagen and pingstdagen included) and midsommarafton, julafton, nyårsafton', async () => {
      const body = await holidays(2027);
      expect(body.holidays.map((h) => h.date)).toEqual([
        '2027-01-01',
        '2027-01-06',
        '2027-03-26',
        '2027-03-28',
        '2027-03-29',
        '2027-05-01',
        '2027-05-06',
        '2027-05-16',
        '2027-06-06',
        '2027-06-26',
        '2027-11-06',
        '2027-12-25',
        '2027-12-26',
      ]);
      expect(body.aftnar.map((a) => [a.date, a.reason.code])).toEqual([
        ['2027-06-25', 'MIDSOMMARAFTON'],
        ['2027-12-24', 'JULAFTON'],
        ['2027-12-31', 'NYARSAFTON'],
      ]);
    });

    it.each([
      [2024, '2024-06-22', '2024-06-21', '2024-11-02'],
      [2025, '2025-06-21', '2025-06-20', '2025-11-01'],
      [2026, '2026-06-20', '2026-06-19', '2026-10-31'],
      [2027, '2027-06-26', '2027-06-25', '2027-11-06'],
      [2028, '2028-06-24', '2028-06-23', '2028-11-04'],
      [2029, '2029-06-23', '2029-06-22', '2029-11-03'],
    ])('R-L5: %i: midsommardagen %s (afton %s), alla helgons dag %s', async (year, midsommar, afton, allaHelgon) => {
      const body = await holidays(year);
      expect(dateOf(body.holidays, /^midsommardagen$/i)).toEqual([midsommar]);
      expect(dateOf(body.holidays, /alla helgons dag/i)).toEqual([allaHelgon]);
      expect(body.aftnar.filter((a) => a.reason.code === 'MIDSOMMARAFTON').map((a) => a.date)).toEqual([afton]);
    });

    it.each([
      // year, långfredagen, påskdagen, annandag påsk, Kristi himmelsfärdsdag (+39), pingstdagen (+49)
      [2024, '2024-03-29', '2024-03-31', '2024-04-01', '2024-05-09', '2024-05-19'],
      [2025, '2025-04-18', '2025-04-20', '2025-04-21', '2025-05-29', '2025-06-08'],
      [2026, '2026-04-03', '2026-04-05', '2026-04-06', '2026-05-14', '2026-05-24'],
      [2028, '2028-04-14', '2028-04-16', '2028-04-17', '2028-05-25', '2028-06-04'],
      [2029, '2029-03-30', '2029-04-01', '2029-04-02', '2029-05-10', '2029-05-20'],
      [2030, '2030-04-19', '2030-04-21', '2030-04-22', '2030-05-30', '2030-06-09'],
      [2038, '2038-04-23', '2038-04-25', '2038-04-26', '2038-06-03', '2038-06-13'],
      [2285, '2285-03-20', '2285-03-22', '2285-03-23', '2285-04-30', '2285-05-10'],
    ])(
      'R-L5: %i: långfredagen %s, påskdagen %s, annandag påsk %s, Kristi himmelsfärdsdag %s, pingstdagen %s',
      async (year, fri, easter, mon, ascension, pentecost) => {
        const body = await holidays(year);
        expect(dateOf(body.holidays, /långfredag/i)).toEqual([fri]);
        expect(dateOf(body.holidays, /^påskdagen$/i)).toEqual([easter]);
        expect(dateOf(body.holidays, /annandag påsk/i)).toEqual([mon]);
        expect(dateOf(body.holidays, /himmelsfärd/i)).toEqual([ascension]);
        expect(dateOf(body.holidays, /^pingstdagen$/i)).toEqual([pentecost]);
      },
    );

    it('R-L5: 2008: Kristi himmelsfärdsdag falls on första maj (påsk 2008-03-23); both are listed on 2008-05-01', async () => {
      const body = await holidays(2008);
      expect(dateOf(body.holidays, /himmelsfärd/i)).toEqual(['2008-05-01']);
      expect(dateOf(body.holidays, /första maj/i)).toEqual(['2008-05-01']);
    });

    it('R-L5: 2049: pingstdagen falls on nationaldagen (6 June); both are listed', async () => {
      const body = await holidays(2049);
      expect(dateOf(body.holidays, /^pingstdagen$/i)).toEqual(['2049-06-06']);
      expect(dateOf(body.holidays, /nationaldag/i)).toEqual(['2049-06-06']);
    });

    it('R-L5: the 2005 change: 2004 has annandag pingst (2004-05-31) and no nationaldagen; 2005 has nationaldagen and no annandag pingst', async () => {
      const y2004 = await holidays(2004);
      expect(dateOf(y2004.holidays, /annandag pingst/i)).toEqual(['2004-05-31']);
      expect(dateOf(y2004.holidays, /nationaldag/i)).toEqual([]);
      const y2005 = await holidays(2005);
      expect(dateOf(y2005.holidays, /annandag pingst/i)).toEqual([]);
      expect(dateOf(y2005.holidays, /nationaldag/i)).toEqual(['2005-06-06']);
      expect(y2005.holidays.map((h) => h.date)).not.toContain('2005-05-16');
    });

    it('R-L6: trettondedagsafton and valborgsmässoafton are neither helgdagar nor aftnar; ordinary Sundays are not listed', async () => {
      const body = await holidays(2026);
      const dates = [...body.holidays.map((h) => h.date), ...body.aftnar.map((a) => a.date)];
      expect(dates).not.toContain('2026-01-05');
      expect(dates).not.toContain('2026-04-30');
      expect(dates).not.toContain('2026-01-04'); // an ordinary Sunday
      expect(body.aftnar.map((a) => a.reason.code)).toEqual(['MIDSOMMARAFTON', 'JULAFTON', 'NYARSAFTON']);
    });
  });
});
