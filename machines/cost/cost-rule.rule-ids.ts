/**
 * The rule ids each guard of the cost-rule rule table applies (issue 10, point 7): the ids its rule function (and the
 * rules it calls) can refuse with, as a history entry names them for a transition the guard allowed. Beside the table
 * in cost-rule.machine.ts; test/machines/guard-rule-ids.spec.ts keeps the two in step.
 */
const VERSION_1: Record<string, readonly string[]> = {
  invoiceRunOk: ['R-G1', 'R-G4', 'R-G6', 'R-K9'],
  creditOk: ['R-K9'],
  endOk: ['R-G1', 'R-K9'],
};

export const COST_RULE_GUARD_RULE_IDS: Record<number, Record<string, readonly string[]>> = { 1: VERSION_1 };
