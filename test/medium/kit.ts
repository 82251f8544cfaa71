import { INestApplication, INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import type { Role } from '../../src/auth/roles.decorator';
import { TokenService } from '../../src/auth/token.service';
import { seedDemoData } from '../../src/seed/demo-seed';
import type { Actor } from '../../src/workflow/actor';
import { DueEventsScheduler } from '../../src/workflow/due-events/due-events.scheduler';
import { createTestDatabase, sql, testConfig, type DatabaseKind } from '../e2e/kit/database';

/**
 * The medium tier: the real application module (AppModule, its services, migrations run when the DataSource opens)
 * on a fresh database per test file, without an HTTP server. Tests call the services as the controllers do, with
 * actors made through the real TokenService. The database is the e2e suite's (test/e2e/kit/database.ts): a new SQLite
 * file for `npm test`, a new PostgreSQL database (created and dropped) for `npm run test:pg` (TEST_DATABASE=postgres).
 * What createApp adds to the module beyond HTTP is done here too: the demo seed (seed 'demo') and the due events of
 * the start. There is no validation pipe: a DTO handed to a service is taken as given.
 */
export interface MediumContext {
  app: INestApplicationContext;
  dataSource: DataSource;
  databaseKind: DatabaseKind;
  /** A provider of the application: a service, Db, DataSource ... */
  get<T>(type: Type<T>): T;
  /**
   * The actor of a new token of `role` (a clerk's bound to `municipality`): created and then authenticated through the
   * real TokenService, once per role and municipality in a file.
   */
  actor(role: Role, municipality?: string): Promise<Actor>;
  /** Raw SQL with `?` placeholders on either database ($1, $2 … on PostgreSQL). */
  sql(text: string, params?: unknown[]): Promise<any>;
  close(): Promise<void>;
}

export interface MediumOptions {
  seed?: 'demo' | 'none';
}

export async function startMediumApp(options: MediumOptions = {}): Promise<MediumContext> {
  const database = await createTestDatabase('medium');
  let app: INestApplicationContext | null = null;
  try {
    const config = testConfig(database.url, options.seed);
    app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
    // seedDemoData is typed for the HTTP application but asks it for providers only (app.get): the context has them.
    if (config.SEED === 'demo') await seedDemoData(app as INestApplication);
    await app.get(DueEventsScheduler).tick();
  } catch (error) {
    if (app) await app.close();
    await database.drop();
    throw error;
  }
  const context = app;
  const dataSource = context.get(DataSource);
  const tokens = context.get(TokenService);
  const actors = new Map<string, Promise<Actor>>();
  const makeActor = async (role: Role, municipality: string | null): Promise<Actor> => {
    const { token } = await tokens.create(role, municipality, `medium ${role} ${municipality ?? ''}`.trim());
    const actor = await tokens.authenticate(token);
    if (!actor) throw new Error(`actor ${role} ${municipality ?? ''}: the new token does not authenticate`);
    return actor;
  };
  return {
    app: context,
    dataSource,
    databaseKind: database.kind,
    get: (type) => context.get(type),
    actor(role, municipality) {
      const key = `${role}:${municipality ?? ''}`;
      let actor = actors.get(key);
      if (!actor) actors.set(key, (actor = makeActor(role, municipality ?? null)));
      return actor;
    },
    sql: (text, params = []) => sql({ dataSource, databaseKind: database.kind }, text, params),
    async close() {
      await context.close();
      await database.drop();
    },
  };
}

/**
 * The suite's medium app: started in a beforeAll and closed in an afterAll of the calling describe block. The context
 * returned is the one to use in hooks and tests (declared after this call); it answers once the app is started.
 */
export function useMediumApp(options: MediumOptions = {}): MediumContext {
  let started: MediumContext | null = null;
  const current = () => {
    if (!started)
      throw new Error('useMediumApp: the medium app is started in beforeAll; use the context in hooks and tests');
    return started;
  };
  beforeAll(async () => {
    started = await startMediumApp(options);
  });
  afterAll(async () => {
    if (started) await started.close();
  });
  return {
    get app() {
      return current().app;
    },
    get dataSource() {
      return current().dataSource;
    },
    get databaseKind() {
      return current().databaseKind;
    },
    get: (type) => current().get(type),
    actor: (role, municipality) => current().actor(role, municipality),
    sql: (text, params) => current().sql(text, params),
    close: () => current().close(),
  };
}
