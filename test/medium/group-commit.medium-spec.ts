import { CollaborationService } from '../../src/collaboration/collaboration.service';
import { MembershipService } from '../../src/collaboration/membership.service';
import { Db } from '../../src/database/db';
import { MunicipalityEntity } from '../../src/municipality/municipality.entity';
import type { Actor } from '../../src/workflow/actor';
import { WorkflowEngine } from '../../src/workflow/engine/workflow-engine.service';
import { VerifyService } from '../../src/workflow/verify/verify.service';
import { ALL_CODES } from '../e2e/kit/harness';
import { useMediumApp } from './kit';

// Group commit (SQLite): concurrent writes share one transaction and one COMMIT, yet each write is all or nothing and
// is answered only once it is durable. On PostgreSQL every write is its own transaction; the same outcomes must hold.
// Medium tier: the services called as the controllers call them, on a real database, without HTTP (and its token reads).
describe('group commit', () => {
  const ctx = useMediumApp();
  let db: Db;
  let engine: WorkflowEngine;
  let memberships: MembershipService;
  let admin: Actor;
  let coordinator: Actor;
  const slug = 'group-commit';
  const workflows: Record<string, string> = {};

  /** One membership event of party `code`, as the admin (what POST …/memberships/{code}/events does). */
  const record = (code: string, body: Record<string, unknown>) =>
    memberships.recordMembershipEvent(slug, code, body, admin);
  const getHistory = async (id: string) => (await engine.history(id)).transitions;
  const verifyWorkflow = (id: string) => ctx.get(VerifyService).verify(id);

  beforeAll(async () => {
    db = ctx.get(Db);
    engine = ctx.get(WorkflowEngine);
    memberships = ctx.get(MembershipService);
    admin = await ctx.actor('admin');
    coordinator = await ctx.actor('coordinator');
    await ctx.get(CollaborationService).create(
      {
        slug,
        name: `Samverkan ${slug}`,
        parties: ALL_CODES,
        declarationVersion: '2023-12-08',
        declarationEffectiveDate: '2024-01-01',
      },
      admin,
    );
    for (const code of ALL_CODES) {
      await record(code, { type: 'FULLMAKTIGE_ADOPTED_DECLARATION', decision: { organ: 'KF', date: '2023-11-29' } });
      await record(code, { type: 'KSO_SIGNED', signedOn: '2023-12-08', signatory: { name: 'KSO', office: 'KSO' } });
      await record(code, {
        type: 'FULLMAKTIGE_REQUESTED_EXIT',
        decision: { organ: 'KF', date: '2025-01-15' },
        desiredExitDate: '2099-12-31',
      });
      await record(code, { type: 'EXIT_NOTICE_DELIVERED', arrivedAt: '2025-01-20T10:00:00+01:00' });
      workflows[code] = (await memberships.getMembership(slug, code)).workflowId;
    }
  });

  const informed = (day: number) => ({
    type: 'COUNCIL_INFORMED',
    informedOn: `2025-02-${String(day).padStart(2, '0')}`,
  });
  const municipality = async (code: string) =>
    (await ctx.sql('SELECT code FROM municipality WHERE code = ?', [code])) as unknown[];
  const settle = <T>(p: Promise<T>) =>
    p.then(
      (value) => ({ ok: true as const, value }),
      (error: Error) => ({ ok: false as const, error }),
    );

  it('three rounds of 8 concurrent requests, one per membership, are all recorded, each log contiguous and verifiable', async () => {
    const before = { ...db.groupStats };
    const responses = [];
    for (const day of [1, 2, 3]) {
      responses.push(...(await Promise.all(ALL_CODES.map((code) => settle(record(code, informed(day)))))));
    }
    expect(responses.map((r) => r.ok)).toEqual(responses.map(() => true));
    for (const code of ALL_CODES) {
      const history = await getHistory(workflows[code]);
      expect(history.map((t) => t.seq)).toEqual(history.map((_, i) => i));
      expect(history.slice(-3).map((t) => t.eventType)).toEqual([
        'COUNCIL_INFORMED',
        'COUNCIL_INFORMED',
        'COUNCIL_INFORMED',
      ]);
      expect((await verifyWorkflow(workflows[code])).ok).toBe(true);
    }
    if (ctx.databaseKind === 'sqlite') {
      // Shared commits happened: fewer COMMITs than writes (24 events; their reads of the membership are not writes).
      expect(db.groupStats.groups - before.groups).toBeLessThan(24);
      expect(db.groupStats.units - before.units).toBe(24);
    }
  });

  it('in one group, a unit that fails before or after writing leaves nothing, and the others commit', async () => {
    const before = { ...db.groupStats };
    const history = await getHistory(workflows['1492']);
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
    const after = await getHistory(workflows['1492']);
    expect(after).toHaveLength(history.length + 1);
    expect(after[after.length - 1]).toMatchObject({
      eventType: 'COUNCIL_INFORMED',
      legalDate: '2025-02-10',
      seq: history.length,
    });
    expect((await verifyWorkflow(workflows['1492'])).ok).toBe(true);
    if (ctx.databaseKind === 'sqlite') {
      // The failure after a write rolled the group back once; the others ran again and committed.
      expect(db.groupStats.retries - before.retries).toBe(1);
    }
  });

  it('a write that collides when the group flushes gets VERSION_CONFLICT; the rest of the group commits', async () => {
    const id = workflows['1438'];
    const history = await getHistory(id);
    // The head is put one version back behind the service's back: the next log row's seq is then taken.
    await ctx.sql('UPDATE workflow_instance SET version = version - 1 WHERE id = ?', [id]);
    try {
      const results = await Promise.all([
        settle(db.write((m) => m.insert(MunicipalityEntity, { code: '9101', name: 'Före' }))),
        settle(engine.sendNow(id, informed(11), coordinator)),
        settle(engine.sendNow(workflows['1439'], informed(11), coordinator)),
      ]);
      expect(results.map((r) => r.ok)).toEqual([true, false, true]);
      expect(!results[1].ok && (results[1].error as { code?: string }).code).toBe('VERSION_CONFLICT');
    } finally {
      await ctx.sql('UPDATE workflow_instance SET version = version + 1 WHERE id = ?', [id]);
    }
    expect(await municipality('9101')).toHaveLength(1);
    expect(await getHistory(id)).toHaveLength(history.length);
    expect((await verifyWorkflow(id)).ok).toBe(true);
    expect((await verifyWorkflow(workflows['1439'])).ok).toBe(true);
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
    const before = (await getHistory(id)).length;
    const extra = 5_200 - before;
    await engine.transaction(async (wtx) => {
      for (let i = 0; i < extra; i++) await wtx.send(id, informed(1 + (i % 28)), coordinator);
    });
    const clean = await verifyWorkflow(id);
    expect({ ok: clean.ok, events: clean.events }).toEqual({ ok: true, events: 5_200 });
    // A write that arrives while verify runs is not seen by it (and does not make it fail).
    const [report, written] = await Promise.all([verifyWorkflow(id), engine.sendNow(id, informed(9), coordinator)]);
    expect(written.transition.seq).toBe(5_200);
    expect(report.ok).toBe(true);
    expect([5_200, 5_201]).toContain(report.events);
    const [row] = await ctx.sql('SELECT payload FROM workflow_transition WHERE instance_id = ? AND seq = ?', [
      id,
      5_150,
    ]);
    await ctx.sql('UPDATE workflow_transition SET payload = ? WHERE instance_id = ? AND seq = ?', [
      row.payload.replace('2025-02', '2025-03'),
      id,
      5_150,
    ]);
    const tampered = await verifyWorkflow(id);
    expect(tampered.ok).toBe(false);
    expect(tampered.firstDivergence).toMatchObject({ seq: 5_150, kind: 'HASH_MISMATCH' });
    expect(tampered.events).toBe(5_201);
  });
});
