import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A personal datum that a record names (issue 10 §9): the log holds only its commitment, SHA-256 of the salt and the
 * value (commitment.ts); the value and its salt live here, so that a gallring deletes them and keeps the commitment.
 * `scope` is the record that named it (`meeting:<id>`: a meeting and its paragraphs share one marker per person).
 * The removal columns copy the logged gallring (PERSONAL_DATA_REMOVED) for the reads; verify compares them.
 */
@Entity('personal_datum')
export class PersonalDatumEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) commitment: string;
  @Column({ type: 'varchar', length: 80 }) scope: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) salt: string | null;
  @Column({ type: 'text', nullable: true }) value: string | null;
  /** The gallringsbeslut it was removed under, as shown ("KS 2026/12 (2026-03-02)"); null while present. */
  @Column({ name: 'removed_under', type: 'varchar', length: 300, nullable: true }) removedUnder: string | null;
  @Column({ name: 'removal_workflow_id', type: 'varchar', length: 36, nullable: true }) removalWorkflowId:
    string | null;
  @Column({ name: 'removal_seq', type: 'integer', nullable: true }) removalSeq: number | null;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt: string;
}
