import { MunicipalityEntity } from '../../src/municipality/municipality.entity';
import { Db } from '../../src/database/db';
import type { Actor } from '../../src/workflow/actor';
import { WorkflowEngine } from '../../src/workflow/engine/workflow-engine.service';
import {
  accepted,
  ALL_CODES,
  createCollaboration,
  enter,
  ev,
  getHistory,
  membershipWorkflowId,
  postEvent,
  sql,
  useTestApp,
  verifyWorkflow,
} from './kit';

// Group commit (SQLite): concurrent writes share one transaction and one COMMIT, yet each write is all or nothing and
// is answered only once it is durable. On PostgreSQL every write is its own transaction; the same outcomes must hold.
describe('group commit', () => {
  const ctx = useTestApp();
  let db: Db;
  let engine: WorkflowEngine;
  const slug = 'group-commit';
  const coordinator: Actor = { id: 'group-commit-test', role: 'coordinator', municipality: null };
  const workflows: Record<string, string> = {};

  beforeAll(async () => {
    db = ctx.app.get(Db);
    engine = ctx.app.get(WorkflowEngine);
    await createCollaboration(ctx, slug, { parties: ALL_CODES });
    for (const code of ALL_CODES) {
      await enter(ctx, code, '2023-11-29', '2023-12-08', slug);
      await accepted(ctx, code, ev.requestExit('2025-01-15', '2099-12-31'), { slug });
      await accepted(ctx, code, ev.notice('2025-01-20T10:00:00+01:00'), { slug });
      workflows[code] = await membershipWorkflowId(ctx, code, slug);
    }
  });

  const informed = (day: number) => ({
    type: 'COUNCIL_INFORMED',
    informedOn: `2025-02-${String(day).padStart(2, '0')}`,
  });
  const municipality = async (code: string) =>
    (await sql(ctx, 'SELECT code FROM municipality WHERE code = ?', [code])) as unknown[];
  const settle = <T>(p: Promise<T>) =>
    p.then(
      (value) => ({ ok: true as const, value }),
      (error: Error) => ({ ok: false as const, error }),
    );

  it('three rounds of 8 concurrent requests, one per membership, are all recorded, each log contiguous and verifiable', async () => {
    const before = { ...db.groupStats };
    const responses = [];
    for (const day of [1, 2, 3]) {
      responses.push(
        ...(await Promise.all(ALL_CODES.map((code) => postEvent(ctx, code, informed(day), ctx.tokens.admin, slug)))),
      );
    }
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 201));
    for (const code of ALL_CODES) {
      const history = await getHistory(ctx, workflows[code]);
      expect(history.map((t) => t.seq)).toEqual(history.map((_, i) => i));
      expect(history.slice(-3).map((t) => t.eventType)).toEqual([
        'COUNCIL_INFORMED',
        'COUNCIL_INFORMED',
        'COUNCIL_INFORMED',
      ]);
      expect((await verifyWorkflow(ctx, workflows[code])).ok).toBe(true);
    }
    if (ctx.databaseKind === 'sqlite') {
      // Shared commits happened: fewer COMMITs than writes (24 events plus their token reads, which are not writes).
      expect(db.groupStats.groups - before.groups).toBeLessThan(24);
      expect(db.groupStats.units - before.units).toBe(24);
    }
  });

  it('in one group, a unit that fails before or after writing leaves nothing, and the others commit', async () => {
    const before = { ...db.groupStats };
    const history = await getHistory(ctx, workflows['1492']);
    // All five are handed to Db in the same tick: on SQLite they form one group.
    const results = await Promise.all([
      settle(db.write((m) => m.insert(MunicipalityEntity, { code: '9001', name: 'Först' }))),
      settle(
        db.write(async (m) => {
          await m.insert(MunicipalityEntity, { code: '9002', name: 'Skriver och faller' });
          throw new Error('fails after writing');
        }),
      ),
      settle(db.write(async () => Promise.reject(new Error('fails before writing')))),
      settle(engine.sendNow(workflows['1492'], informed(10), coordinator)),
      settle(db.write((m) => m.insert(MunicipalityEntity, { code: '9003', name: 'Sist' }))),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, false, true, true]);
    expect(!results[1].ok && results[1].error.message).toBe('fails after writing');
    expect(!results[2].ok && results[2].error.message).toBe('fails before writing');
    expect(await municipality('9001')).toHaveLength(1);
    expect(await municipality('9002')).toHaveLength(0);
    expect(await municipality('9003')).toHaveLength(1);
    const after = await getHistory(ctx, workflows['1492']);
    expect(after).toHaveLength(history.length + 1);
    expect(after[after.length - 1]).toMatchObject({
      eventType: 'COUNCIL_INFORMED',
      legalDate: '2025-02-10',
      seq: history.length,
    });
    expect((await verifyWorkflow(ctx, workflows['1492'])).ok).toBe(true);
    if (ctx.databaseKind === 'sqlite') {
      // The failure after a write rolled the group back once; the others ran again and committed.
      expect(db.groupStats.retries - before.retries).toBe(1);
    }
  });

  it('a write that collides when the group flushes gets VERSION_CONFLICT; the rest of the group commits', async () => {
    const id = workflows['1438'];
    const history = await getHistory(ctx, id);
    // The head is put one version back behind the service's back: the next log row's seq is then taken.
    await sql(ctx, 'UPDATE workflow_instance SET version = version - 1 WHERE id = ?', [id]);
    try {
      const results = await Promise.all([
        settle(db.write((m) => m.insert(MunicipalityEntity, { code: '9101', name: 'Före' }))),
        settle(engine.sendNow(id, informed(11), coordinator)),
        settle(engine.sendNow(workflows['1439'], informed(11), coordinator)),
      ]);
      expect(results.map((r) => r.ok)).toEqual([true, false, true]);
      expect(!results[1].ok && (results[1].error as { code?: string }).code).toBe('VERSION_CONFLICT');
    } finally {
      await sql(ctx, 'UPDATE workflow_instance SET version = version + 1 WHERE id = ?', [id]);
    }
    expect(await municipality('9101')).toHaveLength(1);
    expect(await getHistory(ctx, id)).toHaveLength(history.length);
    expect((await verifyWorkflow(ctx, id)).ok).toBe(true);
    expect((await verifyWorkflow(ctx, workflows['1439'])).ok).toBe(true);
  });

  it('a write is answered only when it is committed: another connection already sees it', async () => {
    const placeholder = ctx.databaseKind === 'postgres' ? '$1' : '?';
    const seen = await Promise.all(
      ['9201', '9202', '9203'].map((code) =>
        db
          .write((m) => m.insert(MunicipalityEntity, { code, name: code }))
          .then(() => db.lookup(`SELECT code FROM municipality WHERE code = ${placeholder}`, [code])),
      ),
    );
    expect(seen).toEqual([[{ code: '9201' }], [{ code: '9202' }], [{ code: '9203' }]]);
  });

  it('verify reads a log longer than one chunk (5 000 rows) as one snapshot and finds a changed row in a later chunk', async () => {
    const id = workflows['1960'];
    const before = (await getHistory(ctx, id)).length;
    const extra = 5_200 - before;
    await engine.transaction(async (wtx) => {
      for (let i = 0; i < extra; i++) await wtx.send(id, informed(1 + (i % 28)), coordinator);
    });
    const clean = await verifyWorkflow(ctx, id);
    expect({ ok: clean.ok, events: clean.events }).toEqual({ ok: true, events: 5_200 });
    // A write that arrives while verify runs is not seen by it (and does not make it fail).
    const [report, written] = await Promise.all([
      verifyWorkflow(ctx, id),
      engine.sendNow(id, informed(9), coordinator),
    ]);
    expect(written.transition.seq).toBe(5_200);
    expect(report.ok).toBe(true);
    expect([5_200, 5_201]).toContain(report.events);
    const [row] = await sql(ctx, 'SELECT payload FROM workflow_transition WHERE instance_id = ? AND seq = ?', [
      id,
      5_150,
    ]);
    await sql(ctx, 'UPDATE workflow_transition SET payload = ? WHERE instance_id = ? AND seq = ?', [
      row.payload.replace('2025-02', '2025-03'),
      id,
      5_150,
    ]);
    const tampered = await verifyWorkflow(ctx, id);
    expect(tampered.ok).toBe(false);
    expect(tampered.firstDivergence).toMatchObject({ seq: 5_150, kind: 'HASH_MISMATCH' });
    expect(tampered.events).toBe(5_201);
  });
});
