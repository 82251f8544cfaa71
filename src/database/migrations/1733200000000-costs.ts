import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Cost sharing (kostnadsfördelning): the index of cost-rule workflows by collaboration, and the index of their
 * invoices and credit invoices by id. Both are projections of the workflows' logs (src/cost/cost.entities.ts).
 */
export class Costs1733200000000 implements MigrationInterface {
  name = 'Costs1733200000000';

  async up(q: QueryRunner): Promise<void> {
    const str = (name: string, length: number, nullable = false) => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    });
    await q.createTable(
      new Table({
        name: 'cost_rule',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('collaboration_slug', 64),
          str('scope_kind', 16),
          str('area_workflow_id', 36, true),
          str('created_at', 30),
        ],
        foreignKeys: [{ columnNames: ['id'], referencedTableName: 'workflow_instance', referencedColumnNames: ['id'] }],
        indices: [new TableIndex({ name: 'ix_cost_rule_collaboration', columnNames: ['collaboration_slug'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'cost_invoice',
        columns: [{ ...str('id', 36), isPrimary: true }, str('cost_rule_id', 36), str('number', 16), str('kind', 8)],
        foreignKeys: [
          { columnNames: ['cost_rule_id'], referencedTableName: 'cost_rule', referencedColumnNames: ['id'] },
        ],
        uniques: [{ name: 'uq_cost_invoice_number', columnNames: ['cost_rule_id', 'number'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('cost_invoice');
    await q.dropTable('cost_rule');
  }
}
