import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { TokenService } from '../../src/auth/token.service';
import { createApp } from '../../src/bootstrap';
import { DueEventsScheduler } from '../../src/workflow/due-events/due-events.scheduler';
import { DueEventsService } from '../../src/workflow/due-events/due-events.service';
import {
  accepted,
  createCollaboration,
  createTestDatabase,
  enter,
  ev,
  getHistory,
  membershipWorkflowId,
  setToday,
  sql,
  startTestInstances,
  testConfig,
  testDatabaseKind,
  verifyWorkflow,
  type TestContext,
  type TestInstances,
} from './kit';

// Deadlines fire exactly once, as ordinary events of the actor `system`: when several processes race for them, and
// when the service was down over the due date (the tick at start catches up).
const postgres = testDatabaseKind() === 'postgres';
const PARTIES = ['1460', '1438', '1439', '1461', '1492'];

/** A TestContext over an app whose tokens were made elsewhere (the same database). */
function contextOf(
  app: INestApplication,
  tokens: TestContext['tokens'],
  kind: TestContext['databaseKind'],
): TestContext {
  return {
    app,
    http: request(app.getHttpServer()),
    dataSource: app.get(DataSource),
    databaseKind: kind,
    tokens,
    close: () => app.close(),
  };
}

/** Parties that entered in 2023 and gave notice on 2023-12-13: each exit takes effect 2024-12-31, due 2025-01-01. */
async function exitsNoticed(ctx: TestContext, slug: string, parties: string[]): Promise<string[]> {
  await createCollaboration(ctx, slug, { parties });
  const ids: string[] = [];
  for (const code of parties) {
    await enter(ctx, code, '2023-11-29', '2023-12-08', slug);
    await accepted(ctx, code, ev.requestExit('2023-12-11'), { slug });
    await accepted(ctx, code, ev.notice('2023-12-13T10:00:00+01:00'), { slug });
    ids.push(await membershipWorkflowId(ctx, code, slug));
  }
  return ids;
}

async function expectTookEffectOnce(ctx: TestContext, workflowId: string): Promise<void> {
  const history = await getHistory(ctx, workflowId);
  const took = history.filter((t: any) => t.eventType === 'EXIT_TOOK_EFFECT');
  expect(took).toHaveLength(1);
  expect(took[0]).toMatchObject({
    toState: 'exited',
    legalDate: '2025-01-01',
    actor: { id: 'system', role: 'system', municipality: null },
  });
  expect((await verifyWorkflow(ctx, workflowId)).ok).toBe(true);
}

describe(`due events exactly once (${testDatabaseKind()})`, () => {
  describe(postgres ? 'two service processes on one database' : 'concurrent runs in the one process of a file', () => {
    let apps: TestInstances;
    beforeAll(async () => {
      apps = await startTestInstances(postgres ? 2 : 1);
    });
    afterAll(async () => {
      if (apps) await apps.close();
    });

    it('every due exit is recorded once, by system, however many runs fire at the same time', async () => {
      const first = apps.instanceFor(0);
      // Recorded in December 2023 (the exits are not due yet); then the real day, long past 2025-01-01.
      setToday(first, '2023-12-13');
      const ids = await exitsNoticed(first, 'race', PARTIES);
      setToday(first, '2025-01-02');
      expect(
        (await sql(first, 'SELECT COUNT(*) AS n FROM workflow_due_event WHERE due_on = ?', ['2025-01-01']))[0].n,
      ).toEqual(postgres ? '5' : 5);
      const overdue = await request(first.app.getHttpServer()).get('/api/v1/health');
      expect(overdue.body.dueEvents.oldestOverdue).toEqual({
        workflowId: ids[0],
        machine: 'membership',
        eventType: 'EXIT_TOOK_EFFECT',
        dueOn: '2025-01-01',
      });
      for (const ctx of apps.instances) setToday(ctx, '2025-01-02');
      // Every process fires at once, bypassing the lease too (the service's own run): the head's compare-and-set
      // lets one write through per exit.
      const runs = apps.instances.flatMap((ctx) => [
        ctx.app.get(DueEventsService).fireDueEvents(),
        ctx.app.get(DueEventsService).fireDueEvents(),
        ctx.app
          .get(DueEventsScheduler)
          .tick()
          .then((t) => ({ fired: t.fired, refused: 0 })),
      ]);
      const outcomes = await Promise.all(runs);
      expect(outcomes.reduce((n, o) => n + o.fired, 0)).toBe(PARTIES.length);
      for (const id of ids) await expectTookEffectOnce(first, id);
      expect(await sql(first, 'SELECT * FROM workflow_due_event')).toEqual([]);
      const health = await request(first.app.getHttpServer()).get('/api/v1/health');
      expect(health.status).toBe(200);
      expect(health.body.dueEvents.oldestOverdue).toBeNull();
      expect(health.body.dueEvents.lastRun).toEqual({
        at: expect.any(String),
        fired: expect.any(Number),
        heldLease: expect.any(Boolean),
        ok: true,
      });
      // A run after the race finds nothing left.
      expect(await first.app.get(DueEventsScheduler).tick()).toEqual({ scanned: true, fired: 0 });
    });
  });

  it('an exit due while the service was down is recorded at the next start: once, by system, on its due date', async () => {
    const database = await createTestDatabase('due-down');
    const config = testConfig(database.url);
    try {
      const before = await createApp(config, { logger: false });
      const make = (role: string) => before.get(TokenService).create(role, null, `e2e ${role}`);
      const admin = (await make('admin')).token;
      const auditor = (await make('auditor')).token;
      const tokens = { admin, coordinator: admin, auditor, clerk: {} };
      const ctx = contextOf(before, tokens, database.kind);
      // The service runs in December 2023: the notice is recorded, nothing is due yet.
      setToday(ctx, '2023-12-13');
      const [workflowId] = await exitsNoticed(ctx, 'asleep', ['1460']);
      expect(await sql(ctx, 'SELECT due_on FROM workflow_due_event WHERE instance_id = ?', [workflowId])).toEqual([
        { due_on: '2025-01-01' },
      ]);
      expect((await request(before.getHttpServer()).get('/api/v1/health')).body.dueEvents.oldestOverdue).toBeNull();
      await before.close();

      // It starts again after 31 December 2024 (the real clock): the tick at start records the exit.
      const after = await createApp(config, { logger: false });
      try {
        const again = contextOf(after, tokens, database.kind);
        await expectTookEffectOnce(again, workflowId);
        const health = (await request(after.getHttpServer()).get('/api/v1/health')).body;
        expect(health.dueEvents).toEqual({
          lastRun: { at: expect.any(String), fired: 1, heldLease: true, ok: true },
          oldestOverdue: null,
        });
        // A second start fires nothing more.
        expect(await after.get(DueEventsScheduler).tick()).toEqual({ scanned: true, fired: 0 });
        await expectTookEffectOnce(again, workflowId);
      } finally {
        await after.close();
      }
    } finally {
      await database.drop();
    }
  });
});
