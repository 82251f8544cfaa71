import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * R-H18: a meeting open to the public, and on a body fullmäktige's decision that allows it to meet in public. All
 * nullable: a meeting recorded before reads as fullmäktige's public and any other body's closed.
 */
export class MeetingOpenness1735300000000 implements MigrationInterface {
  name = 'MeetingOpenness1735300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('meeting', new TableColumn({ name: 'is_public', type: 'boolean', isNullable: true }));
    await q.addColumns('body', [
      new TableColumn({ name: 'open_meetings_decided_on', type: 'varchar', length: '10', isNullable: true }),
      new TableColumn({ name: 'open_meetings_reference', type: 'varchar', length: '200', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('body', 'open_meetings_reference');
    await q.dropColumn('body', 'open_meetings_decided_on');
    await q.dropColumn('meeting', 'is_public');
  }
}
