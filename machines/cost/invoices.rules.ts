/**
 * Invoice runs, credits and the end of a cost rule (R-G1, R-G4, R-G6, R-K9). Pure functions over the machine's
 * context and an event: each check returns null or the Refusal naming its rule; the machine's guards are built
 * from them and its actions record what `planInvoiceRun` and `planCredit` give, so a preview answers exactly what
 * the run would record.
 *
 * R-A3: the rule computes amounts owed under the rule and nothing else: no interest, no late fees, no damages.
 */
import { refusal, type Refusal } from '../kernel/refusal';
import type { LocalDate } from '../kernel/time';
import type { CostRuleContext, CostRuleEvent, Credit, Invoice, InvoiceRun } from './cost.types';
import { formatSek, lineAmount, MAX_ORE, splitCost } from './money.rules';
import { compareMonths, isValidMonth, monthsOf, overlaps } from './months';
import { sharesOf } from './shares.rules';

type RunEvent = Extract<CostRuleEvent, { type: 'INVOICE_RUN_ISSUED' }>;
type CreditEvent = Extract<CostRuleEvent, { type: 'INVOICE_CREDITED' }>;
type EndEvent = Extract<CostRuleEvent, { type: 'COST_RULE_ENDED' }>;

/** What has been credited of an invoice so far, in öre. */
export function creditedOre(c: Pick<CostRuleContext, 'credits'>, invoiceNumber: string): number {
  return c.credits.filter((k) => k.creditOf === invoiceNumber).reduce((sum, k) => sum + k.amountOre, 0);
}

/** R-K9: an invoice stands until credits cover all of it (an invoice of 0 öre stands until it is credited once). */
export function invoiceStands(c: Pick<CostRuleContext, 'credits'>, invoice: Invoice): boolean {
  const credits = c.credits.filter((k) => k.creditOf === invoice.number);
  return credits.length === 0 || creditedOre(c, invoice.number) < invoice.amountOre;
}

/** The paying parties a run invoices: those it names, or every paying party. */
const invoicedBy = (c: CostRuleContext, e: RunEvent): string[] => e.parties ?? c.payers.map((p) => p.municipality);

/** R-G1: the run's months lie within the rule's months (from its start, to its end if it has one). */
export function checkRunPeriod(c: CostRuleContext, e: RunEvent): Refusal | null {
  if (compareMonths(e.from, c.startMonth) < 0) {
    return refusal(
      'PERIOD_BEFORE_START',
      'R-G1',
      `The period starts ${e.from}, before the cost rule starts (${c.startMonth}).`,
      `Perioden börjar ${e.from}, före kostnadsregelns start (${c.startMonth}).`,
      { from: e.from, startMonth: c.startMonth },
    );
  }
  if (c.endMonth && compareMonths(e.to, c.endMonth) > 0) {
    return refusal(
      'PERIOD_AFTER_END',
      'R-G1',
      `The period ends ${e.to}, after the cost rule ends (${c.endMonth}).`,
      `Perioden slutar ${e.to}, efter kostnadsregelns slut (${c.endMonth}).`,
      { to: e.to, endMonth: c.endMonth },
    );
  }
  return null;
}

/** R-G4: a run invoices only paying parties of the rule (the host carries its part and is never invoiced). */
export function checkRunParties(c: CostRuleContext, e: RunEvent): Refusal | null {
  const payers = c.payers.map((p) => p.municipality);
  const outside = invoicedBy(c, e).find((code) => !payers.includes(code));
  if (outside === undefined) return null;
  const isHost = outside === c.host;
  return refusal(
    'NOT_A_PARTY',
    'R-G4',
    isHost
      ? `Municipality ${outside} is the host: it carries its part and is not invoiced.`
      : `Municipality ${outside} is not a paying party of this cost rule.`,
    isHost
      ? `Kommun ${outside} är värdkommun: den bär sin del och faktureras inte.`
      : `Kommun ${outside} är inte betalande part i denna kostnadsregel.`,
    { municipality: outside, host: isHost },
  );
}

/**
 * R-G6: the run's costs are either one amount for the whole period or one amount for each of its months (each month
 * once), every amount a whole number of öre from 0 up to the limit.
 */
export function checkRunCosts(_c: CostRuleContext, e: RunEvent): Refusal | null {
  const months = isValidMonth(e.from) && isValidMonth(e.to) ? monthsOf(e.from, e.to) : [];
  const given = e.costs.map((k) => k.month);
  const whole = e.costs.length === 1 && given[0] === undefined;
  const perMonth = given.length === months.length && months.every((m) => given.filter((g) => g === m).length === 1);
  const amountsOk = e.costs.every(
    (k) => Number.isSafeInteger(k.amountOre) && k.amountOre >= 0 && k.amountOre <= MAX_ORE,
  );
  if (months.length > 0 && (whole || perMonth) && amountsOk) return null;
  return refusal(
    'COSTS_DO_NOT_MATCH_PERIOD',
    'R-G6',
    `The costs must be one amount for ${e.from}–${e.to} or one amount for each of its months, in whole öre.`,
    `Kostnaderna ska vara ett belopp för ${e.from}–${e.to} eller ett belopp för var och en av dess månader, i hela öre.`,
    { from: e.from, to: e.to, months: months.length },
  );
}

/** R-K9: a month already invoiced to a party is invoiced again only after that invoice was credited in full. */
export function checkNotYetInvoiced(c: CostRuleContext, e: RunEvent): Refusal | null {
  const parties = invoicedBy(c, e);
  const earlier = c.invoices.find(
    (inv) => parties.includes(inv.municipality) && overlaps(inv, e) && invoiceStands(c, inv),
  );
  if (!earlier) return null;
  return refusal(
    'PERIOD_ALREADY_INVOICED',
    'R-K9',
    `Invoice ${earlier.number} to ${earlier.municipality} already covers ${earlier.from}–${earlier.to}; credit it before invoicing the period again.`,
    `Faktura ${earlier.number} till ${earlier.municipality} omfattar redan ${earlier.from}–${earlier.to}; kreditera den innan perioden faktureras igen.`,
    { invoice: earlier.number, municipality: earlier.municipality },
  );
}

export function checkInvoiceRun(c: CostRuleContext, e: RunEvent): Refusal | null {
  return checkRunCosts(c, e) ?? checkRunPeriod(c, e) ?? checkRunParties(c, e) ?? checkNotYetInvoiced(c, e);
}

/**
 * R-G3, R-G6: the run and its invoices: each cost line times each paying party's share, rounded half away from
 * zero; the host carries the rest of every line, so Σ invoices + the host's part = the run's cost exactly. A run that
 * names some parties only (after a credit) invoices those, and the host's part is still its part of the cost.
 */
export function planInvoiceRun(c: CostRuleContext, e: RunEvent): { run: InvoiceRun; invoices: Invoice[] } {
  const runNo = c.runs.length + 1;
  const shares = sharesOf(c);
  const parties = invoicedBy(c, e);
  const invoices: Invoice[] = shares
    .filter((s) => parties.includes(s.municipality))
    .map(({ municipality, share }) => {
      const lines = e.costs.map((k) => {
        const line = { costOre: k.amountOre, share, amountOre: lineAmount(k.amountOre, share) };
        return k.month ? { month: k.month, ...line } : line;
      });
      return {
        number: `${runNo}-${municipality}`,
        run: runNo,
        municipality,
        from: e.from,
        to: e.to,
        issuedOn: e.issuedOn,
        lines,
        amountOre: lines.reduce((sum, l) => sum + l.amountOre, 0),
      };
    });
  const totalCostOre = e.costs.reduce((sum, k) => sum + k.amountOre, 0);
  const hostOre = e.costs.reduce((sum, k) => sum + splitCost(k.amountOre, shares).hostOre, 0);
  const run: InvoiceRun = {
    run: runNo,
    from: e.from,
    to: e.to,
    issuedOn: e.issuedOn,
    costs: e.costs,
    totalCostOre,
    hostOre,
    invoices: invoices.map((i) => i.number),
  };
  if (e.note) run.note = e.note;
  return { run, invoices };
}

/** R-K9: a credit refers to an issued invoice, dated on or after it, for more than 0 and at most what remains. */
export function checkCredit(c: CostRuleContext, e: CreditEvent): Refusal | null {
  const invoice = c.invoices.find((i) => i.number === e.invoice);
  if (!invoice) {
    return refusal(
      'NO_SUCH_INVOICE',
      'R-K9',
      `The cost rule has no invoice ${e.invoice}.`,
      `Kostnadsregeln har ingen faktura ${e.invoice}.`,
      { invoice: e.invoice },
    );
  }
  if (e.issuedOn < invoice.issuedOn) {
    return refusal(
      'CREDIT_BEFORE_INVOICE',
      'R-K9',
      `A credit of invoice ${invoice.number} is dated on or after it (${invoice.issuedOn}).`,
      `En kreditering av faktura ${invoice.number} dateras samma dag eller senare (${invoice.issuedOn}).`,
      { invoice: invoice.number, invoiceIssuedOn: invoice.issuedOn },
    );
  }
  const remaining = invoice.amountOre - creditedOre(c, invoice.number);
  const amount = e.amountOre ?? remaining;
  const fullyCredited = !invoiceStands(c, invoice);
  const inRange = e.amountOre === undefined || (Number.isSafeInteger(amount) && amount > 0 && amount <= remaining);
  if (!fullyCredited && inRange) return null;
  return refusal(
    'CREDIT_EXCEEDS_INVOICE',
    'R-K9',
    `A credit of invoice ${invoice.number} is more than 0 and at most what remains of it (${formatSek(remaining)} kr).`,
    `En kreditering av faktura ${invoice.number} är mer än 0 och högst det som återstår av den (${formatSek(remaining)} kr).`,
    { invoice: invoice.number, remainingOre: remaining, fullyCredited },
  );
}

/** The credit invoice an event issues: all of what remains of the invoice, or the amount given. */
export function planCredit(c: CostRuleContext, e: CreditEvent): Credit {
  const invoice = c.invoices.find((i) => i.number === e.invoice)!;
  return {
    number: `K${c.credits.length + 1}`,
    creditOf: invoice.number,
    municipality: invoice.municipality,
    amountOre: e.amountOre ?? invoice.amountOre - creditedOre(c, invoice.number),
    issuedOn: e.issuedOn,
    reason: e.reason,
  };
}

/** R-G1: a rule ends in a month from its start; R-K9: an invoice standing for a later month is credited first. */
export function checkEnd(c: CostRuleContext, e: EndEvent): Refusal | null {
  if (compareMonths(e.endMonth, c.startMonth) < 0) {
    return refusal(
      'END_BEFORE_START',
      'R-G1',
      `A cost rule that starts ${c.startMonth} cannot end ${e.endMonth}.`,
      `En kostnadsregel som börjar ${c.startMonth} kan inte sluta ${e.endMonth}.`,
      { startMonth: c.startMonth, endMonth: e.endMonth },
    );
  }
  const after = c.invoices.find((inv) => compareMonths(inv.to, e.endMonth) > 0 && invoiceStands(c, inv));
  if (!after) return null;
  return refusal(
    'INVOICED_AFTER_END',
    'R-K9',
    `Invoice ${after.number} covers months after ${e.endMonth}; credit it before ending the rule then.`,
    `Faktura ${after.number} omfattar månader efter ${e.endMonth}; kreditera den innan regeln avslutas då.`,
    { invoice: after.number, to: after.to },
  );
}

/** D13: the local date each event concerns, from its own data. */
export function costRuleLegalDate(e: CostRuleEvent): LocalDate | null {
  switch (e.type) {
    case 'COST_RULE_ADOPTED':
      return e.adoptedOn;
    case 'COUNCIL_INFORMED':
      return e.informedOn;
    case 'INVOICE_RUN_ISSUED':
    case 'INVOICE_CREDITED':
      return e.issuedOn;
    case 'COST_RULE_ENDED':
      return e.endedOn;
    default:
      return null;
  }
}
