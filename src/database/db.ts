import type { DataSource } from 'typeorm';
import { dialectOf, isSqlite, type Dialect } from './dialect';
import { GroupCommit, MAX_GROUP_COMMIT, MAX_ROWS_PER_STATEMENT, type WriteUnit } from './group-commit';
import { openReads, type ReadStatements } from './read-pool';
import { mainConnectionStatements, ReadConnection, type StatementCache } from './sqlite-statements';
import { directHooks, ManagerTx, type SharedRead, type Tx, type WriteHint } from './tx';

export type { SharedRead, StagedWrite, Tx, WriteHint } from './tx';
export { isUniqueViolation } from './dialect';
export { MAX_GROUP_COMMIT } from './group-commit';

/**
 * The PostgreSQL advisory locks this service takes, as (namespace, key) pairs: one namespace for the service, so that
 * another application's locks in the same database cannot collide with them, and one key per use.
 */
export const ADVISORY_LOCK_NAMESPACE = 0x53616d76; // 'Samv'
export const ADVISORY_LOCKS = {
  /** Held while one process runs the migrations at start-up (data-source.ts). */
  migrations: 1,
  /** The due-event scheduler's lease: one process scans at a time (DueEventsScheduler). */
  dueEvents: 2,
  // Signed checkpoints of the log (h-checkpoint): one process makes a checkpoint at a time (CheckpointService).
  checkpoints: 3,
} as const;

/** What `Db.underLease` answers: the work's value when this process held the lease, or that another one held it. */
export type LeaseOutcome<T> = { held: true; value: T } | { held: false };

/** A statement of a `Db.snapshot` read: its rows. */
export type SnapshotQuery = <R = Record<string, unknown>>(sql: string, params: unknown[]) => Promise<R[]>;

interface SharedReadState {
  running: boolean;
  waiting: Map<
    string,
    Array<{ resolve: (row: Record<string, unknown> | undefined) => void; reject: (error: unknown) => void }>
  >;
}

/**
 * The database as the services see it: units of work that read and write through the `Tx` they are given.
 * - `write`: one transaction; all of it commits or nothing. On SQLite, concurrent writes share a transaction and
 *   a COMMIT (GroupCommit), so a unit may run more than once; it is repeatable because it only uses its Tx.
 * - `read`: a consistent read (never another request's uncommitted rows).
 * - `snapshot`: a long consistent read of committed data beside the writes (verify).
 * - `lookup`: one statement of committed data, prepared, on a read connection (the hot GETs); `lookupShared`: such
 *   reads batched (token lookups).
 * SQLite's driver holds one writing connection, so its units never overlap: they run under an in-process queue. On
 * PostgreSQL the pool and the constraints (unique seq, compare-and-set) do the work.
 */
export class Db {
  readonly dialect: Dialect;
  readonly serialised: boolean;
  private tail: Promise<unknown> = Promise.resolve();
  /** The group of write units waiting for the connection; units that arrive now join it. */
  private open: WriteUnit[] | null = null;
  private readonly statements: StatementCache;
  private readonly groups: GroupCommit;
  /** One-statement reads beside the writes (read-pool.ts); undefined until the first, null for in-memory SQLite. */
  private reads: ReadStatements | null | undefined = undefined;
  private readonly shared = new Map<SharedRead, SharedReadState>();

  constructor(readonly dataSource: DataSource) {
    this.serialised = isSqlite(dataSource);
    this.dialect = dialectOf(dataSource);
    this.statements = mainConnectionStatements(dataSource);
    this.groups = new GroupCommit(dataSource, this.dialect, this.statements);
  }

  /** Write groups committed and the units in them (SQLite), for the benchmark's figures. */
  get groupStats(): { groups: number; units: number; retries: number } {
    return this.groups.stats;
  }

  /**
   * One database transaction: everything inside commits together or nothing is written. `hint` names a row the work
   * will read, so that a group reads all of them at once.
   */
  write<T>(work: (tx: Tx) => Promise<T>, hint?: WriteHint): Promise<T> {
    if (!this.serialised) {
      return this.dataSource.transaction((m) =>
        work(new ManagerTx(m, this.dialect, directHooks(m, { readOnly: false }))),
      );
    }
    return new Promise<T>((resolve, reject) => {
      if (!this.open || this.open.length >= MAX_GROUP_COMMIT) {
        const group: WriteUnit[] = [];
        this.open = group;
        void this.queue(() => {
          if (this.open === group) this.open = null; // from here on, new units form the next group
          return this.groups.run(group);
        });
      }
      this.open.push({ work: work as WriteUnit['work'], hint, resolve: resolve as (v: unknown) => void, reject });
    });
  }

  /** A consistent read (never sees another request's uncommitted rows on SQLite). */
  read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const m = this.dataSource.manager;
    return this.queue(() => work(new ManagerTx(m, this.dialect, directHooks(m, { readOnly: true }))));
  }

  /**
   * One statement reading committed data, as a prepared statement on a read connection (read-pool.ts): on SQLite one
   * of a few read-only connections, so it does not queue behind the writes; on PostgreSQL the pool. The hot reads
   * (a membership, a decision, a token) are assembled in one or two such statements. An in-memory SQLite database
   * has no second connection: there it runs in the queue, between write groups, so it too sees only commits.
   */
  async lookup<T = Record<string, unknown>>(sql: string, params: unknown[]): Promise<T[]> {
    if (this.reads === undefined) this.reads = openReads(this.dataSource);
    if (!this.reads) return this.queue(() => this.statements.all<T>(sql, params));
    return this.reads.all<T>(sql, params);
  }

  /**
   * The row of `key` through a shared read of committed data (a token by its hash), or undefined. Keys asked for while
   * a statement of this read is running wait for it and then go together in the next one: at most one statement of a
   * read is running at a time, and a key is always read after it was asked for (a change committed before is seen).
   */
  lookupShared(read: SharedRead, key: string): Promise<Record<string, unknown> | undefined> {
    let state = this.shared.get(read);
    if (!state) this.shared.set(read, (state = { running: false, waiting: new Map() }));
    const waiting = state.waiting.get(key) ?? [];
    state.waiting.set(key, waiting);
    const answer = new Promise<Record<string, unknown> | undefined>((resolve, reject) =>
      waiting.push({ resolve, reject }),
    );
    if (!state.running) void this.runShared(read, state);
    return answer;
  }

  private async runShared(read: SharedRead, state: SharedReadState): Promise<void> {
    state.running = true;
    while (state.waiting.size) {
      const batch = new Map([...state.waiting].slice(0, MAX_ROWS_PER_STATEMENT));
      for (const key of batch.keys()) state.waiting.delete(key);
      const keys = [...batch.keys()];
      try {
        const rows = await this.lookup(read.sql(keys.length), keys);
        const byKey = new Map(rows.map((row) => [read.keyOf(row), row]));
        for (const [key, waiters] of batch) for (const w of waiters) w.resolve(byKey.get(key));
      } catch (error) {
        for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
      }
    }
    state.running = false;
  }

  /**
   * A consistent read of committed data that may take long (verify of a long log). On SQLite it runs on a connection
   * of its own, opened read-only for it, inside one read transaction (a WAL snapshot): writes go on meanwhile and are
   * not seen. On PostgreSQL it runs in a REPEATABLE READ transaction. `query` may be called before the previous call
   * has answered; the statements run in the order they were asked for.
   */
  async snapshot<T>(work: (query: SnapshotQuery) => Promise<T>): Promise<T> {
    if (!this.serialised) return this.postgresSnapshot(work);
    const reader = ReadConnection.open(this.dataSource);
    if (!reader) return this.queue(() => work((sql, params) => this.dataSource.manager.query(sql, params)));
    reader.db.serialize(); // statements asked for before the previous one answered still run in order
    const all: SnapshotQuery = (sql, params) => reader.statements.all(sql, params);
    try {
      await all('BEGIN', []);
      try {
        return await work(all);
      } finally {
        await all('COMMIT', []).catch(() => undefined);
      }
    } finally {
      await reader.close();
    }
  }

  private async postgresSnapshot<T>(work: (query: SnapshotQuery) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.startTransaction('REPEATABLE READ');
      const result = await work((sql, params) => runner.query(sql, params));
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /**
   * Runs `work` only while this process holds the lease `key` (ADVISORY_LOCKS); when another process holds it, answers
   * `{ held: false }` at once and runs nothing. On PostgreSQL the lease is a transaction-level advisory lock
   * (`pg_try_advisory_xact_lock`) in a transaction of its own on a connection of its own, held while `work` runs (its
   * own statements use the pool as usual) and released when that transaction ends, also when the process dies. On
   * SQLite there is one service process per database file, so the lease is always this process's.
   */
  async underLease<T>(key: number, work: () => Promise<T>): Promise<LeaseOutcome<T>> {
    if (this.serialised) return { held: true, value: await work() };
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      const [row] = await runner.query('SELECT pg_try_advisory_xact_lock($1, $2) AS held', [
        ADVISORY_LOCK_NAMESPACE,
        key,
      ]);
      if (!row?.held) return { held: false };
      return { held: true, value: await work() };
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }

  /** Finalizes the kept prepared statements (SQLite refuses to close a connection that still has any); closes the readers. */
  async close(): Promise<void> {
    await this.statements.finalizeAll();
    const reads = this.reads;
    this.reads = undefined;
    if (reads) await reads.close();
  }

  private queue<T>(work: () => Promise<T>): Promise<T> {
    if (!this.serialised) return work();
    const run = this.tail.then(work, work);
    // The tail keeps only the order, not the result: a unit's result (verify's whole log) is not held until the next.
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }
}
