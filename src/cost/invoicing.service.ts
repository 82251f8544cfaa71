import { Inject, Injectable } from '@nestjs/common';
import type { CostRuleContext, Credit, Invoice, InvoiceRun } from '../../machines/cost/cost.types';
import { checkInvoiceRun, planInvoiceRun } from '../../machines/cost/cost.rules';
import { AppError, notFound } from '../common/errors';
import { requestFingerprint } from '../common/sha256';
import { Db } from '../database/db';
import type { Actor } from '../workflow/actor';
import { Clock } from '../workflow/clock';
import { WorkflowEngine } from '../workflow/engine/workflow-engine.service';
import type { InstanceView } from '../workflow/workflow.types';
import { creditEvent, invoiceRunEvent, ruleRefused } from './cost-input';
import { CostRuleService } from './cost-rule.service';
import { CostRows } from './cost.repository';
import { creditView, invoiceView, runView, type CreditView, type InvoiceRunView, type InvoiceView } from './cost.views';
import type { CreditInvoiceDto, InvoiceRunDto } from './dto/cost-rule.dto';

const RUN = 'INVOICE_RUN_ISSUED';

/**
 * Invoice runs and credit invoices of a cost rule (R-G3, R-G4, R-G6, R-K9): each run and each credit is an event on
 * the rule's workflow, so every invoice is in its hashed log; the cost_invoice table indexes them by id. An invoice
 * is never edited: it is credited, in full or in part, by a credit invoice that refers to it.
 */
@Injectable()
export class InvoicingService {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
    private readonly rules: CostRuleService,
  ) {}

  /**
   * An invoice run: one invoice per paying party (or per party named). `preview` answers the same invoices from the
   * same rule functions the machine records them with, and writes nothing.
   */
  async run(id: string, dto: InvoiceRunDto, preview: boolean, actor: Actor, idempotencyKey?: string) {
    const event = invoiceRunEvent(dto, this.clock.todayInStockholm());
    if (preview) return this.preview(id, event);
    await this.rules.instanceOf(id);
    const { expectedVersion } = dto;
    const fingerprint = idempotencyKey ? requestFingerprint({ ...dto }) : undefined;
    return this.engine.write(
      { instanceId: id, actor, eventType: RUN },
      async (wtx) => {
        const r = await wtx.send(id, structuredClone(event), actor, {
          expectedVersion,
          idempotencyKey,
          requestFingerprint: fingerprint,
        });
        const c = r.instance.context as CostRuleContext;
        // A replay (same Idempotency-Key) answers with the run its first request recorded, found by its data.
        const run = r.replayed ? runOfPayload(r.transition.payload, c) : c.runs[c.runs.length - 1];
        const invoices = c.invoices.filter((i) => i.run === run.run);
        if (!r.replayed) await CostRows.index(wtx.tx, id, invoices);
        const view = runView(id, c, run, invoices, await this.rules.namesFor(wtx.tx, c), false);
        return { ...view, transition: r.transition };
      },
      { expectedVersion, idempotencyKey },
    );
  }

  private async preview(id: string, event: ReturnType<typeof invoiceRunEvent>): Promise<InvoiceRunView> {
    const instance = await this.rules.instanceOf(id);
    assertAllows(instance, RUN);
    const c = instance.context as CostRuleContext;
    const refused = checkInvoiceRun(c, event);
    if (refused) throw ruleRefused(refused);
    const { run, invoices } = planInvoiceRun(c, event);
    return this.db.read(async (tx) => runView(id, c, run, invoices, await this.rules.namesFor(tx, c), true));
  }

  /** A credit invoice for an issued invoice: all that remains of it, or the amount given (R-K9). */
  async credit(invoiceId: string, dto: CreditInvoiceDto, actor: Actor, idempotencyKey?: string): Promise<CreditView> {
    const row = await this.db.read((tx) => CostRows.invoice(tx, invoiceId));
    const event = creditEvent(dto, row.number, this.clock.todayInStockholm());
    const { expectedVersion } = dto;
    const fingerprint = idempotencyKey ? requestFingerprint({ invoiceId, ...dto }) : undefined;
    return this.engine.write(
      { instanceId: row.costRuleId, actor, eventType: event.type },
      async (wtx) => {
        const r = await wtx.send(row.costRuleId, structuredClone(event), actor, {
          expectedVersion,
          idempotencyKey,
          requestFingerprint: fingerprint,
        });
        const c = r.instance.context as CostRuleContext;
        const credit = r.replayed ? creditOfPayload(r.transition.payload, c) : c.credits[c.credits.length - 1];
        if (!r.replayed) await CostRows.index(wtx.tx, row.costRuleId, [credit]);
        return creditView(row.costRuleId, credit, await this.rules.namesFor(wtx.tx, c));
      },
      { expectedVersion, idempotencyKey },
    );
  }

  /** Every invoice and credit invoice of the rule, in the order issued. */
  async invoices(id: string): Promise<{ invoices: InvoiceView[]; credits: CreditView[] }> {
    const instance = await this.rules.instanceOf(id);
    const c = instance.context as CostRuleContext;
    const names = await this.db.read((tx) => this.rules.namesFor(tx, c));
    return {
      invoices: c.invoices.map((i) => invoiceView(id, c, i, names)),
      credits: c.credits.map((k) => creditView(id, k, names)),
    };
  }

  /** One run's issued invoices (for its CSV and PDF), with the rule's title and cost base. */
  async runOf(id: string, runNo: number): Promise<{ rule: CostRuleContext; run: InvoiceRunView }> {
    const instance = await this.rules.instanceOf(id);
    const c = instance.context as CostRuleContext;
    const run = c.runs.find((r) => r.run === runNo);
    if (!run)
      throw notFound(`Invoice run ${runNo} of cost rule ${id}`, `Faktureringskörning ${runNo} av kostnadsregel ${id}`);
    const invoices: Invoice[] = c.invoices.filter((i) => i.run === runNo);
    const names = await this.db.read((tx) => this.rules.namesFor(tx, c));
    return { rule: c, run: runView(id, c, run, invoices, names, false) };
  }
}

/** The engine's 409 for an event the rule's state has no transition for (a preview asks the same question). */
function assertAllows(instance: InstanceView, eventType: string): void {
  if (instance.allowedEvents.includes(eventType)) return;
  throw new AppError(
    'CONFLICT',
    'TRANSITION_NOT_ALLOWED',
    `The event ${eventType} is not allowed in state '${instance.state}'. Allowed: ${instance.allowedEvents.join(', ') || 'none'}.`,
    `Händelsen ${eventType} är inte tillåten i läget '${instance.state}'. Tillåtna: ${instance.allowedEvents.join(', ') || 'inga'}.`,
    undefined,
    { state: instance.state, eventType, allowedEvents: instance.allowedEvents },
  );
}

/** The run a replayed run event recorded: the first run of its period, date and costs. */
function runOfPayload(payload: unknown, c: CostRuleContext): InvoiceRun {
  const e = payload as InvoiceRun;
  const costs = (r: InvoiceRun) => r.costs.map((k) => `${k.month ?? ''}:${k.amountOre}`).join(',');
  const same = (r: InvoiceRun) =>
    r.from === e.from && r.to === e.to && r.issuedOn === e.issuedOn && costs(r) === costs(e);
  return c.runs.find(same) ?? c.runs[c.runs.length - 1];
}

/** The credit a replayed credit event recorded: the first credit of that invoice with its date and reason. */
function creditOfPayload(payload: unknown, c: CostRuleContext): Credit {
  const e = payload as { invoice: string; issuedOn: string; reason: string };
  const same = (k: Credit) => k.creditOf === e.invoice && k.issuedOn === e.issuedOn && k.reason === e.reason;
  return c.credits.find(same) ?? c.credits[c.credits.length - 1];
}
