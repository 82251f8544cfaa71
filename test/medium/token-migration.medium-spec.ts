import { DataSource } from 'typeorm';
import { DEFAULT_TOKEN_TTL_DAYS } from '../../src/config/app-config';
import { dataSourceOptions, MIGRATIONS, openDataSource } from '../../src/database/data-source';
import { createTestDatabase, sql, testDatabaseKind, type TestDatabase } from '../e2e/kit/database';

// Migration 1732800000000 (the token lifecycle) on a database that has tokens from before it: they get a name, an
// origin and an expiry DEFAULT_TOKEN_TTL_DAYS after the migration (not after their creation), and keep working.
describe('token lifecycle migration', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('medium');
  });
  afterAll(async () => {
    await database.drop();
  });

  it('existing tokens: name from the label, origin env for the environment token, expiry 90 days after the migration', async () => {
    // Every migration before the token lifecycle (later ones, such as the cost tables, may follow it in the list).
    const upTo = MIGRATIONS.findIndex((m) => m.name === 'TokenLifecycle1732800000000');
    const before = new DataSource({ ...dataSourceOptions(database.url), migrations: MIGRATIONS.slice(0, upTo) } as any);
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    const target = { dataSource: before, databaseKind: testDatabaseKind() };
    const insert = 'INSERT INTO api_token (id, token_hash, role, municipality_code, label, created_at, revoked_at) ';
    await sql(target, `${insert} VALUES (?, ?, 'admin', NULL, 'ADMIN_TOKEN from the environment', ?, NULL)`, [
      '00000000-0000-4000-8000-000000000001',
      'a'.repeat(64),
      '2020-01-01T00:00:00.000Z',
    ]);
    await sql(target, `${insert} VALUES (?, ?, 'clerk', '1492', 'Åmål registrator', ?, NULL)`, [
      '00000000-0000-4000-8000-000000000002',
      'b'.repeat(64),
      '2020-01-02T00:00:00.000Z',
    ]);
    await sql(target, `${insert} VALUES (?, ?, 'auditor', NULL, NULL, ?, ?)`, [
      '00000000-0000-4000-8000-000000000003',
      'c'.repeat(64),
      '2020-01-03T00:00:00.000Z',
      '2020-02-01T00:00:00.000Z',
    ]);
    await before.destroy();

    const migratedAt = Date.now();
    const after = await openDataSource(database.url, 'NORMAL');
    try {
      const rows = await sql(
        { dataSource: after, databaseKind: testDatabaseKind() },
        'SELECT id, name, origin, created_by, expires_at, last_used_at, revoked_at, revoked_by FROM api_token ORDER BY id',
      );
      const expiry = (row: any) => Date.parse(row.expires_at) - migratedAt;
      for (const row of rows) {
        expect(Math.abs(expiry(row) - DEFAULT_TOKEN_TTL_DAYS * 86_400_000)).toBeLessThan(60_000);
      }
      expect(rows.map((r: any) => [r.name, r.origin, r.created_by, r.last_used_at, r.revoked_by])).toEqual([
        ['ADMIN_TOKEN from the environment', 'env', null, null, null],
        ['Åmål registrator', 'cli', null, null, null],
        ['(unknown: created before tokens were named)', 'cli', null, null, null],
      ]);
      expect(rows[2].revoked_at).toBe('2020-02-01T00:00:00.000Z');
    } finally {
      await after.destroy();
    }
  });
});
