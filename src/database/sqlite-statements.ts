import * as sqlite3 from 'sqlite3';
import type { Database, Statement } from 'sqlite3';
import { DataSource, QueryFailedError } from 'typeorm';

/**
 * Prepared statements on SQLite connections, kept for the life of the connection: node-sqlite3 otherwise prepares
 * and finalizes every statement, two more trips to its worker thread, each waiting for this event loop.
 */
export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly connection: () => Database) {}

  get(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) this.statements.set(sql, (stmt = this.connection().prepare(sql)));
    return stmt;
  }

  /** The rows of one run; a driver error becomes TypeORM's QueryFailedError. */
  all<T = Record<string, unknown>>(sql: string, params: unknown[]): Promise<T[]> {
    const stmt = this.get(sql);
    return new Promise<T[]>((resolve, reject) =>
      stmt.all(params, (error: Error | null, rows: T[]) =>
        error ? reject(new QueryFailedError(sql, params, error)) : resolve(rows),
      ),
    );
  }

  /** Runs a writing statement; resolves to the number of rows it changed. */
  run(sql: string, params: unknown[]): Promise<number> {
    const stmt = this.get(sql);
    return new Promise<number>((resolve, reject) =>
      stmt.run(params, function (this: { changes: number }, error: Error | null) {
        if (error) reject(new QueryFailedError(sql, params, error));
        else resolve(this.changes);
      }),
    );
  }

  /** SQLite refuses to close a connection that still has prepared statements. */
  async finalizeAll(): Promise<void> {
    const all = [...this.statements.values()];
    this.statements.clear();
    await Promise.all(all.map((s) => new Promise<void>((resolve) => s.finalize(() => resolve()))));
  }
}

/** The statements of TypeORM's own (one) SQLite connection. */
export function mainConnectionStatements(dataSource: DataSource): StatementCache {
  return new StatementCache(
    () => (dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection,
  );
}

/** A read-only connection to the database file with its statements. */
export class ReadConnection {
  readonly statements: StatementCache;

  private constructor(readonly db: Database) {
    this.statements = new StatementCache(() => db);
  }

  /** A new read-only connection, or null for an in-memory database (opening it again would make another one). */
  static open(dataSource: DataSource): ReadConnection | null {
    const file = (dataSource.options as { database?: string }).database;
    if (!file || file === ':memory:') return null;
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
    db.configure('busyTimeout', 5000); // before any serialize(): the other order leaves the first statement unanswered
    return new ReadConnection(db);
  }

  async close(): Promise<void> {
    await this.statements.finalizeAll();
    await new Promise<void>((resolve) => this.db.close(() => resolve()));
  }
}
