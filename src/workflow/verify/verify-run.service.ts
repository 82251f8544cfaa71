import { Inject, Injectable, Optional, type OnModuleDestroy } from '@nestjs/common';
import { notFound } from '../../common/errors';
import { Db, type SnapshotQuery } from '../../database/db';
import { logSql } from '../log/log-sql';
import { MachineRegistry } from '../machine-registry';
import { collaborationExists, workflowsOfCollaboration } from './collaboration-workflows';
import { DATABASE_CHECKS, type DatabaseCheck, type DatabaseCheckContext, type VerifyScope } from './database-checks';
import { ProblemCollector } from './problem-collector';
import { replayOne } from './replay-one';
import { runSql, type RunSql } from './run-sql';
import { defaultWorkerCount, ShardPool } from './shard-pool';
import type { BatchResult, Segment } from './shard-verifier';
import type { VerifyProgress, VerifyRunOptions, VerifyRunReport } from './verify-run.types';

/** Log rows read per statement of a run. */
const RUN_CHUNK_ROWS = 5_000;
/** Workflow ids per statement when the scope is a list of workflows. */
const IDS_PER_STATEMENT = 500;

/** A workflow being read: its shard, or -1 for rows without a head (counted, not replayed). */
interface Current {
  id: string;
  shard: number;
  segment: Segment | null;
  orphanRows: number;
  firstSeq: number;
}

/**
 * Verify of a scope (one workflow, a collaboration, the whole database) in one consistent snapshot (Db.snapshot):
 * the calling thread reads the log in the order of its index, hands each workflow whole to one shard (a worker
 * thread; shard-pool.ts), finds rows without a head and heads without rows, and then runs every check of
 * database-checks.ts on the same snapshot. The API (verify-jobs.service.ts), the CLI and the benchmark all use this.
 */
@Injectable()
export class VerifyRunService implements OnModuleDestroy {
  /** The worker threads of the last run, kept for the next (starting them costs seconds when run from the sources). */
  private idle: ShardPool | null = null;

  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly registry: MachineRegistry,
    @Optional() @Inject('VERIFY_DATABASE_CHECKS') private readonly checks: DatabaseCheck[] = DATABASE_CHECKS,
  ) {}

  async run(scope: VerifyScope, options: VerifyRunOptions = {}): Promise<VerifyRunReport> {
    const startedAt = new Date();
    const t0 = performance.now();
    const limit = options.problemLimit ?? 1000;
    const { dataSource, dialect } = this.db;
    const sql = runSql(dataSource, dialect);
    const problems = new ProblemCollector(limit);
    return this.db.snapshot(async (query) => {
      const ids = await this.idsOf(scope, query);
      const batches: Array<string[]> = ids ? chunks(ids, IDS_PER_STATEMENT) : [[]];
      const { rowsTotal, workflowsTotal } = await this.countScope(query, sql, batches);
      const progress: VerifyProgress = { rowsDone: 0, rowsTotal, workflowsDone: 0, workflowsTotal, elapsedMs: 0 };
      const repack: string[] = [];
      const onResult = (r: BatchResult) => {
        progress.rowsDone += r.rows;
        progress.workflowsDone += r.finished;
        progress.elapsedMs = performance.now() - t0;
        for (const f of r.failed)
          if (f.repack) repack.push(f.workflowId);
          else problems.addWorkflow(f);
        options.onProgress?.({ ...progress });
      };
      const pool = await this.poolFor(sql, options.workers ?? defaultWorkerCount(), onResult);
      const orphans = new Set<string>();
      let finished = false;
      try {
        for (const batch of batches)
          await this.readLog(query, sql, batch, pool, { problems, orphans, progress, options });
        await pool.finish();
        finished = true;
      } finally {
        await this.release(pool, finished);
      }
      await this.verifyAgain(query, repack, problems);
      for (const b of batches) await this.headsWithoutRows(query, sql, b, problems, ids !== null);
      if (ids) await this.missingWorkflows(query, sql, ids, orphans, problems);
      options.onProgress?.({ ...progress, elapsedMs: performance.now() - t0 });
      const context = { scope, workflowIds: ids, query, dialect };
      const checks = await this.runChecks(context, problems);
      const removed = await this.removedIn(context, problems);
      return {
        scope,
        ok: problems.count === 0,
        counts: { workflows: workflowsTotal, rows: rowsTotal },
        problemCount: problems.count,
        problems: problems.problems,
        problemsTruncated: problems.count > problems.problems.length,
        failedWorkflowCount: problems.failedCount,
        failedWorkflows: problems.failed,
        checks,
        removed,
        execution: { mode: pool.mode, threads: pool.size, ...(pool.note ? { note: pool.note } : {}) },
        startedAt: startedAt.toISOString(),
        durationMs: Math.round(performance.now() - t0),
      };
    });
  }

  private async countScope(query: SnapshotQuery, sql: RunSql, batches: string[][]) {
    let rowsTotal = 0;
    let workflowsTotal = 0;
    for (const b of batches) {
      rowsTotal += Number((await query<{ n: unknown }>(sql.countRows(b.length), b))[0].n);
      workflowsTotal += Number((await query<{ n: unknown }>(sql.countHeads(b.length), b))[0].n);
    }
    return { rowsTotal, workflowsTotal };
  }

  /** Workflows with a row that did not unpack: verified again here, column by column, on the same snapshot. */
  private async verifyAgain(query: SnapshotQuery, ids: string[], problems: ProblemCollector): Promise<void> {
    const single = logSql(this.db.dataSource, this.db.dialect);
    for (const id of ids) {
      const [head] = await query(single.selectHead, [id]);
      const report = await replayOne(query, single, this.registry, head);
      if (!report.ok) problems.addWorkflow({ ...report, problemCount: report.problems.length });
    }
  }

  /** Ends the kept worker threads (the service stops; the CLI is done). */
  async onModuleDestroy(): Promise<void> {
    const idle = this.idle;
    this.idle = null;
    await idle?.close();
  }

  /** The kept pool when it has the size asked for and no run is using it; else a new one. */
  private async poolFor(sql: RunSql, workers: number, onResult: (r: BatchResult) => void): Promise<ShardPool> {
    const idle = this.idle;
    if (idle && workers > 0 && idle.mode === 'workers' && idle.size === workers) {
      this.idle = null;
      if (idle.reuse(onResult)) return idle;
      await idle.close();
    }
    return ShardPool.open(this.registry, sql.columns, workers, onResult);
  }

  /** Keeps the pool of a run that finished (a stopped run leaves a workflow open in its shards: closed instead). */
  private async release(pool: ShardPool, finished: boolean): Promise<void> {
    if (!finished || pool.mode !== 'workers' || pool.failed || this.idle) return pool.close();
    pool.park();
    this.idle = pool;
  }

  /** The workflow ids of the scope, or null for every one; 404 for an unknown collaboration. */
  private async idsOf(scope: VerifyScope, query: SnapshotQuery): Promise<string[] | null> {
    if (scope.kind === 'database') return null;
    if (scope.kind === 'workflow') return [scope.workflowId];
    const { dataSource, dialect } = this.db;
    if (!(await collaborationExists(query, dataSource, dialect, scope.slug)))
      throw notFound(`Collaboration ${scope.slug}`, `Samverkan ${scope.slug}`);
    return workflowsOfCollaboration(query, dataSource, dialect, scope.slug);
  }

  /**
   * The log of the scope (or of `ids`), chunk by chunk in (instance, seq) order; the next chunk is read while the
   * shards check this one, and a shard with two batches unanswered makes the reader wait (memory stays flat).
   */
  private async readLog(
    query: SnapshotQuery,
    sql: RunSql,
    ids: string[],
    pool: ShardPool,
    run: { problems: ProblemCollector; orphans: Set<string>; progress: VerifyProgress; options: VerifyRunOptions },
  ): Promise<void> {
    const { options } = run;
    type Row = { i: string; s: unknown; r: string };
    const read = (lastId: string, lastSeq: number) =>
      query<Row>(sql.rowsAfter(ids.length), [...ids, lastId, lastSeq, RUN_CHUNK_ROWS]);
    const at: { current: Current | null } = { current: null };
    const close = () => {
      const current = at.current;
      if (current && current.shard < 0) orphanRows(current, run);
    };
    let next: Promise<Row[]> | null = read('', -1);
    while (next) {
      const rows: Row[] = await next;
      options.signal?.throwIfAborted();
      const fresh = [...new Set(rows.filter((r) => r.i !== at.current?.id).map((r) => r.i))];
      const heads = new Map<string, Record<string, unknown>>();
      for (const part of chunks(fresh, IDS_PER_STATEMENT))
        for (const h of await query<Record<string, unknown>>(sql.heads(part.length), part))
          heads.set(h.id as string, h);
      const last = rows[rows.length - 1];
      next = rows.length === RUN_CHUNK_ROWS ? read(last.i, Number(last.s)) : null;
      const perShard = new Map<number, Segment[]>();
      if (at.current) at.current.segment = null;
      for (const row of rows) {
        let current = at.current;
        if (row.i !== current?.id) {
          close();
          const head = heads.get(row.i);
          current = at.current = {
            id: row.i,
            shard: head ? pool.pick() : -1,
            segment: null,
            orphanRows: 0,
            firstSeq: Number(row.s),
          };
          if (head) current.segment = { id: row.i, head, rows: [] };
          if (current.segment) push(perShard, current.shard, current.segment);
        }
        if (current.shard < 0) {
          current.orphanRows++;
          continue;
        }
        if (!current.segment) push(perShard, current.shard, (current.segment = { id: current.id, rows: [] }));
        current.segment.rows.push(row.r);
      }
      for (const [shard, segments] of perShard) await pool.send(shard, segments);
    }
    close();
  }

  private async headsWithoutRows(
    query: SnapshotQuery,
    sql: RunSql,
    ids: string[],
    problems: ProblemCollector,
    scoped: boolean,
  ): Promise<void> {
    if (scoped && !ids.length) return;
    for (const { id } of await query<{ id: string }>(sql.headsWithoutRows(ids.length), ids)) {
      problems.add({
        workflowId: id,
        seq: 0,
        kind: 'HEAD_WITHOUT_ROWS',
        message: 'The head (workflow_instance row) has no log rows at all: the workflow cannot be replayed.',
        table: 'workflow_instance',
        rowId: id,
      });
    }
  }

  /** Workflows a module row names (a collaboration's) that have neither a head nor a log row. */
  private async missingWorkflows(
    query: SnapshotQuery,
    sql: RunSql,
    ids: string[],
    orphans: Set<string>,
    problems: ProblemCollector,
  ): Promise<void> {
    const found = new Set<string>();
    for (const part of chunks(ids, IDS_PER_STATEMENT))
      for (const { id } of await query<{ id: string }>(sql.headIds(part.length), part)) found.add(id);
    for (const id of ids) {
      if (found.has(id) || orphans.has(id)) continue;
      problems.add({
        workflowId: id,
        seq: null,
        kind: 'MISSING_WORKFLOW',
        message: 'A record of the collaboration names this workflow, but it has neither a head nor a log row.',
      });
    }
  }

  /** Every check of database-checks.ts, in order, on the run's snapshot; a check that fails is itself a problem. */
  private async runChecks(
    context: DatabaseCheckContext,
    problems: ProblemCollector,
  ): Promise<VerifyRunReport['checks']> {
    const results: VerifyRunReport['checks'] = [];
    for (const check of this.checks) {
      let found;
      try {
        found = await check.run(context);
      } catch (error) {
        found = [
          { workflowId: null, seq: null, kind: 'CHECK_FAILED', message: `${check.name}: ${(error as Error).message}` },
        ];
      }
      for (const p of found) problems.add(p);
      results.push({ name: check.name, problemCount: found.length });
    }
    return results;
  }

  /** What the checks found removed under a logged gallring; a check that fails here is a problem too. */
  private async removedIn(context: DatabaseCheckContext, problems: ProblemCollector) {
    const removed: VerifyRunReport['removed'] = [];
    for (const check of this.checks) {
      try {
        if (check.removed) removed.push(...(await check.removed(context)));
      } catch (error) {
        problems.add({
          workflowId: null,
          seq: null,
          kind: 'CHECK_FAILED',
          message: `${check.name}: ${(error as Error).message}`,
        });
      }
    }
    return removed;
  }
}

/** Log rows of a workflow without a head: counted and reported once, never replayed. */
function orphanRows(
  current: Current,
  run: { problems: ProblemCollector; orphans: Set<string>; progress: VerifyProgress },
) {
  run.orphans.add(current.id);
  run.progress.rowsDone += current.orphanRows;
  run.problems.add({
    workflowId: current.id,
    seq: current.firstSeq,
    kind: 'ORPHAN_ROWS',
    message: `${current.orphanRows} log row(s) from seq ${current.firstSeq} on have no head (workflow_instance row).`,
    table: 'workflow_transition',
  });
}

function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
