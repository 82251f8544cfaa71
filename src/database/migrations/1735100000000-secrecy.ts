import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Secrecy and openness (issue 11 §8): the markable texts of a paragraph beside the log under a commitment, and the
 * secrecy markings (R-K7), each a record hashed into its municipality's register.
 */
export class Secrecy1735100000000 implements MigrationInterface {
  name = 'Secrecy1735100000000';

  async up(q: QueryRunner): Promise<void> {
    const str = (name: string, length: number, nullable = false) => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    });
    await q.createTable(
      new Table({
        name: 'secret_text',
        columns: [
          { ...str('commitment', 64), isPrimary: true },
          str('scope', 80),
          str('field', 100),
          str('municipality_code', 4),
          str('salt', 64),
          { name: 'value', type: 'text' },
          str('created_at', 30),
        ],
        indices: [new TableIndex({ name: 'ix_secret_text_scope', columnNames: ['scope'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'secrecy_marking',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('municipality_code', 4),
          str('decision_id', 36),
          str('field', 100, true),
          str('provision', 200),
          str('marked_on', 10),
          str('marked_at', 30),
          str('marked_by', 64),
        ],
        indices: [new TableIndex({ name: 'ix_secrecy_marking_decision', columnNames: ['decision_id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('secrecy_marking');
    await q.dropTable('secret_text');
  }
}
