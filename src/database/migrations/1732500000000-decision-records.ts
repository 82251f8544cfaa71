import { MigrationInterface, QueryRunner, Table, TableIndex, TableUnique } from 'typeorm';

const str = (name: string, length: number, nullable = false) => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const text = (name: string) => ({ name, type: 'text' });
const id = () => ({ ...str('id', 36), isPrimary: true });
const fk = (column: string, table: string, ref = 'id') => ({
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: [ref],
});

/** Decision records, bodies, meetings, matters, documents and signatures. */
export class DecisionRecords1732500000000 implements MigrationInterface {
  name = 'DecisionRecords1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'body',
        columns: [
          id(),
          str('municipality_code', 4),
          str('kind', 16),
          str('name', 200),
          { name: 'member_count', type: 'integer' },
          str('created_at', 30),
        ],
        uniques: [new TableUnique({ name: 'uq_body_name', columnNames: ['municipality_code', 'name'] })],
        foreignKeys: [fk('municipality_code', 'municipality', 'code')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'meeting',
        columns: [
          id(),
          str('body_id', 36),
          str('municipality_code', 4),
          str('date', 10),
          str('place', 200, true),
          text('attendees'),
          str('closed_at', 40, true),
          str('justering_at', 40, true),
          str('secretary', 200, true),
          str('created_at', 30),
        ],
        foreignKeys: [fk('body_id', 'body')],
        indices: [new TableIndex({ name: 'ix_meeting_body', columnNames: ['body_id', 'date'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'matter',
        columns: [
          id(),
          str('municipality_code', 4),
          str('diarium', 64),
          str('diarienummer', 100),
          text('parsed'),
          str('title', 500),
        ],
        // R-K5, R-K6: unique within a municipality's diarium, never across municipalities.
        uniques: [
          new TableUnique({ name: 'uq_matter_dnr', columnNames: ['municipality_code', 'diarium', 'diarienummer'] }),
        ],
        foreignKeys: [fk('municipality_code', 'municipality', 'code')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'decision',
        columns: [
          id(),
          str('municipality_code', 4),
          str('body_id', 36, true),
          str('meeting_id', 36, true),
          str('matter_id', 36, true),
          str('organ', 8),
          str('decided_on', 10),
          str('paragraph_number', 50, true),
          str('subject', 32),
          str('collaboration', 64, true),
          str('document_version_id', 36, true),
          { name: 'minimal', type: 'boolean' },
          str('workflow_id', 36, true),
          str('created_at', 30),
        ],
        uniques: [new TableUnique({ name: 'uq_decision_paragraph', columnNames: ['meeting_id', 'paragraph_number'] })],
        foreignKeys: [
          fk('municipality_code', 'municipality', 'code'),
          fk('meeting_id', 'meeting'),
          fk('matter_id', 'matter'),
          fk('workflow_id', 'workflow_instance'),
        ],
        indices: [
          new TableIndex({ name: 'ix_decision_municipality', columnNames: ['municipality_code', 'decided_on'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'decision_effect',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          str('decision_id', 36),
          str('workflow_id', 36),
          str('event_type', 64),
          { name: 'seq', type: 'integer' },
        ],
        foreignKeys: [fk('decision_id', 'decision'), fk('workflow_id', 'workflow_instance')],
        indices: [new TableIndex({ name: 'ix_decision_effect', columnNames: ['decision_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'document',
        columns: [
          id(),
          { ...str('key', 100), isUnique: true },
          str('title', 300),
          str('collaboration', 64, true),
          str('created_at', 30),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'document_version',
        columns: [
          id(),
          str('document_id', 36),
          str('version', 64),
          text('text'),
          str('sha256', 64),
          str('created_at', 30),
        ],
        uniques: [new TableUnique({ name: 'uq_document_version', columnNames: ['document_id', 'version'] })],
        foreignKeys: [fk('document_id', 'document')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'signature',
        columns: [
          id(),
          str('document_version_id', 36),
          str('municipality_code', 4),
          str('signatory_name', 200),
          str('signatory_office', 32),
          str('signed_on', 10),
          str('method', 16),
          str('signed_hash', 64),
          str('stand_in_basis', 500, true),
          str('recorded_by', 64),
          str('created_at', 30),
        ],
        foreignKeys: [fk('document_version_id', 'document_version'), fk('municipality_code', 'municipality', 'code')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'signature',
      'document_version',
      'document',
      'decision_effect',
      'decision',
      'matter',
      'meeting',
      'body',
    ])
      await q.dropTable(t);
  }
}
