import { MigrationInterface, QueryRunner, Table, TableIndex, TableUnique } from 'typeorm';

const str = (name: string, length: number, nullable = false) => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const text = (name: string) => ({ name, type: 'text' });
const int = (name: string) => ({ name, type: 'integer' });
const serial = (name: string) => ({
  name,
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment' as const,
});

/**
 * Reference data: official municipality codes (kommunkoder) of Västra Götaland (Dalsland and its neighbours) and
 * Västmanland (Västra Mälardalen). Others are added with POST /api/v1/municipalities.
 */
export const MUNICIPALITIES = [
  { code: '1401', name: 'Härryda' },
  { code: '1402', name: 'Partille' },
  { code: '1407', name: 'Öckerö' },
  { code: '1415', name: 'Stenungsund' },
  { code: '1419', name: 'Tjörn' },
  { code: '1421', name: 'Orust' },
  { code: '1427', name: 'Sotenäs' },
  { code: '1430', name: 'Munkedal' },
  { code: '1435', name: 'Tanum' },
  { code: '1438', name: 'Dals-Ed' },
  { code: '1439', name: 'Färgelanda' },
  { code: '1440', name: 'Ale' },
  { code: '1441', name: 'Lerum' },
  { code: '1442', name: 'Vårgårda' },
  { code: '1443', name: 'Bollebygd' },
  { code: '1444', name: 'Grästorp' },
  { code: '1445', name: 'Essunga' },
  { code: '1446', name: 'Karlsborg' },
  { code: '1447', name: 'Gullspång' },
  { code: '1452', name: 'Tranemo' },
  { code: '1460', name: 'Bengtsfors' },
  { code: '1461', name: 'Mellerud' },
  { code: '1462', name: 'Lilla Edet' },
  { code: '1463', name: 'Mark' },
  { code: '1465', name: 'Svenljunga' },
  { code: '1466', name: 'Herrljunga' },
  { code: '1470', name: 'Vara' },
  { code: '1471', name: 'Götene' },
  { code: '1472', name: 'Tibro' },
  { code: '1473', name: 'Töreboda' },
  { code: '1480', name: 'Göteborg' },
  { code: '1481', name: 'Mölndal' },
  { code: '1482', name: 'Kungälv' },
  { code: '1484', name: 'Lysekil' },
  { code: '1485', name: 'Uddevalla' },
  { code: '1486', name: 'Strömstad' },
  { code: '1487', name: 'Vänersborg' },
  { code: '1488', name: 'Trollhättan' },
  { code: '1489', name: 'Alingsås' },
  { code: '1490', name: 'Borås' },
  { code: '1491', name: 'Ulricehamn' },
  { code: '1492', name: 'Åmål' },
  { code: '1493', name: 'Mariestad' },
  { code: '1494', name: 'Lidköping' },
  { code: '1495', name: 'Skara' },
  { code: '1496', name: 'Skövde' },
  { code: '1497', name: 'Hjo' },
  { code: '1498', name: 'Tidaholm' },
  { code: '1499', name: 'Falköping' },
  { code: '1904', name: 'Skinnskatteberg' },
  { code: '1907', name: 'Surahammar' },
  { code: '1960', name: 'Kungsör' },
  { code: '1961', name: 'Hallstahammar' },
  { code: '1962', name: 'Norberg' },
  { code: '1980', name: 'Västerås' },
  { code: '1981', name: 'Sala' },
  { code: '1982', name: 'Fagersta' },
  { code: '1983', name: 'Köping' },
  { code: '1984', name: 'Arboga' },
];

/** The engine, access and membership schema Written with the Table API so it runs on SQLite and PostgreSQL. */
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
        foreignKeys: [
          { columnNames: ['instance_id'], referencedTableName: 'workflow_instance', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'workflow_due_event',
        columns: [serial('id'), str('instance_id', 36), str('event_type', 64), str('due_on', 10), text('payload')],
        indices: [new TableIndex({ name: 'ix_due_event_due_on', columnNames: ['due_on'] })],
        uniques: [new TableUnique({ name: 'uq_due_event', columnNames: ['instance_id', 'event_type'] })],
        foreignKeys: [
          { columnNames: ['instance_id'], referencedTableName: 'workflow_instance', referencedColumnNames: ['id'] },
        ],
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
        foreignKeys: [
          { columnNames: ['workflow_id'], referencedTableName: 'workflow_instance', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'membership',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('collaboration_id', 36),
          str('municipality_code', 4),
          str('workflow_id', 36),
        ],
        uniques: [
          new TableUnique({ name: 'uq_membership_party', columnNames: ['collaboration_id', 'municipality_code'] }),
        ],
        foreignKeys: [
          { columnNames: ['collaboration_id'], referencedTableName: 'collaboration', referencedColumnNames: ['id'] },
          { columnNames: ['municipality_code'], referencedTableName: 'municipality', referencedColumnNames: ['code'] },
          { columnNames: ['workflow_id'], referencedTableName: 'workflow_instance', referencedColumnNames: ['id'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'membership',
      'collaboration',
      'municipality',
      'api_token',
      'workflow_due_event',
      'workflow_transition',
      'workflow_instance',
    ]) {
      await q.dropTable(t);
    }
  }
}
