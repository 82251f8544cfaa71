import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An amendment of a collaboration's declaration and its workflow: an index of the log (which amendments a
 * collaboration has). Every fact with legal weight (the text's version and SHA-256, the approvals, the dates) is in
 * the amendment workflow's log, from which this row can be rebuilt.
 */
@Entity('amendment')
@Index('ix_amendment_collaboration', ['collaborationId'])
export class AmendmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'collaboration_id', type: 'varchar', length: 36 })
  collaborationId: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 36 })
  workflowId: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;
}
