import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A deadline as a durable row: the engine fires `eventType` on `dueOn` (a Stockholm date), never a timer in a machine. */
@Entity('workflow_due_event')
export class WorkflowDueEventEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'instance_id', type: 'varchar', length: 36 })
  instanceId: string;

  @Column({ name: 'event_type', type: 'varchar', length: 64 })
  eventType: string;

  @Column({ name: 'due_on', type: 'varchar', length: 10 })
  dueOn: string;

  @Column({ type: 'text' })
  payload: string;
}
