import { MEMBERSHIP_GUARD_RULE_IDS } from './membership/membership.rule-ids';
import { PROTOCOL_GUARD_RULE_IDS } from './protocol/protocol.rule-ids';
// The rule ids of every other machine with rule guards (h-rulesdue)
import { AMENDMENT_GUARD_RULE_IDS } from './amendment/amendment.rule-ids';
import { AREA_GUARD_RULE_IDS } from './area/area.rule-ids';
import { COLLABORATION_GUARD_RULE_IDS } from './collaboration/collaboration.rule-ids';
import { COST_RULE_GUARD_RULE_IDS } from './cost/cost-rule.rule-ids';
import { COUNCIL_GUARD_RULE_IDS } from './council/council.rule-ids';
import { PLAN_GUARD_RULE_IDS } from './plan/plan.rule-ids';
import { RECORD_REGISTER_GUARD_RULE_IDS } from './register/record-register.rule-ids';
import { GALLRING_GUARD_RULE_IDS } from './gallring/gallring.rule-ids';

/**
 * machine id → version → guard name → the rule ids the guard applies (issue 10, point 7): the rule a history entry
 * names as the one that allowed its transition. Every machine with rule guards is declared (guard-rule-ids.spec.ts).
 */
export const GUARD_RULE_IDS: Record<string, Record<number, Record<string, readonly string[]>>> = {
  membership: MEMBERSHIP_GUARD_RULE_IDS,
  protocol: PROTOCOL_GUARD_RULE_IDS,
  // h-rulesdue
  area: AREA_GUARD_RULE_IDS,
  amendment: AMENDMENT_GUARD_RULE_IDS,
  plan: PLAN_GUARD_RULE_IDS,
  council: COUNCIL_GUARD_RULE_IDS,
  'cost-rule': COST_RULE_GUARD_RULE_IDS,
  collaboration: COLLABORATION_GUARD_RULE_IDS,
  'record-register': RECORD_REGISTER_GUARD_RULE_IDS,
  // h-gallring
  gallring: GALLRING_GUARD_RULE_IDS,
};

/** The rule ids of the guards `guards` of machine `id@version`, each once, in the order of the guards. */
export function ruleIdsOfGuards(id: string, version: number, guards: readonly string[]): string[] {
  const table = GUARD_RULE_IDS[id]?.[version] ?? {};
  return [...new Set(guards.flatMap((g) => table[g] ?? []))];
}
