import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, validateSync } from 'class-validator';

/** The service's configuration, from the environment, validated once at start. */
export class AppConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  /** `sqlite:PATH` or a path (default data/samverkan.sqlite), or `postgres://...`. */
  @IsString()
  DATABASE_URL: string = 'sqlite:data/samverkan.sqlite';

  @IsOptional()
  @IsString()
  ADMIN_TOKEN?: string;

  /** `demo` (default) seeds the demo data into an empty database; `none` starts empty. */
  @IsIn(['demo', 'none'])
  SEED: 'demo' | 'none' = 'demo';

  /** How often due events (an exit taking effect) are fired; 0 turns the timer off (they still fire at start). */
  @IsInt()
  @Min(0)
  DUE_EVENTS_INTERVAL_MS: number = 60_000;

  /** SQLite durability: FULL survives a power cut (the default), NORMAL survives a process crash. */
  @IsIn(['FULL', 'NORMAL'])
  SQLITE_SYNCHRONOUS: 'FULL' | 'NORMAL' = 'FULL';

  /** The access log (one JSON line per answer, src/http/access-log.ts): `stdout` (the default) or `off`. */
  @IsIn(['stdout', 'off'])
  ACCESS_LOG: 'stdout' | 'off' = 'stdout';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(new AppConfig())) if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  for (const key of ['ADMIN_TOKEN']) if (env[key]) raw[key] = env[key];
  const config = plainToInstance(AppConfig, { ...raw, ...overrides }, { enableImplicitConversion: true });
  const errors = validateSync(config);
  if (errors.length) {
    throw new Error(
      `Invalid configuration: ${errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`).join('; ')}`,
    );
  }
  return config;
}
