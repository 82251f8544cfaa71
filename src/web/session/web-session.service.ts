import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, timingSafeEqual } from 'crypto';
import { LessThanOrEqual } from 'typeorm';
import { actorOfPerson, PersonService } from '../../auth/person.service';
import { TokenService } from '../../auth/token.service';
import { sha256Hex } from '../../common/sha256';
import { Db } from '../../database/db';
import type { Actor } from '../../workflow/actor';
import { Clock } from '../../workflow/clock';
import { WebSessionEntity } from './web-session.entity';

/** A session lasts a working day; signing in again starts a new one. */
export const SESSION_HOURS = 8;
export const SESSION_COOKIE = 'svk_session';

/** The signed-in person as the pages see them: the API's actor (same role and municipality) and the token's name. */
export interface WebSession {
  actor: Actor;
  name: string;
  csrfToken: string;
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/**
 * The web sessions: opened with an API token (TokenService.check decides, as for the API) or by a person's user name
 * and password (PersonService.signIn), stored server-side by the
 * SHA-256 of the cookie, each with its own form token. Every request re-reads the token (or the person), so a revoked or
 * expired token, or a revoked person, ends its sessions at once.
 */
@Injectable()
export class WebSessionService {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly tokens: TokenService,
    private readonly clock: Clock,
    private readonly persons: PersonService,
  ) {}

  /** A new session for a valid token: the cookie value (shown to the browser only), or null when refused. */
  async open(rawToken: string): Promise<{ cookie: string; maxAgeSeconds: number } | null> {
    const checked = await this.tokens.check(rawToken);
    if (!checked.ok) return null;
    return this.start(checked.actor.id, 'token');
  }

  /** A new session for a person who signed in with their password (PersonService.signIn decided). */
  openForPerson(personId: string): Promise<{ cookie: string; maxAgeSeconds: number }> {
    return this.start(personId, 'person');
  }

  private async start(subjectId: string, subjectKind: 'token' | 'person') {
    const cookie = randomBytes(32).toString('base64url');
    const now = this.clock.nowIso();
    const expiresAt = new Date(Date.parse(now) + SESSION_HOURS * 3_600_000).toISOString();
    await this.db.write(async (tx) => {
      // Ended sessions are of no use to anyone: they go when a new one starts.
      await tx.delete(WebSessionEntity, { expiresAt: LessThanOrEqual(now) });
      await tx.insert(WebSessionEntity, {
        idHash: sha256Hex(cookie),
        tokenId: subjectId,
        subjectKind,
        csrfToken: randomBytes(24).toString('base64url'),
        createdAt: now,
        expiresAt,
      });
    });
    return { cookie, maxAgeSeconds: SESSION_HOURS * 3600 };
  }

  /** The session of a cookie, while it and its token are valid; null otherwise. */
  async find(cookie: string | undefined): Promise<WebSession | null> {
    if (!cookie || cookie.length > 100) return null;
    const row = await this.db.read((tx) => tx.findOne(WebSessionEntity, { where: { idHash: sha256Hex(cookie) } }));
    if (!row || row.expiresAt <= this.clock.nowIso()) return null;
    if (row.subjectKind === 'person') {
      // Re-read at every request, as a token is: a revoked person's sessions end at once.
      const person = await this.persons.get(row.tokenId).catch(() => null);
      if (!person || person.status !== 'active') return null;
      return { actor: actorOfPerson(person), name: person.name, csrfToken: row.csrfToken };
    }
    const token = await this.tokens.get(row.tokenId).catch(() => null);
    if (!token || token.status !== 'active') return null;
    return {
      actor: { id: token.id, role: token.role as Actor['role'], municipality: token.municipalityCode },
      name: token.name,
      csrfToken: row.csrfToken,
    };
  }

  async close(cookie: string | undefined): Promise<void> {
    if (!cookie || cookie.length > 100) return;
    await this.db.write((tx) => tx.delete(WebSessionEntity, { idHash: sha256Hex(cookie) }));
  }
}
