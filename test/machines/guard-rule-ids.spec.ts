import { GUARD_RULE_IDS, ruleIdsOfGuards } from '../../machines/guard-rule-ids';
import { MACHINE_DEFINITIONS } from '../../machines/registry';

// The rule ids a history entry names for the guards that allowed its transition (issue 10, point 7): a machine that
// declares them declares them for every guard of its rule table, in every version, and nothing else.
describe('guard rule ids', () => {
  const declared = MACHINE_DEFINITIONS.filter((d) => GUARD_RULE_IDS[d.id]);

  it('covers at least the membership machine, both versions, and the protocol of a decision paragraph', () => {
    expect(declared.filter((d) => d.id === 'membership').map((d) => d.version)).toEqual([1, 2]);
    expect(declared.some((d) => d.id === 'protocol')).toBe(true);
  });

  it.each(declared.map((d) => [`${d.id}@${d.version}`, d] as const))(
    '%s: every guard of the rule table has its ids, and no other guard is listed',
    (_name, def) => {
      const table = GUARD_RULE_IDS[def.id][def.version];
      expect(table).toBeDefined();
      expect(Object.keys(table).sort()).toEqual(Object.keys(def.guardRules).sort());
      for (const ids of Object.values(table)) {
        expect(ids.length).toBeGreaterThan(0);
        for (const id of ids) expect(id).toMatch(/^(R-[A-Z]\d+|D\d{1,2})$/);
      }
    },
  );

  it('a guard that refuses names one of its declared ids (R-C4 for an exit on another day)', () => {
    const def = declared.find((d) => d.id === 'membership' && d.version === 2)!;
    const refusal = def.guardRules.exitDecisionOk(
      { collaboration: 'x', periods: [], pendingEntry: {} },
      {
        type: 'FULLMAKTIGE_REQUESTED_EXIT',
        decision: { organ: 'KF', date: '2024-03-01' },
        desiredExitDate: '2026-06-30',
      },
    );
    expect(ruleIdsOfGuards('membership', 2, ['exitDecisionOk'])).toContain(refusal?.ruleId ?? 'none');
  });
});
