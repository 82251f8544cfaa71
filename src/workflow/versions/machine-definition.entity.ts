import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A machine version's fingerprint as it was when the first instance of it was started: verify compares it with the
 * running definition (DEFINITION_CHANGED), so a version edited in place after use is found.
 */
@Entity('machine_definition')
export class MachineDefinitionEntity {
  @PrimaryColumn({ name: 'machine_id', type: 'varchar', length: 64 })
  machineId: string;

  @PrimaryColumn({ name: 'machine_version', type: 'integer' })
  machineVersion: number;

  /** SHA-256 of the definition's canonical text (definition-hash.ts). */
  @Column({ type: 'varchar', length: 64 })
  hash: string;

  @Column({ name: 'first_used_at', type: 'varchar', length: 30 })
  firstUsedAt: string;
}
