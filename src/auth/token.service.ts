import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'crypto';
import { sha256Hex as sha256 } from '../common/sha256';
import { AppError } from '../common/errors';
import { Db, type SharedRead } from '../database/db';
import { MunicipalityEntity } from '../municipality/municipality.entity';
import { Clock } from '../workflow/clock';
import { ApiTokenEntity } from './api-token.entity';
import { ROLES, type Role } from './roles.decorator';
import type { Actor } from '../workflow/actor';

/** Bearer tokens: random, shown once, stored only as SHA-256. */
@Injectable()
export class TokenService {
  /** Tokens by hash, read together when requests arrive together (Db.lookupShared). */
  private readonly byHash: SharedRead;

  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.byHash = {
      sql: (n) =>
        `SELECT id, role, municipality_code AS municipality, revoked_at AS revoked, token_hash AS hash FROM api_token ` +
        `WHERE token_hash IN (${db.dialect.params(n)})`,
      keyOf: (row) => row.hash as string,
    };
  }

  async create(
    role: string,
    municipalityCode: string | null,
    label: string | null,
    raw?: string,
  ): Promise<{ token: string; id: string }> {
    if (!ROLES.includes(role as Role)) {
      throw new AppError(
        'BAD_INPUT',
        'VALIDATION_FAILED',
        `role must be one of ${ROLES.join(', ')}`,
        `role ska vara en av ${ROLES.join(', ')}`,
      );
    }
    if (role === 'clerk' && !municipalityCode) {
      throw new AppError(
        'BAD_INPUT',
        'VALIDATION_FAILED',
        'A clerk token is bound to one municipality: give --municipality CODE.',
        'En registratorstoken är knuten till en kommun: ange --municipality KOD.',
      );
    }
    if (role !== 'clerk' && municipalityCode) {
      throw new AppError(
        'BAD_INPUT',
        'VALIDATION_FAILED',
        'Only clerk tokens are bound to a municipality.',
        'Endast registratorstoken knyts till en kommun.',
      );
    }
    const token = raw ?? `svk_${randomBytes(32).toString('base64url')}`;
    const id = randomUUID();
    await this.db.write(async (tx) => {
      if (municipalityCode && !(await tx.findOne(MunicipalityEntity, { where: { code: municipalityCode } }))) {
        throw new AppError(
          'NOT_FOUND',
          'UNKNOWN_MUNICIPALITY',
          `No municipality with code ${municipalityCode}.`,
          `Ingen kommun med kod ${municipalityCode}.`,
        );
      }
      const tokenHash = sha256(token);
      if (await tx.findOne(ApiTokenEntity, { where: { tokenHash } })) return; // ADMIN_TOKEN at every start: once is enough
      await tx.insert(ApiTokenEntity, {
        id,
        tokenHash,
        role,
        municipalityCode,
        label,
        createdAt: this.clock.nowIso(),
        revokedAt: null,
      });
    });
    return { token, id };
  }

  /** The actor of a bearer token, read from the database at every request (a revocation takes effect at once). */
  async authenticate(raw: string): Promise<Actor | null> {
    const tokenHash = sha256(raw);
    const row = (await this.db.lookupShared(this.byHash, tokenHash)) as
      { id: string; role: string; municipality: string | null; revoked: string | null } | undefined;
    if (!row || row.revoked) return null;
    return { id: row.id, role: row.role as Actor['role'], municipality: row.municipality };
  }
}
