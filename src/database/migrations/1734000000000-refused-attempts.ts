import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Refused attempts (issue 10, point 7): one table outside the hash chain, read newest first by workflow, rule or time
 * (the id orders them: it is given at insert, as recorded_at is).
 */
export class RefusedAttempts1734000000000 implements MigrationInterface {
  name = 'RefusedAttempts1734000000000';

  async up(q: QueryRunner): Promise<void> {
    const str = (name: string, length: number, nullable = false) => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    });
    await q.createTable(
      new Table({
        name: 'refused_attempt',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          str('recorded_at', 30),
          str('actor_id', 64),
          str('actor_role', 32),
          str('actor_municipality', 4, true),
          str('workflow_id', 36, true),
          str('event_type', 64, true),
          str('input_hash', 64, true),
          str('input_fields', 1000, true),
          str('code', 64),
          str('rule_id', 16, true),
          str('message', 500),
        ],
        indices: [
          new TableIndex({ name: 'ix_refused_attempt_workflow', columnNames: ['workflow_id', 'id'] }),
          new TableIndex({ name: 'ix_refused_attempt_rule', columnNames: ['rule_id', 'id'] }),
          new TableIndex({ name: 'ix_refused_attempt_code', columnNames: ['code', 'id'] }),
          new TableIndex({ name: 'ix_refused_attempt_recorded', columnNames: ['recorded_at'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('refused_attempt');
  }
}
