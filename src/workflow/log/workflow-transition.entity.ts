import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The append-only transition log, the source of truth. Row seq 0 is the genesis (the machine's creation input).
 * `hash` = SHA-256 over the canonical JSON of every other column of the row (see transition-hash.ts), and
 * `prevHash` links it to the row before: any change to a stored row is found by `verify`.
 */
@Entity('workflow_transition')
export class WorkflowTransitionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'instance_id', type: 'varchar', length: 36 })
  instanceId: string;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ name: 'event_type', type: 'varchar', length: 64 })
  eventType: string;

  /** The event's data as canonical JSON text (exactly what was hashed). */
  @Column({ type: 'text' })
  payload: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 64 })
  actorId: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 32 })
  actorRole: string;

  @Column({ name: 'actor_municipality', type: 'varchar', length: 4, nullable: true })
  actorMunicipality: string | null;

  /** UTC instant, ISO 8601 with milliseconds, stored as text so that it hashes the same on every database. */
  @Column({ name: 'recorded_at', type: 'varchar', length: 30 })
  recordedAt: string;

  /** The local date (Europe/Stockholm) that the event concerns, from its own data (D13). */
  @Column({ name: 'legal_date', type: 'varchar', length: 10, nullable: true })
  legalDate: string | null;

  @Column({ name: 'from_state', type: 'varchar', length: 200, nullable: true })
  fromState: string | null;

  @Column({ name: 'to_state', type: 'varchar', length: 200 })
  toState: string;

  @Column({ name: 'machine_id', type: 'varchar', length: 64 })
  machineId: string;

  @Column({ name: 'machine_version', type: 'integer' })
  machineVersion: number;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 128, nullable: true })
  idempotencyKey: string | null;

  /** SHA-256 of the request as the client sent it, when it came with an Idempotency-Key. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64, nullable: true })
  requestHash: string | null;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}
