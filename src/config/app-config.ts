import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength, validateSync } from 'class-validator';

/** How long a new token is valid unless TOKEN_TTL_DAYS says otherwise; also the expiry the migration gave old tokens. */
export const DEFAULT_TOKEN_TTL_DAYS = 90;
/** The shortest ADMIN_TOKEN accepted: a secret an attacker cannot guess, even at the failure limit's pace. */
export const MIN_ADMIN_TOKEN_LENGTH = 32;

/** The service's configuration, from the environment, validated once at start. */
export class AppConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  /** `sqlite:PATH` or a path (default data/samverkan.sqlite), or `postgres://...`. */
  @IsString()
  DATABASE_URL: string = 'sqlite:data/samverkan.sqlite';

  /**
   * Registered as an admin token at start (marked as the environment's); a different value at a later start revokes
   * the one it replaced, and starting without it revokes the last one.
   */
  @IsOptional()
  @IsString()
  @MinLength(MIN_ADMIN_TOKEN_LENGTH, {
    message: `ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters (e.g. the output of \`openssl rand -base64 32\`)`,
  })
  ADMIN_TOKEN?: string;

  /** Days a new token is valid (the default and the longest a token may be given). */
  @IsInt()
  @Min(1)
  @Max(3650)
  TOKEN_TTL_DAYS: number = DEFAULT_TOKEN_TTL_DAYS;

  /** Failed authentications per client address per minute before it gets 429 for the rest of the minute; 0 = off. */
  @IsInt()
  @Min(0)
  AUTH_FAILURES_PER_MINUTE: number = 20;

  /** Requests per token per minute before 429; 0 = off. */
  @IsInt()
  @Min(0)
  REQUESTS_PER_MINUTE_PER_TOKEN: number = 600;

  /**
   * `demo` seeds the demo data (marked "EXEMPEL – fiktiva uppgifter") into an empty database; `none` starts empty.
   * Unset, it is `demo` only for the default database file of a non-production start (`npm start`): a service started
   * with a DATABASE_URL or with NODE_ENV=production gets no demo data unless SEED=demo says so (defaultSeed).
   */
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

  // Signed checkpoints of the log (h-checkpoint, docs/checkpoints.md)
  /** The checkpoints' origin line, which names this log (by convention also the signing key's name). */
  @IsString()
  @MinLength(1)
  CHECKPOINT_ORIGIN: string = 'samverkan.example/default';

  /** The log's signing key (`npm run cli -- keys create`), kept outside the database, mode 0600. */
  @IsString()
  @MinLength(1)
  CHECKPOINT_KEY_FILE: string = 'data/keys/checkpoint.key';

  /** How often a checkpoint is made when the log grew; 0 turns the timer off (POST /checkpoints still makes one). */
  @IsInt()
  @Min(0)
  CHECKPOINT_INTERVAL_MS: number = 0;
}

/**
 * SEED when none is given: demo data only where it cannot be taken for a real register, i.e. the default database
 * file of a development start. A DATABASE_URL (a database someone chose) or NODE_ENV=production starts without it.
 */
export function defaultSeed(env: NodeJS.ProcessEnv, overrides: Partial<AppConfig> = {}): 'demo' | 'none' {
  const chosenDatabase = overrides.DATABASE_URL !== undefined || (env.DATABASE_URL ?? '') !== '';
  return chosenDatabase || env.NODE_ENV === 'production' ? 'none' : 'demo';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(new AppConfig())) if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  for (const key of ['ADMIN_TOKEN']) if (env[key]) raw[key] = env[key];
  if (raw.SEED === undefined && overrides.SEED === undefined) raw.SEED = defaultSeed(env, overrides);
  const config = plainToInstance(AppConfig, { ...raw, ...overrides }, { enableImplicitConversion: true });
  const errors = validateSync(config);
  if (errors.length) {
    throw new Error(
      `Invalid configuration: ${errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`).join('; ')}`,
    );
  }
  return config;
}
