import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Where a token came from: `cli` (`npm run cli -- token create`), `api` (POST /api/v1/tokens by an admin), `env` (the
 * ADMIN_TOKEN of the environment; replaced at a start with another value) or `internal` (the service's own code: tests,
 * the benchmark).
 */
export type TokenOrigin = 'cli' | 'api' | 'env' | 'internal';

/** A bearer token, stored only as its SHA-256, with whose it is, when it expires and when it was last used. */
@Entity('api_token')
export class ApiTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64, unique: true })
  tokenHash: string;

  @Column({ type: 'varchar', length: 32 })
  role: string;

  @Column({ name: 'municipality_code', type: 'varchar', length: 4, nullable: true })
  municipalityCode: string | null;

  /** The person (or system) the token was given to: "Anna Andersson, registrator Åmål". */
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  label: string | null;

  @Column({ type: 'varchar', length: 16 })
  origin: TokenOrigin;

  /** Who made it: `token:<id>` of the admin (API), `cli:<os user>`, `env`, `internal`. */
  @Column({ name: 'created_by', type: 'varchar', length: 100, nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  /** UTC ISO instant; a token is refused from then on. NULL is treated as expired (nothing writes it). */
  @Column({ name: 'expires_at', type: 'varchar', length: 30, nullable: true })
  expiresAt: string | null;

  /** The last authenticated request, to the minute (TokenService: written at most once a minute per token). */
  @Column({ name: 'last_used_at', type: 'varchar', length: 30, nullable: true })
  lastUsedAt: string | null;

  @Column({ name: 'revoked_at', type: 'varchar', length: 30, nullable: true })
  revokedAt: string | null;

  /** Who revoked it: `token:<id>` of the admin (API), `cli:<os user>`, `env` (replaced ADMIN_TOKEN). */
  @Column({ name: 'revoked_by', type: 'varchar', length: 100, nullable: true })
  revokedBy: string | null;
}
