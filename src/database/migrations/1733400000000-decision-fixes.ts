import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * The example marks of demo data (src/seed/demo-marks.ts). A meeting row is where its place and secretary are kept, so
 * its mark is kept there too; a collaboration's mark is in its workflow's input (the log), and its row caches it like
 * the settings. The paragraphs' and events' marks are in their logs only.
 */
export class DecisionFixes1733400000000 implements MigrationInterface {
  name = 'DecisionFixes1733400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('meeting', new TableColumn({ name: 'example', type: 'text', isNullable: true }));
    await q.addColumn('collaboration', new TableColumn({ name: 'example', type: 'text', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('collaboration', 'example');
    await q.dropColumn('meeting', 'example');
  }
}
