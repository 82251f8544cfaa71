import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { TokenService } from '../../../src/auth/token.service';
import { createApp } from '../../../src/bootstrap';
import { createTestDatabase, testConfig, type TestDatabase } from './database';
import { ALL_CODES, type TestContext } from './harness';

/**
 * Several instances of the application on one fresh database, as several processes of the service would run: each its
 * own Nest application, DataSource and (on PostgreSQL) pool. The instances share the database, so a token made
 * through one authenticates on every other; each instance is a TestContext for the kit's helpers. SQLite has one
 * service process per database file: ask for one instance there.
 */
export interface TestInstances {
  database: TestDatabase;
  instances: TestContext[];
  /** The instance for the i-th of several requests, round robin. */
  instanceFor(i: number): TestContext;
  close(): Promise<void>;
}

export async function startTestInstances(count: number): Promise<TestInstances> {
  const database = await createTestDatabase();
  const config = testConfig(database.url);
  const apps: INestApplication[] = [];
  try {
    for (let i = 0; i < count; i++) apps.push(await createApp(config, { logger: false }));
  } catch (error) {
    for (const app of apps) await app.close();
    await database.drop();
    throw error;
  }
  const tokenService = apps[0].get(TokenService);
  const make = async (role: string, code: string | null = null) =>
    (await tokenService.create(role, code, `e2e ${role} ${code ?? ''}`)).token;
  const clerk: Record<string, string> = {};
  for (const code of ALL_CODES) clerk[code] = await make('clerk', code);
  const tokens = {
    admin: await make('admin'),
    coordinator: await make('coordinator'),
    auditor: await make('auditor'),
    clerk,
  };
  const closeAll = async () => {
    for (const app of apps) await app.close();
    await database.drop();
  };
  const instances: TestContext[] = apps.map((app) => ({
    app,
    http: request(app.getHttpServer()),
    dataSource: app.get(DataSource),
    databaseKind: database.kind,
    tokens,
    close: closeAll,
  }));
  return { database, instances, instanceFor: (i) => instances[i % instances.length], close: closeAll };
}
