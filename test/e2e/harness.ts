import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { TokenService } from '../../src/auth/token.service';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';

/**
 * The e2e harness: the real application (AppModule, migrations, pipes, filter) on a fresh database per test file.
 * `npm test` uses a new SQLite file; `npm run test:pg` (TEST_DATABASE=postgres) creates and drops a new PostgreSQL
 * database for the file. Tokens for every role are created through the real TokenService.
 */
export interface TestContext {
  app: INestApplication;
  http: ReturnType<typeof request>;
  dataSource: DataSource;
  databaseKind: 'sqlite' | 'postgres';
  tokens: {
    admin: string;
    coordinator: string;
    auditor: string;
    /** clerk tokens by municipality code */
    clerk: Record<string, string>;
  };
  close(): Promise<void>;
}

export const ALL_CODES = ['1460', '1438', '1439', '1461', '1492', '1984', '1983', '1960'];

export async function startTestApp(options: { seed?: 'demo' | 'none' } = {}): Promise<TestContext> {
  const kind = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
  let url: string;
  let dropDatabase: (() => Promise<void>) | null = null;
  let tmpDir: string | null = null;
  if (kind === 'postgres') {
    const admin = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const name = `samverkan_test_${randomBytes(6).toString('hex')}`;
    const client = new Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const u = new URL(admin);
    u.pathname = `/${name}`;
    url = u.toString();
    dropDatabase = async () => {
      const c = new Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-e2e-'));
    url = `sqlite:${path.join(tmpDir, 'test.sqlite')}`;
  }
  const config = loadConfig({}, { DATABASE_URL: url, SEED: options.seed ?? 'none', DUE_EVENTS_INTERVAL_MS: 0, SQLITE_SYNCHRONOUS: 'NORMAL' });
  const app = await createApp(config, { logger: false });
  const tokenService = app.get(TokenService);
  const make = async (role: string, code: string | null = null) => (await tokenService.create(role, code, `e2e ${role} ${code ?? ''}`)).token;
  const clerk: Record<string, string> = {};
  for (const code of ALL_CODES) clerk[code] = await make('clerk', code);
  const tokens = { admin: await make('admin'), coordinator: await make('coordinator'), auditor: await make('auditor'), clerk };
  return {
    app,
    http: request(app.getHttpServer()),
    dataSource: app.get(DataSource),
    databaseKind: kind,
    tokens,
    async close() {
      await app.close();
      if (dropDatabase) await dropDatabase();
      if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Creates Dalslandssamverkan as the declaration gives it (in force 2024-01-01) through the API. */
export async function createDalsland(ctx: TestContext, settings?: Record<string, string>, slug = 'dalslandssamverkan') {
  const res = await ctx.http
    .post('/api/v1/collaborations')
    .set(bearer(ctx.tokens.admin))
    .send({
      slug,
      name: 'Dalslandssamverkan',
      parties: ['1460', '1438', '1439', '1461', '1492'],
      declarationVersion: '2023-12-08',
      declarationEffectiveDate: '2024-01-01',
      ...(settings ? { settings } : {}),
    });
  if (res.status !== 201) throw new Error(`createDalsland: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** POSTs one membership event as the given token (default: admin). */
export function postEvent(ctx: TestContext, code: string, body: Record<string, unknown>, token = ctx.tokens.admin, slug = 'dalslandssamverkan') {
  return ctx.http.post(`/api/v1/collaborations/${slug}/memberships/${code}/events`).set(bearer(token)).send(body);
}

export function getMembership(ctx: TestContext, code: string, asOf?: string, slug = 'dalslandssamverkan') {
  const q = asOf ? `?asOf=${asOf}` : '';
  return ctx.http.get(`/api/v1/collaborations/${slug}/memberships/${code}${q}`).set(bearer(ctx.tokens.auditor));
}

/** The standard entry: KF decision then KSO signature. */
export async function enter(ctx: TestContext, code: string, decisionDate = '2023-11-29', signedOn = '2023-12-08', slug = 'dalslandssamverkan') {
  const a = await postEvent(ctx, code, { type: 'FULLMAKTIGE_ADOPTED_DECLARATION', decision: { organ: 'KF', date: decisionDate } }, ctx.tokens.admin, slug);
  if (a.status !== 201) throw new Error(`enter/decision: ${a.status} ${JSON.stringify(a.body)}`);
  const b = await postEvent(ctx, code, { type: 'KSO_SIGNED', signedOn, signatory: { name: 'KSO', office: 'KSO' } }, ctx.tokens.admin, slug);
  if (b.status !== 201) throw new Error(`enter/signature: ${b.status} ${JSON.stringify(b.body)}`);
  return b.body;
}
