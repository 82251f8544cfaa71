/**
 * The rule ids each guard of the collaboration's rule tables applies (issue 10, point 7), per version, as a history
 * entry names them for a transition the guard allowed. Beside the tables in collaboration.machine.ts;
 * test/machines/guard-rule-ids.spec.ts keeps them in step.
 */
/** Versions 1 and 2: a settings change states its reason (and, from 2, changes something): D1. */
const VERSION_1: Record<string, readonly string[]> = { settingsChangeOk: ['D1'] };
const VERSION_2: Record<string, readonly string[]> = { ...VERSION_1 };

/** Version 3: and an organisation signs the declaration once (R-A1). */
const VERSION_3: Record<string, readonly string[]> = { ...VERSION_2, organisationSignatureOk: ['R-A1'] };

export const COLLABORATION_GUARD_RULE_IDS: Record<number, Record<string, readonly string[]>> = {
  1: VERSION_1,
  2: VERSION_2,
  3: VERSION_3,
};
