import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * A cost rule of a collaboration: an index of its `cost-rule` workflow, whose log holds every fact (the shares, the
 * cost base, each invoice run and credit). The id is the workflow's id; nothing here is not also in the log.
 */
@Entity('cost_rule')
export class CostRuleEntity {
  /** The cost-rule workflow's id. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('ix_cost_rule_collaboration')
  @Column({ name: 'collaboration_slug', type: 'varchar', length: 64 })
  collaborationSlug: string;

  /** 'area' or 'common' (the collaboration's common function). */
  @Column({ name: 'scope_kind', type: 'varchar', length: 16 })
  scopeKind: string;

  /** The collaboration area's workflow id, for an area's cost rule. */
  @Column({ name: 'area_workflow_id', type: 'varchar', length: 36, nullable: true })
  areaWorkflowId: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;
}

/**
 * An invoice or credit invoice of a cost rule: an index of the rule's log (the rule's context holds the record),
 * so that `/invoices/{id}` finds its rule. The id is derived from the rule's id and the record's number, so the
 * index can be rebuilt from the log alone.
 */
@Entity('cost_invoice')
@Unique('uq_cost_invoice_number', ['costRuleId', 'number'])
export class CostInvoiceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'cost_rule_id', type: 'varchar', length: 36 })
  costRuleId: string;

  /** The number within the rule: `<run>-<kommunkod>` for an invoice, `K<n>` for a credit. */
  @Column({ type: 'varchar', length: 16 })
  number: string;

  /** 'invoice' or 'credit'. */
  @Column({ type: 'varchar', length: 8 })
  kind: string;
}
