import { notFound } from '../common/errors';
import type { Tx } from '../database/db';
import type { Credit, Invoice } from '../../machines/cost/cost.types';
import { CostInvoiceEntity, CostRuleEntity } from './cost.entities';
import { invoiceIdOf } from './cost.views';

/** Reads and writes of the cost tables (indexes of the cost-rule workflows), through the caller's transaction. */
export const CostRows = {
  async rule(tx: Tx, id: string): Promise<CostRuleEntity> {
    const rule = await tx.findOne(CostRuleEntity, { where: { id } });
    if (!rule) throw notFound(`Cost rule ${id}`, `Kostnadsregeln ${id}`);
    return rule;
  },

  rulesOf(tx: Tx, slug: string): Promise<CostRuleEntity[]> {
    return tx.find(CostRuleEntity, { where: { collaborationSlug: slug }, order: { createdAt: 'ASC', id: 'ASC' } });
  },

  async invoice(tx: Tx, id: string): Promise<CostInvoiceEntity> {
    const row = await tx.findOne(CostInvoiceEntity, { where: { id } });
    if (!row) throw notFound(`Invoice ${id}`, `Fakturan ${id}`);
    return row;
  },

  /** Indexes the records an event added to the rule (their ids follow from the rule and their numbers). */
  async index(tx: Tx, ruleId: string, records: Array<Invoice | Credit>): Promise<void> {
    for (const r of records) {
      await tx.insert(CostInvoiceEntity, {
        id: invoiceIdOf(ruleId, r.number),
        costRuleId: ruleId,
        number: r.number,
        kind: 'creditOf' in r ? 'credit' : 'invoice',
      });
    }
  },
};
