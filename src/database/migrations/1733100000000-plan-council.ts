import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * The verksamhetsplan and Samverkansrådet: two index tables of their workflows (`plan`: a collaboration's plans;
 * `council`: a collaboration's council). What they record lives in the workflow log.
 */
export class PlanCouncil1733100000000 implements MigrationInterface {
  name = 'PlanCouncil1733100000000';

  async up(q: QueryRunner): Promise<void> {
    const str = (name: string, length: number) => ({ name, type: 'varchar', length: String(length) });
    await q.createTable(
      new Table({
        name: 'plan',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('collaboration_slug', 64),
          str('title', 200),
          str('created_at', 30),
          { name: 'adoption_turn', type: 'integer', default: 0 },
        ],
        foreignKeys: [{ columnNames: ['id'], referencedTableName: 'workflow_instance', referencedColumnNames: ['id'] }],
        indices: [new TableIndex({ name: 'ix_plan_collaboration', columnNames: ['collaboration_slug'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'council',
        columns: [
          { ...str('collaboration_slug', 64), isPrimary: true },
          { ...str('workflow_id', 36), isUnique: true },
        ],
        foreignKeys: [
          { columnNames: ['workflow_id'], referencedTableName: 'workflow_instance', referencedColumnNames: ['id'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('council');
    await q.dropTable('plan');
  }
}
