import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { backupSqlite, restoreSqlite } from '../../src/cli/sqlite-backup';
import { verifyAll } from '../../src/cli/verify-all';
import { CollaborationService } from '../../src/collaboration/collaboration.service';
import { MembershipService } from '../../src/collaboration/membership.service';
import { openDataSource } from '../../src/database/data-source';
import { Db } from '../../src/database/db';
import type { Actor } from '../../src/workflow/actor';
import { MachineRegistry } from '../../src/workflow/machine-registry';
import { VerifyService } from '../../src/workflow/verify/verify.service';
import { ALL_CODES } from '../e2e/kit/harness';
import { useMediumApp } from './kit';

/** Eight memberships leaving, so that COUNCIL_INFORMED can be recorded on each again and again. */
async function leavingMemberships(ctx: ReturnType<typeof useMediumApp>, slug: string, admin: Actor) {
  const memberships = ctx.get(MembershipService);
  await ctx.get(CollaborationService).create(
    {
      slug,
      name: `Samverkan ${slug}`,
      parties: ALL_CODES,
      declarationVersion: 'v1',
      declarationEffectiveDate: '2024-01-01',
    },
    admin,
  );
  const record = (code: string, body: Record<string, unknown>) =>
    memberships.recordMembershipEvent(slug, code, body, admin);
  for (const code of ALL_CODES) {
    await record(code, { type: 'FULLMAKTIGE_ADOPTED_DECLARATION', decision: { organ: 'KF', date: '2023-11-29' } });
    await record(code, { type: 'KSO_SIGNED', signedOn: '2023-12-08', signatory: { name: 'KSO', office: 'KSO' } });
    await record(code, {
      type: 'FULLMAKTIGE_REQUESTED_EXIT',
      decision: { organ: 'KF', date: '2025-01-15' },
      desiredExitDate: '2099-12-31',
    });
    await record(code, { type: 'EXIT_NOTICE_DELIVERED', arrivedAt: '2025-01-20T10:00:00+01:00' });
  }
  return (code: string) => record(code, { type: 'COUNCIL_INFORMED', informedOn: '2025-02-01' });
}

/** verifyAll on a database file of its own (what `npm run cli -- verify --all` does). */
async function verifyFile(file: string) {
  const ds = await openDataSource(`sqlite:${file}`, 'NORMAL');
  const db = new Db(ds);
  try {
    const result = await verifyAll(db, new VerifyService(db, new MachineRegistry()));
    const transitions = Number((await ds.query('SELECT COUNT(*) AS n FROM workflow_transition'))[0].n);
    return { ...result, transitions };
  } finally {
    await db.close();
    await ds.destroy();
  }
}

// Backup and restore of the SQLite database (src/cli/sqlite-backup.ts, `npm run cli -- backup|restore`): an online
// backup while writes go on is one consistent snapshot, and its restore verifies clean. PostgreSQL has pg_dump.
// SQLite only: jest.pg.config.js leaves this file out (PostgreSQL's backup is pg_dump, tested in test/e2e/cli.e2e-spec.ts).
describe('backup and restore (SQLite)', () => {
  const ctx = useMediumApp();
  let dir: string;
  let informed: (code: string) => Promise<unknown>;
  const liveFile = () => (ctx.dataSource.options as { database: string }).database;
  // Committed rows only (the read-only connection): a plain query on the writer's connection would see a group's.
  const transitions = async () =>
    Number((await ctx.get(Db).lookup<{ n: number }>('SELECT COUNT(*) AS n FROM workflow_transition', []))[0].n);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-backup-'));
    informed = await leavingMemberships(ctx, 'backup', await ctx.actor('admin'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a backup taken while eight writers go on restores into a new file that verifies clean', async () => {
    let stop = false;
    let written = 0;
    const writers = ALL_CODES.map(async (code) => {
      while (!stop) {
        await informed(code);
        written++;
      }
    });
    try {
      while (written < 40) await new Promise((r) => setTimeout(r, 5));
      const atStart = await transitions();
      const backup = await backupSqlite(liveFile(), path.join(dir, 'during-writes.sqlite'));
      const atEnd = await transitions();
      const before = written;
      while (written < before + 40) await new Promise((r) => setTimeout(r, 5));
      expect(backup).toMatchObject({ path: path.join(dir, 'during-writes.sqlite'), workflows: 9 });
      expect(backup.bytes).toBeGreaterThan(0);
      expect(fs.readdirSync(dir)).toEqual(['during-writes.sqlite']); // no partial file left beside it

      const restoredFile = path.join(dir, 'restored', 'samverkan.sqlite');
      const restored = await restoreSqlite(backup.path, restoredFile, { force: false });
      expect(restored.workflows).toBe(9);
      const verified = await verifyFile(restoredFile);
      expect(verified).toMatchObject({ workflows: 9, failed: [] });
      // One snapshot: everything committed before the backup began, nothing after it ended.
      expect(verified.transitions).toBeGreaterThanOrEqual(atStart);
      expect(verified.transitions).toBeLessThanOrEqual(atEnd);
    } finally {
      stop = true;
      await Promise.all(writers);
    }
    expect(await transitions()).toBeGreaterThan(0);
  });

  it('a backup never overwrites a file; restore refuses the running database, and one with data without force', async () => {
    const backup = path.join(dir, 'second.sqlite');
    await backupSqlite(liveFile(), backup);
    await expect(backupSqlite(liveFile(), backup)).rejects.toThrow(/exists; a backup never overwrites/);
    await expect(restoreSqlite(backup, liveFile(), { force: true })).rejects.toThrow(
      /open in another process \(the service\?\): stop it first/,
    );
    const other = path.join(dir, 'other.sqlite');
    await restoreSqlite(backup, other, { force: false });
    await expect(restoreSqlite(backup, other, { force: false })).rejects.toThrow(/has data; give --force/);
    await restoreSqlite(backup, other, { force: true });
    expect((await verifyFile(other)).failed).toEqual([]);
    // Not a backup of this service.
    const stray = path.join(dir, 'stray.txt');
    fs.writeFileSync(stray, 'not a database');
    await expect(restoreSqlite(stray, path.join(dir, 'x.sqlite'), { force: false })).rejects.toThrow();
    await expect(restoreSqlite(path.join(dir, 'absent.sqlite'), other, { force: true })).rejects.toThrow(/No backup/);
  });
});

// verify over every workflow (`npm run cli -- verify --all`), on both databases.
describe('verifyAll', () => {
  const ctx = useMediumApp();

  it('verifies every workflow instance; a tampered row is reported with its workflow', async () => {
    const admin = await ctx.actor('admin');
    const informed = await leavingMemberships(ctx, 'verify-all', admin);
    await Promise.all(ALL_CODES.map((code) => informed(code)));
    const verifier = ctx.get(VerifyService);
    const db = ctx.get(Db);
    expect(await verifyAll(db, verifier)).toEqual({ workflows: 9, failed: [] });
    const [row] = await ctx.sql(
      "SELECT t.instance_id AS id FROM workflow_transition t WHERE t.event_type = 'COUNCIL_INFORMED' ORDER BY t.instance_id",
    );
    await ctx.sql("UPDATE workflow_transition SET legal_date = '2025-02-02' WHERE instance_id = ? AND event_type = ?", [
      row.id,
      'COUNCIL_INFORMED',
    ]);
    const result = await verifyAll(db, verifier);
    expect(result.workflows).toBe(9);
    expect(result.failed.map((r) => r.workflowId)).toEqual([row.id]);
    expect(result.failed[0].firstDivergence).toMatchObject({ kind: 'HASH_MISMATCH' });
  });
});
