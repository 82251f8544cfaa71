import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Which workflow is the record register of a scope (a kommunkod, or `documents`). An index of the log: the register's
 * genesis names its scope, and the table checks compare the two (src/audit/table-checks.ts).
 */
@Entity('record_register')
export class RecordRegisterEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  scope: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 36, unique: true })
  workflowId: string;
}
