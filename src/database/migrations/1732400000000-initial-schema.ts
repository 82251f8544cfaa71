import { MigrationInterface, QueryRunner, Table, TableIndex, TableUnique } from 'typeorm';

const str = (name: string, length: number, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const text = (name: string) => ({ name, type: 'text' });
const int = (name: string) => ({ name, type: 'integer' });
const serial = (name: string) => ({ name, type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const });

export const MUNICIPALITIES = [
  { code: '1460', name: 'Bengtsfors' },
  { code: '1438', name: 'Dals-Ed' },
  { code: '1439', name: 'Färgelanda' },
  { code: '1461', name: 'Mellerud' },
  { code: '1492', name: 'Åmål' },
  { code: '1984', name: 'Arboga' },
  { code: '1983', name: 'Köping' },
  { code: '1960', name: 'Kungsör' },
];

/** The engine, access and membership schema (issue 2). Written with the Table API so it runs on SQLite and PostgreSQL. */
export class InitialSchema1732400000000 implements MigrationInterface {
  name = 'InitialSchema1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'workflow_instance',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('machine_id', 64),
          int('machine_version'),
          str('subject', 200),
          str('state', 200),
          text('snapshot'),
          int('version'),
          str('last_hash', 64),
          str('created_at', 30),
          str('updated_at', 30),
        ],
        indices: [new TableIndex({ name: 'ix_workflow_instance_subject', columnNames: ['subject'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'workflow_transition',
        columns: [
          serial('id'),
          str('instance_id', 36),
          int('seq'),
          str('event_type', 64),
          text('payload'),
          str('actor_id', 64),
          str('actor_role', 32),
          str('actor_municipality', 4, true),
          str('recorded_at', 30),
          str('legal_date', 10, true),
          str('from_state', 200, true),
          str('to_state', 200),
          str('machine_id', 64),
          int('machine_version'),
          str('idempotency_key', 128, true),
          str('prev_hash', 64),
          str('hash', 64),
        ],
        // No gap and no duplicate: one row per (instance, seq); a retried key maps to its first row.
        uniques: [
          new TableUnique({ name: 'uq_transition_seq', columnNames: ['instance_id', 'seq'] }),
          new TableUnique({ name: 'uq_transition_idempotency', columnNames: ['instance_id', 'idempotency_key'] }),
        ],
        foreignKeys: [{ columnNames: ['instance_id'], referencedTableName: 'workflow_instance', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'workflow_due_event',
        columns: [serial('id'), str('instance_id', 36), str('event_type', 64), str('due_on', 10), text('payload')],
        indices: [new TableIndex({ name: 'ix_due_event_due_on', columnNames: ['due_on'] })],
        uniques: [new TableUnique({ name: 'uq_due_event', columnNames: ['instance_id', 'event_type'] })],
        foreignKeys: [{ columnNames: ['instance_id'], referencedTableName: 'workflow_instance', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'api_token',
        columns: [
          { ...str('id', 36), isPrimary: true },
          { ...str('token_hash', 64), isUnique: true },
          str('role', 32),
          str('municipality_code', 4, true),
          str('label', 200, true),
          str('created_at', 30),
          str('revoked_at', 30, true),
        ],
      }),
    );
    await q.createTable(
      new Table({ name: 'municipality', columns: [{ ...str('code', 4), isPrimary: true }, str('name', 100)] }),
    );
    // Reference data: official municipality codes (SCB kommunkoder) of the parties named in the seeds.
    await q.manager.insert('municipality', MUNICIPALITIES);
    await q.createTable(
      new Table({
        name: 'collaboration',
        columns: [
          { ...str('id', 36), isPrimary: true },
          { ...str('slug', 64), isUnique: true },
          str('name', 200),
          str('declaration_version', 64),
          str('declaration_effective_date', 10),
          text('settings'),
          str('workflow_id', 36),
          str('created_at', 30),
        ],
        foreignKeys: [{ columnNames: ['workflow_id'], referencedTableName: 'workflow_instance', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'membership',
        columns: [{ ...str('id', 36), isPrimary: true }, str('collaboration_id', 36), str('municipality_code', 4), str('workflow_id', 36)],
        uniques: [new TableUnique({ name: 'uq_membership_party', columnNames: ['collaboration_id', 'municipality_code'] })],
        foreignKeys: [
          { columnNames: ['collaboration_id'], referencedTableName: 'collaboration', referencedColumnNames: ['id'] },
          { columnNames: ['municipality_code'], referencedTableName: 'municipality', referencedColumnNames: ['code'] },
          { columnNames: ['workflow_id'], referencedTableName: 'workflow_instance', referencedColumnNames: ['id'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['membership', 'collaboration', 'municipality', 'api_token', 'workflow_due_event', 'workflow_transition', 'workflow_instance']) {
      await q.dropTable(t);
    }
  }
}
