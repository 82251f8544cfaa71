import * as sqlite3 from 'sqlite3';
import type { Database, Statement } from 'sqlite3';
import { DataSource, EntityManager, QueryFailedError, type EntitySubscriberInterface } from 'typeorm';
import type { BeforeQueryEvent } from 'typeorm/subscriber/event/QueryEvent';
import { isSqlite } from './data-source';

/** The most write units that share one SQLite transaction (one COMMIT, one WAL fsync). */
export const MAX_GROUP_COMMIT = 64;
/** The most rows one multi-row statement of a flush carries. */
const MAX_ROWS_PER_STATEMENT = 100;

/**
 * A kind of write that a unit may hand to `Db.stage`: rows of `width` values, written by one statement for `n` rows.
 * Every row must change exactly one row of the database (an INSERT, or a compare-and-set UPDATE); when a statement
 * changes fewer, `conflict()` is the error.
 */
export interface StagedWrite {
  readonly name: string;
  readonly width: number;
  sql(rows: number): string;
  conflict(): Error;
}

/**
 * A read that the units of a group can share: each unit names the key it will read (`Db.write(work, { read, key })`)
 * and the group reads every named key with one statement before its first unit runs. `sql(n)` selects n keys;
 * `keyOf` names a result row's key.
 */
export interface SharedRead {
  sql(keys: number): string;
  keyOf(row: Record<string, unknown>): string;
}

/** A statement of a `Db.snapshot` read: its rows. */
export type SnapshotQuery = <R = Record<string, unknown>>(sql: string, params: unknown[]) => Promise<R[]>;

interface SharedReadState {
  running: boolean;
  waiting: Map<string, Array<{ resolve: (row: Record<string, unknown> | undefined) => void; reject: (error: unknown) => void }>>;
}

export interface WriteHint {
  read: SharedRead;
  key: string;
}

interface WriteUnit {
  work: (m: EntityManager) => Promise<unknown>;
  hint?: WriteHint;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface StagedRow {
  kind: StagedWrite;
  key: string;
  values: unknown[];
  unit: number;
}

/** A group's transaction was rolled back as a whole; the units named here have their answer, the rest run again. */
class GroupRetry extends Error {
  constructor(
    readonly failed: Map<number, unknown>,
    readonly cause: unknown,
  ) {
    super('group retry');
  }
}

/**
 * Access to the database with the one rule that keeps SQLite correct: its driver holds one connection, so
 * transactions must not overlap. On SQLite every unit of work (read or write) runs under an in-process queue; on
 * PostgreSQL the pool and the constraints (unique seq, compare-and-set) do the work.
 *
 * Group commit (SQLite). The write units that arrive while the connection is busy run together, in arrival order, in
 * one transaction with one COMMIT, so that one WAL fsync makes them all durable. No unit's promise settles before
 * that COMMIT has returned: a caller never sees a success that is not on disk. Each unit is still all or nothing:
 * - A unit's staged writes (`stage`: the engine's log row and head) wait in memory and reach the database as
 *   multi-row statements just before COMMIT, or earlier, just before any other statement that might read them.
 * - A unit that fails before anything of it reached the database simply loses its staged rows.
 * - A unit that fails after some of its writes reached the database makes the group roll back as a whole: that unit
 *   gets its error, and the others run again, from the start, as a new group. A flush or COMMIT that fails does the
 *   same, and then each unit runs alone and gets its own answer.
 * So a unit's `work` may run more than once and must be repeatable: it reads and writes through the manager only.
 */
export class Db {
  private tail: Promise<unknown> = Promise.resolve();
  /** The group of write units waiting for the connection; units that arrive now join it. */
  private open: WriteUnit[] | null = null;
  private readonly statements = new Map<string, Statement>();
  /** SQLite: a second, read-only connection for `lookup` (WAL readers do not wait for the writer). */
  private reader: Reader | null = null;
  /** The running group's staged rows, in the order they were staged, and its current unit (index, and whether dirty). */
  private staged: StagedRow[] = [];
  private unit: { index: number; dirty: boolean } | null = null;
  /** Shared reads (lookupShared): whether a statement is running, and the keys waiting for the next one. */
  private readonly shared = new Map<SharedRead, SharedReadState>();
  /** The rows read ahead for the running group, by shared read and key (dropped when the group writes them). */
  private readAhead = new Map<SharedRead, Map<string, Record<string, unknown>>>();
  /** Set when a flush inside a unit failed: the group must roll back whatever the unit does with the error. */
  private broken: unknown = null;
  readonly serialised: boolean;
  /** Write groups committed and the units in them (SQLite), for the benchmark's figures. */
  readonly groupStats = { groups: 0, units: 0, retries: 0 };

  constructor(readonly dataSource: DataSource) {
    this.serialised = isSqlite(dataSource);
    if (this.serialised) dataSource.subscribers.push(this.subscriber());
  }

  /**
   * One database transaction: everything inside commits together or nothing is written. `hint` names a row the work
   * will read, so that a group reads all of them at once (see `readAhead`).
   */
  write<T>(work: (m: EntityManager) => Promise<T>, hint?: WriteHint): Promise<T> {
    if (!this.serialised) return this.dataSource.transaction(work);
    return new Promise<T>((resolve, reject) => {
      if (!this.open || this.open.length >= MAX_GROUP_COMMIT) {
        const group: WriteUnit[] = [];
        this.open = group;
        void this.queue(() => {
          if (this.open === group) this.open = null; // from here on, new units form the next group
          return this.runGroup(group);
        });
      }
      this.open.push({ work, hint, resolve: resolve as (v: unknown) => void, reject });
    });
  }

  /** A consistent read (never sees another request's uncommitted rows on SQLite). */
  read<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.queue(() => work(this.dataSource.manager));
  }

  /**
   * One statement of a hot path, returning its rows. On SQLite it runs as a prepared statement kept for the life of
   * the connection (node-sqlite3 otherwise prepares and finalizes each statement, two extra trips to its thread);
   * on PostgreSQL through the manager, so inside the manager's transaction. Errors are TypeORM's QueryFailedError.
   * Staged rows are not flushed first: the caller knows that it does not read them (see `isStaged`).
   */
  async select<T = Record<string, unknown>>(m: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
    if (!this.serialised) return m.query(sql, params);
    return allRows<T>(this.statement(sql), sql, params);
  }

  /** One writing statement of a hot path (see `select`); resolves to the number of rows it changed. */
  async change(m: EntityManager, sql: string, params: unknown[]): Promise<number> {
    if (!this.serialised) {
      if (!m.queryRunner) throw new Error('Db.change needs a transaction');
      return (await m.queryRunner.query(sql, params, true)).affected ?? 0;
    }
    await this.flush();
    if (this.unit) {
      this.unit.dirty = true;
      this.readAhead.clear();
    }
    return this.run(sql, params);
  }

  /**
   * A write that must change exactly one row. In a SQLite group it is staged (see the class comment) and `key` names
   * what it writes, so that a reader can ask `isStaged`; otherwise it runs now, in the manager's transaction.
   */
  async stage(m: EntityManager, kind: StagedWrite, key: string, values: unknown[]): Promise<void> {
    if (this.serialised && this.unit) {
      this.dropReadAhead(key);
      // Two writes of one kind to the same key in one statement would be ambiguous (an UPDATE ... FROM): flush first.
      if (this.staged.some((r) => r.kind === kind && r.key === key)) await this.flush();
      this.staged.push({ kind, key, values, unit: this.unit.index });
      return;
    }
    const changed = this.serialised ? await this.run(kind.sql(1), values) : await this.change(m, kind.sql(1), values);
    if (changed !== 1) throw kind.conflict();
  }

  /**
   * The row of `key` as the group read it ahead, before its first unit ran, or undefined (not read ahead, or written
   * since: any write of the group through TypeORM, or a staged write of this key, drops it). Only valid in a unit.
   */
  readAheadRow(read: SharedRead, key: string): Record<string, unknown> | undefined {
    return this.unit ? this.readAhead.get(read)?.get(key) : undefined;
  }

  /** Drops what was read ahead for this key (the unit is about to write it). */
  private dropReadAhead(key: string): void {
    for (const rows of this.readAhead.values()) rows.delete(key);
  }

  /** True when a staged write of this kind for this key has not reached the database yet. */
  isStaged(kind: StagedWrite, key: string): boolean {
    return this.staged.some((r) => r.kind === kind && r.key === key);
  }

  /** Writes every staged row now (multi-row statements, in staging order by kind). */
  async flush(): Promise<void> {
    if (!this.staged.length) return;
    const rows = this.staged;
    this.staged = [];
    if (this.unit && rows.some((r) => r.unit === this.unit!.index)) this.unit.dirty = true;
    try {
      const kinds = [...new Set(rows.map((r) => r.kind))];
      for (const kind of kinds) {
        const mine = rows.filter((r) => r.kind === kind);
        for (let i = 0; i < mine.length; i += MAX_ROWS_PER_STATEMENT) {
          const chunk = mine.slice(i, i + MAX_ROWS_PER_STATEMENT);
          const changed = await this.run(kind.sql(chunk.length), chunk.flatMap((r) => r.values));
          if (changed !== chunk.length) throw kind.conflict();
        }
      }
    } catch (error) {
      this.broken ??= error;
      throw error;
    }
  }

  /**
   * A small read of committed data that needs no transaction and no other statement (a token lookup). On SQLite it
   * runs on a second, read-only connection, so it does not queue behind the writes; on PostgreSQL on the pool.
   */
  async lookup<T = Record<string, unknown>>(sql: string, params: unknown[]): Promise<T[]> {
    if (!this.serialised) return this.dataSource.query(sql, params);
    const reader = this.readConnection();
    if (!reader) return this.read((m) => this.select<T>(m, sql, params));
    return allRows<T>(prepared(reader, sql), sql, params);
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
    const answer = new Promise<Record<string, unknown> | undefined>((resolve, reject) => waiting.push({ resolve, reject }));
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
    if (!this.serialised) {
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
    const reader = this.openReader();
    if (!reader) return this.read((m) => work((sql, params) => m.query(sql, params)));
    reader.db.serialize(); // statements asked for before the previous one answered still run in order
    const all: SnapshotQuery = (sql, params) => allRows(prepared(reader, sql), sql, params);
    try {
      await all('BEGIN', []);
      try {
        return await work(all);
      } finally {
        await all('COMMIT', []).catch(() => undefined);
      }
    } finally {
      await closeReader(reader);
    }
  }

  /** Finalizes the kept prepared statements (SQLite refuses to close a connection that still has any); closes the reader. */
  async close(): Promise<void> {
    await finalizeAll(this.statements);
    const reader = this.reader;
    this.reader = null;
    if (reader) await closeReader(reader);
  }

  private readConnection(): Reader | null {
    return (this.reader ??= this.openReader());
  }

  /** A new read-only connection to the database file, or null for an in-memory database (it would open another one). */
  private openReader(): Reader | null {
    const file = (this.dataSource.options as { database?: string }).database;
    if (!file || file === ':memory:') return null;
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
    db.configure('busyTimeout', 5000); // before any serialize(): the other order leaves the first statement unanswered
    return { db, statements: new Map() };
  }

  // ------------------------------------------------------------------ SQLite internals

  private run(sql: string, params: unknown[]): Promise<number> {
    const stmt = this.statement(sql);
    return new Promise<number>((resolve, reject) =>
      stmt.run(params, function (this: { changes: number }, error: Error | null) {
        if (error) reject(new QueryFailedError(sql, params, error));
        else resolve(this.changes);
      }),
    );
  }

  private statement(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      const connection = (this.dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
      stmt = connection.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /** Every TypeORM statement inside a unit: staged rows first (it may read them); a write makes the unit dirty. */
  private subscriber(): EntitySubscriberInterface {
    return {
      beforeQuery: (event: BeforeQueryEvent<unknown>) => {
        if (!this.unit) return;
        if (!/^\s*SELECT\b/i.test(event.query)) {
          this.unit.dirty = true;
          this.readAhead.clear(); // whatever it writes, what was read ahead may be stale now
        }
        if (this.staged.length) return this.flush();
      },
    } as EntitySubscriberInterface;
  }

  /** Runs a group; on a whole-group rollback, answers the units it names and runs the others again. */
  private async runGroup(group: WriteUnit[], alone = false): Promise<void> {
    this.groupStats.groups++;
    this.groupStats.units += group.length;
    try {
      const outcomes = await this.commitGroup(group);
      for (let i = 0; i < group.length; i++) {
        const o = outcomes[i];
        if (o.ok) group[i].resolve(o.value);
        else group[i].reject(o.error);
      }
    } catch (error) {
      if (!(error instanceof GroupRetry)) {
        for (const u of group) u.reject(error); // BEGIN failed: nothing ran
        return;
      }
      this.groupStats.retries++;
      for (const [i, e] of error.failed) group[i].reject(e);
      const rest = group.filter((_, i) => !error.failed.has(i));
      if (alone || group.length === 1) {
        for (const u of rest) u.reject(error.cause);
      } else if (error.failed.size) {
        if (rest.length) await this.runGroup(rest);
      } else {
        // The flush or the COMMIT failed, nobody's fault in particular: each unit alone gets its own answer.
        for (const u of rest) await this.runGroup([u], true);
      }
    }
  }

  /** One transaction for the group; throws GroupRetry when it had to roll back as a whole. */
  private async commitGroup(group: WriteUnit[]): Promise<Outcome[]> {
    const m = this.dataSource.manager;
    const outcomes: Outcome[] = [];
    this.staged = [];
    this.broken = null;
    // BEGIN and COMMIT run as kept prepared statements on the one connection, like the hot path's statements: each
    // trip to the driver's thread waits for this event loop, which is also serving HTTP.
    await this.run('BEGIN', []);
    try {
      await this.readAheadFor(group);
      for (let index = 0; index < group.length; index++) {
        this.unit = { index, dirty: false };
        try {
          outcomes.push({ ok: true, value: await group[index].work(m) });
          if (this.broken) throw new GroupRetry(new Map(), this.broken);
        } catch (error) {
          if (error instanceof GroupRetry) throw error;
          if (this.broken) throw new GroupRetry(new Map(), this.broken);
          if (this.unit.dirty) throw new GroupRetry(new Map([[index, error]]), error);
          this.staged = this.staged.filter((r) => r.unit !== index); // nothing of it reached the database
          outcomes.push({ ok: false, error });
        } finally {
          this.unit = null;
        }
      }
      try {
        this.readAhead.clear();
        await this.flush();
        await this.run('COMMIT', []);
      } catch (error) {
        throw new GroupRetry(new Map(), error);
      }
      return outcomes;
    } catch (error) {
      this.staged = [];
      this.readAhead.clear();
      this.broken = null;
      await this.run('ROLLBACK', []).catch(() => undefined);
      if (error instanceof GroupRetry) {
        // Units that failed cleanly before the rollback keep their answer.
        outcomes.forEach((o, i) => !o.ok && !error.failed.has(i) && error.failed.set(i, o.error));
      }
      throw error;
    }
  }

  /** One statement per shared read for every key the group's units named. */
  private async readAheadFor(group: WriteUnit[]): Promise<void> {
    this.readAhead.clear();
    const keys = new Map<SharedRead, Set<string>>();
    for (const u of group) if (u.hint) (keys.get(u.hint.read) ?? keys.set(u.hint.read, new Set()).get(u.hint.read)!).add(u.hint.key);
    for (const [read, set] of keys) {
      const all = [...set];
      const rows = new Map<string, Record<string, unknown>>();
      for (let i = 0; i < all.length; i += MAX_ROWS_PER_STATEMENT) {
        const chunk = all.slice(i, i + MAX_ROWS_PER_STATEMENT);
        const sql = read.sql(chunk.length);
        for (const row of await allRows(this.statement(sql), sql, chunk)) rows.set(read.keyOf(row), row);
      }
      this.readAhead.set(read, rows);
    }
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

/** A read-only connection with the statements prepared on it. */
interface Reader {
  db: Database;
  statements: Map<string, Statement>;
}

function prepared(reader: Reader, sql: string): Statement {
  let stmt = reader.statements.get(sql);
  if (!stmt) reader.statements.set(sql, (stmt = reader.db.prepare(sql)));
  return stmt;
}

/** The rows of one run of a prepared statement; a driver error becomes TypeORM's QueryFailedError. */
function allRows<T = Record<string, unknown>>(stmt: Statement, sql: string, params: unknown[]): Promise<T[]> {
  return new Promise<T[]>((resolve, reject) =>
    stmt.all(params, (error: Error | null, rows: T[]) => (error ? reject(new QueryFailedError(sql, params, error)) : resolve(rows))),
  );
}

/** SQLite refuses to close a connection that still has prepared statements. */
function finalizeAll(statements: Map<string, Statement>): Promise<unknown> {
  const all = [...statements.values()];
  statements.clear();
  return Promise.all(all.map((s) => new Promise<void>((resolve) => s.finalize(() => resolve()))));
}

async function closeReader(reader: Reader): Promise<void> {
  await finalizeAll(reader.statements);
  await new Promise<void>((resolve) => reader.db.close(() => resolve()));
}

/** True when a write failed on a unique constraint (a concurrent writer took the same seq, or a duplicate key). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const e = error as QueryFailedError & { code?: string; driverError?: { code?: string; errno?: number } };
  const code = e.driverError?.code ?? e.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT' || /UNIQUE constraint failed/.test(e.message);
}
