import * as fs from 'fs';
import * as path from 'path';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import * as sqlite3 from 'sqlite3';
import { createActor, type AnyMachineSnapshot } from 'xstate';
import { AppModule } from '../../src/app.module';
import { TokenService } from '../../src/auth/token.service';
import { CollaborationService } from '../../src/collaboration/collaboration.service';
import { MembershipService } from '../../src/collaboration/membership.service';
import { canonicalJson } from '../../src/common/canonical-json';
import { openDataSource } from '../../src/database/data-source';
import { Db } from '../../src/database/db';
import type { Actor } from '../../src/workflow/actor';
import { WorkflowEngine } from '../../src/workflow/engine/workflow-engine.service';
import { hashRow, type HashedRow } from '../../src/workflow/log/transition-hash';
import { MachineRegistry } from '../../src/workflow/machine-registry';
import type { VerifyRunProblem, VerifyScope } from '../../src/workflow/verify/database-checks';
import type { VerifyRunReport } from '../../src/workflow/verify/verify-run.types';
import { VerifyRunService } from '../../src/workflow/verify/verify-run.service';
import { ALL_CODES } from './kit';
import { createTestDatabase, testConfig, type TestDatabase } from './kit/database';

/**
 * Tampering with a real database, on SQLite (`npx jest`) and on PostgreSQL (`jest.pg.config.js`): a log of more than
 * 10 000 transitions over 54 workflows, written by the engine (real, replayable transitions of the membership and
 * collaboration machines), then, on a fresh copy of it for each case, one kind of tampering done from outside the
 * service (a separate sqlite3 connection; plain SQL on PostgreSQL), and the whole-database verify must name the
 * workflow, the seq and the kind. Two cases are consistent rewrites that the hash chain cannot see by design: those
 * tests document that only a signed checkpoint (built separately) can find them.
 */
const COLLABORATIONS = ['tamper-a', 'tamper-b', 'tamper-c', 'tamper-d', 'tamper-e', 'tamper-f'];
const EVENTS_PER_MEMBERSHIP = 210; // genesis + 4 set-up events + 205 COUNCIL_INFORMED

jest.setTimeout(300_000);

/** A copy of the built database that one case tampers with and verifies. */
interface Copy {
  url: string;
  /** Runs statements outside the service: a separate sqlite3 connection, or a pg client. `?` placeholders. */
  exec(statements: Array<[string, unknown[]?]>): Promise<void>;
  all(sql: string, params?: unknown[]): Promise<any[]>;
  drop(): Promise<void>;
}

let base: TestDatabase;
let target: string; // the membership workflow every case tampers with
let targetSlug: string;
let totalRows = 0;
let totalWorkflows = 0;
let copies = 0;

async function build(): Promise<void> {
  base = await createTestDatabase('tamper');
  const app: INestApplicationContext = await NestFactory.createApplicationContext(
    AppModule.forRoot(testConfig(base.url)),
    { logger: false },
  );
  try {
    const tokens = app.get(TokenService);
    const { token } = await tokens.create('admin', null, 'tampering');
    const admin = (await tokens.authenticate(token)) as Actor;
    const memberships = app.get(MembershipService);
    const workflows: string[] = [];
    for (const slug of COLLABORATIONS) {
      await app
        .get(CollaborationService)
        .create(
          { slug, name: slug, parties: ALL_CODES, declarationVersion: 'v1', declarationEffectiveDate: '2024-01-01' },
          admin,
        );
      for (const code of ALL_CODES) {
        const record = (body: Record<string, unknown>) => memberships.recordMembershipEvent(slug, code, body, admin);
        await record({ type: 'FULLMAKTIGE_ADOPTED_DECLARATION', decision: { organ: 'KF', date: '2023-11-29' } });
        await record({ type: 'KSO_SIGNED', signedOn: '2023-12-08', signatory: { name: 'KSO', office: 'KSO' } });
        await record({
          type: 'FULLMAKTIGE_REQUESTED_EXIT',
          decision: { organ: 'KF', date: '2025-01-15' },
          desiredExitDate: '2099-12-31',
        });
        const view: any = await record({ type: 'EXIT_NOTICE_DELIVERED', arrivedAt: '2025-01-20T10:00:00+01:00' });
        workflows.push(view.workflowId);
      }
    }
    // The bulk of the log: many engine sends per transaction (as the benchmark's builder), each a real transition.
    const engine = app.get(WorkflowEngine);
    for (let i = 5; i < EVENTS_PER_MEMBERSHIP; i += 5) {
      await engine.transaction(async (wtx) => {
        for (const id of workflows)
          for (let k = 0; k < 5 && i + k < EVENTS_PER_MEMBERSHIP; k++) {
            const day = String(1 + ((i + k) % 28)).padStart(2, '0');
            await wtx.send(id, { type: 'COUNCIL_INFORMED', informedOn: `2025-02-${day}` }, admin);
          }
      });
    }
    target = workflows[17];
    targetSlug = COLLABORATIONS[2];
    totalWorkflows = workflows.length + COLLABORATIONS.length;
    totalRows = workflows.length * EVENTS_PER_MEMBERSHIP + COLLABORATIONS.length;
  } finally {
    await app.close();
  }
}

async function copyOf(): Promise<Copy> {
  const n = ++copies;
  if (base.kind === 'sqlite') {
    const from = base.url.slice('sqlite:'.length);
    const file = path.join(path.dirname(from), `copy-${n}.sqlite`);
    fs.copyFileSync(from, file);
    const open = () => new sqlite3.Database(file);
    return {
      url: `sqlite:${file}`,
      async exec(statements) {
        // A connection of its own, foreign keys off (sqlite3's default): what someone with the file can do.
        const db = open();
        try {
          for (const [sql, params = []] of statements)
            await new Promise<void>((res, rej) => db.run(sql, params, (e) => (e ? rej(e) : res())));
        } finally {
          await new Promise<void>((res) => db.close(() => res()));
        }
      },
      async all(sql, params = []) {
        const db = open();
        try {
          return await new Promise<any[]>((res, rej) => db.all(sql, params, (e, rows) => (e ? rej(e) : res(rows))));
        } finally {
          await new Promise<void>((res) => db.close(() => res()));
        }
      },
      async drop() {
        for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
      },
    };
  }
  const baseUrl = new URL(base.url);
  const baseName = baseUrl.pathname.slice(1);
  const name = `${baseName}_c${n}`;
  const admin = new Client({ connectionString: base.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${baseName}`);
  await admin.end();
  const u = new URL(base.url);
  u.pathname = `/${name}`;
  const pgParams = (sql: string) => {
    let i = 0;
    return sql.replace(/\?/g, () => `$${++i}`);
  };
  const withClient = async <T>(work: (c: Client) => Promise<T>): Promise<T> => {
    const c = new Client({ connectionString: u.toString() });
    await c.connect();
    try {
      // Foreign keys off for this session, as an owner of the database can do.
      await c.query("SET session_replication_role = 'replica'");
      return await work(c);
    } finally {
      await c.end();
    }
  };
  return {
    url: u.toString(),
    exec: (statements) =>
      withClient(async (c) => {
        for (const [sql, params = []] of statements) await c.query(pgParams(sql), params);
      }),
    all: (sql, params = []) => withClient(async (c) => (await c.query(pgParams(sql), params)).rows),
    async drop() {
      const c = new Client({ connectionString: base.url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The whole-database verify (or another scope) of a copy, through the service's own code. */
async function verify(url: string, scope: VerifyScope = { kind: 'database' }, workers = 0): Promise<VerifyRunReport> {
  const ds = await openDataSource(url, 'NORMAL');
  const db = new Db(ds);
  const service = new VerifyRunService(db, new MachineRegistry());
  try {
    return await service.run(scope, { workers });
  } finally {
    await service.onModuleDestroy();
    await db.close();
    await ds.destroy();
  }
}

/** Tampers with a fresh copy, verifies it, and drops it. */
async function tampered(
  tamper: (copy: Copy) => Promise<void>,
  scope?: VerifyScope,
  workers = 0,
): Promise<VerifyRunReport> {
  const copy = await copyOf();
  try {
    await tamper(copy);
    return await verify(copy.url, scope, workers);
  } finally {
    await copy.drop();
  }
}

const problem = (kind: string, seq: number | null): Partial<VerifyRunProblem> => ({ workflowId: target, kind, seq });

/** Only the target workflow failed, and its first problem is this one. */
function expectOnlyTarget(report: VerifyRunReport, first: Partial<VerifyRunProblem>): void {
  expect(report.ok).toBe(false);
  expect(report.failedWorkflows.map((f) => f.workflowId)).toEqual([target]);
  expect(report.failedWorkflows[0].first).toMatchObject(first);
  expect(report.problems[0]).toMatchObject(first);
}

const LOG = 'workflow_transition';
const where = `instance_id = ? AND seq`;

describe('tampering with the database file is found by verify', () => {
  beforeAll(build);
  afterAll(async () => base && (await base.drop()));

  it(`an untouched database of ${EVENTS_PER_MEMBERSHIP * 48 + 6} rows verifies clean, in worker threads and in-thread`, async () => {
    expect(totalRows).toBeGreaterThanOrEqual(10_000);
    const inThread = await verify(base.url);
    expect(inThread).toMatchObject({
      ok: true,
      problemCount: 0,
      counts: { workflows: totalWorkflows, rows: totalRows },
      execution: { mode: 'in-thread', threads: 1 },
    });
    const workers = await verify(base.url, { kind: 'database' }, 2);
    expect(workers).toMatchObject({
      ok: true,
      counts: { workflows: totalWorkflows, rows: totalRows },
      execution: { mode: 'workers', threads: 2 },
    });
  });

  it('one changed byte in a payload: HASH_MISMATCH at its seq (worker threads)', async () => {
    const report = await tampered(
      (c) =>
        c.exec([
          [`UPDATE ${LOG} SET payload = replace(payload, '2025-02-', '2025-03-') WHERE ${where} = 100`, [target]],
        ]),
      { kind: 'database' },
      2,
    );
    expectOnlyTarget(report, problem('HASH_MISMATCH', 100));
    expect(report.execution.mode).toBe('workers');
  });

  it('a separator byte written into a value: the row is read again column by column and HASH_MISMATCH named', async () => {
    const chr = base.kind === 'sqlite' ? 'char' : 'chr';
    const report = await tampered(
      (c) => c.exec([[`UPDATE ${LOG} SET actor_id = actor_id || ${chr}(31) WHERE ${where} = 42`, [target]]]),
      { kind: 'database' },
      1,
    );
    expectOnlyTarget(report, problem('HASH_MISMATCH', 42));
    expect(report.problemCount).toBe(1);
  });

  it('a deleted middle row: MISSING_ROW at its seq', async () => {
    const report = await tampered((c) => c.exec([[`DELETE FROM ${LOG} WHERE ${where} = 120`, [target]]]));
    expectOnlyTarget(report, problem('MISSING_ROW', 120));
  });

  it('two rows reordered (their seqs swapped): found at the first of them', async () => {
    const report = await tampered((c) =>
      c.exec([
        [`UPDATE ${LOG} SET seq = -1 WHERE ${where} = 60`, [target]],
        [`UPDATE ${LOG} SET seq = 60 WHERE ${where} = 61`, [target]],
        [`UPDATE ${LOG} SET seq = 61 WHERE ${where} = -1`, [target]],
      ]),
    );
    expectOnlyTarget(report, problem('HASH_MISMATCH', 60));
    expect(report.problems).toEqual(expect.arrayContaining([expect.objectContaining(problem('CHAIN_BROKEN', 60))]));
  });

  it('a truncated tail: HEAD_MISMATCH (the head names a version the log no longer has)', async () => {
    const report = await tampered((c) => c.exec([[`DELETE FROM ${LOG} WHERE ${where} > 150`, [target]]]));
    expectOnlyTarget(report, problem('HEAD_MISMATCH', EVENTS_PER_MEMBERSHIP - 1));
  });

  it('rows of the start gone (seq 0 missing): MISSING_ROW at seq 0', async () => {
    const report = await tampered((c) => c.exec([[`DELETE FROM ${LOG} WHERE ${where} < 3`, [target]]]));
    expectOnlyTarget(report, problem('MISSING_ROW', 0));
  });

  it('log rows without a head: ORPHAN_ROWS from their first seq', async () => {
    const report = await tampered((c) => c.exec([['DELETE FROM workflow_instance WHERE id = ?', [target]]]));
    expectOnlyTarget(report, problem('ORPHAN_ROWS', 0));
    // The table checks (issue 10 §2) name the same workflow once more: the membership row points at a workflow that
    // has no head.
    expect(report.problems.map((p) => p.kind)).toEqual(['ORPHAN_ROWS', expect.stringMatching(/MISMATCH|MISSING/)]);
    expect(report.problems.every((p) => p.workflowId === target || p.message.includes(target))).toBe(true);
    expect(report.counts.workflows).toBe(totalWorkflows - 1);
    // Its collaboration's verify finds it too: the membership row still names the workflow.
    const scoped = await tampered((c) => c.exec([['DELETE FROM workflow_instance WHERE id = ?', [target]]]), {
      kind: 'collaboration',
      slug: targetSlug,
    });
    expectOnlyTarget(scoped, problem('ORPHAN_ROWS', 0));
  });

  it('a head without any rows: HEAD_WITHOUT_ROWS', async () => {
    const report = await tampered((c) => c.exec([[`DELETE FROM ${LOG} WHERE instance_id = ?`, [target]]]));
    expectOnlyTarget(report, problem('HEAD_WITHOUT_ROWS', 0));
    expect(report.counts.rows).toBe(totalRows - EVENTS_PER_MEMBERSHIP);
  });

  it("a collaboration's verify covers its workflows only", async () => {
    const edit = (c: Copy) => c.exec([[`UPDATE ${LOG} SET actor_role = 'auditor' WHERE ${where} = 7`, [target]]]);
    const mine = await tampered(edit, { kind: 'collaboration', slug: targetSlug }, 2);
    expectOnlyTarget(mine, problem('HASH_MISMATCH', 7));
    expect(mine.counts).toEqual({ workflows: 9, rows: 8 * EVENTS_PER_MEMBERSHIP + 1 });
    const other = await tampered(edit, { kind: 'collaboration', slug: COLLABORATIONS[0] });
    expect(other).toMatchObject({ ok: true, counts: { workflows: 9 } });
  });

  // ---- consistent rewrites: the chain is intact after them, so the log checks cannot see them (by design).

  it('NOT SEEN BY THE CHAIN: a tail truncated with its head adjusted to match verifies clean; only a signed checkpoint finds it', async () => {
    const keep = 150;
    const report = await tampered(async (c) => {
      const rows = await c.all(
        `SELECT seq, event_type AS "eventType", payload, to_state AS "toState", hash FROM ${LOG} WHERE instance_id = ? AND seq <= ? ORDER BY seq`,
        [target, keep],
      );
      const [head] = await c.all('SELECT machine_id AS m, machine_version AS v FROM workflow_instance WHERE id = ?', [
        target,
      ]);
      // The snapshot the shortened log replays to, as anyone with the machine's code can compute it.
      const machine = new MachineRegistry().get(head.m, Number(head.v)).machine;
      const actor = createActor(machine, { input: JSON.parse(rows[0].payload) }).start();
      for (const r of rows.slice(1)) actor.send({ ...JSON.parse(r.payload), type: r.eventType });
      const snapshot = canonicalJson(machine.getPersistedSnapshot(actor.getSnapshot() as AnyMachineSnapshot));
      actor.stop();
      const last = rows[rows.length - 1];
      await c.exec([
        [`DELETE FROM ${LOG} WHERE ${where} > ?`, [target, keep]],
        [
          'UPDATE workflow_instance SET version = ?, last_hash = ?, state = ?, snapshot = ? WHERE id = ?',
          [keep, last.hash, last.toState, snapshot, target],
        ],
      ]);
    });
    expect(report).toMatchObject({ ok: true, problemCount: 0 });
    expect(report.counts.rows).toBe(totalRows - (EVENTS_PER_MEMBERSHIP - 1 - keep));
  });

  it('NOT SEEN BY THE CHAIN: a row rewritten (date and actor) with every later hash recomputed and the head fixed verifies clean; only a signed checkpoint finds it', async () => {
    const report = await tampered(async (c) => {
      const rows: Array<HashedRow & { hash: string }> = (
        await c.all(
          `SELECT instance_id AS "instanceId", seq, event_type AS "eventType", payload, actor_id AS "actorId",
             actor_role AS "actorRole", actor_municipality AS "actorMunicipality", recorded_at AS "recordedAt",
             legal_date AS "legalDate", from_state AS "fromState", to_state AS "toState", machine_id AS "machineId",
             machine_version AS "machineVersion", idempotency_key AS "idempotencyKey", request_hash AS "requestHash",
             prev_hash AS "prevHash", hash FROM ${LOG} WHERE instance_id = ? AND seq >= 99 ORDER BY seq`,
          [target],
        )
      ).map((r) => ({ ...r, seq: Number(r.seq), machineVersion: Number(r.machineVersion) }));
      const statements: Array<[string, unknown[]]> = [];
      let prev = rows[0].hash;
      for (const row of rows.slice(1)) {
        if (row.seq === 100) Object.assign(row, { recordedAt: '2024-06-01T08:00:00.000Z', actorId: 'forger' });
        row.prevHash = prev;
        row.hash = hashRow(row);
        prev = row.hash;
        statements.push([
          `UPDATE ${LOG} SET recorded_at = ?, actor_id = ?, prev_hash = ?, hash = ? WHERE ${where} = ?`,
          [row.recordedAt, row.actorId, row.prevHash, row.hash, target, row.seq],
        ]);
      }
      statements.push(['UPDATE workflow_instance SET last_hash = ? WHERE id = ?', [prev, target]]);
      await c.exec(statements);
      const [forged] = await c.all(`SELECT actor_id AS a FROM ${LOG} WHERE ${where} = 100`, [target]);
      expect(forged.a).toBe('forger');
    });
    expect(report).toMatchObject({ ok: true, problemCount: 0 });
  });
});
