import type { Pool } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import { isSqlite } from './dialect';
import { ReadConnection } from './sqlite-statements';

/** The read-only SQLite connections beside the writer: readers in WAL mode do not wait for it, nor for each other. */
export const SQLITE_READ_CONNECTIONS = 3;

/**
 * One-statement reads of committed data, each a prepared statement, beside the writes:
 * - SQLite: a small pool of read-only connections to the database file (WAL: each statement reads the last commit
 *   as one snapshot; the writer's open group is never seen). A statement goes to the connection with the fewest
 *   statements running, and is prepared once per connection (StatementCache).
 * - PostgreSQL: the pool TypeORM opened, with named prepared statements (parsed and planned once per connection),
 *   autocommit at READ COMMITTED.
 * A read of several statements is read committed per statement; a view that needs one snapshot is one statement.
 */
export interface ReadStatements {
  all<T = Record<string, unknown>>(sql: string, params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** The reads for this database, or null where there is no second connection (an in-memory SQLite database). */
export function openReads(dataSource: DataSource): ReadStatements | null {
  if (!isSqlite(dataSource)) return new PostgresReads(dataSource);
  const file = (dataSource.options as { database?: string }).database;
  if (!file || file === ':memory:') return null;
  return new SqliteReadPool(dataSource, SQLITE_READ_CONNECTIONS);
}

class SqliteReadPool implements ReadStatements {
  private readonly connections: { reader: ReadConnection; running: number }[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly size: number,
  ) {}

  async all<T>(sql: string, params: unknown[]): Promise<T[]> {
    const slot = this.pick();
    slot.running++;
    try {
      return await slot.reader.statements.all<T>(sql, params);
    } finally {
      slot.running--;
    }
  }

  /** An idle connection, else a new one up to `size`, else the least busy (connections open on first need). */
  private pick(): { reader: ReadConnection; running: number } {
    let best = this.connections[0];
    for (const c of this.connections) if (c.running < best.running) best = c;
    if (best && (best.running === 0 || this.connections.length >= this.size)) return best;
    const opened = { reader: ReadConnection.open(this.dataSource)!, running: 0 };
    this.connections.push(opened);
    return opened;
  }

  async close(): Promise<void> {
    const all = this.connections.splice(0);
    await Promise.all(all.map((c) => c.reader.close()));
  }
}

class PostgresReads implements ReadStatements {
  /** A name per statement text: pg prepares a named statement once on each pooled connection and reuses it. */
  private readonly names = new Map<string, string>();

  constructor(private readonly dataSource: DataSource) {}

  async all<T>(sql: string, params: unknown[]): Promise<T[]> {
    let name = this.names.get(sql);
    if (!name) this.names.set(sql, (name = `svk_read_${this.names.size + 1}`));
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    try {
      const result = await pool.query({ name, text: sql, values: params });
      return result.rows as T[];
    } catch (error) {
      throw new QueryFailedError(sql, params, error as Error);
    }
  }

  async close(): Promise<void> {
    // The pool is TypeORM's; it closes with the DataSource.
  }
}
