/**
 * The cost-sharing rules (RULEBOOK §3 G, R-K9, DECISIONS D11): the module callers import; the rules live in one
 * file per job:
 *   months.ts          months `YYYY-MM` as integers
 *   money.rules.ts     öre, exact shares, rounding half away from zero, Swedish formatting (R-G6)
 *   shares.rules.ts    who pays what share, the host's part, a rule's definition (R-G3, R-G4, R-G5)
 *   invoices.rules.ts  invoice runs, credits, the end of a rule (R-G1, R-G4, R-G6, R-K9, R-A3)
 * R-G7: nothing here reads a membership: a cost rule holds from its own start month whatever the parties' status,
 * and an exit from the collaboration does not end it (R-C8): only its own COST_RULE_ENDED does.
 */
export type { Month } from './months';
export { compareMonths, isValidMonth, monthOfDate, monthsOf } from './months';
export type { Share } from './money.rules';
export {
  FULL_BP,
  MAX_ORE,
  formatBp,
  formatSek,
  lineAmount,
  percentToBp,
  roundHalfAwayFromZero,
  sekToOre,
  splitCost,
} from './money.rules';
export type { DefinitionProblem } from './shares.rules';
export { checkCostRule, definitionProblems, hostShare, partiesOf, sharesOf } from './shares.rules';
export {
  checkCredit,
  checkEnd,
  checkInvoiceRun,
  costRuleLegalDate,
  creditedOre,
  invoiceStands,
  planCredit,
  planInvoiceRun,
} from './invoices.rules';
