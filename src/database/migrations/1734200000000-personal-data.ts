import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Personal data committed by a salted hash (issue 10 §9): the value and its salt beside the log, so that a gallring
 * deletes them and keeps the commitment the log holds. Records written before this migration keep their names in
 * the chain (they are not removable; the gallring says so).
 */
export class PersonalData1734200000000 implements MigrationInterface {
  name = 'PersonalData1734200000000';

  async up(q: QueryRunner): Promise<void> {
    const str = (name: string, length: number, nullable = false) => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    });
    await q.createTable(
      new Table({
        name: 'personal_datum',
        columns: [
          { ...str('commitment', 64), isPrimary: true },
          str('scope', 80),
          str('salt', 64, true),
          { name: 'value', type: 'text', isNullable: true },
          str('removed_under', 300, true),
          str('removal_workflow_id', 36, true),
          { name: 'removal_seq', type: 'integer', isNullable: true },
          str('created_at', 30),
        ],
        indices: [new TableIndex({ name: 'ix_personal_datum_scope', columnNames: ['scope'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('personal_datum');
  }
}
