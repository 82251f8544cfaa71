import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { TokenService } from '../../../src/auth/token.service';
import { createApp } from '../../../src/bootstrap';
import type { AppConfig } from '../../../src/config/app-config';
import { Clock } from '../../../src/workflow/clock';
import { createTestDatabase, sql, testConfig, type DatabaseKind } from './database';

/**
 * The e2e harness: the real application (AppModule, migrations, pipes, filter) on a fresh database per test file.
 * `npm test` uses a new SQLite file; `npm run test:pg` (TEST_DATABASE=postgres) creates and drops a new PostgreSQL
 * database for the file (./database.ts). Tokens for every role are created through the real TokenService.
 */
export interface TestContext {
  app: INestApplication;
  http: ReturnType<typeof request>;
  dataSource: DataSource;
  databaseKind: DatabaseKind;
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

export interface TestAppOptions {
  seed?: 'demo' | 'none';
  /** Where the access log goes (off otherwise): a test that checks the log lines reads them from here. */
  accessLog?: DestinationStream;
  /** Configuration beside the test defaults (testConfig): low rate limits, an ADMIN_TOKEN … */
  config?: Partial<AppConfig>;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const config = testConfig(database.url, options.seed, options.config);
  const app = await createApp(config, { logger: false, accessLogStream: options.accessLog });
  const tokenService = app.get(TokenService);
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
  return {
    app,
    http: request(app.getHttpServer()),
    dataSource: app.get(DataSource),
    databaseKind: database.kind,
    tokens,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/**
 * The suite's test app: started in a beforeAll and closed in an afterAll of the calling describe block. The context
 * returned is the one to use in hooks and tests (declared after this call); it answers once the app is started.
 */
export function useTestApp(options: TestAppOptions = {}): TestContext {
  let started: TestContext | null = null;
  const current = () => {
    if (!started)
      throw new Error('useTestApp: the test app is started in beforeAll; use the context in hooks and tests');
    return started;
  };
  beforeAll(async () => {
    started = await startTestApp(options);
  });
  afterEach(() => {
    if (started) restoreToday(started);
  });
  afterAll(async () => {
    if (started) await started.close();
  });
  return {
    get app() {
      return current().app;
    },
    get http() {
      return current().http;
    },
    get dataSource() {
      return current().dataSource;
    },
    get databaseKind() {
      return current().databaseKind;
    },
    get tokens() {
      return current().tokens;
    },
    close: () => current().close(),
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Every refusal has exactly this shape: { code, message, messageSv, ruleId?, details? }. */
export function expectErrorBody(body: any, code?: string) {
  expect(body).toEqual(
    expect.objectContaining({ code: expect.any(String), message: expect.any(String), messageSv: expect.any(String) }),
  );
  for (const key of Object.keys(body)) expect(['code', 'message', 'messageSv', 'ruleId', 'details']).toContain(key);
  expect(body.message.length).toBeGreaterThan(0);
  expect(body.messageSv.length).toBeGreaterThan(0);
  if (code) expect(body.code).toBe(code);
}

/** The number of rows in `table` (what a refused write must leave as it was). */
export async function rowCount(ctx: TestContext, table: string): Promise<number> {
  return Number((await sql(ctx, `SELECT COUNT(*) AS n FROM ${table}`))[0].n);
}

const extraClerks = new WeakMap<TestContext, Map<string, string>>();

/** A clerk token for any municipality (the harness pre-creates ALL_CODES; others are created once, on demand). */
export async function clerkToken(ctx: TestContext, code: string): Promise<string> {
  if (ctx.tokens.clerk[code]) return ctx.tokens.clerk[code];
  let known = extraClerks.get(ctx);
  if (!known) extraClerks.set(ctx, (known = new Map()));
  if (!known.has(code))
    known.set(code, (await ctx.app.get(TokenService).create('clerk', code, `e2e clerk ${code}`)).token);
  return known.get(code)!;
}

/**
 * Makes `date` today in Stockholm for the application under test (its one Clock), until the end of the test
 * (useTestApp restores the real day after each test). What depends on the day follows it: the input checks (a
 * decision, a notice, a justering may not lie after today), the due events that fire before a client's event, and
 * the default `asOf`. A scenario whose facts lie in the future of the real calendar (an exit in 2030 withdrawn the
 * day before) is played on its own dates this way. The instants recorded (`recorded_at`) stay the real ones.
 */
export function setToday(ctx: TestContext, date: string): void {
  const clock = ctx.app.get(Clock) as Clock & { todayInStockholm: () => string };
  clock.todayInStockholm = () => date;
}

/** Back to the real day (what setToday changed). */
export function restoreToday(ctx: TestContext): void {
  const clock = ctx.app.get(Clock) as unknown as Record<string, unknown>;
  delete clock.todayInStockholm;
}
