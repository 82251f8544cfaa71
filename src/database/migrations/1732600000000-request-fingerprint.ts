import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * The fingerprint of what the client sent with an Idempotency-Key: a retry is recognised by the request, not by the
 * logged payload (which the service enriches, e.g. with the collaboration's settings in force).
 */
export class RequestFingerprint1732600000000 implements MigrationInterface {
  name = 'RequestFingerprint1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'workflow_transition',
      new TableColumn({ name: 'request_hash', type: 'varchar', length: '64', isNullable: true }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('workflow_transition', 'request_hash');
  }
}
