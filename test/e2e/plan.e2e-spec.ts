import { PlanService } from '../../src/plan/plan.service';
import {
  apiClient,
  createCollaboration,
  expectErrorBody,
  sql,
  useTestApp,
  verifyWorkflow,
  workflowFootprint,
  type TestContext,
} from './kit';

// The verksamhetsplan through the API (RULEBOOK R-D6..R-D8, R-E6, §4.2 G5; SEED-AF §11, §16). Each describe block has
// its own collaboration, so the blocks do not share plans. A refusal must write nothing (the footprint is unchanged).

const AREAS = [
  { key: 'kompetensforsorjning', name: 'Kompetensförsörjning' },
  { key: 'digitalisering', name: 'Digitalisering' },
];

function planBody(validFrom: string, validTo: string, extra: Record<string, unknown> = {}) {
  return {
    title: `Verksamhetsplan ${validFrom}`,
    draftedOn: '2024-11-01',
    validFrom,
    validTo,
    focusAreas: AREAS,
    ...extra,
  };
}

const informed = (version: number, informedAt: string, extra: Record<string, unknown> = {}) => ({
  type: 'COUNCIL_INFORMED',
  version,
  informedAt,
  ...extra,
});
const adopted = (version: number, adoptedAt: string) => ({ type: 'KDG_ADOPTED', version, adoptedAt });
const drafted = (validFrom: string, validTo: string, focusAreas = AREAS) => ({
  type: 'VERSION_DRAFTED',
  draftedOn: '2024-11-20',
  validFrom,
  validTo,
  focusAreas,
});

function planApi(ctx: TestContext) {
  const api = apiClient(ctx);
  return {
    create: (slug: string, body: unknown, token = ctx.tokens.coordinator) =>
      api.post(`/collaborations/${slug}/plans`, body, token),
    async created(slug: string, validFrom: string, validTo: string) {
      const res = await api.post(`/collaborations/${slug}/plans`, planBody(validFrom, validTo), ctx.tokens.coordinator);
      expect(res.status).toBe(201);
      return res.body.id as string;
    },
    send: (id: string, body: unknown, token = ctx.tokens.coordinator, idempotencyKey?: string) =>
      api.post(`/plans/${id}/events`, body, token, idempotencyKey ? { idempotencyKey } : undefined),
    async accepted(id: string, body: unknown) {
      const res = await api.post(`/plans/${id}/events`, body, ctx.tokens.coordinator);
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
      return res.body;
    },
    /** The refusal, and that nothing was written. */
    async refused(id: string, body: unknown, expected: { status: number; code: string; ruleId?: string }) {
      const before = await workflowFootprint(ctx, id);
      const res = await api.post(`/plans/${id}/events`, body, ctx.tokens.coordinator);
      expect({ status: res.status, code: res.body.code, ruleId: res.body.ruleId }).toEqual({
        status: expected.status,
        code: expected.code,
        ruleId: expected.ruleId,
      });
      expectErrorBody(res.body, expected.code);
      expect(await workflowFootprint(ctx, id)).toEqual(before);
      return res;
    },
    inForce: (slug: string, asOf: string) => api.get(`/collaborations/${slug}/plans?asOf=${asOf}`),
  };
}

describe('the verksamhetsplan through the API', () => {
  const ctx = useTestApp();
  const api = apiClient(ctx);
  const plans = planApi(ctx);

  describe('R-D7: the council is informed of the exact version before KDG adopts it', () => {
    const slug = 'plan-informed';
    let id: string;
    beforeAll(async () => {
      await createCollaboration(ctx, slug);
      id = await plans.created(slug, '2025-01-01', '2026-12-31');
    });

    it('a plan starts with version 1: its period and focus areas; nothing adopted yet', async () => {
      const plan = (await api.get(`/plans/${id}`)).body;
      expect(plan).toMatchObject({ collaboration: slug, state: 'drafting', adoptions: [] });
      expect(plan.versions).toEqual([
        expect.objectContaining({ version: 1, validFrom: '2025-01-01', validTo: '2026-12-31', focusAreas: AREAS }),
      ]);
      expect(plan.allowedEvents).toEqual(
        expect.arrayContaining(['VERSION_DRAFTED', 'COUNCIL_INFORMED', 'KDG_ADOPTED']),
      );
    });

    it('adopting before the council was informed is refused with COUNCIL_NOT_INFORMED, in both languages', async () => {
      const res = await plans.refused(id, adopted(1, '2024-12-12T14:00:00+01:00'), {
        status: 422,
        code: 'COUNCIL_NOT_INFORMED',
        ruleId: 'R-D7',
      });
      expect(res.body.message).toMatch(/informed of version 1/);
      expect(res.body.messageSv).toMatch(/Samverkansrådet ska informeras om version 1/);
    });

    it('informed of version 1, adopting version 2 is refused: the council was told of another version', async () => {
      await plans.accepted(id, informed(1, '2024-12-05T10:00:00+01:00'));
      await plans.accepted(
        id,
        drafted('2025-01-01', '2026-12-31', [...AREAS, { key: 'infrastruktur', name: 'Infrastruktur' }]),
      );
      const res = await plans.refused(id, adopted(2, '2024-12-12T14:00:00+01:00'), {
        status: 422,
        code: 'COUNCIL_NOT_INFORMED',
        ruleId: 'R-D7',
      });
      expect(res.body.details).toMatchObject({ version: 2, informedOfVersions: [1], informedOfThisVersionAt: [] });
    });

    it('on the same day the instants decide: information after the adoption, or at the same instant, is refused', async () => {
      await plans.accepted(id, informed(2, '2024-12-12T15:00:00+01:00'));
      const res = await plans.refused(id, adopted(2, '2024-12-12T14:00:00+01:00'), {
        status: 422,
        code: 'COUNCIL_NOT_INFORMED',
        ruleId: 'R-D7',
      });
      expect(res.body.details.informedOfThisVersionAt).toEqual(['2024-12-12T15:00:00+01:00']);
      // The same instant written in another offset is not before either.
      await plans.refused(id, adopted(2, '2024-12-12T14:00:00Z'), {
        status: 422,
        code: 'COUNCIL_NOT_INFORMED',
        ruleId: 'R-D7',
      });
    });

    it('informed earlier the same day, KDG adopts: an administrative act of officials (R-E6), legal date in Stockholm', async () => {
      await plans.accepted(id, informed(2, '2024-12-12T09:00:00+01:00'));
      const body = await plans.accepted(id, adopted(2, '2024-12-12T14:00:00+01:00'));
      expect(body.state).toBe('adopted');
      expect(body.transition.legalDate).toBe('2024-12-12');
      const adoption = body.versions.find((v: any) => v.version === 2).adoption;
      expect(adoption).toMatchObject({ version: 2, adoptedOn: '2024-12-12', adoptedBy: 'KDG' });
      expect(adoption.status.en).toMatch(/administrative act of officials/);
      expect(adoption.status.sv).toMatch(/förvaltningsåtgärd av tjänstepersoner/);
      expect(body.versions.find((v: any) => v.version === 1).adoption).toBeNull();
      expect((await verifyWorkflow(ctx, id)).ok).toBe(true);
    });

    it('a version is adopted once, and a revision after the version adopted before it', async () => {
      await plans.refused(id, adopted(2, '2024-12-13T14:00:00+01:00'), {
        status: 422,
        code: 'PLAN_VERSION_ALREADY_ADOPTED',
        ruleId: 'R-D6',
      });
      await plans.refused(id, adopted(1, '2024-12-12T13:00:00+01:00'), {
        status: 422,
        code: 'PLAN_ADOPTION_OUT_OF_ORDER',
        ruleId: 'R-D6',
      });
    });

    it('the council adopts nothing: COUNCIL_ADOPTED is refused with COUNCIL_NOT_DECISION_MAKING (R-D6)', async () => {
      const res = await plans.refused(
        id,
        { type: 'COUNCIL_ADOPTED', decidedOn: '2024-12-05' },
        {
          status: 422,
          code: 'COUNCIL_NOT_DECISION_MAKING',
          ruleId: 'R-D6',
        },
      );
      expect(res.body.messageSv).toMatch(/inte ett beslutande organ/);
    });
  });

  describe('R-D8: periods, focus areas, and no two adopted plans overlapping', () => {
    const slug = 'plan-overlap';
    let first: string;
    beforeAll(async () => {
      await createCollaboration(ctx, slug);
      first = await plans.created(slug, '2025-01-01', '2026-12-31');
      await plans.accepted(first, informed(1, '2024-12-05T10:00:00+01:00'));
      await plans.accepted(first, adopted(1, '2024-12-12T14:00:00+01:00'));
    });

    it('a period that ends before it begins is refused (PLAN_PERIOD_REVERSED), and no plan is created', async () => {
      const before = Number((await sql(ctx, 'SELECT COUNT(*) AS n FROM plan'))[0].n);
      const res = await plans.create(slug, planBody('2026-01-01', '2025-12-31'));
      expect({ status: res.status, code: res.body.code, ruleId: res.body.ruleId }).toEqual({
        status: 422,
        code: 'PLAN_PERIOD_REVERSED',
        ruleId: 'R-D8',
      });
      expectErrorBody(res.body);
      expect(Number((await sql(ctx, 'SELECT COUNT(*) AS n FROM plan'))[0].n)).toBe(before);
    });

    it('two focus areas with one key are refused (DUPLICATE_FOCUS_AREA)', async () => {
      const twice = [AREAS[0], { key: AREAS[0].key, name: 'Annat namn' }];
      await plans.refused(first, drafted('2025-01-01', '2026-12-31', twice), {
        status: 422,
        code: 'DUPLICATE_FOCUS_AREA',
        ruleId: 'R-D8',
      });
    });

    it('the council informed of a version the plan does not have is refused (UNKNOWN_PLAN_VERSION)', async () => {
      await plans.refused(first, informed(9, '2024-12-05T10:00:00+01:00'), {
        status: 422,
        code: 'UNKNOWN_PLAN_VERSION',
        ruleId: 'R-D7',
      });
    });

    it('adopting a plan whose period overlaps an adopted plan of the collaboration is refused (PLAN_PERIODS_OVERLAP)', async () => {
      const second = await plans.created(slug, '2026-07-01', '2027-12-31');
      await plans.accepted(second, informed(1, '2025-05-05T10:00:00+02:00'));
      const res = await plans.refused(second, adopted(1, '2025-05-12T14:00:00+02:00'), {
        status: 422,
        code: 'PLAN_PERIODS_OVERLAP',
        ruleId: 'R-D8',
      });
      expect(res.body.details.overlaps).toEqual({
        planId: first,
        version: 1,
        validFrom: '2025-01-01',
        validTo: '2026-12-31',
      });
      expect(res.body.messageSv).toMatch(/överlappar/);
    });

    it('a plan of another collaboration does not count, and a following period is adopted', async () => {
      await createCollaboration(ctx, 'plan-overlap-other');
      const elsewhere = await plans.created('plan-overlap-other', '2025-01-01', '2026-12-31');
      await plans.accepted(elsewhere, informed(1, '2024-12-05T10:00:00+01:00'));
      await plans.accepted(elsewhere, adopted(1, '2024-12-12T14:00:00+01:00'));
      const next = await plans.created(slug, '2027-01-01', '2028-12-31');
      await plans.accepted(next, informed(1, '2025-05-05T10:00:00+02:00'));
      expect((await plans.accepted(next, adopted(1, '2025-05-12T14:00:00+02:00'))).state).toBe('adopted');
    });

    it('a revision of the adopted plan that would reach into the next plan is refused too', async () => {
      await plans.accepted(first, drafted('2025-01-01', '2027-06-30'));
      await plans.accepted(first, informed(2, '2025-06-01T10:00:00+02:00'));
      await plans.refused(first, adopted(2, '2025-06-02T10:00:00+02:00'), {
        status: 422,
        code: 'PLAN_PERIODS_OVERLAP',
        ruleId: 'R-D8',
      });
    });

    it('two overlapping adoptions sent at once: exactly one is adopted', async () => {
      await createCollaboration(ctx, 'plan-race');
      const a = await plans.created('plan-race', '2025-01-01', '2025-12-31');
      const b = await plans.created('plan-race', '2025-06-01', '2026-05-31');
      for (const id of [a, b]) await plans.accepted(id, informed(1, '2024-12-05T10:00:00+01:00'));
      const answers = await Promise.all([a, b].map((id) => plans.send(id, adopted(1, '2024-12-12T14:00:00+01:00'))));
      expect(answers.map((r) => r.status).sort()).toEqual([201, 422]);
      expect(answers.find((r) => r.status === 422)!.body.code).toBe('PLAN_PERIODS_OVERLAP');
    });
  });

  describe('the plan in force on a date, and its focus areas', () => {
    const slug = 'plan-in-force';
    let id: string;
    beforeAll(async () => {
      await createCollaboration(ctx, slug);
      id = await plans.created(slug, '2025-01-01', '2026-12-31');
      await plans.accepted(id, informed(1, '2024-12-05T10:00:00+01:00'));
      await plans.accepted(id, adopted(1, '2024-12-12T14:00:00+01:00'));
      // A revision adopted on 2025-06-10 renames a focus area and adds one.
      await plans.accepted(
        id,
        drafted('2025-01-01', '2026-12-31', [
          AREAS[0],
          { key: 'digitalisering', name: 'Digital utveckling' },
          { key: 'infrastruktur', name: 'Infrastruktur' },
        ]),
      );
      await plans.accepted(id, informed(2, '2025-06-03T10:00:00+02:00'));
      await plans.accepted(id, adopted(2, '2025-06-10T10:00:00+02:00'));
    });

    it.each([
      ['2024-12-31', null],
      ['2025-03-01', 1],
      ['2025-06-09', 1],
      ['2025-06-10', 2],
      ['2026-12-31', 2],
      ['2027-01-01', null],
    ])('on %s the plan in force is version %s', async (asOf, version) => {
      const res = await plans.inForce(slug, asOf);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ collaboration: slug, asOf });
      if (version === null) return expect(res.body.inForce).toBeNull();
      expect(res.body.inForce).toMatchObject({ planId: id, version, validFrom: '2025-01-01', validTo: '2026-12-31' });
      expect(res.body.inForce.adoption.status.en).toMatch(/administrative act/);
      expect(res.body.plans).toEqual([expect.objectContaining({ id, adoptedVersion: 2, versions: 2 })]);
    });

    it('focusAreaInForce names a focus area of the plan in force on the date, or null', async () => {
      const service = ctx.app.get(PlanService);
      expect(await service.focusAreaInForce(slug, '2025-03-01', 'digitalisering')).toMatchObject({
        planId: id,
        version: 1,
        name: 'Digitalisering',
      });
      expect(await service.focusAreaInForce(slug, '2025-07-01', 'digitalisering')).toMatchObject({
        version: 2,
        name: 'Digital utveckling',
      });
      expect(await service.focusAreaInForce(slug, '2025-03-01', 'infrastruktur')).toBeNull();
      expect(await service.focusAreaInForce(slug, '2027-03-01', 'digitalisering')).toBeNull();
    });
  });

  describe('input, roles and lookups', () => {
    const slug = 'plan-input';
    let id: string;
    beforeAll(async () => {
      await createCollaboration(ctx, slug);
      id = await plans.created(slug, '2025-01-01', '2026-12-31');
    });

    it.each([
      ['no focus areas', planBody('2025-01-01', '2025-12-31', { focusAreas: [] }), 'focusAreas'],
      [
        'a key with capitals',
        planBody('2025-01-01', '2025-12-31', { focusAreas: [{ key: 'Bad Key', name: 'x' }] }),
        'focusAreas.0.key',
      ],
      ['an impossible date', planBody('2025-02-29', '2025-12-31'), 'validFrom'],
    ])('creating a plan with %s is a 400 naming the field', async (_what, body, field) => {
      const res = await plans.create(slug, body);
      expect(res.status).toBe(400);
      expect(res.body.details.fields.map((f: any) => f.field)).toContain(field);
    });

    it.each([
      ['an instant without offset', informed(1, '2024-12-05T10:00:00'), 'informedAt'],
      ['a future instant', adopted(1, '2999-01-01T10:00:00+01:00'), 'adoptedAt'],
      [
        'a council record offered as the ground of an adoption',
        { ...adopted(1, '2024-12-12T14:00:00+01:00'), councilRecordId: '00000000-0000-4000-a000-000000000000' },
        'councilRecordId',
      ],
      ['an unknown event type', { type: 'PLAN_ADOPTED_BY_COUNCIL' }, 'type'],
    ])('an event with %s is a 400 naming the field, and nothing is written', async (_what, body, field) => {
      const before = await workflowFootprint(ctx, id);
      const res = await plans.send(id, body);
      expect(res.status).toBe(400);
      expect(res.body.details.fields.map((f: any) => f.field)).toContain(field);
      expect(await workflowFootprint(ctx, id)).toEqual(before);
    });

    it('a council record named that the council does not have is a 404', async () => {
      const res = await plans.send(
        id,
        informed(1, '2024-12-05T10:00:00+01:00', { councilRecordId: '00000000-0000-4000-a000-000000000000' }),
      );
      expect(res.status).toBe(404);
      expectErrorBody(res.body, 'NOT_FOUND');
    });

    it('coordinator and admin record; a clerk or an auditor may not (403); everyone reads', async () => {
      expect((await plans.send(id, informed(1, '2024-12-05T10:00:00+01:00'), ctx.tokens.clerk['1460'])).status).toBe(
        403,
      );
      expect((await plans.send(id, informed(1, '2024-12-05T10:00:00+01:00'), ctx.tokens.auditor)).status).toBe(403);
      expect((await plans.create(slug, planBody('2030-01-01', '2030-12-31'), ctx.tokens.clerk['1460'])).status).toBe(
        403,
      );
      expect((await plans.send(id, informed(1, '2024-12-05T10:00:00+01:00'), ctx.tokens.admin)).status).toBe(201);
      for (const token of [ctx.tokens.clerk['1460'], ctx.tokens.auditor, ctx.tokens.coordinator]) {
        expect((await api.get(`/plans/${id}`, token)).status).toBe(200);
        expect((await api.get(`/collaborations/${slug}/plans`, token)).status).toBe(200);
      }
    });

    it('an Idempotency-Key retry answers with the first result and writes nothing more', async () => {
      const first = await plans.send(id, informed(1, '2024-12-06T10:00:00+01:00'), ctx.tokens.coordinator, 'k-1');
      const again = await plans.send(id, informed(1, '2024-12-06T10:00:00+01:00'), ctx.tokens.coordinator, 'k-1');
      expect([first.status, again.status]).toEqual([201, 201]);
      expect(again.body.replayed).toBe(true);
      expect(again.body.transition.seq).toBe(first.body.transition.seq);
    });

    it('unknown collaboration and unknown plan are 404; a plan id that is no UUID is a 400', async () => {
      expect((await plans.create('no-such', planBody('2025-01-01', '2025-12-31'))).status).toBe(404);
      expect((await api.get('/collaborations/no-such/plans')).status).toBe(404);
      expect((await api.get('/plans/00000000-0000-4000-a000-000000000000')).status).toBe(404);
      expect((await api.get('/plans/not-a-uuid')).status).toBe(400);
      expect(
        (await plans.send('00000000-0000-4000-a000-000000000000', informed(1, '2024-12-05T10:00:00+01:00'))).status,
      ).toBe(404);
    });
  });
});
