import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * A matter that goes on (issue 11 point 3, R-H22): the paragraph that continues a matter bordlagt or återremitterat
 * names the paragraph that sent it on; the index finds the continuation from the earlier paragraph (both directions).
 */
export class ParagraphContinuation1734700000000 implements MigrationInterface {
  name = 'ParagraphContinuation1734700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'decision',
      new TableColumn({ name: 'continues_decision_id', type: 'varchar', length: '36', isNullable: true }),
    );
    await q.createIndex(
      'decision',
      new TableIndex({ name: 'ix_decision_continues', columnNames: ['continues_decision_id'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('decision', 'ix_decision_continues');
    await q.dropColumn('decision', 'continues_decision_id');
  }
}
