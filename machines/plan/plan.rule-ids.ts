/**
 * The rule ids each guard of the verksamhetsplan rule table applies (issue 10, point 7): the ids its rule function
 * (and the rules it calls) can refuse with, as a history entry names them for a transition the guard allowed. Beside
 * the table in plan.machine.ts; test/machines/guard-rule-ids.spec.ts keeps the two in step.
 */
const VERSION_1: Record<string, readonly string[]> = {
  versionOk: ['R-D8'],
  councilInformedOk: ['R-D7'],
  adoptionOk: ['R-D6', 'R-D7', 'R-D8'],
  councilMayAdopt: ['R-D6', 'R-E2'],
};

export const PLAN_GUARD_RULE_IDS: Record<number, Record<string, readonly string[]>> = { 1: VERSION_1 };
