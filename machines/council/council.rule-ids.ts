/**
 * The rule ids each guard of the Samverkansrådet rule table applies (issue 10, point 7): the ids its rule function
 * can refuse with, as a history entry names them for a transition the guard allowed. Beside the table in
 * council.machine.ts; test/machines/guard-rule-ids.spec.ts keeps the two in step.
 */
const VERSION_1: Record<string, readonly string[]> = {
  seatingOk: ['R-E1'],
  recordOk: ['R-E2', 'R-E3', 'R-G8'],
};

export const COUNCIL_GUARD_RULE_IDS: Record<number, Record<string, readonly string[]>> = { 1: VERSION_1 };
