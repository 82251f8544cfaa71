import { randomUUID } from 'crypto';
import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { baselineRecords } from '../../audit/baseline';

/**
 * Everything with legal weight under the chain (issue 10 §2): the index of the record registers (one workflow per
 * scope whose log holds the hash of each body, meeting, signature, document and document version), and a baseline
 * of the rows already stored: one RECORD_WRITTEN by `system` per scope, from which their coverage starts.
 */
export class ChainCoverage1733700000000 implements MigrationInterface {
  name = 'ChainCoverage1733700000000';

  async up(q: QueryRunner): Promise<void> {
    const str = (name: string, length: number) => ({ name, type: 'varchar', length: String(length) });
    await q.createTable(
      new Table({
        name: 'record_register',
        columns: [
          { ...str('scope', 64), isPrimary: true },
          { ...str('workflow_id', 36), isUnique: true },
        ],
        foreignKeys: [
          { columnNames: ['workflow_id'], referencedTableName: 'workflow_instance', referencedColumnNames: ['id'] },
        ],
      }),
    );
    const dialect = q.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';
    await baselineRecords((sql, params) => q.query(sql, params), dialect, randomUUID, new Date().toISOString());
  }

  async down(q: QueryRunner): Promise<void> {
    const ids = (await q.query('SELECT workflow_id AS id FROM record_register')) as Array<{ id: string }>;
    await q.dropTable('record_register');
    for (const { id } of ids) {
      const p = q.connection.options.type === 'postgres' ? '$1' : '?';
      await q.query(`DELETE FROM workflow_due_event WHERE instance_id = ${p}`, [id]);
      await q.query(`DELETE FROM workflow_transition WHERE instance_id = ${p}`, [id]);
      await q.query(`DELETE FROM workflow_instance WHERE id = ${p}`, [id]);
    }
  }
}
