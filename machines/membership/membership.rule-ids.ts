/**
 * The rule ids each guard of the membership rule table applies (issue 10, point 7): what a history entry names as
 * the rule that allowed its transition. A rule function names its id only when it refuses, so the ids of a guard that
 * passed are declared here, per machine version, beside the table; test/machines/guard-rule-ids.spec.ts checks that
 * every guard of the table is listed and that every id a guard refuses with in the machine tests is among them.
 */
const VERSION_1: Record<string, readonly string[]> = {
  entryDecisionOk: ['R-B1', 'R-B2', 'R-B5'],
  entrySignatureOk: ['R-B3', 'D12', 'R-B5'],
  exitDecisionOk: ['R-C1', 'R-C2', 'R-C4'],
  exitNoticeOk: ['R-C1', 'R-C5', 'R-C6', 'R-C12', 'R-K2', 'R-K5', 'R-K6', 'D12'],
  councilInformedOk: ['R-C6'],
  withdrawalOk: ['R-C10', 'D6'],
  exitTookEffectOk: ['R-C7'],
  councilMayDecide: ['R-E2'],
  annulmentOk: ['R-C11'],
};

/** Version 2: the same guards; the exit and the withdrawal are judged under the collaboration's exit rule (R-C1). */
const VERSION_2: Record<string, readonly string[]> = { ...VERSION_1 };

export const MEMBERSHIP_GUARD_RULE_IDS: Record<number, Record<string, readonly string[]>> = {
  1: VERSION_1,
  2: VERSION_2,
};
