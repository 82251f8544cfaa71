import { MEMBERSHIP_GUARD_RULE_IDS } from './membership/membership.rule-ids';
import { PROTOCOL_GUARD_RULE_IDS } from './protocol/protocol.rule-ids';

/**
 * machine id → version → guard name → the rule ids the guard applies (issue 10, point 7): the rule a history entry
 * names as the one that allowed its transition. A machine without an entry here shows its guards by name only.
 */
export const GUARD_RULE_IDS: Record<string, Record<number, Record<string, readonly string[]>>> = {
  membership: MEMBERSHIP_GUARD_RULE_IDS,
  protocol: PROTOCOL_GUARD_RULE_IDS,
};

/** The rule ids of the guards `guards` of machine `id@version`, each once, in the order of the guards. */
export function ruleIdsOfGuards(id: string, version: number, guards: readonly string[]): string[] {
  const table = GUARD_RULE_IDS[id]?.[version] ?? {};
  return [...new Set(guards.flatMap((g) => table[g] ?? []))];
}
