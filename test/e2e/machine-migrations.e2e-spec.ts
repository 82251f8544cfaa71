import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createKeyFile } from '../../src/checkpoint/key-file';
import { ALG_ED25519 } from '../../src/checkpoint/note';
import { checkEvidence } from '../../src/evidence/evidence-check';
import { MachineRegistry } from '../../src/workflow/machine-registry';
import { readLock } from '../machines/definitions-lock';
import {
  apiClient,
  binaryBody,
  areaKit,
  createDalsland,
  enter,
  getHistory,
  sql,
  tableCounts,
  useTestApp,
  verifyWorkflow,
  workflowFootprint,
} from './kit';

// Versioned machines (issue 10, point 4): area v1 instances moved to area v2 (RULEBOOK §4.2 names, D7) by an admin's
// explicit migration, each with one logged xstate.migrate row, and verify replaying across the migration.
describe('moving running area instances from area@1 to area@2', () => {
  // The evidence package is signed by the log's checkpoint key (issue 10 §8): one made for this run.
  const keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'migration-keys-')), 'checkpoint.key');
  const origin = 'samverkan.example/migrering';
  createKeyFile(keyFile, origin, ALG_ED25519);
  const ctx = useTestApp({ config: { CHECKPOINT_ORIGIN: origin, CHECKPOINT_KEY_FILE: keyFile } });
  const api = apiClient(ctx);
  const areas = areaKit(ctx);
  const SLUG = 'dalslandssamverkan';
  const MAPPING = {
    ide: 'ide',
    forankring: 'forankring',
    forstudie: 'forstudie',
    beslut: 'beredning',
    drift: 'genomforande',
  };
  const migrate = (body: Record<string, unknown>, token = ctx.tokens.admin) =>
    api.post('/machines/area/migrations', body, token);

  beforeAll(async () => {
    await createDalsland(ctx);
    for (const code of ['1460', '1461', '1492']) await enter(ctx, code);
  });

  /** A new area in the decision stage (v1: 'beslut'): its workflow id. */
  async function areaInDecisions(): Promise<{ id: string; workflowId: string }> {
    const { id } = await areas.propose(SLUG, ['1460', '1461', '1492']);
    await areas.toDecisions(id);
    const { workflowId } = await areas.get(id);
    return { id, workflowId };
  }

  it('records the fingerprint of area@1 with its first instance, as the lock file has it', async () => {
    await areaInDecisions();
    const rows = await sql(ctx, 'SELECT hash FROM machine_definition WHERE machine_id = ? AND machine_version = ?', [
      'area',
      1,
    ]);
    expect(rows.map((r: any) => r.hash)).toEqual([readLock()['area@1']]);
  });

  it('a dry run shows from-state → to-state per instance and writes nothing', async () => {
    const { workflowId } = await areaInDecisions();
    const before = await tableCounts(ctx);
    const footprint = await workflowFootprint(ctx, workflowId);
    const res = await migrate({ from: 1, to: 2, stateMapping: MAPPING, dryRun: true, only: [workflowId] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ machine: 'area', from: 1, to: 2, dryRun: true, migrated: 0, refused: 0 });
    expect(res.body.instances).toEqual([
      expect.objectContaining({ workflowId, fromState: 'beslut', toState: 'beredning', outcome: 'WOULD_MIGRATE' }),
    ]);
    expect(await tableCounts(ctx)).toEqual(before);
    expect(await workflowFootprint(ctx, workflowId)).toEqual(footprint);
  });

  it('an unmapped state and an invalid target are refused with why, and nothing is written', async () => {
    const { workflowId } = await areaInDecisions();
    const before = await tableCounts(ctx);
    const footprint = await workflowFootprint(ctx, workflowId);
    const unmapped = await migrate({ from: 1, to: 2, stateMapping: { ide: 'ide' }, only: [workflowId] });
    expect(unmapped.status).toBe(200);
    expect(unmapped.body).toMatchObject({ migrated: 0, refused: 1 });
    expect(unmapped.body.instances[0]).toMatchObject({
      outcome: 'REFUSED',
      fromState: 'beslut',
      refused: { code: 'MIGRATION_UNMAPPED_STATE' },
    });
    // v2 has no state 'beslut' (it is 'beredning' there).
    const invalid = await migrate({ from: 1, to: 2, stateMapping: { beslut: 'beslut' }, only: [workflowId] });
    expect(invalid.body.instances[0]).toMatchObject({
      outcome: 'REFUSED',
      refused: { code: 'MIGRATION_INVALID_TARGET' },
    });
    expect(invalid.body.instances[0].refused.messageSv).toContain('beslut');
    expect(await tableCounts(ctx)).toEqual(before);
    expect(await workflowFootprint(ctx, workflowId)).toEqual(footprint);
  });

  it('applied: one xstate.migrate row by the admin, the head pinned to v2, verify clean across the segment, v2 runs on', async () => {
    const { id, workflowId } = await areaInDecisions();
    const before = await getHistory(ctx, workflowId);
    const res = await migrate({ from: 1, to: 2, stateMapping: MAPPING, only: [workflowId] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, migrated: 1, refused: 0 });
    const after = await getHistory(ctx, workflowId);
    expect(after).toHaveLength(before.length + 1);
    const row = after[after.length - 1];
    expect(row).toMatchObject({
      eventType: 'xstate.migrate',
      machineId: 'area',
      machineVersion: 2,
      fromState: 'beslut',
      toState: 'beredning',
      actor: { role: 'admin' },
      payload: { from: 1, to: 2, fromState: 'beslut', toState: 'beredning', mappingHash: res.body.mappingHash },
    });
    expect(before.every((r: any) => r.machineVersion === 1)).toBe(true);
    const head = (await api.get(`/workflows/${workflowId}`)).body;
    expect(head).toMatchObject({ machineVersion: 2, state: 'beredning' });
    expect(head.context).toMatchObject({ stage: 'beredning' }); // area@2's context upgrade
    // The area API reads v2's names, still as the rulebook's proposal, and what the area waits for.
    const area = await areas.get(id);
    expect(area.stage).toMatchObject({ key: 'beredning', number: 3, proposal: true });
    expect(area.stage.sv).toBe('Beredning och beslut i respektive kommun');
    expect(area.waitingFor.map((w: any) => w.municipalityCode).sort()).toEqual(['1460', '1461', '1492']);
    const listed = (await api.get(`/collaborations/${SLUG}/areas?stage=beredning`)).body;
    expect(listed.stages.flatMap((s: any) => s.areas.map((a: any) => a.id))).toContain(id);
    expect(await verifyWorkflow(ctx, workflowId)).toMatchObject({ ok: true, machine: 'area@2', problems: [] });
    const recorded = await sql(
      ctx,
      'SELECT hash FROM machine_definition WHERE machine_id = ? AND machine_version = ?',
      ['area', 2],
    );
    expect(recorded.map((r: any) => r.hash)).toEqual([readLock()['area@2']]);

    // The decisions go on in v2 and take the area into formalisation; verify still replays every segment.
    for (const code of ['1460', '1461', '1492'])
      await areas.decide(id, code, 'YES', await areas.participationDecision(code, SLUG));
    const moved = (await api.get(`/workflows/${workflowId}`)).body;
    expect(moved).toMatchObject({ machineVersion: 2, state: 'formalisering.villkor' });
    expect((await getHistory(ctx, workflowId)).slice(-3).every((r: any) => r.machineVersion === 2)).toBe(true);
    expect(await verifyWorkflow(ctx, workflowId)).toMatchObject({ ok: true, problems: [] });

    // Moved once: it is no longer on v1.
    const again = await migrate({ from: 1, to: 2, stateMapping: MAPPING, only: [workflowId] });
    expect(again.body.instances[0]).toMatchObject({
      outcome: 'REFUSED',
      refused: { code: 'MIGRATION_NOT_ON_VERSION' },
    });
  });

  it('the reads that replay the log follow it across the migration: as-of, the rule of each history entry, the evidence package', async () => {
    const { id, workflowId } = await areaInDecisions();
    expect((await migrate({ from: 1, to: 2, stateMapping: MAPPING, only: [workflowId] })).body.migrated).toBe(1);
    await areas.decide(id, '1460', 'YES', await areas.participationDecision('1460', SLUG));

    // As it stands now, replayed from the log: the v2 state the migration and the decision after it reached.
    const asOf = await api.get(`/collaborations/${SLUG}/as-of`);
    expect(asOf.status).toBe(200);
    expect(asOf.body.areas.find((a: any) => a.areaId === id)).toMatchObject({
      workflowId,
      state: 'beredning',
      replayed: true,
    });

    // Every entry has its rule's machine version, the rows after the migration row area@2's.
    const history = await getHistory(ctx, workflowId);
    expect(history.every((e: any) => e.rule !== null)).toBe(true);
    expect(history.slice(-2).map((e: any) => e.rule.machine)).toEqual(['area@2', 'area@2']);

    // The package holds both versions the log names, and replays every segment offline.
    const res = await ctx.http
      .get(`/api/v1/collaborations/${SLUG}/evidence`)
      .set('Authorization', `Bearer ${ctx.tokens.auditor}`)
      .buffer(true)
      .parse(binaryBody);
    expect(res.status).toBe(200);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrated-evidence-'));
    try {
      const file = path.join(dir, 'package.tar');
      fs.writeFileSync(file, res.body as Buffer);
      const check = await checkEvidence(file, new MachineRegistry());
      expect(check.problems).toEqual([]);
      expect(check.ok).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a row tampered to name v2 before the migration row is found (MACHINE_MISMATCH at its seq)', async () => {
    const { workflowId } = await areaInDecisions();
    expect((await migrate({ from: 1, to: 2, stateMapping: MAPPING, only: [workflowId] })).body.migrated).toBe(1);
    await sql(ctx, 'UPDATE workflow_transition SET machine_version = ? WHERE instance_id = ? AND seq = ?', [
      2,
      workflowId,
      3,
    ]);
    const report = await verifyWorkflow(ctx, workflowId);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ seq: 3, kind: 'MACHINE_MISMATCH' })]),
    );
  });

  it('a head pinned to v1 after a migration row, and a changed recorded fingerprint, are found', async () => {
    const { workflowId } = await areaInDecisions();
    expect((await migrate({ from: 1, to: 2, stateMapping: MAPPING, only: [workflowId] })).body.migrated).toBe(1);
    await sql(ctx, 'UPDATE workflow_instance SET machine_version = ? WHERE id = ?', [1, workflowId]);
    const pinnedBack = await verifyWorkflow(ctx, workflowId);
    expect(pinnedBack.problems.map((p: any) => p.kind)).toContain('MACHINE_MISMATCH');
    await sql(ctx, 'UPDATE workflow_instance SET machine_version = ? WHERE id = ?', [2, workflowId]);
    expect((await verifyWorkflow(ctx, workflowId)).ok).toBe(true);

    await sql(ctx, 'UPDATE machine_definition SET hash = ? WHERE machine_id = ? AND machine_version = ?', [
      '0'.repeat(64),
      'area',
      2,
    ]);
    const changed = await verifyWorkflow(ctx, workflowId);
    expect(changed.problems).toEqual([expect.objectContaining({ kind: 'DEFINITION_CHANGED' })]);
    await sql(ctx, 'UPDATE machine_definition SET hash = ? WHERE machine_id = ? AND machine_version = ?', [
      readLock()['area@2'],
      'area',
      2,
    ]);
  });

  it('only an admin migrates; an unknown machine is 404, a version that is not newer 400', async () => {
    const body = { from: 1, to: 2, stateMapping: MAPPING, dryRun: true };
    expect((await migrate(body, ctx.tokens.coordinator)).status).toBe(403);
    expect((await api.post('/machines/nosuch/migrations', body)).body.code).toBe('UNKNOWN_MACHINE');
    const backwards = await migrate({ ...body, from: 2, to: 1 });
    expect({ status: backwards.status, code: backwards.body.code }).toEqual({
      status: 400,
      code: 'MIGRATION_VERSION_ORDER',
    });
    const bad = await migrate({ ...body, stateMapping: { beslut: 'no such\u0000state' } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.map((f: any) => f.field)).toContain('stateMapping');
  });
});
