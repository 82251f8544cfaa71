import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The head of a workflow: a cache of its log that `verify` can rebuild. `version` = seq of the last log row. */
@Entity('workflow_instance')
export class WorkflowInstanceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'machine_id', type: 'varchar', length: 64 })
  machineId: string;

  /** Pinned at creation: replay always uses this version of the machine. */
  @Column({ name: 'machine_version', type: 'integer' })
  machineVersion: number;

  /** What the workflow is about, e.g. `membership:dalslandssamverkan:1492`. */
  @Column({ type: 'varchar', length: 200 })
  subject: string;

  @Column({ type: 'varchar', length: 200 })
  state: string;

  @Column({ type: 'text' })
  snapshot: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'last_hash', type: 'varchar', length: 64 })
  lastHash: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt: string;
}
