/**
 * From the API's input to the machines' data: kronor to öre and percent to basis points (exactly, never through a
 * float), the defaults (the period's last month, today's date), and the 400s naming a field whose value the rules
 * cannot use.
 */
import type { CostRuleEvent, CostRuleInput, CostScope } from '../../machines/cost/cost.types';
import { compareMonths, definitionProblems, percentToBp, sekToOre } from '../../machines/cost/cost.rules';
import { validationFailed } from '../common/validation';
import type { CreateCostRuleDto, CreditInvoiceDto, InvoiceRunDto } from './dto/cost-rule.dto';

export { ruleRefused } from '../common/errors';

/** Plain JSON (class instances and undefined members dropped) so it hashes canonically. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value));

export function costRuleInput(slug: string, dto: CreateCostRuleDto): CostRuleInput {
  const scope: CostScope =
    dto.scope.kind === 'area'
      ? { kind: 'area', areaWorkflowId: dto.scope.areaWorkflowId! }
      : { kind: 'common', function: dto.scope.function! };
  const input: CostRuleInput = {
    collaboration: slug,
    scope,
    title: dto.title,
    host: dto.host,
    method: dto.method,
    payers: dto.payers.map((p) =>
      p.sharePercent === undefined
        ? { municipality: p.municipality }
        : { municipality: p.municipality, shareBp: percentToBp(p.sharePercent)! },
    ),
    costBase: dto.costBase,
    startMonth: dto.startMonth,
  };
  if (dto.population) input.population = plain(dto.population);
  if (dto.endMonth) input.endMonth = dto.endMonth;
  if (dto.note) input.note = dto.note;
  const problems = definitionProblems(input);
  if (problems.length) throw validationFailed(problems);
  return plain(input);
}

type RunEvent = Extract<CostRuleEvent, { type: 'INVOICE_RUN_ISSUED' }>;
type CreditEvent = Extract<CostRuleEvent, { type: 'INVOICE_CREDITED' }>;

export function invoiceRunEvent(dto: InvoiceRunDto, today: string): RunEvent {
  const to = dto.to ?? dto.from;
  if (compareMonths(to, dto.from) < 0)
    throw validationFailed([{ field: 'to', reason: 'must not be before from', reasonSv: 'får inte ligga före from' }]);
  const event: RunEvent = {
    type: 'INVOICE_RUN_ISSUED',
    from: dto.from,
    to,
    issuedOn: dto.issuedOn ?? today,
    costs: dto.costs.map((k, i) => {
      const amountOre = sekToOre(k.amount);
      if (amountOre === null)
        throw validationFailed([{ field: `costs[${i}].amount`, reason: 'is too large', reasonSv: 'är för stort' }]);
      const line: RunEvent['costs'][number] = { amountOre };
      if (k.month) line.month = k.month;
      if (k.note) line.note = k.note;
      return line;
    }),
  };
  if (dto.parties) event.parties = [...new Set(dto.parties)];
  if (dto.note) event.note = dto.note;
  return event;
}

export function creditEvent(dto: CreditInvoiceDto, invoice: string, today: string): CreditEvent {
  const event: CreditEvent = { type: 'INVOICE_CREDITED', invoice, issuedOn: dto.issuedOn ?? today, reason: dto.reason };
  if (dto.amount !== undefined) {
    const amountOre = sekToOre(dto.amount);
    if (amountOre === null || amountOre === 0)
      throw validationFailed([
        {
          field: 'amount',
          reason: 'must be more than 0 and within the limit',
          reasonSv: 'ska vara mer än 0 och inom gränsen',
        },
      ]);
    event.amountOre = amountOre;
  }
  if (dto.note) event.note = dto.note;
  return event;
}
