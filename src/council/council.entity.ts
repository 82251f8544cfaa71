import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An index: the council workflow of a collaboration (one each). Seats, meetings and records live in that workflow's
 * log; the row can be rebuilt from the log's genesis input.
 */
@Entity('council')
export class CouncilEntity {
  @PrimaryColumn({ name: 'collaboration_slug', type: 'varchar', length: 64 })
  collaborationSlug: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 36, unique: true })
  workflowId: string;
}
