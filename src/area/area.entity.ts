import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An index of the area workflows: which collaboration each belongs to. Everything with legal weight (title,
 * participants, decisions, documents, signatures) is in the area's workflow log; this row only finds it.
 */
@Entity('area')
export class AreaEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'collaboration_slug', type: 'varchar', length: 64 })
  collaborationSlug: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 36 })
  workflowId: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;
}
