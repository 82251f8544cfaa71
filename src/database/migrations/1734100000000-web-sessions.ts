import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** The web pages' sessions (src/web/session): one row per signed-in browser, keyed by the SHA-256 of its cookie. */
export class WebSessions1734100000000 implements MigrationInterface {
  name = 'WebSessions1734100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'web_session',
        columns: [
          { name: 'id_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'token_id', type: 'varchar', length: '36' },
          { name: 'csrf_token', type: 'varchar', length: '64' },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'expires_at', type: 'varchar', length: '30' },
        ],
      }),
    );
    await q.createIndex(
      'web_session',
      new TableIndex({ name: 'idx_web_session_expires', columnNames: ['expires_at'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('web_session');
  }
}
