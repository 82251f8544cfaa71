import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Delegationsbeslut and ordförandebeslut (issue 11 point 4, R-I9, R-H17): recorded by the clerk, reported at a later
 * meeting as a paragraph of it (the decision row of the same id). The index lists a body's delegated decisions.
 */
export class DelegationDecisions1734800000000 implements MigrationInterface {
  name = 'DelegationDecisions1734800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'delegation_decision',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'municipality_code', type: 'varchar', length: '4' },
          { name: 'body_id', type: 'varchar', length: '36' },
          { name: 'report_to_body_id', type: 'varchar', length: '36' },
          { name: 'kind', type: 'varchar', length: '20' },
          { name: 'number', type: 'varchar', length: '50' },
          { name: 'delegate', type: 'varchar', length: '200' },
          { name: 'delegate_title', type: 'varchar', length: '200', isNullable: true },
          { name: 'point', type: 'varchar', length: '100' },
          { name: 'decided_on', type: 'varchar', length: '10' },
          { name: 'matter_title', type: 'varchar', length: '500' },
          { name: 'diarienummer', type: 'varchar', length: '100', isNullable: true },
          { name: 'diarium', type: 'varchar', length: '64', isNullable: true },
          { name: 'decision_text', type: 'text' },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
        indices: [new TableIndex({ name: 'ix_delegation_body', columnNames: ['body_id', 'decided_on'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('delegation_decision');
  }
}
