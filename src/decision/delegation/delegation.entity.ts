import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A delegationsbeslut (KL 6 kap. 37 §) or ordförandebeslut (6 kap. 39 §) as the clerk records it (R-I9, R-H17). Its
 * row is hashed into the log (the record register); its anmälan is the decision row of the same id, a paragraph of
 * the reporting meeting with its own protocol workflow (src/decision/delegation/delegation.service.ts).
 */
@Entity('delegation_decision')
export class DelegationDecisionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'municipality_code', type: 'varchar', length: 4 }) municipalityCode: string;
  @Column({ name: 'body_id', type: 'varchar', length: 36 }) bodyId: string;
  @Column({ name: 'report_to_body_id', type: 'varchar', length: 36 }) reportToBodyId: string;
  @Column({ type: 'varchar', length: 20 }) kind: string;
  @Column({ type: 'varchar', length: 50 }) number: string;
  /** The delegate's name as a personal-data marker (scope `delegation:<id>`). */
  @Column({ type: 'varchar', length: 200 }) delegate: string;
  @Column({ name: 'delegate_title', type: 'varchar', length: 200, nullable: true }) delegateTitle: string | null;
  /** The point of the delegationsordning the delegate decided under. */
  @Column({ type: 'varchar', length: 100 }) point: string;
  @Column({ name: 'decided_on', type: 'varchar', length: 10 }) decidedOn: string;
  @Column({ name: 'matter_title', type: 'varchar', length: 500 }) matterTitle: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) diarienummer: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) diarium: string | null;
  @Column({ name: 'decision_text', type: 'text' }) decisionText: string;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt: string;
}
