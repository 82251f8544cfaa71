import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { isSqlite } from './data-source';

/**
 * Access to the database with the one rule that keeps SQLite correct: its driver holds one connection, so
 * transactions must not overlap. On SQLite every unit of work (read or write) runs under an in-process queue; on
 * PostgreSQL the pool and the constraints (unique seq, compare-and-set) do the work.
 */
export class Db {
  private tail: Promise<unknown> = Promise.resolve();
  readonly serialised: boolean;

  constructor(readonly dataSource: DataSource) {
    this.serialised = isSqlite(dataSource);
  }

  /** One database transaction: everything inside commits together or nothing is written. */
  write<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.queue(() => this.dataSource.transaction(work));
  }

  /** A consistent read (never sees another request's uncommitted rows on SQLite). */
  read<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.queue(() => work(this.dataSource.manager));
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

/** True when a write failed on a unique constraint (a concurrent writer took the same seq, or a duplicate key). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const e = error as QueryFailedError & { code?: string; driverError?: { code?: string; errno?: number } };
  const code = e.driverError?.code ?? e.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT' || /UNIQUE constraint failed/.test(e.message);
}
