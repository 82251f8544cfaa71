import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A collaboration under a declaration of intent; its settings (DECISIONS D1) change only through its own workflow. */
@Entity('collaboration')
export class CollaborationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  slug: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'declaration_version', type: 'varchar', length: 64 })
  declarationVersion: string;

  @Column({ name: 'declaration_effective_date', type: 'varchar', length: 10 })
  declarationEffectiveDate: string;

  /** JSON of the settings in force (a cache of the collaboration workflow's context). */
  @Column({ type: 'text' })
  settings: string;

  /** JSON of the example mark of demo data (a cache of the collaboration workflow's input), else null. */
  @Column({ type: 'text', nullable: true })
  example: string | null;

  /** The collaboration's own workflow (settings changes are logged there). */
  @Column({ name: 'workflow_id', type: 'varchar', length: 36 })
  workflowId: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;
}
