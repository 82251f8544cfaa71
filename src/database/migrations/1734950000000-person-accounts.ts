import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

/**
 * People who sign in to the pages with a user name and a password (src/auth/person-account.entity.ts), and which kind
 * of subject a web session was opened for: `token` (web_session.token_id is an API token's id, as before) or
 * `person` (it is a person_account's id).
 */
export class PersonAccounts1734950000000 implements MigrationInterface {
  name = 'PersonAccounts1734950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'person_account',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_name', type: 'varchar', length: '64', isUnique: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'role', type: 'varchar', length: '32' },
          { name: 'municipality_code', type: 'varchar', length: '4', isNullable: true },
          { name: 'password_hash', type: 'varchar', length: '200' },
          { name: 'created_by', type: 'varchar', length: '100' },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'revoked_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'revoked_by', type: 'varchar', length: '100', isNullable: true },
        ],
      }),
    );
    await q.addColumn(
      'web_session',
      new TableColumn({ name: 'subject_kind', type: 'varchar', length: '8', default: "'token'" }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('web_session', 'subject_kind');
    await q.dropTable('person_account');
  }
}
