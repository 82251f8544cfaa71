// Policy in the write path: a system event (a due event, a compensation) is fired by the engine only. The engine
// itself refuses one sent by any client role, for every registered machine; and no client endpoint gets one through.
import { MACHINE_DEFINITIONS } from '../../machines/registry';
import { TokenService } from '../../src/auth/token.service';
import { AppError } from '../../src/common/errors';
import { WorkflowEngine } from '../../src/workflow/engine/workflow-engine.service';
import { SYSTEM_ACTOR, type Actor } from '../../src/workflow/actor';
import { apiClient, getHistory, membershipWorkflowId, sql, useTestApp } from './kit';

describe('system events are refused from clients, by the engine, for every machine', () => {
  const ctx = useTestApp({ seed: 'demo' });
  const instances: Record<string, string> = {};
  let decisionId: string;
  let amendmentId: string;

  beforeAll(async () => {
    const api = apiClient(ctx);
    instances.membership = await membershipWorkflowId(ctx, '1492');
    instances.collaboration = (await api.get('/collaborations/dalslandssamverkan')).body.workflowId;
    const decisions = (await api.get('/municipalities/1461/decisions')).body as Array<{
      id: string;
      workflowId: string | null;
    }>;
    const recorded = decisions.find((d) => d.workflowId)!;
    decisionId = recorded.id;
    instances.protocol = recorded.workflowId!;
    const amendment = await api.post('/collaborations/dalslandssamverkan/amendments', {
      title: 'Ändring',
      version: 'system-events-1',
      text: 'Ändrad text',
    });
    amendmentId = amendment.body.id;
    instances.amendment = amendment.body.workflowId;
    // Collaboration areas: the demo's Mellerud–Bengtsfors area.
    const areas = (await api.get('/collaborations/dalslandssamverkan/areas')).body.stages.flatMap((s: any) => s.areas);
    instances.area = areas[0].workflowId;
    // plan and council: the demo data has the council; a plan is made here (the demo data has none)
    instances.council = (await api.get('/collaborations/dalslandssamverkan/council')).body.workflowId;
    const plan = { title: 'Plan', draftedOn: '2024-11-01', validFrom: '2025-01-01', validTo: '2025-12-31' };
    instances.plan = (
      await api.post('/collaborations/dalslandssamverkan/plans', { ...plan, focusAreas: [{ key: 'a', name: 'A' }] })
    ).body.id;
    // Cost sharing: the demo data's SEED-SAM cost rule (its id is its workflow's).
    instances['cost-rule'] = (await api.get('/collaborations/dalslandssamverkan/cost-rules')).body[0].id;
    // Chain coverage of the tables (h-chain): the record register of the demo data's bodies and meetings.
    instances['record-register'] = (await sql(ctx, `SELECT workflow_id AS "w" FROM record_register`))[0].w;
    // Gallring: a municipality's gallring log, begun as the service begins it on a first removal.
    const admin: Actor = { id: 'system-events-admin', role: 'admin', municipality: null };
    instances.gallring = await ctx.app
      .get(WorkflowEngine)
      .transaction(async (wtx) => (await wtx.create('gallring', { municipality: '1461' }, 'gallring:1461', admin)).id);
  });

  it('every registered machine has an instance here, so a new machine cannot be left out', () => {
    expect(Object.keys(instances).sort()).toEqual([...new Set(MACHINE_DEFINITIONS.map((d) => d.id))].sort());
  });

  const cases = MACHINE_DEFINITIONS.flatMap((def) => (def.systemEvents ?? []).map((type) => [def.id, type] as const));

  it.each(cases)(
    '%s: %s from any client role is refused by the engine with 403, and nothing is written',
    async (machineId, type) => {
      const engine = ctx.app.get(WorkflowEngine);
      const tokens = ctx.app.get(TokenService);
      const id = instances[machineId];
      const before = (await getHistory(ctx, id)).length;
      for (const token of [ctx.tokens.admin, ctx.tokens.coordinator, ctx.tokens.auditor, ctx.tokens.clerk['1492']]) {
        const actor = (await tokens.authenticate(token)) as Actor;
        const refused = await engine.sendNow(id, { type, on: '2027-01-01' }, actor).then(
          () => null,
          (e: unknown) => e,
        );
        expect(refused).toBeInstanceOf(AppError);
        expect(refused).toMatchObject({
          kind: 'FORBIDDEN',
          code: 'FORBIDDEN',
          details: { eventType: type, systemEvent: true },
        });
      }
      // An actor that merely looks like the engine's is a client all the same: only the engine's own actor passes.
      const lookalike: Actor = { ...SYSTEM_ACTOR };
      await expect(engine.sendNow(id, { type, on: '2027-01-01' }, lookalike)).rejects.toMatchObject({
        kind: 'FORBIDDEN',
      });
      expect((await getHistory(ctx, id)).length).toBe(before);
    },
  );

  it.each(cases)(
    '%s: %s sent through every client event endpoint is refused, and nothing is written',
    async (_machineId, type) => {
      const api = apiClient(ctx);
      const ids = Object.values(instances);
      const before = await Promise.all(ids.map(async (id) => (await getHistory(ctx, id)).length));
      const body = { type, on: '2027-01-01', decisionId, annulledOn: '2027-01-01', cause: 'x' };
      for (const path of [
        '/collaborations/dalslandssamverkan/memberships/1492/events',
        `/decisions/${decisionId}/events`,
        `/amendments/${amendmentId}/events`,
      ]) {
        const res = await api.post(path, body);
        expect([400, 403]).toContain(res.status);
      }
      expect(await Promise.all(ids.map(async (id) => (await getHistory(ctx, id)).length))).toEqual(before);
    },
  );
});
