import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** A party of a collaboration and its membership workflow. */
@Entity('membership')
@Unique('uq_membership_party', ['collaborationId', 'municipalityCode'])
export class MembershipEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'collaboration_id', type: 'varchar', length: 36 })
  collaborationId: string;

  @Column({ name: 'municipality_code', type: 'varchar', length: 4 })
  municipalityCode: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 36 })
  workflowId: string;
}
