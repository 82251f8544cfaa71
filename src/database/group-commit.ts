import type { DataSource } from 'typeorm';
import type { Dialect } from './dialect';
import type { StatementCache } from './sqlite-statements';
import { ManagerTx, type SharedRead, type StagedWrite, type Tx, type TxHooks, type WriteHint } from './tx';

/** The most write units that share one SQLite transaction (one COMMIT, one WAL fsync). */
export const MAX_GROUP_COMMIT = 64;
/** The most rows one multi-row statement carries. */
export const MAX_ROWS_PER_STATEMENT = 100;

export interface WriteUnit {
  work: (tx: Tx) => Promise<unknown>;
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
 * Group commit on SQLite. The write units that arrive while the connection is busy run together, in arrival order,
 * in one transaction with one COMMIT, so that one WAL fsync makes them all durable. No unit's promise settles before
 * that COMMIT has returned. Each unit is still all or nothing:
 * - its staged writes (the engine's log row and head) wait in memory and reach the database as multi-row statements
 *   just before COMMIT, or earlier, just before any other statement of the group (which might read them);
 * - a unit that fails before anything of it reached the database simply loses its staged rows;
 * - a unit that fails after some of its writes reached the database makes the group roll back as a whole: that unit
 *   gets its error, and the others run again, from the start, as a new group. A flush or COMMIT that fails does the
 *   same, and then each unit runs alone and gets its own answer.
 * What reached the database is known from the Tx the unit was given: its writes go through it, so nothing is guessed
 * from the SQL.
 */
export class GroupCommit {
  /** The running group's staged rows, in staging order, and its current unit (index, and whether it wrote). */
  private staged: StagedRow[] = [];
  private unit: { index: number; dirty: boolean } | null = null;
  /** The rows read ahead for the running group, by shared read and key (dropped when the group writes them). */
  private readAhead = new Map<SharedRead, Map<string, Record<string, unknown>>>();
  /** Set when a flush inside a unit failed: the group must roll back whatever the unit does with the error. */
  private broken: unknown = null;
  readonly stats = { groups: 0, units: 0, retries: 0 };

  constructor(
    private readonly dataSource: DataSource,
    private readonly dialect: Dialect,
    private readonly statements: StatementCache,
  ) {}

  /** Runs a group; on a whole-group rollback, answers the units it names and runs the others again. */
  async run(group: WriteUnit[], alone = false): Promise<void> {
    this.stats.groups++;
    this.stats.units += group.length;
    try {
      const outcomes = await this.commit(group);
      outcomes.forEach((o, i) => (o.ok ? group[i].resolve(o.value) : group[i].reject(o.error)));
    } catch (error) {
      if (!(error instanceof GroupRetry)) {
        for (const u of group) u.reject(error); // BEGIN failed: nothing ran
        return;
      }
      this.stats.retries++;
      for (const [i, e] of error.failed) group[i].reject(e);
      const rest = group.filter((_, i) => !error.failed.has(i));
      if (alone || group.length === 1) {
        for (const u of rest) u.reject(error.cause);
      } else if (error.failed.size) {
        if (rest.length) await this.run(rest);
      } else {
        // The flush or the COMMIT failed, nobody's fault in particular: each unit alone gets its own answer.
        for (const u of rest) await this.run([u], true);
      }
    }
  }

  /** One transaction for the group; throws GroupRetry when it had to roll back as a whole. */
  private async commit(group: WriteUnit[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    this.staged = [];
    this.broken = null;
    // BEGIN and COMMIT run as kept prepared statements on the one connection, like the hot path's statements.
    await this.statements.run('BEGIN', []);
    try {
      await this.readAheadFor(group);
      for (let index = 0; index < group.length; index++) outcomes.push(await this.runUnit(group[index], index));
      try {
        this.readAhead.clear();
        await this.flush();
        await this.statements.run('COMMIT', []);
      } catch (error) {
        throw new GroupRetry(new Map(), error);
      }
      return outcomes;
    } catch (error) {
      this.staged = [];
      this.readAhead.clear();
      this.broken = null;
      await this.statements.run('ROLLBACK', []).catch(() => undefined);
      if (error instanceof GroupRetry) {
        // Units that failed cleanly before the rollback keep their answer.
        outcomes.forEach((o, i) => !o.ok && !error.failed.has(i) && error.failed.set(i, o.error));
      }
      throw error;
    }
  }

  private async runUnit(unit: WriteUnit, index: number): Promise<Outcome> {
    this.unit = { index, dirty: false };
    try {
      const value = await unit.work(new ManagerTx(this.dataSource.manager, this.dialect, this.hooks));
      if (this.broken) throw new GroupRetry(new Map(), this.broken);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof GroupRetry) throw error;
      if (this.broken) throw new GroupRetry(new Map(), this.broken);
      if (this.unit.dirty) throw new GroupRetry(new Map([[index, error]]), error);
      this.staged = this.staged.filter((r) => r.unit !== index); // nothing of it reached the database
      return { ok: false, error };
    } finally {
      this.unit = null;
    }
  }

  /** What a unit's Tx does around its statements. */
  private readonly hooks: TxHooks = {
    // A TypeORM read may read staged rows: write them first.
    beforeRead: () => this.flush(),
    beforeWrite: async () => {
      await this.flush();
      if (this.unit) this.unit.dirty = true;
      this.readAhead.clear(); // whatever it writes, what was read ahead may be stale now
    },
    select: (sql, params) => this.statements.all(sql, params),
    stage: (kind, key, values) => this.stage(kind, key, values),
    isStaged: (kind, key) => this.staged.some((r) => r.kind === kind && r.key === key),
    flush: () => this.flush(),
    readAhead: (read, key) => (this.unit ? this.readAhead.get(read)?.get(key) : undefined),
  };

  private async stage(kind: StagedWrite, key: string, values: unknown[]): Promise<void> {
    if (!this.unit) throw new Error('a staged write outside a unit');
    for (const rows of this.readAhead.values()) rows.delete(key);
    // Two writes of one kind to the same key in one statement would be ambiguous (an UPDATE ... FROM): flush first.
    if (this.staged.some((r) => r.kind === kind && r.key === key)) await this.flush();
    this.staged.push({ kind, key, values, unit: this.unit.index });
  }

  /** Writes every staged row now (multi-row statements, in staging order by kind). */
  private async flush(): Promise<void> {
    if (!this.staged.length) return;
    const rows = this.staged;
    this.staged = [];
    if (this.unit && rows.some((r) => r.unit === this.unit!.index)) this.unit.dirty = true;
    try {
      for (const kind of new Set(rows.map((r) => r.kind))) {
        const mine = rows.filter((r) => r.kind === kind);
        for (let i = 0; i < mine.length; i += MAX_ROWS_PER_STATEMENT) {
          const chunk = mine.slice(i, i + MAX_ROWS_PER_STATEMENT);
          const changed = await this.statements.run(
            kind.sql(chunk.length),
            chunk.flatMap((r) => r.values),
          );
          if (changed !== chunk.length) throw kind.conflict();
        }
      }
    } catch (error) {
      this.broken ??= error;
      throw error;
    }
  }

  /** One statement per shared read for every key the group's units named. */
  private async readAheadFor(group: WriteUnit[]): Promise<void> {
    this.readAhead.clear();
    const keys = new Map<SharedRead, Set<string>>();
    for (const u of group)
      if (u.hint) (keys.get(u.hint.read) ?? keys.set(u.hint.read, new Set()).get(u.hint.read)!).add(u.hint.key);
    for (const [read, set] of keys) {
      const all = [...set];
      const rows = new Map<string, Record<string, unknown>>();
      for (let i = 0; i < all.length; i += MAX_ROWS_PER_STATEMENT) {
        const chunk = all.slice(i, i + MAX_ROWS_PER_STATEMENT);
        for (const row of await this.statements.all(read.sql(chunk.length), chunk)) rows.set(read.keyOf(row), row);
      }
      this.readAhead.set(read, rows);
    }
  }
}
