import type { LocalDate } from '../kernel/time';
import type { Share } from './money.rules';
import type { Month } from './months';

/**
 * A cost rule (kostnadsfördelning, RULEBOOK §3 G) and what happens under it. Context is JSON only (amounts are
 * integers of öre), so a snapshot persists as it is and every invoice is in the hashed log.
 */

/** Where the rule belongs: a collaboration area (by its workflow id) or the collaboration's common function. */
export type CostScope = { kind: 'area'; areaWorkflowId: string } | { kind: 'common'; function: string };

/** How the paying parties' shares are given (R-G3). */
export type ShareMethod = 'percent' | 'equal' | 'population';

export interface Payer {
  municipality: string;
  /** `percent` only: the party's share in basis points (1 000 = 10 %). */
  shareBp?: number;
}

/** `population` only: the figures the shares are computed from, with where and when they were read. */
export interface PopulationBasis {
  figures: Array<{ municipality: string; inhabitants: number }>;
  source: string;
  asOf: LocalDate;
}

export interface CostRuleInput {
  collaboration: string;
  scope: CostScope;
  title: string;
  /** The host municipality (värdkommun): it carries 100 % − Σ the invoiced shares (R-G3). */
  host: string;
  method: ShareMethod;
  payers: Payer[];
  population?: PopulationBasis;
  /** R-G5: what the cost is, named explicitly (for example "lönekostnad inklusive arbetsgivaravgifter"). */
  costBase: string;
  startMonth: Month;
  endMonth?: Month;
  note?: string;
}

/** One line of an invoice: a cost of the run (a month, or the whole period) times the party's share. */
export interface InvoiceLine {
  month?: Month;
  costOre: number;
  share: Share;
  amountOre: number;
}

/** An issued invoice: a record, never edited; a credit refers to it (R-K9). */
export interface Invoice {
  /** Unique within the rule: `<run>-<kommunkod>`. */
  number: string;
  run: number;
  municipality: string;
  from: Month;
  to: Month;
  issuedOn: LocalDate;
  lines: InvoiceLine[];
  amountOre: number;
}

export interface CostLine {
  /** The month the cost is for; absent = the cost of the whole period. */
  month?: Month;
  amountOre: number;
  note?: string;
}

export interface InvoiceRun {
  run: number;
  from: Month;
  to: Month;
  issuedOn: LocalDate;
  costs: CostLine[];
  totalCostOre: number;
  /** What the host carries of this run's cost (100 % − Σ shares, and the rounding residue). */
  hostOre: number;
  invoices: string[];
  note?: string;
}

/** A credit invoice (kreditfaktura): all of an invoice or part of it, referring to the original. */
export interface Credit {
  /** `K<n>`, numbered within the rule. */
  number: string;
  creditOf: string;
  municipality: string;
  amountOre: number;
  issuedOn: LocalDate;
  reason: string;
}

export interface CostRuleContext extends CostRuleInput {
  adoption?: { adoptedOn: LocalDate; basis: string };
  /** R-G8: the council was informed on these dates; information is not approval and changes nothing. */
  councilInformedOn: LocalDate[];
  ending?: { endedOn: LocalDate; reason: string };
  runs: InvoiceRun[];
  invoices: Invoice[];
  credits: Credit[];
}

export type CostRuleEvent =
  | { type: 'COST_RULE_ADOPTED'; adoptedOn: LocalDate; basis: string; note?: string }
  | { type: 'COUNCIL_INFORMED'; informedOn: LocalDate; note?: string }
  | {
      type: 'INVOICE_RUN_ISSUED';
      from: Month;
      to: Month;
      issuedOn: LocalDate;
      costs: CostLine[];
      /** Only these paying parties (a run after a credit); absent = every paying party. */
      parties?: string[];
      note?: string;
    }
  | {
      type: 'INVOICE_CREDITED';
      invoice: string;
      issuedOn: LocalDate;
      amountOre?: number;
      reason: string;
      note?: string;
    }
  | { type: 'COST_RULE_ENDED'; endMonth: Month; endedOn: LocalDate; reason: string; note?: string };
