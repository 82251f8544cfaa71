/**
 * The rule ids each guard of the amendment rule table applies (issue 10, point 7): the ids its rule function can
 * refuse with, as a history entry names them for a transition the guard allowed. Beside the table in
 * amendment.machine.ts; test/machines/guard-rule-ids.spec.ts keeps the two in step.
 */
const VERSION_1: Record<string, readonly string[]> = {
  approvalOk: ['R-D1', 'R-D2', 'R-D4', 'D2'],
  competentBody: ['R-D5'],
  annulmentOk: ['R-C11', 'D10'],
};

export const AMENDMENT_GUARD_RULE_IDS: Record<number, Record<string, readonly string[]>> = { 1: VERSION_1 };
