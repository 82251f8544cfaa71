import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** Collaboration areas: an index of the area workflows by collaboration (the facts are in the workflow log). */
export class Areas1732900000000 implements MigrationInterface {
  name = 'Areas1732900000000';

  async up(q: QueryRunner): Promise<void> {
    const str = (name: string, length: number) => ({ name, type: 'varchar', length: String(length) });
    await q.createTable(
      new Table({
        name: 'area',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('collaboration_slug', 64),
          str('workflow_id', 36),
          str('created_at', 30),
        ],
        foreignKeys: [
          { columnNames: ['workflow_id'], referencedTableName: 'workflow_instance', referencedColumnNames: ['id'] },
          {
            columnNames: ['collaboration_slug'],
            referencedTableName: 'collaboration',
            referencedColumnNames: ['slug'],
          },
        ],
        indices: [new TableIndex({ name: 'ix_area_collaboration', columnNames: ['collaboration_slug'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('area');
  }
}
