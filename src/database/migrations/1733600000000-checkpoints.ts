import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Signed checkpoints of the log (src/checkpoint): the checkpoints, the tiles of leaf data they covered, the witnesses
 * an admin registered, and their cosignatures. The log itself is not touched.
 */
export class Checkpoints1733600000000 implements MigrationInterface {
  name = 'Checkpoints1733600000000';

  async up(q: QueryRunner): Promise<void> {
    const str = (name: string, length: number) => ({ name, type: 'varchar', length: String(length) });
    const int = (name: string) => ({ name, type: 'integer' });
    await q.createTable(
      new Table({
        name: 'checkpoint',
        columns: [
          { ...int('size'), isPrimary: true },
          str('root', 64),
          int('last_row_id'),
          str('created_at', 30),
          { name: 'note', type: 'text' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'checkpoint_tile',
        columns: [
          { ...int('tile'), isPrimary: true },
          { name: 'leaves', type: 'text' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'checkpoint_witness',
        columns: [
          { ...str('name', 255), isPrimary: true },
          str('vkey', 400),
          str('created_at', 30),
          str('created_by', 80),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'checkpoint_cosignature',
        columns: [
          { ...int('checkpoint_size'), isPrimary: true },
          { ...str('witness_name', 255), isPrimary: true },
          str('cosigned_at', 30),
          { name: 'line', type: 'text' },
        ],
        foreignKeys: [
          { columnNames: ['checkpoint_size'], referencedTableName: 'checkpoint', referencedColumnNames: ['size'] },
          { columnNames: ['witness_name'], referencedTableName: 'checkpoint_witness', referencedColumnNames: ['name'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('checkpoint_cosignature');
    await q.dropTable('checkpoint_witness');
    await q.dropTable('checkpoint_tile');
    await q.dropTable('checkpoint');
  }
}
