import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * "This caused that": a log row of one workflow that another record caused. `kind` 'drives': a decision drove the
 * event (D10); 'compensates': an event on the cause workflow (an annulment) caused it (R-C11). The cause is a key
 * (`decision:<id>`), and, when it was itself a logged event, that workflow and seq.
 */
@Entity('workflow_link')
export class WorkflowLinkEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'cause_key', type: 'varchar', length: 100 })
  causeKey: string;

  @Column({ name: 'cause_workflow_id', type: 'varchar', length: 36, nullable: true })
  causeWorkflowId: string | null;

  @Column({ name: 'cause_seq', type: 'integer', nullable: true })
  causeSeq: number | null;

  @Column({ name: 'effect_workflow_id', type: 'varchar', length: 36 })
  effectWorkflowId: string;

  @Column({ name: 'effect_seq', type: 'integer' })
  effectSeq: number;

  @Column({ name: 'event_type', type: 'varchar', length: 64 })
  eventType: string;

  @Column({ type: 'varchar', length: 16 })
  kind: 'drives' | 'compensates';
}
