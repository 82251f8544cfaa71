import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { MACHINE_DEFINITIONS } from '../../../machines/registry';
import { definitionHash, definitionKey } from '../../workflow/versions/definition-hash';

/**
 * Versioned machines (h-versions): the fingerprint of each machine version in use. The versions that existing
 * instances use are recorded here with the definitions this code registers (first used = their first instance);
 * a stored version that is not registered stops the migration, as it would stop the service.
 */
export class MachineDefinitions1733800000000 implements MigrationInterface {
  name = 'MachineDefinitions1733800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'machine_definition',
        columns: [
          { name: 'machine_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'machine_version', type: 'integer', isPrimary: true },
          { name: 'hash', type: 'varchar', length: '64' },
          { name: 'first_used_at', type: 'varchar', length: '30' },
        ],
      }),
    );
    const used: Array<{ machine_id: string; machine_version: number | string; first: string }> = await q.query(
      'SELECT machine_id, machine_version, MIN(created_at) AS first FROM workflow_instance GROUP BY machine_id, machine_version',
    );
    const p = (i: number) => (q.connection.options.type === 'postgres' ? `$${i}` : '?');
    for (const u of used) {
      const version = Number(u.machine_version);
      const def = MACHINE_DEFINITIONS.find((d) => d.id === u.machine_id && d.version === version);
      if (!def)
        throw new Error(
          `Stored instances use machine ${definitionKey(u.machine_id, version)}, which is not registered (machines/registry.ts).`,
        );
      await q.query(
        `INSERT INTO machine_definition (machine_id, machine_version, hash, first_used_at) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)})`,
        [def.id, def.version, definitionHash(def), u.first],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('machine_definition');
  }
}
