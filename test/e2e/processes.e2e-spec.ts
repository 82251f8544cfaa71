import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap';
import { MIGRATIONS } from '../../src/database/data-source';
import { ADVISORY_LOCKS, Db } from '../../src/database/db';
import { DueEventsScheduler } from '../../src/workflow/due-events/due-events.scheduler';
import {
  accepted,
  createCollaboration,
  createTestDatabase,
  enter,
  ev,
  getHistory,
  membershipWorkflowId,
  sql,
  startTestInstances,
  testConfig,
  testDatabaseKind,
  verifyWorkflow,
  type TestInstances,
} from './kit';

// Several processes of the service on one database: PostgreSQL (scale-out) allows it; SQLite has one service process
// per database file, so there the same start-up is one process after the other and the lease is always its own.
const postgres = testDatabaseKind() === 'postgres';

describe('several processes of the service on one database', () => {
  it(
    postgres
      ? 'two instances starting at once on a fresh database both come up; the migrations ran once'
      : 'a second instance starting on a database the first one migrated comes up; the migrations ran once',
    async () => {
      const database = await createTestDatabase();
      const config = testConfig(database.url);
      const start = () => createApp(config, { logger: false });
      const apps: INestApplication[] = [];
      try {
        // PostgreSQL: both race for the empty schema; the migrations' advisory lock lets one migrate, the other wait.
        if (postgres) apps.push(...(await Promise.all([start(), start()])));
        else for (let i = 0; i < 2; i++) apps.push(await start());
        for (const app of apps) expect((await request(app.getHttpServer()).get('/api/v1/health')).status).toBe(200);
        const ran = await sql(
          { dataSource: apps[0].get(DataSource), databaseKind: database.kind },
          'SELECT name FROM migrations ORDER BY id',
        );
        expect(ran.map((r: { name: string }) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
      } finally {
        for (const app of apps) await app.close();
        await database.drop();
      }
    },
  );

  describe('the due-event scheduler', () => {
    let apps: TestInstances;
    beforeAll(async () => {
      apps = await startTestInstances(postgres ? 2 : 1);
    });
    afterAll(async () => {
      if (apps) await apps.close();
    });

    it(
      postgres
        ? 'a tick scans only when no other process holds the due-events lease, and then fires what is due'
        : 'a tick holds the lease (one process per database file) and fires what is due',
      async () => {
        const ctx = apps.instances[0];
        const slug = 'lease';
        await createCollaboration(ctx, slug, { parties: ['1460'] });
        await enter(ctx, '1460', '2023-11-29', '2023-12-08', slug);
        await accepted(ctx, '1460', ev.requestExit('2023-12-11'), { slug });
        // Exit 2024-12-31: EXIT_TOOK_EFFECT is due on 2025-01-01, which has passed by the real clock.
        await accepted(ctx, '1460', ev.notice('2023-12-13T10:00:00+01:00'), { slug });
        const workflowId = await membershipWorkflowId(ctx, '1460', slug);
        const dueRows = () => sql(ctx, 'SELECT due_on FROM workflow_due_event WHERE instance_id = ?', [workflowId]);
        expect(await dueRows()).toEqual([{ due_on: '2025-01-01' }]);
        const scheduler = ctx.app.get(DueEventsScheduler);

        if (postgres) {
          // The other instance holds the lease (as while it scans): this one's tick is skipped and fires nothing.
          const other = apps.instances[1].app.get(Db);
          let entered!: () => void;
          let finish!: () => void;
          const holding = new Promise<void>((resolve) => (entered = resolve));
          const held = other.underLease(ADVISORY_LOCKS.dueEvents, async () => {
            entered();
            await new Promise<void>((resolve) => (finish = resolve));
            return 'scanned';
          });
          await holding;
          expect(await scheduler.tick()).toEqual({ scanned: false, fired: 0 });
          expect(await dueRows()).toEqual([{ due_on: '2025-01-01' }]);
          finish();
          expect(await held).toEqual({ held: true, value: 'scanned' });
        }

        // Nobody else holds it: the tick takes the lease, scans and fires the due event.
        expect(await scheduler.tick()).toEqual({ scanned: true, fired: 1 });
        expect(await dueRows()).toEqual([]);
        const history = await getHistory(ctx, workflowId);
        expect(history[history.length - 1]).toMatchObject({
          eventType: 'EXIT_TOOK_EFFECT',
          toState: 'exited',
          legalDate: '2025-01-01',
        });
        expect((await verifyWorkflow(ctx, workflowId)).ok).toBe(true);
        // The lease was given back: the next tick (of any instance) takes it again, and finds nothing due.
        const last = apps.instances[apps.instances.length - 1].app.get(DueEventsScheduler);
        expect(await last.tick()).toEqual({ scanned: true, fired: 0 });
      },
    );
  });
});
