import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import type { CostRuleContext, Credit, Invoice, InvoiceRun } from '../../machines/cost/cost.types';
import { creditedOre, formatSek, hostShare, invoiceStands, sharesOf, type Share } from '../../machines/cost/cost.rules';
import { uuidFrom } from '../common/sha256';
import type { MunicipalityView } from '../municipality/municipality.service';
import { TransitionView, type InstanceView } from '../workflow/workflow.types';

/** The API's id of an invoice or credit invoice: derived from the rule and the number, so it follows from the log. */
export const invoiceIdOf = (ruleId: string, number: string) => uuidFrom(`cost-invoice:${ruleId}:${number}`);

export class PartyRef {
  @ApiProperty({ example: '1460' })
  code: string;
  @ApiProperty({ example: 'Bengtsfors' })
  name: string;
}

export class ShareView {
  @ApiProperty({ example: 1000, description: 'Numerator of the exact share' })
  num: number;
  @ApiProperty({ example: 10000, description: 'Denominator of the exact share' })
  den: number;
  @ApiProperty({ example: '10,00 %', description: 'The share in percent, rounded to two decimals for reading' })
  percent: string;
}

export class MoneyLineView {
  @ApiPropertyOptional({ example: '2023-03' })
  month?: string;
  @ApiProperty({ example: 5000000 })
  costOre: number;
  @ApiProperty({ example: '50 000,00' })
  cost: string;
  @ApiProperty({ type: ShareView })
  share: ShareView;
  @ApiProperty({ example: 500000 })
  amountOre: number;
  @ApiProperty({ example: '5 000,00' })
  amount: string;
}

export class InvoiceView {
  @ApiProperty()
  id: string;
  @ApiProperty({ example: '1-1460' })
  number: string;
  @ApiProperty()
  costRuleId: string;
  @ApiProperty()
  run: number;
  @ApiProperty({ type: PartyRef, description: 'Invoiced to' })
  municipality: PartyRef;
  @ApiProperty({ type: PartyRef, description: 'Invoiced by (the host)' })
  host: PartyRef;
  @ApiProperty({ example: '2023-03' })
  from: string;
  @ApiProperty({ example: '2023-03' })
  to: string;
  @ApiProperty({ example: '2023-04-05' })
  issuedOn: string;
  @ApiProperty()
  costBase: string;
  @ApiProperty({ type: [MoneyLineView] })
  lines: MoneyLineView[];
  @ApiProperty({ example: 500000 })
  amountOre: number;
  @ApiProperty({ example: '5 000,00', description: 'SEK with a decimal comma' })
  amount: string;
  @ApiProperty({ example: 0 })
  creditedOre: number;
  @ApiProperty({ description: 'False once credits cover all of it' })
  standing: boolean;
  @ApiProperty({ type: [String], description: 'The numbers of its credit invoices' })
  credits: string[];
}

export class CreditView {
  @ApiProperty()
  id: string;
  @ApiProperty({ example: 'K1' })
  number: string;
  @ApiProperty()
  costRuleId: string;
  @ApiProperty({ description: 'The id of the invoice credited' })
  creditOfId: string;
  @ApiProperty({ example: '1-1460' })
  creditOf: string;
  @ApiProperty({ type: PartyRef })
  municipality: PartyRef;
  @ApiProperty({ example: 500000, description: 'The credited amount (positive)' })
  amountOre: number;
  @ApiProperty({ example: '5 000,00' })
  amount: string;
  @ApiProperty()
  issuedOn: string;
  @ApiProperty()
  reason: string;
}

export class InvoiceRunView {
  @ApiProperty({ description: 'True: computed only, nothing recorded' })
  preview: boolean;
  @ApiProperty()
  costRuleId: string;
  @ApiProperty()
  run: number;
  @ApiProperty({ example: '2023-03' })
  from: string;
  @ApiProperty({ example: '2023-03' })
  to: string;
  @ApiProperty()
  issuedOn: string;
  @ApiProperty({ example: 5000000 })
  totalCostOre: number;
  @ApiProperty({ example: '50 000,00' })
  totalCost: string;
  @ApiProperty({ example: 3000000, description: "The host's part: 100 % − Σ shares, and the rounding residue" })
  hostOre: number;
  @ApiProperty({ example: '30 000,00' })
  hostAmount: string;
  @ApiPropertyOptional()
  note?: string;
  @ApiProperty({ type: [InvoiceView] })
  invoices: InvoiceView[];
  @ApiPropertyOptional({ type: TransitionView, description: 'The log row, when recorded' })
  transition?: TransitionView;
}

export class PayerShareView {
  @ApiProperty({ type: PartyRef })
  municipality: PartyRef;
  @ApiProperty({ type: ShareView })
  share: ShareView;
}

export class PopulationFigureView {
  @ApiProperty({ example: '1460' })
  municipality: string;
  @ApiProperty({ example: 9600 })
  inhabitants: number;
}

export class PopulationBasisView {
  @ApiProperty({ type: [PopulationFigureView] })
  figures: PopulationFigureView[];
  @ApiProperty({ example: 'SCB, folkmängd 31 december 2023' })
  source: string;
  @ApiProperty({ example: '2023-12-31' })
  asOf: string;
}

export class CostAdoptionView {
  @ApiProperty({ example: '2022-10-31' })
  adoptedOn: string;
  @ApiProperty()
  basis: string;
}

export class CostEndingView {
  @ApiProperty({ example: '2025-11-15' })
  endedOn: string;
  @ApiProperty()
  reason: string;
}

/** A run as the rule lists it: its period, cost and invoice numbers (the invoices themselves are on the run). */
export class CostRunSummaryView extends PickType(InvoiceRunView, [
  'run',
  'from',
  'to',
  'issuedOn',
  'totalCostOre',
  'totalCost',
  'hostOre',
  'note',
] as const) {
  @ApiProperty({ type: [String], example: ['1-1460'] })
  invoices: string[];
}

export class CostRuleView {
  @ApiProperty({ description: 'The cost rule, which is also its workflow' })
  id: string;
  @ApiProperty({ example: 'dalslandssamverkan' })
  collaboration: string;
  @ApiProperty({ example: { kind: 'common', function: 'Samordnare för samverkan inom socialtjänst' } })
  scope: Record<string, string>;
  @ApiProperty()
  title: string;
  @ApiProperty({ type: PartyRef })
  host: PartyRef;
  @ApiProperty({ type: ShareView, description: 'What the host carries before rounding (R-G3)' })
  hostShare: ShareView;
  @ApiProperty({ enum: ['percent', 'equal', 'population'] })
  method: string;
  @ApiProperty({ type: [PayerShareView] })
  payers: PayerShareView[];
  @ApiPropertyOptional({ type: PopulationBasisView })
  population?: PopulationBasisView;
  @ApiProperty({ description: 'R-G5: the explicit cost base' })
  costBase: string;
  @ApiProperty({ example: '2022-11' })
  startMonth: string;
  @ApiPropertyOptional()
  endMonth?: string;
  @ApiPropertyOptional()
  note?: string;
  @ApiProperty({ example: 'inForce', enum: ['drafted', 'inForce', 'ended'] })
  state: string;
  @ApiProperty()
  version: number;
  @ApiPropertyOptional({ type: CostAdoptionView })
  adoption?: CostAdoptionView;
  @ApiProperty({ type: [String], description: 'R-G8: informed, which approves nothing' })
  councilInformedOn: string[];
  @ApiPropertyOptional({ type: CostEndingView })
  ending?: CostEndingView;
  @ApiProperty({ type: [CostRunSummaryView], description: 'Summary of each run: its period, cost and invoice numbers' })
  runs: CostRunSummaryView[];
  @ApiProperty({ type: [String] })
  allowedEvents: string[];
  @ApiPropertyOptional({ type: TransitionView, description: 'The log row of the event, when one was recorded' })
  transition?: TransitionView;
}

export type Names = (code: string) => PartyRef;

export function namesOf(municipalities: MunicipalityView[]): Names {
  return (code) => ({ code, name: municipalities.find((m) => m.code === code)?.name ?? code });
}

function shareView(share: Share): ShareView {
  const hundredths = share.den ? Math.round((share.num * 10_000) / share.den) : 0;
  return { ...share, percent: `${Math.floor(hundredths / 100)},${String(hundredths % 100).padStart(2, '0')} %` };
}

export function costRuleView(instance: InstanceView, names: Names): CostRuleView {
  const c = instance.context as CostRuleContext;
  const view: CostRuleView = {
    id: instance.id,
    collaboration: c.collaboration,
    scope: { ...c.scope },
    title: c.title,
    host: names(c.host),
    hostShare: shareView(hostShare(c)),
    method: c.method,
    payers: sharesOf(c).map((s) => ({ municipality: names(s.municipality), share: shareView(s.share) })),
    costBase: c.costBase,
    startMonth: c.startMonth,
    state: instance.state,
    version: instance.version,
    councilInformedOn: c.councilInformedOn,
    runs: c.runs.map(({ costs: _costs, ...run }) => ({ ...run, totalCost: formatSek(run.totalCostOre) })),
    allowedEvents: instance.allowedEvents,
  };
  if (c.population) view.population = c.population;
  if (c.endMonth) view.endMonth = c.endMonth;
  if (c.note) view.note = c.note;
  if (c.adoption) view.adoption = c.adoption;
  if (c.ending) view.ending = c.ending;
  return view;
}

export function invoiceView(ruleId: string, c: CostRuleContext, invoice: Invoice, names: Names): InvoiceView {
  const credited = creditedOre(c, invoice.number);
  return {
    id: invoiceIdOf(ruleId, invoice.number),
    number: invoice.number,
    costRuleId: ruleId,
    run: invoice.run,
    municipality: names(invoice.municipality),
    host: names(c.host),
    from: invoice.from,
    to: invoice.to,
    issuedOn: invoice.issuedOn,
    costBase: c.costBase,
    lines: invoice.lines.map((l) => {
      const line: MoneyLineView = {
        costOre: l.costOre,
        cost: formatSek(l.costOre),
        share: shareView(l.share),
        amountOre: l.amountOre,
        amount: formatSek(l.amountOre),
      };
      return l.month ? { month: l.month, ...line } : line;
    }),
    amountOre: invoice.amountOre,
    amount: formatSek(invoice.amountOre),
    creditedOre: credited,
    standing: invoiceStands(c, invoice),
    credits: c.credits.filter((k) => k.creditOf === invoice.number).map((k) => k.number),
  };
}

export function creditView(ruleId: string, credit: Credit, names: Names): CreditView {
  return {
    id: invoiceIdOf(ruleId, credit.number),
    number: credit.number,
    costRuleId: ruleId,
    creditOfId: invoiceIdOf(ruleId, credit.creditOf),
    creditOf: credit.creditOf,
    municipality: names(credit.municipality),
    amountOre: credit.amountOre,
    amount: formatSek(credit.amountOre),
    issuedOn: credit.issuedOn,
    reason: credit.reason,
  };
}

/** A run and its invoices, from the rule's context (recorded) or from a plan (a preview). */
export function runView(
  ruleId: string,
  c: CostRuleContext,
  run: InvoiceRun,
  invoices: Invoice[],
  names: Names,
  preview: boolean,
): InvoiceRunView {
  const view: InvoiceRunView = {
    preview,
    costRuleId: ruleId,
    run: run.run,
    from: run.from,
    to: run.to,
    issuedOn: run.issuedOn,
    totalCostOre: run.totalCostOre,
    totalCost: formatSek(run.totalCostOre),
    hostOre: run.hostOre,
    hostAmount: formatSek(run.hostOre),
    invoices: invoices.map((i) => invoiceView(ruleId, c, i, names)),
  };
  if (run.note) view.note = run.note;
  return view;
}
