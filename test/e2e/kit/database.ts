import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '../../../src/config/app-config';

/**
 * A fresh database for one test file, shared by the e2e harness and the medium kit (test/medium/kit.ts). SQLite (the
 * default, `npm test`): a new file in a new directory under the OS temp directory. PostgreSQL (TEST_DATABASE=postgres,
 * `npm run test:pg`): a new database created through TEST_PG_URL and dropped (WITH FORCE) by `drop`.
 */
export type DatabaseKind = 'sqlite' | 'postgres';

export interface TestDatabase {
  kind: DatabaseKind;
  /** The DATABASE_URL of the application under test. */
  url: string;
  /** Removes the database (PostgreSQL) or its directory (SQLite); call it after the application is closed. */
  drop(): Promise<void>;
}

export function testDatabaseKind(): DatabaseKind {
  return process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
}

/** `label` names the SQLite file's directory (samverkan-<label>-XXXXXX), so that a leftover one says which tier made it. */
export async function createTestDatabase(label = 'e2e'): Promise<TestDatabase> {
  if (testDatabaseKind() === 'postgres') {
    const admin = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const name = `samverkan_test_${randomBytes(6).toString('hex')}`;
    const client = new Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const u = new URL(admin);
    u.pathname = `/${name}`;
    return {
      kind: 'postgres',
      url: u.toString(),
      async drop() {
        const c = new Client({ connectionString: admin });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), `samverkan-${label}-`));
  return {
    kind: 'sqlite',
    url: `sqlite:${path.join(tmpDir, 'test.sqlite')}`,
    async drop() {
      fs.rmSync(tmpDir, { recursive: true, force: true });
    },
  };
}

/**
 * The configuration of an application under test: no timer for due events (they still fire at start), no access log
 * on stdout (a test that reads the log passes a stream of its own: startTestApp's `accessLog`), and rate limits
 * far above what a suite sends from its one address with its few tokens (test/e2e/rate-limits.e2e-spec.ts sets low
 * ones through `overrides`).
 */
export function testConfig(url: string, seed: 'demo' | 'none' = 'none', overrides: Partial<AppConfig> = {}): AppConfig {
  return loadConfig(
    {},
    {
      DATABASE_URL: url,
      SEED: seed,
      DUE_EVENTS_INTERVAL_MS: 0,
      SQLITE_SYNCHRONOUS: 'NORMAL',
      ACCESS_LOG: 'off',
      AUTH_FAILURES_PER_MINUTE: 1_000_000,
      REQUESTS_PER_MINUTE_PER_TOKEN: 1_000_000,
      ...overrides,
    },
  );
}

/** What raw SQL needs of a test context: the DataSource and which database it is. */
export interface SqlTarget {
  dataSource: DataSource;
  databaseKind: DatabaseKind;
}

/** Raw SQL with `?` placeholders on either database ($1, $2 … on PostgreSQL). */
export function sql(ctx: SqlTarget, text: string, params: unknown[] = []): Promise<any> {
  let i = 0;
  const query = ctx.databaseKind === 'postgres' ? text.replace(/\?/g, () => `$${++i}`) : text;
  return ctx.dataSource.query(query, params);
}

/**
 * Tables a refusal writes to on purpose, outside the record (h-history): a refused attempt is kept after its
 * transaction rolled back (src/audit/), so "a refusal writes nothing" is about every other table.
 */
export const OUTSIDE_THE_RECORD = ['refused_attempt'];

/**
 * The number of rows in every table of the schema (every entity's table), read with one statement: what a refused
 * write, or any answer but a 2xx, must leave as it was.
 */
export async function tableCounts(ctx: SqlTarget): Promise<Record<string, number>> {
  const tables = [...new Set(ctx.dataSource.entityMetadatas.map((m) => m.tableName))]
    .filter((t) => !OUTSIDE_THE_RECORD.includes(t))
    .sort();
  const rows = await sql(ctx, tables.map((t) => `SELECT '${t}' AS t, COUNT(*) AS n FROM "${t}"`).join(' UNION ALL '));
  return Object.fromEntries(rows.map((r: { t: string; n: unknown }) => [r.t, Number(r.n)]));
}
