/**
 * The rule ids of the gallring machine's guards (issue 10, point 7): the removal names its gallringsbeslut (R-K8) and
 * removes each item once, as a logged event (R-K9).
 */
export const GALLRING_GUARD_RULE_IDS: Record<number, Record<string, readonly string[]>> = {
  1: { removalOk: ['R-K8', 'R-K9'] },
};
