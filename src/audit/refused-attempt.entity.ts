import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A refused attempt (issue 10, point 7): who tried which event on which workflow, and which rule refused it. Not part
 * of the hash-chained log (nothing happened to the record); written after the refused transaction rolled back, kept
 * for REFUSED_ATTEMPT_RETENTION_DAYS. The input is kept as a hash and its field names only, never its values.
 */
@Entity('refused_attempt')
export class RefusedAttemptEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** UTC instant, ISO 8601 with milliseconds (as the log's recorded_at). */
  @Column({ name: 'recorded_at', type: 'varchar', length: 30 })
  recordedAt: string;

  /** The token's id (the actor id of the log); the person's name is resolved from the token at read time. */
  @Column({ name: 'actor_id', type: 'varchar', length: 64 })
  actorId: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 32 })
  actorRole: string;

  @Column({ name: 'actor_municipality', type: 'varchar', length: 4, nullable: true })
  actorMunicipality: string | null;

  @Column({ name: 'workflow_id', type: 'varchar', length: 36, nullable: true })
  workflowId: string | null;

  @Column({ name: 'event_type', type: 'varchar', length: 64, nullable: true })
  eventType: string | null;

  /** SHA-256 of the canonical JSON of the refused event. */
  @Column({ name: 'input_hash', type: 'varchar', length: 64, nullable: true })
  inputHash: string | null;

  /** The event's top-level field names, comma-separated (bounded). */
  @Column({ name: 'input_fields', type: 'varchar', length: 1000, nullable: true })
  inputFields: string | null;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ name: 'rule_id', type: 'varchar', length: 16, nullable: true })
  ruleId: string | null;

  /** The refusal's English message, at most 500 characters. */
  @Column({ type: 'varchar', length: 500 })
  message: string;
}
