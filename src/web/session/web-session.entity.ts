import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A signed-in browser: the cookie holds a random id, the table its SHA-256 (a copy of the table signs no one in),
 * the API token it was opened with (its revocation or expiry ends the session at the next request), the form token
 * (CSRF) and when it ends.
 */
@Entity('web_session')
export class WebSessionEntity {
  @PrimaryColumn({ name: 'id_hash', type: 'varchar', length: 64 })
  idHash: string;

  /** The API token's id, or the person's (person_account) when `subjectKind` is `person`. */
  @Column({ name: 'token_id', type: 'varchar', length: 36 })
  tokenId: string;

  /** `token` (signed in with an API token) or `person` (with a user name and password; h-web2). */
  @Column({ name: 'subject_kind', type: 'varchar', length: 8, default: 'token' })
  subjectKind: 'token' | 'person';

  @Column({ name: 'csrf_token', type: 'varchar', length: 64 })
  csrfToken: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  /** UTC ISO instant; the session is refused from then on. */
  @Column({ name: 'expires_at', type: 'varchar', length: 30 })
  expiresAt: string;
}
