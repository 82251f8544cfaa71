import {
  apiClient,
  createCollaboration,
  DALSLAND_PARTIES,
  expectErrorBody,
  sql,
  useTestApp,
  verifyWorkflow,
  workflowFootprint,
  type TestContext,
} from './kit';

// Samverkansrådet through the API (RULEBOOK R-E1..R-E3, R-G8, §4.2 G5; SEED-AF §5). Each describe block has its own
// collaboration. A refusal must write nothing (the council workflow's footprint is unchanged).

const seat = (
  municipality: string,
  seatName: string,
  name: string,
  from: string,
  extra: Record<string, unknown> = {},
) => ({
  municipality,
  seat: seatName,
  name,
  from,
  ...extra,
});
const record = (kind: string, extra: Record<string, unknown> = {}) => ({
  kind,
  title: `Anteckning ${kind}`,
  recordedOn: '2024-03-14',
  ...extra,
});

function councilApi(ctx: TestContext) {
  const api = apiClient(ctx);
  const path = (slug: string, what: string) => `/collaborations/${slug}/council/${what}`;
  return {
    post: (slug: string, what: string, body: unknown, token = ctx.tokens.coordinator) =>
      api.post(path(slug, what), body, token),
    async accepted(slug: string, what: string, body: unknown) {
      const res = await api.post(path(slug, what), body, ctx.tokens.coordinator);
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
      return res.body;
    },
    async refused(
      slug: string,
      what: string,
      body: unknown,
      expected: { status: number; code: string; ruleId?: string },
    ) {
      const workflowId = (await api.get(`/collaborations/${slug}/council`)).body.workflowId;
      const before = await workflowFootprint(ctx, workflowId);
      const res = await api.post(path(slug, what), body, ctx.tokens.coordinator);
      expect({ status: res.status, code: res.body.code, ruleId: res.body.ruleId }).toEqual({
        status: expected.status,
        code: expected.code,
        ruleId: expected.ruleId,
      });
      expectErrorBody(res.body, expected.code);
      expect(await workflowFootprint(ctx, workflowId)).toEqual(before);
      return res;
    },
    get: (slug: string, asOf?: string) => api.get(`/collaborations/${slug}/council${asOf ? `?asOf=${asOf}` : ''}`),
  };
}

describe('Samverkansrådet through the API', () => {
  const ctx = useTestApp();
  const api = apiClient(ctx);
  const council = councilApi(ctx);

  describe('R-E1: two seats per party, KSO and oppositionsråd (or equivalent)', () => {
    const slug = 'council-seats';
    beforeAll(() => createCollaboration(ctx, slug));

    it('before anything is recorded the council has every party with two empty seats, and says it decides nothing', async () => {
      const res = await council.get(slug, '2024-01-01');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ collaboration: slug, workflowId: null, records: [], meetings: [] });
      expect(res.body.status).toMatchObject({ decisionMaking: false });
      expect(res.body.status.sv).toMatch(/inte ett beslutande organ/);
      expect(res.body.parties.map((p: any) => p.municipality.code).sort()).toEqual([...DALSLAND_PARTIES].sort());
      for (const p of res.body.parties) expect([p.kso, p.oppositionsrad]).toEqual([null, null]);
    });

    it('members per party: the KSO and the oppositionsråd of Åmål as SEED-PR names them', async () => {
      await council.accepted(
        slug,
        'members',
        seat('1492', 'KSO', 'Michael Karlsson', '2023-12-08', { politicalParty: 'M' }),
      );
      const body = await council.accepted(
        slug,
        'members',
        seat('1492', 'OPPOSITIONSRAD', 'Maria Bertilsson Sandin', '2023-12-08', { politicalParty: 'S' }),
      );
      const amal = body.parties.find((p: any) => p.municipality.code === '1492');
      expect(amal.municipality.name).toBe('Åmål');
      expect(amal.kso).toMatchObject({ name: 'Michael Karlsson', politicalParty: 'M', from: '2023-12-08' });
      expect(amal.oppositionsrad).toMatchObject({ name: 'Maria Bertilsson Sandin', politicalParty: 'S' });
      const others = body.parties.filter((p: any) => p.municipality.code !== '1492');
      for (const p of others) expect([p.kso, p.oppositionsrad]).toEqual([null, null]);
    });

    it('"or equivalent": a person on the oppositionsråd seat who is not an oppositionsråd is recorded with the basis', async () => {
      const equivalent = { office: 'Gruppledare (C)', basis: 'KS 2024-01-15 § 3' };
      const body = await council.accepted(
        slug,
        'members',
        seat('1438', 'OPPOSITIONSRAD', 'Person E', '2024-01-15', { equivalent }),
      );
      expect(body.parties.find((p: any) => p.municipality.code === '1438').oppositionsrad.equivalent).toEqual(
        equivalent,
      );
    });

    it('the KSO seat has no "or equivalent" (KSO_HAS_NO_EQUIVALENT)', async () => {
      await council.refused(
        slug,
        'members',
        seat('1460', 'KSO', 'Person X', '2024-01-15', { equivalent: { office: 'Vice ordförande', basis: 'x' } }),
        { status: 422, code: 'KSO_HAS_NO_EQUIVALENT', ruleId: 'R-E1' },
      );
    });

    it('a new holder replaces the one before from its date; the seat on an earlier date still shows the earlier holder', async () => {
      await council.accepted(slug, 'members', seat('1492', 'KSO', 'Ny Ordförande', '2025-01-01'));
      const before = (await council.get(slug, '2024-12-31')).body.parties.find(
        (p: any) => p.municipality.code === '1492',
      );
      const after = (await council.get(slug, '2025-01-01')).body.parties.find(
        (p: any) => p.municipality.code === '1492',
      );
      expect(before.kso).toMatchObject({ name: 'Michael Karlsson', to: '2024-12-31' });
      expect(after.kso).toMatchObject({ name: 'Ny Ordförande' });
      expect(after.kso.to).toBeUndefined();
    });

    it('a seating on or before the current holder took the seat is refused (SEAT_CHANGE_OUT_OF_ORDER)', async () => {
      await council.refused(slug, 'members', seat('1492', 'KSO', 'Tidig', '2025-01-01'), {
        status: 422,
        code: 'SEAT_CHANGE_OUT_OF_ORDER',
        ruleId: 'R-E1',
      });
    });

    it('a seat belongs to a party of the collaboration: another municipality is 404 NOT_A_PARTY', async () => {
      const res = await council.post(slug, 'members', seat('1984', 'KSO', 'Arboga KSO', '2024-01-01'));
      expect(res.status).toBe(404);
      expectErrorBody(res.body, 'NOT_A_PARTY');
    });
  });

  describe('R-E2, R-G8: meetings and records, never a decision', () => {
    const slug = 'council-records';
    let meetingId: string;
    beforeAll(async () => {
      await createCollaboration(ctx, slug);
      meetingId = (await council.accepted(slug, 'meetings', { date: '2024-03-14', place: 'Dals-Eds kommunhus' }))
        .meetings[0].meetingId;
    });

    it.each(['INFORMATION', 'DISCUSSION', 'RECOMMENDATION', 'MINNESANTECKNINGAR'])(
      'a record of kind %s is kept, with no legal effect',
      async (kind) => {
        const body = await council.accepted(slug, 'records', record(kind, { meetingId }));
        const kept = body.records[body.records.length - 1];
        expect(kept).toMatchObject({ kind, meetingId, legalEffect: 'NONE' });
        expect(kept.legalEffectNote.sv).toMatch(/Ingen rättsverkan/);
      },
    );

    it.each(['BESLUT', 'DECISION', 'GODKANNANDE', 'APPROVAL'])(
      'a record typed %s is refused with COUNCIL_NOT_DECISION_MAKING, in both languages',
      async (kind) => {
        const res = await council.refused(slug, 'records', record(kind, { meetingId }), {
          status: 422,
          code: 'COUNCIL_NOT_DECISION_MAKING',
          ruleId: 'R-E2',
        });
        expect(res.body.message).toMatch(/not a decision-making body/);
        expect(res.body.messageSv).toMatch(/inte ett beslutande organ/);
      },
    );

    it('a cost arrangement is information: an approval of it is refused under R-G8, as information it approves nothing', async () => {
      const res = await council.refused(slug, 'records', record('GODKANNANDE', { subject: 'COST_ARRANGEMENT' }), {
        status: 422,
        code: 'COUNCIL_NOT_DECISION_MAKING',
        ruleId: 'R-G8',
      });
      expect(res.body.messageSv).toMatch(/full transparens/);
      const body = await council.accepted(slug, 'records', record('INFORMATION', { subject: 'COST_ARRANGEMENT' }));
      const kept = body.records[body.records.length - 1];
      expect(kept.legalEffectNote.en).toMatch(/approves no cost arrangement \(R-G8\)/);
    });

    it('a record names a meeting of this council (UNKNOWN_COUNCIL_MEETING) and is not dated before it (RECORD_BEFORE_MEETING)', async () => {
      await council.refused(
        slug,
        'records',
        record('INFORMATION', { meetingId: '00000000-0000-4000-a000-000000000000' }),
        {
          status: 422,
          code: 'UNKNOWN_COUNCIL_MEETING',
          ruleId: 'R-E3',
        },
      );
      await council.refused(slug, 'records', record('INFORMATION', { meetingId, recordedOn: '2024-03-13' }), {
        status: 422,
        code: 'RECORD_BEFORE_MEETING',
        ruleId: 'R-E3',
      });
    });

    it('an unknown kind, or a meeting without its place, is a 400 naming the field', async () => {
      const bad = await council.post(slug, 'records', record('PROTOKOLL'));
      expect(bad.status).toBe(400);
      expect(bad.body.details.fields.map((f: any) => f.field)).toContain('kind');
      const noPlace = await council.post(slug, 'meetings', { date: '2024-05-01' });
      expect(noPlace.status).toBe(400);
      expect(noPlace.body.details.fields.map((f: any) => f.field)).toContain('place');
    });

    it('coordinator and admin record; a clerk or an auditor may not; everyone reads', async () => {
      expect((await council.post(slug, 'records', record('INFORMATION'), ctx.tokens.clerk['1460'])).status).toBe(403);
      expect(
        (await council.post(slug, 'meetings', { date: '2024-05-01', place: 'x' }, ctx.tokens.auditor)).status,
      ).toBe(403);
      expect((await council.post(slug, 'records', record('INFORMATION'), ctx.tokens.admin)).status).toBe(201);
      for (const token of [ctx.tokens.clerk['1460'], ctx.tokens.auditor]) {
        expect((await api.get(`/collaborations/${slug}/council`, token)).status).toBe(200);
      }
    });

    it('an Idempotency-Key retry answers with the first result and the same record id', async () => {
      const a = await api.post(
        `/collaborations/${slug}/council/records`,
        record('DISCUSSION'),
        ctx.tokens.coordinator,
        { idempotencyKey: 'rec-1' },
      );
      const b = await api.post(
        `/collaborations/${slug}/council/records`,
        record('DISCUSSION'),
        ctx.tokens.coordinator,
        { idempotencyKey: 'rec-1' },
      );
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(b.body.replayed).toBe(true);
      expect(b.body.transition.seq).toBe(a.body.transition.seq);
      expect(b.body.records.length).toBe(a.body.records.length);
    });

    it('an unknown collaboration is a 404 for reads and writes', async () => {
      expect((await council.get('no-such')).status).toBe(404);
      expect((await council.post('no-such', 'meetings', { date: '2024-05-01', place: 'x' })).status).toBe(404);
    });

    it('the council log verifies', async () => {
      const workflowId = (await council.get(slug)).body.workflowId;
      expect((await verifyWorkflow(ctx, workflowId)).ok).toBe(true);
    });
  });

  describe('G5: no council record moves any workflow', () => {
    const slug = 'council-g5';
    let planId: string;
    let recordId: string;
    beforeAll(async () => {
      await createCollaboration(ctx, slug);
      const plan = await api.post(
        `/collaborations/${slug}/plans`,
        {
          title: 'Plan',
          draftedOn: '2024-11-01',
          validFrom: '2025-01-01',
          validTo: '2025-12-31',
          focusAreas: [{ key: 'a', name: 'A' }],
        },
        ctx.tokens.coordinator,
      );
      planId = plan.body.id;
      const body = await council.accepted(
        slug,
        'records',
        record('INFORMATION', {
          subject: 'PLAN',
          title: `Verksamhetsplan version 1 (${planId})`,
          recordedOn: '2024-12-05',
        }),
      );
      recordId = body.records[0].recordId;
    });

    it('a council record of the information alone does not inform the plan: adopting is still COUNCIL_NOT_INFORMED', async () => {
      const before = await workflowFootprint(ctx, planId);
      const res = await api.post(
        `/plans/${planId}/events`,
        { type: 'KDG_ADOPTED', version: 1, adoptedAt: '2024-12-12T14:00:00+01:00' },
        ctx.tokens.coordinator,
      );
      expect([res.status, res.body.code]).toEqual([422, 'COUNCIL_NOT_INFORMED']);
      expect(await workflowFootprint(ctx, planId)).toEqual(before);
    });

    it('a council record cannot adopt: COUNCIL_ADOPTED naming the record is refused', async () => {
      const res = await api.post(
        `/plans/${planId}/events`,
        { type: 'COUNCIL_ADOPTED', decidedOn: '2024-12-05', councilRecordId: recordId },
        ctx.tokens.coordinator,
      );
      expect([res.status, res.body.code, res.body.ruleId]).toEqual([422, 'COUNCIL_NOT_DECISION_MAKING', 'R-D6']);
    });

    it("the coordinator's COUNCIL_INFORMED names the record; the plan records it, and KDG adopts", async () => {
      const informed = await api.post(
        `/plans/${planId}/events`,
        { type: 'COUNCIL_INFORMED', version: 1, informedAt: '2024-12-05T10:00:00+01:00', councilRecordId: recordId },
        ctx.tokens.coordinator,
      );
      expect(informed.status).toBe(201);
      expect(informed.body.versions[0].councilInformed).toEqual([
        { informedAt: '2024-12-05T10:00:00+01:00', informedOn: '2024-12-05', councilRecordId: recordId },
      ]);
      expect(informed.body.transition.actor.role).toBe('coordinator');
      const adopted = await api.post(
        `/plans/${planId}/events`,
        { type: 'KDG_ADOPTED', version: 1, adoptedAt: '2024-12-12T14:00:00+01:00' },
        ctx.tokens.coordinator,
      );
      expect(adopted.status).toBe(201);
    });

    it('no council record and no council workflow is ever the cause of a linked event', async () => {
      const workflowId = (await council.get(slug)).body.workflowId;
      const links = await sql(ctx, `SELECT cause_key, cause_workflow_id, effect_workflow_id FROM workflow_link`);
      const councilKeys = links.filter(
        (l: any) =>
          String(l.cause_key).startsWith('council') ||
          String(l.cause_key).includes(recordId) ||
          l.cause_workflow_id === workflowId ||
          l.effect_workflow_id === workflowId,
      );
      expect(councilKeys).toEqual([]);
      // The council's log holds only its own events.
      const history = (await api.get(`/workflows/${workflowId}/history`)).body.transitions.map((t: any) => t.eventType);
      expect(history).toEqual(['xstate.init', 'RECORD_ADDED']);
    });
  });
});
