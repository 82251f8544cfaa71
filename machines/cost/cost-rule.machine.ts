/**
 * A cost rule's life (kostnadsfördelning, RULEBOOK §3 G): drafted → in force → ended, with every invoice run and
 * every credit an event on it, so that each invoice is in the rule's hashed log and the check against invoicing a
 * period twice sees every invoice of the rule in one head (one machine per rule rather than one per invoice: the
 * residue, the overlap check and the credit numbering all need the rule's whole history, under one compare-and-set).
 * Pure: guards are the rule functions of shares.rules.ts and invoices.rules.ts; no clock, no I/O; JSON context.
 */
import { assign, setup } from 'xstate';
import type { MachineDefinition } from '../kernel/machine-definition';
import { eventNarrower, guardsOf, type RuleTable } from '../kernel/rule-table';
import type { CostRuleContext, CostRuleEvent, CostRuleInput } from './cost.types';
import {
  checkCredit,
  checkEnd,
  checkInvoiceRun,
  costRuleLegalDate,
  planCredit,
  planInvoiceRun,
} from './invoices.rules';

export const COST_RULE_MACHINE_ID = 'cost-rule';
export const COST_RULE_MACHINE_VERSION = 1;

const on = eventNarrower<CostRuleContext, CostRuleEvent>();

/** The rules behind the guards (one declaration: guards and the engine's explanations both come from here). */
const COST_RULE_RULES = {
  invoiceRunOk: checkInvoiceRun,
  creditOk: checkCredit,
  endOk: checkEnd,
} satisfies RuleTable<CostRuleContext>;

const WRITERS = ['admin', 'coordinator'];

export const costRuleMachine = setup({
  types: { context: {} as CostRuleContext, events: {} as CostRuleEvent, input: {} as CostRuleInput },
  guards: guardsOf<CostRuleContext, CostRuleEvent, typeof COST_RULE_RULES>(COST_RULE_RULES),
  actions: {
    recordAdoption: assign({
      adoption: on('COST_RULE_ADOPTED', (_c, e) => ({ adoptedOn: e.adoptedOn, basis: e.basis })),
    }),
    // R-G8: information for full transparency is recorded and approves nothing.
    recordCouncilInformed: assign({
      councilInformedOn: on('COUNCIL_INFORMED', (c, e) => [...c.councilInformedOn, e.informedOn]),
    }),
    recordInvoiceRun: assign(
      on('INVOICE_RUN_ISSUED', (c, e) => {
        const { run, invoices } = planInvoiceRun(c, e);
        return { runs: [...c.runs, run], invoices: [...c.invoices, ...invoices] };
      }),
    ),
    recordCredit: assign({ credits: on('INVOICE_CREDITED', (c, e) => [...c.credits, planCredit(c, e)]) }),
    recordEnd: assign(
      on('COST_RULE_ENDED', (_c, e) => ({ endMonth: e.endMonth, ending: { endedOn: e.endedOn, reason: e.reason } })),
    ),
  },
}).createMachine({
  id: COST_RULE_MACHINE_ID,
  context: ({ input }) => ({ ...input, councilInformedOn: [], runs: [], invoices: [], credits: [] }),
  initial: 'drafted',
  on: {
    COUNCIL_INFORMED: { actions: 'recordCouncilInformed' },
  },
  states: {
    drafted: {
      on: {
        COST_RULE_ADOPTED: { target: 'inForce', actions: 'recordAdoption' },
      },
    },
    inForce: {
      on: {
        INVOICE_RUN_ISSUED: { guard: 'invoiceRunOk', actions: 'recordInvoiceRun' },
        INVOICE_CREDITED: { guard: 'creditOk', actions: 'recordCredit' },
        COST_RULE_ENDED: { guard: 'endOk', target: 'ended', actions: 'recordEnd' },
      },
    },
    // Months before the end are still invoiced, and invoices credited, after the rule has ended.
    ended: {
      on: {
        INVOICE_RUN_ISSUED: { guard: 'invoiceRunOk', actions: 'recordInvoiceRun' },
        INVOICE_CREDITED: { guard: 'creditOk', actions: 'recordCredit' },
      },
    },
  },
});

export const costRuleDefinition: MachineDefinition = {
  id: COST_RULE_MACHINE_ID,
  version: COST_RULE_MACHINE_VERSION,
  machine: costRuleMachine,
  guardRules: COST_RULE_RULES,
  legalDateOf: (event) => costRuleLegalDate(event as CostRuleEvent),
  eventRoles: {
    COST_RULE_ADOPTED: WRITERS,
    COUNCIL_INFORMED: WRITERS,
    INVOICE_RUN_ISSUED: WRITERS,
    INVOICE_CREDITED: WRITERS,
    COST_RULE_ENDED: WRITERS,
  },
};
