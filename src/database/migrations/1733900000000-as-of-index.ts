import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * The past as it stood (issue 10 §6): an as-of answer reads the log rows of one collaboration's workflows recorded up
 * to an instant. uq_transition_seq (instance_id, seq) finds an instance's rows; this index bounds them by
 * `recorded_at` in the same range scan, so the answer reads only the rows it replays however long the log grows.
 */
export class AsOfIndex1733900000000 implements MigrationInterface {
  name = 'AsOfIndex1733900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'workflow_transition',
      new TableIndex({ name: 'ix_transition_instance_recorded', columnNames: ['instance_id', 'recorded_at'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('workflow_transition', 'ix_transition_instance_recorded');
  }
}
