import { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_TOKEN_TTL_DAYS } from '../../config/app-config';

/** What the environment's admin token was labelled before tokens had an origin. */
const ENV_LABEL = 'ADMIN_TOKEN from the environment';

/**
 * The token lifecycle a security officer asks for: whose token it is (`name`), where it came from (`origin`: cli, api,
 * env or internal; `created_by`), when it expires and when it was last used, and who revoked it.
 *
 * Existing tokens: `name` is their label (or says that it is unknown), `origin` is `env` for the environment's admin
 * token and `cli` for the others (the only other way to make one before this), and every token expires
 * DEFAULT_TOKEN_TTL_DAYS (90) days after this migration runs, not after its creation: an old token keeps working for
 * the period a new one gets, and none is cut off by the upgrade. Plain ALTER TABLE, the same on both databases.
 */
export class TokenLifecycle1732800000000 implements MigrationInterface {
  name = 'TokenLifecycle1732800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_token ADD COLUMN name varchar(200) NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE api_token ADD COLUMN origin varchar(16) NOT NULL DEFAULT 'cli'`);
    await q.query(`ALTER TABLE api_token ADD COLUMN created_by varchar(100)`);
    await q.query(`ALTER TABLE api_token ADD COLUMN expires_at varchar(30)`);
    await q.query(`ALTER TABLE api_token ADD COLUMN last_used_at varchar(30)`);
    await q.query(`ALTER TABLE api_token ADD COLUMN revoked_by varchar(100)`);
    const expiresAt = new Date(Date.now() + DEFAULT_TOKEN_TTL_DAYS * 86_400_000).toISOString();
    const p = (i: number) => (q.connection.options.type === 'postgres' ? `$${i}` : '?');
    await q.query(
      `UPDATE api_token SET name = COALESCE(label, ${p(1)}), expires_at = ${p(2)}, ` +
        `origin = CASE WHEN label = ${p(3)} THEN 'env' ELSE 'cli' END`,
      ['(unknown: created before tokens were named)', expiresAt, ENV_LABEL],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of ['revoked_by', 'last_used_at', 'expires_at', 'created_by', 'origin', 'name']) {
      await q.query(`ALTER TABLE api_token DROP COLUMN ${column}`);
    }
  }
}
