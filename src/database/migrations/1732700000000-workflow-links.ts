import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Links between workflows move out of the decision tables into one table of the engine: a decision that drove a
 * membership event becomes a 'drives' link from `decision:<id>`; compensations are linked from now on.
 */
export class WorkflowLinks1732700000000 implements MigrationInterface {
  name = 'WorkflowLinks1732700000000';

  async up(q: QueryRunner): Promise<void> {
    const str = (name: string, length: number, nullable = false) => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    });
    await q.createTable(
      new Table({
        name: 'workflow_link',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          str('cause_key', 100),
          str('cause_workflow_id', 36, true),
          { name: 'cause_seq', type: 'integer', isNullable: true },
          str('effect_workflow_id', 36),
          { name: 'effect_seq', type: 'integer' },
          str('event_type', 64),
          str('kind', 16),
        ],
        foreignKeys: [
          {
            columnNames: ['effect_workflow_id'],
            referencedTableName: 'workflow_instance',
            referencedColumnNames: ['id'],
          },
        ],
        indices: [new TableIndex({ name: 'ix_workflow_link_cause', columnNames: ['cause_key'] })],
      }),
    );
    await q.query(
      `INSERT INTO workflow_link (cause_key, cause_workflow_id, cause_seq, effect_workflow_id, effect_seq, event_type, kind) ` +
        `SELECT 'decision:' || decision_id, NULL, NULL, workflow_id, seq, event_type, 'drives' FROM decision_effect ORDER BY id`,
    );
    await q.dropTable('decision_effect');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'decision_effect',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'decision_id', type: 'varchar', length: '36' },
          { name: 'workflow_id', type: 'varchar', length: '36' },
          { name: 'event_type', type: 'varchar', length: '64' },
          { name: 'seq', type: 'integer' },
        ],
        foreignKeys: [
          { columnNames: ['decision_id'], referencedTableName: 'decision', referencedColumnNames: ['id'] },
          { columnNames: ['workflow_id'], referencedTableName: 'workflow_instance', referencedColumnNames: ['id'] },
        ],
        indices: [new TableIndex({ name: 'ix_decision_effect', columnNames: ['decision_id'] })],
      }),
    );
    await q.query(
      `INSERT INTO decision_effect (decision_id, workflow_id, event_type, seq) ` +
        `SELECT substr(cause_key, 10), effect_workflow_id, event_type, effect_seq FROM workflow_link WHERE kind = 'drives' ORDER BY id`,
    );
    await q.dropTable('workflow_link');
  }
}
