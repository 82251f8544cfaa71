/**
 * The issued invoices of a run as CSV for a Swedish spreadsheet: UTF-8 with a byte order mark (so Excel reads å ä ö),
 * semicolons between fields (the comma is the decimal sign), CRLF line ends, amounts like `5 000,00`. One row per
 * invoice; the run's note (for example a DEMODATA marking) travels on every row.
 */
import type { CostRuleContext } from '../../../machines/cost/cost.types';
import { formatSek } from '../../../machines/cost/cost.rules';
import type { InvoiceRunView } from '../cost.views';

const HEADER = [
  'Fakturanummer',
  'Fakturadatum',
  'Värdkommun',
  'Kommunkod',
  'Kommun',
  'Period',
  'Kostnadsregel',
  'Kostnadsunderlag',
  'Kostnad (SEK)',
  'Andel',
  'Belopp (SEK)',
  'Krediterat (SEK)',
  'Anmärkning',
];

/** One field: quoted when it holds a separator, a quote or a line break; a formula-like start is defused. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function invoiceRunCsv(rule: CostRuleContext, run: InvoiceRunView): string {
  const period = run.from === run.to ? run.from : `${run.from}–${run.to}`;
  const rows = run.invoices.map((i) => [
    i.number,
    i.issuedOn,
    i.host.name,
    i.municipality.code,
    i.municipality.name,
    period,
    rule.title,
    rule.costBase,
    formatSek(i.lines.reduce((sum, l) => sum + l.costOre, 0)),
    i.lines[0]?.share.percent ?? '',
    i.amount,
    formatSek(i.creditedOre),
    run.note ?? '',
  ]);
  return '\ufeff' + [HEADER, ...rows].map((r) => r.map(csvField).join(';')).join('\r\n') + '\r\n';
}
