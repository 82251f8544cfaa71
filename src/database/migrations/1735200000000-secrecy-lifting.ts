import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Lifting a sekretessmarkering (issue 12 §3, R-K13): a record of its own beside the marking it lifts, hashed into the
 * municipality's register; the marking row stays as it was.
 */
export class SecrecyLifting1735200000000 implements MigrationInterface {
  name = 'SecrecyLifting1735200000000';

  async up(q: QueryRunner): Promise<void> {
    const str = (name: string, length: number) => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: false,
    });
    await q.createTable(
      new Table({
        name: 'secrecy_lifting',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('marking_id', 36),
          str('municipality_code', 4),
          str('decision_id', 36),
          str('decided_on', 10),
          str('decided_by', 200),
          { name: 'reason', type: 'text', isNullable: false },
          str('lifted_at', 30),
          str('lifted_by', 64),
        ],
        indices: [
          new TableIndex({ name: 'ix_secrecy_lifting_decision', columnNames: ['decision_id'] }),
          // One lifting per marking: a second one is refused by the rule (R-K13), and the schema backs it up.
          new TableIndex({ name: 'ux_secrecy_lifting_marking', columnNames: ['marking_id'], isUnique: true }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('secrecy_lifting');
  }
}
