import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An index of the plan workflows: which collaboration a plan (verksamhetsplan) belongs to, so that its plans can be
 * found. Everything with legal weight (versions, periods, focus areas, the council informed, KDG's adoptions) is in
 * the plan's workflow log, never here; the row can be rebuilt from the log's genesis input.
 */
@Entity('plan')
@Index('ix_plan_collaboration', ['collaborationSlug'])
export class PlanEntity {
  /** The plan's workflow id. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'collaboration_slug', type: 'varchar', length: 64 })
  collaborationSlug: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  /**
   * Bumped on the collaboration's first plan row by every adoption in the collaboration: the row lock makes adoptions
   * of one collaboration take turns, so R-D8 (no overlap) is judged on what the previous adoption committed.
   */
  @Column({ name: 'adoption_turn', type: 'integer', default: 0 })
  adoptionTurn: number;
}
