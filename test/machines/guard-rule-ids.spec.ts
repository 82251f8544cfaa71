import * as fs from 'fs';
import * as path from 'path';
import { GUARD_RULE_IDS, ruleIdsOfGuards } from '../../machines/guard-rule-ids';
import { MACHINE_DEFINITIONS } from '../../machines/registry';

/** The id forms the code names: RULEBOOK ids (R-F1), DECISIONS ids (D8) and the §4.2 gates of an area (G3). */
const RULE_ID = /^(R-[A-Z]\d+|D\d{1,2}|G\d)$/;

/** The ids docs/rules.md has a row for (`| R-F1 | …`, `| D8 | …`, `| G3 | …`). */
const DOCUMENTED = new Set(
  fs
    .readFileSync(path.join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8')
    .split('\n')
    .flatMap((line) => line.match(/^\|\s*(R-[A-Z]\d+|D\d{1,2}|G\d)\s*\|/)?.[1] ?? []),
);

// The rule ids a history entry names for the guards that allowed its transition (issue 10, point 7): a machine that
// declares them declares them for every guard of its rule table, in every version, and nothing else.
describe('guard rule ids', () => {
  const declared = MACHINE_DEFINITIONS.filter((d) => GUARD_RULE_IDS[d.id]);

  it('covers every version of every machine that has rule guards (both area versions among them)', () => {
    const withGuards = MACHINE_DEFINITIONS.filter((d) => Object.keys(d.guardRules).length > 0);
    const undeclared = withGuards.filter((d) => !GUARD_RULE_IDS[d.id]?.[d.version]).map((d) => `${d.id}@${d.version}`);
    expect(undeclared).toEqual([]);
    for (const id of ['membership', 'protocol', 'area', 'amendment', 'plan', 'council', 'cost-rule', 'collaboration'])
      expect(withGuards.some((d) => d.id === id)).toBe(true);
    expect(declared.filter((d) => d.id === 'area').map((d) => d.version)).toEqual([1, 2, 3]);
    // No stale declaration: every version declared is a registered one.
    const registered = new Set(MACHINE_DEFINITIONS.map((d) => `${d.id}@${d.version}`));
    const stale = Object.entries(GUARD_RULE_IDS).flatMap(([id, versions]) =>
      Object.keys(versions)
        .map((v) => `${id}@${v}`)
        .filter((k) => !registered.has(k)),
    );
    expect(stale).toEqual([]);
  });

  it.each(declared.map((d) => [`${d.id}@${d.version}`, d] as const))(
    '%s: every guard of the rule table has its ids, and no other guard is listed',
    (_name, def) => {
      const table = GUARD_RULE_IDS[def.id][def.version];
      expect(table).toBeDefined();
      expect(Object.keys(table).sort()).toEqual(Object.keys(def.guardRules).sort());
      for (const ids of Object.values(table)) {
        expect(ids.length).toBeGreaterThan(0);
        for (const id of ids) {
          expect(id).toMatch(RULE_ID);
          expect(DOCUMENTED.has(id) ? id : `${id} (no row in docs/rules.md)`).toBe(id);
        }
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

  it.each([
    // [machine, version, guard, context, event]: a refusal of each newly declared table names one of its ids.
    ['area', 1, 'participationOk', { participants: [{ code: '1460' }] }, { municipalityCode: '1438' }],
    ['area', 2, 'forankringDone', {}, {}],
    ['amendment', 1, 'competentBody', {}, {}],
    ['council', 1, 'recordOk', {}, { kind: 'BESLUT', subject: 'COST_ARRANGEMENT' }],
    ['collaboration', 3, 'settingsChangeOk', { settings: {} }, { settings: {}, reason: ' ' }],
  ] as const)('%s@%s %s refuses with one of its declared ids', (id, version, guard, context, event) => {
    const def = MACHINE_DEFINITIONS.find((d) => d.id === id && d.version === version)!;
    const refusal = def.guardRules[guard](context, { type: 'X', ...event });
    expect(refusal).not.toBeNull();
    expect(ruleIdsOfGuards(id, version, [guard])).toContain(refusal!.ruleId);
  });
});
