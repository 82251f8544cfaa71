import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { MachineDefinition } from '../../../machines/kernel/machine-definition';
import { Db, type Tx } from '../../database/db';
import { MachineRegistry } from '../machine-registry';
import { definitionHash, definitionKey } from './definition-hash';
import { MachineDefinitionEntity } from './machine-definition.entity';

/**
 * The fingerprints of the machine versions in use (machine_definition): one row per version, written in the
 * transaction that starts its first instance (or moves the first instance into it), never changed after.
 */
@Injectable()
export class DefinitionRecords implements OnApplicationBootstrap {
  /** Versions this process has read as recorded (rows are never deleted, so a read one stays recorded). */
  private readonly recorded = new Set<string>();
  private readonly hashes = new Map<MachineDefinition, string>();

  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly registry: MachineRegistry,
  ) {}

  /** Start-up: every version a stored instance is pinned to must be registered. */
  async onApplicationBootstrap(): Promise<void> {
    const pinned = await this.db.read((tx) =>
      tx.select<{ machineId: string; machineVersion: number | string }>(
        'SELECT DISTINCT machine_id AS "machineId", machine_version AS "machineVersion" FROM workflow_instance',
        [],
      ),
    );
    this.registry.assertHosts(
      pinned.map((p) => ({ machineId: p.machineId, machineVersion: Number(p.machineVersion) })),
    );
  }

  /** The running definition's fingerprint (computed once per version). */
  hashOf(def: MachineDefinition): string {
    let hash = this.hashes.get(def);
    if (!hash) this.hashes.set(def, (hash = definitionHash(def)));
    return hash;
  }

  /** Records the version's fingerprint in this transaction unless it is recorded already. */
  async recordFirstUse(tx: Tx, def: MachineDefinition, now: string): Promise<void> {
    const key = definitionKey(def.id, def.version);
    if (this.recorded.has(key)) return;
    const found = await tx.findOne(MachineDefinitionEntity, {
      where: { machineId: def.id, machineVersion: def.version },
    });
    if (found) {
      this.recorded.add(key);
      return;
    }
    await tx.insert(MachineDefinitionEntity, {
      machineId: def.id,
      machineVersion: def.version,
      hash: this.hashOf(def),
      firstUsedAt: now,
    });
  }
}
