import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { randomBytes, randomUUID } from 'crypto';
import { AppError, badInput, notFound } from '../common/errors';
import { sha256Hex as sha256 } from '../common/sha256';
import { AppConfig } from '../config/app-config';
import { Db, isUniqueViolation, type SharedRead, type Tx } from '../database/db';
import { MunicipalityEntity } from '../municipality/municipality.entity';
import type { Actor } from '../workflow/actor';
import { Clock } from '../workflow/clock';
import { ApiTokenEntity, type TokenOrigin } from './api-token.entity';
import { LastUseRecorder } from './last-use';
import { assertRoleBinding } from './role-binding';
import { tokenView, type IssuedToken, type TokenStatus, type TokenView } from './token.view';
// History that reads like a record (h-history)
import { ActorDirectory } from '../workflow/history/actor-directory';
import { tokenNames } from './token-names';

/** What a new token is given. `expiresInDays` defaults to TOKEN_TTL_DAYS, which is also the longest allowed. */
export interface NewToken {
  name: string;
  role: string;
  municipalityCode?: string | null;
  label?: string | null;
  expiresInDays?: number;
  origin: TokenOrigin;
  /** `token:<id>` of the admin (API), `cli:<os user>`, `env`, `internal`. */
  createdBy: string;
}

/** What a bearer token is worth now: its actor, or why it is refused. */
export type TokenCheck =
  | { ok: true; actor: Actor }
  | { ok: false; reason: 'unknown' | 'revoked' }
  | { ok: false; reason: 'expired'; expiresAt: string | null };

const ENV_TOKEN_NAME = 'ADMIN_TOKEN (environment)';
const ENV_TOKEN_LABEL = 'ADMIN_TOKEN from the environment';
const DAY_MS = 86_400_000;

/**
 * Bearer tokens: random, shown once, stored only as SHA-256, each with a person's name, a role, an expiry and its
 * last use. Authentication reads committed rows at every request (a revocation or an expiry takes effect at once).
 */
@Injectable()
export class TokenService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  /** Tokens by hash, read together when requests arrive together (Db.lookupShared). */
  private readonly byHash: SharedRead;
  private readonly lastUse: LastUseRecorder;
  private readonly logger = new Logger('Tokens');
  private installed: { hash: string | null; id: string | null } | null = null;

  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    // History that reads like a record (h-history): the person behind each token id of the log.
    @Optional() actors?: ActorDirectory,
  ) {
    actors?.use({ namesOf: tokenNames });
    this.byHash = {
      sql: (n) =>
        `SELECT id, role, municipality_code AS municipality, revoked_at AS revoked, expires_at AS expires, ` +
        `token_hash AS hash FROM api_token WHERE token_hash IN (${db.dialect.params(n)})`,
      keyOf: (row) => row.hash as string,
    };
    this.lastUse = new LastUseRecorder(db, clock);
  }

  /** At start: the environment's ADMIN_TOKEN is registered, and the one it replaced stops working. */
  async onApplicationBootstrap(): Promise<void> {
    await this.installEnvironmentToken(this.config.ADMIN_TOKEN);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.lastUse.settled();
  }

  /** A new token: the secret is in this answer only; the database keeps its SHA-256. */
  async issue(spec: NewToken): Promise<IssuedToken> {
    const valid = this.validate(spec);
    const token = `svk_${randomBytes(32).toString('base64url')}`;
    const row = await this.db.write(async (tx) => {
      await this.assertMunicipality(tx, valid.municipalityCode);
      const entity = this.entity(valid, sha256(token));
      await tx.insert(ApiTokenEntity, entity);
      return entity;
    });
    return { token, ...tokenView(row, this.clock.nowIso()) };
  }

  /**
   * The positional form the start (bootstrap.ts: the ADMIN_TOKEN, as `raw`) and the test kits call: the label is the
   * token's name. With `raw`, it registers the environment's token (installEnvironmentToken).
   */
  async create(
    role: string,
    municipalityCode: string | null,
    label: string | null,
    raw?: string,
  ): Promise<{ token: string; id: string }> {
    if (raw !== undefined) {
      const id = await this.installEnvironmentToken(raw);
      return { token: raw, id: id ?? '' };
    }
    const issued = await this.issue({
      name: label ?? `${role} token`,
      role,
      municipalityCode,
      label,
      origin: 'internal',
      createdBy: 'internal',
    });
    return { token: issued.token, id: issued.id };
  }

  /**
   * The environment's admin token (origin `env`): registered once, with the usual expiry (a start does not renew it:
   * it is rotated like every other token). Every other token of origin `env` that still works is revoked, so a
   * replaced ADMIN_TOKEN, or one removed from the environment, stops working at this start. A revoked or expired
   * ADMIN_TOKEN stays so (logged). Returns the id of the environment's token, if any.
   */
  async installEnvironmentToken(raw: string | undefined): Promise<string | null> {
    const hash = raw === undefined ? null : sha256(raw);
    // The start installs it twice (the bootstrap hook, then bootstrap.ts's create): once is enough.
    if (this.installed && this.installed.hash === hash) return this.installed.id;
    const now = this.clock.nowIso();
    const work = (tx: Tx) => this.installEnvironmentTokenIn(tx, hash, now);
    const result = await this.db.write(work).catch(async (error: unknown) => {
      // Another process (PostgreSQL) registered the same token at the same moment: its row is the one.
      if (isUniqueViolation(error)) return this.db.write(work);
      throw error;
    });
    for (const id of result.revoked) this.logger.warn(`Revoked the previous ADMIN_TOKEN (token ${id}).`);
    if (result.current?.revokedAt) {
      this.logger.error(`ADMIN_TOKEN (token ${result.current.id}) was revoked: it does not work. Set a new one.`);
    } else if (result.current && !(result.current.expiresAt && result.current.expiresAt > now)) {
      this.logger.error(
        `ADMIN_TOKEN (token ${result.current.id}) expired at ${result.current.expiresAt}. Set a new one.`,
      );
    } else if (result.current?.expiresAt && Date.parse(result.current.expiresAt) - Date.parse(now) < 14 * DAY_MS) {
      this.logger.warn(`ADMIN_TOKEN (token ${result.current.id}) expires at ${result.current.expiresAt}.`);
    }
    this.installed = { hash, id: result.current?.id ?? null };
    return this.installed.id;
  }

  private async installEnvironmentTokenIn(
    tx: Tx,
    hash: string | null,
    now: string,
  ): Promise<{ current: ApiTokenEntity | null; revoked: string[] }> {
    const envTokens = await tx.find(ApiTokenEntity, { where: { origin: 'env' } });
    const revoked: string[] = [];
    for (const t of envTokens) {
      if (t.tokenHash === hash || t.revokedAt) continue;
      await tx.update(ApiTokenEntity, { id: t.id }, { revokedAt: now, revokedBy: 'env' });
      revoked.push(t.id);
    }
    if (hash === null) return { current: null, revoked };
    const existing = await tx.findOne(ApiTokenEntity, { where: { tokenHash: hash } });
    if (existing) return { current: existing, revoked };
    const entity = this.entity(
      this.validate({ name: ENV_TOKEN_NAME, role: 'admin', label: ENV_TOKEN_LABEL, origin: 'env', createdBy: 'env' }),
      hash,
    );
    await tx.insert(ApiTokenEntity, entity);
    return { current: entity, revoked };
  }

  /** The actor of a bearer token, read from the database at every request (a revocation takes effect at once). */
  async authenticate(raw: string): Promise<Actor | null> {
    const checked = await this.check(raw);
    return checked.ok ? checked.actor : null;
  }

  /** Like authenticate, and says why a token is refused (the guard answers an expired token differently). */
  async check(raw: string): Promise<TokenCheck> {
    const row = (await this.db.lookupShared(this.byHash, sha256(raw))) as
      | { id: string; role: string; municipality: string | null; revoked: string | null; expires: string | null }
      | undefined;
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.revoked) return { ok: false, reason: 'revoked' };
    if (!row.expires || row.expires <= this.clock.nowIso())
      return { ok: false, reason: 'expired', expiresAt: row.expires };
    return { ok: true, actor: { id: row.id, role: row.role as Actor['role'], municipality: row.municipality } };
  }

  /** A request authenticated with token `id`: its last_used_at (to the minute; see LastUseRecorder). */
  noteUse(id: string): void {
    this.lastUse.note(id);
  }

  /** Every token (or those of one status), oldest first. */
  async list(status?: TokenStatus): Promise<TokenView[]> {
    const rows = await this.db.read((tx) => tx.find(ApiTokenEntity, { order: { createdAt: 'ASC', id: 'ASC' } }));
    const now = this.clock.nowIso();
    const views = rows.map((row) => tokenView(row, now));
    return status ? views.filter((v) => v.status === status) : views;
  }

  async get(id: string): Promise<TokenView> {
    const row = await this.db.read((tx) => tx.findOne(ApiTokenEntity, { where: { id } }));
    if (!row) throw notFound(`Token ${id}`, `Token ${id}`);
    return tokenView(row, this.clock.nowIso());
  }

  /** Revokes a token from now on (its next request is refused); a token revoked before keeps its first revocation. */
  async revoke(id: string, revokedBy: string): Promise<TokenView> {
    const now = this.clock.nowIso();
    const row = await this.db.write(async (tx) => {
      const found = await tx.findOne(ApiTokenEntity, { where: { id } });
      if (!found) throw notFound(`Token ${id}`, `Token ${id}`);
      if (found.revokedAt) return found;
      await tx.update(ApiTokenEntity, { id }, { revokedAt: now, revokedBy });
      return { ...found, revokedAt: now, revokedBy };
    });
    return tokenView(row, now);
  }

  /** Resolves when every last-use write begun so far has ended. */
  settled(): Promise<void> {
    return this.lastUse.settled();
  }

  private validate(spec: NewToken): Required<NewToken> {
    const name = typeof spec.name === 'string' ? spec.name.trim() : '';
    if (!name) throw badInput('name', 'the person the token is for is required', 'personen som token gäller krävs');
    if (name.length > 200) throw badInput('name', 'must be at most 200 characters', 'får vara högst 200 tecken');
    if (spec.label && spec.label.length > 200)
      throw badInput('label', 'must be at most 200 characters', 'får vara högst 200 tecken');
    const municipalityCode = spec.municipalityCode ?? null;
    assertRoleBinding(spec.role, municipalityCode);
    const max = this.config.TOKEN_TTL_DAYS;
    const days = spec.expiresInDays ?? max;
    if (!Number.isInteger(days) || days < 1 || days > max) {
      throw badInput(
        'expiresInDays',
        `must be a whole number of days from 1 to ${max}`,
        `ska vara ett helt antal dagar från 1 till ${max}`,
      );
    }
    return { ...spec, name, municipalityCode, label: spec.label ?? null, expiresInDays: days };
  }

  private entity(spec: Required<NewToken>, tokenHash: string): ApiTokenEntity {
    const createdAt = this.clock.nowIso();
    return {
      id: randomUUID(),
      tokenHash,
      role: spec.role,
      municipalityCode: spec.municipalityCode,
      name: spec.name,
      label: spec.label,
      origin: spec.origin,
      createdBy: spec.createdBy,
      createdAt,
      expiresAt: new Date(Date.parse(createdAt) + spec.expiresInDays * DAY_MS).toISOString(),
      lastUsedAt: null,
      revokedAt: null,
      revokedBy: null,
    };
  }

  private async assertMunicipality(tx: Tx, code: string | null): Promise<void> {
    if (code && !(await tx.findOne(MunicipalityEntity, { where: { code } }))) {
      throw new AppError(
        'NOT_FOUND',
        'UNKNOWN_MUNICIPALITY',
        `No municipality with code ${code}.`,
        `Ingen kommun med kod ${code}.`,
      );
    }
  }
}
