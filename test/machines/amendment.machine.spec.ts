import { createActor, transition } from 'xstate';
import { explainRefusal, stateString } from '../../machines/kernel/explain';
import { amendmentDefinition, amendmentMachine } from '../../machines/amendment/amendment.machine';
import { amendmentStatusOn, countsForAmendment, declarationInForceOn } from '../../machines/amendment/amendment.rules';
import type { AmendmentEvent, AmendmentInput, CountingParty } from '../../machines/amendment/amendment.types';
import { countsAsSignatory } from '../../machines/collaboration/collaboration.rules';

const INPUT: AmendmentInput = {
  amendmentId: 'a1',
  collaboration: 'dalslandssamverkan',
  title: 'Ändring',
  document: { key: 'af', versionId: 'v2', version: '2025-1', sha256: 'b'.repeat(64) },
  registeredOn: '2025-01-10',
};
const FIVE: CountingParty[] = ['1460', '1438', '1439', '1461', '1492'].map((code) => ({ code, organ: 'KF' }));
const approve = (
  party: string,
  date: string,
  extra: Partial<{ organ: 'KF' | 'KS'; counting: CountingParty[]; hash: string }> = {},
): Extract<AmendmentEvent, { type: 'AMENDMENT_APPROVED' }> => ({
  type: 'AMENDMENT_APPROVED',
  party,
  decision: {
    organ: extra.organ ?? 'KF',
    date,
    decisionId: `d-${party}`,
    ...(extra.hash ? { documentHash: extra.hash } : {}),
  },
  countingParties: extra.counting ?? FIVE,
});

function run(input: AmendmentInput, ...events: AmendmentEvent[]) {
  const actor = createActor(amendmentMachine, { input }).start();
  for (const e of events) actor.send(e);
  return actor.getSnapshot();
}
const explain = (s: ReturnType<typeof run>, e: AmendmentEvent) => explainRefusal(amendmentDefinition, s, e);

describe('amendment machine (R-D1..R-D5, D3, D4)', () => {
  const four = [
    approve('1460', '2025-02-03'),
    approve('1438', '2025-02-10'),
    approve('1439', '2025-02-17'),
    approve('1461', '2025-02-24'),
  ];

  it('R-D1: four of five approvals leave it proposed; the fifth adopts it, in force from the last approval (R-D3)', () => {
    const s4 = run(INPUT, ...four);
    expect(stateString(s4.value)).toBe('proposed');
    expect(amendmentStatusOn(s4.context, '2025-12-31')).toBe('PROPOSED');
    const s5 = run(INPUT, ...four, approve('1492', '2025-03-10'));
    expect(stateString(s5.value)).toBe('adopted');
    expect(s5.context.inForce).toEqual([{ from: '2025-03-10', lastApprovalOn: '2025-03-10' }]);
    expect(amendmentStatusOn(s5.context, '2025-03-09')).toBe('PROPOSED');
    expect(amendmentStatusOn(s5.context, '2025-03-10')).toBe('IN_FORCE');
  });

  it('R-D3: the last approval is the latest by date, whatever the order they were recorded in', () => {
    const s = run(INPUT, approve('1492', '2025-03-10'), ...four);
    expect(s.context.inForce[0].from).toBe('2025-03-10');
  });

  it('D3: a later stated date: adopted by all, in force only from that date', () => {
    const s = run({ ...INPUT, statedEffectiveDate: '2026-01-01' }, ...four, approve('1492', '2025-03-10'));
    expect(amendmentStatusOn(s.context, '2025-06-01')).toBe('ADOPTED_NOT_IN_FORCE');
    expect(amendmentStatusOn(s.context, '2026-01-01')).toBe('IN_FORCE');
    const earlier = run({ ...INPUT, statedEffectiveDate: '2025-01-01' }, ...four, approve('1492', '2025-03-10'));
    expect(earlier.context.inForce[0].from).toBe('2025-03-10');
  });

  it('R-D4: the parties counted on the last approval’s date decide; a party not counted is refused NOT_PARTY_ON_DATE', () => {
    const three = FIVE.slice(0, 3);
    const s = run(
      INPUT,
      approve('1460', '2026-02-01', { counting: three }),
      approve('1438', '2026-02-02', { counting: three }),
    );
    expect(stateString(s.value)).toBe('proposed');
    const refused = approve('1492', '2026-02-03', { counting: three });
    expect(transition(amendmentMachine, s, refused)[0]).toBe(s);
    expect(explain(s, refused)).toMatchObject({ code: 'NOT_PARTY_ON_DATE', ruleId: 'R-D4' });
    expect(
      stateString(
        run(
          INPUT,
          approve('1460', '2026-02-01', { counting: three }),
          approve('1438', '2026-02-02', { counting: three }),
          approve('1439', '2026-02-03', { counting: three }),
        ).value,
      ),
    ).toBe('adopted');
    expect(
      ['ACTIVE', 'LEAVING', 'SIGNED_NOT_IN_FORCE', 'EXITED', 'NOT_MEMBER'].map((x) => countsForAmendment(x as never)),
    ).toEqual([true, true, true, false, false]);
  });

  it('R-D2, R-D1: the organ the party’s setting names; its own text (SHA-256); once per party', () => {
    const s0 = run(INPUT);
    expect(explain(s0, approve('1460', '2025-02-03', { organ: 'KS' }))).toMatchObject({
      code: 'WRONG_DECISION_ORGAN',
      ruleId: 'R-D2',
    });
    const ks = FIVE.map((p) => (p.code === '1460' ? { ...p, organ: 'KS' as const } : p));
    expect(explain(s0, approve('1460', '2025-02-03', { organ: 'KS', counting: ks }))).toBeNull();
    expect(explain(s0, approve('1460', '2025-02-03', { hash: 'c'.repeat(64) }))).toMatchObject({
      code: 'VERSION_MISMATCH',
      ruleId: 'R-D1',
    });
    expect(explain(s0, approve('1460', '2025-02-03', { hash: INPUT.document.sha256 }))).toBeNull();
    const s1 = run(INPUT, approve('1460', '2025-02-03'));
    expect(explain(s1, approve('1460', '2025-02-04'))).toMatchObject({
      code: 'AMENDMENT_ALREADY_APPROVED',
      ruleId: 'R-D1',
    });
  });

  it('R-D5: Samverkansrådet and KDG are never competent, in any state', () => {
    for (const s of [run(INPUT), run(INPUT, ...four, approve('1492', '2025-03-10'))]) {
      for (const body of ['SAMVERKANSRADET', 'KDG'] as const) {
        const e: AmendmentEvent = { type: 'JOINT_BODY_APPROVED', body, decidedOn: '2025-04-01' };
        expect(transition(amendmentMachine, s, e)[0]).toBe(s);
        const r = explain(s, e)!;
        expect(r).toMatchObject({ code: 'NOT_COMPETENT', ruleId: 'R-D5' });
        expect(r.messageSv.length).toBeGreaterThan(20);
      }
    }
  });

  it('R-C11: an annulled approval no longer counts; an amendment in force on it is in force no more from that day', () => {
    const adopted = run(INPUT, ...four, approve('1492', '2025-03-10'));
    const annul: AmendmentEvent = {
      type: 'DECISION_ANNULLED',
      decisionId: 'd-1438',
      annulledOn: '2025-06-10',
      cause: 'upphävt',
    };
    const s = transition(amendmentMachine, adopted, annul)[0];
    expect(stateString(s.value)).toBe('proposed');
    expect(s.context.inForce).toEqual([{ from: '2025-03-10', lastApprovalOn: '2025-03-10', until: '2025-06-10' }]);
    expect(amendmentStatusOn(s.context, '2025-06-09')).toBe('IN_FORCE');
    expect(amendmentStatusOn(s.context, '2025-06-10')).toBe('PROPOSED');
    const again = transition(amendmentMachine, s, {
      ...approve('1438', '2025-09-01'),
      decision: { organ: 'KF', date: '2025-09-01', decisionId: 'd-1438-b' },
    })[0];
    expect(again.context.inForce[1]).toEqual({ from: '2025-09-01', lastApprovalOn: '2025-09-01' });
    expect(explain(s, annul)).toMatchObject({ code: 'DECISION_NOT_IN_WORKFLOW', ruleId: 'R-C11' });
    const proposed = transition(amendmentMachine, run(INPUT, four[0]), { ...annul, decisionId: 'd-1460' })[0];
    expect(proposed.context.approvals[0].voidedOn).toBe('2025-06-10');
  });

  it('R-D9, D3: the declaration in force on a date is the latest amendment in force by then, or the original', () => {
    const original = { version: '2023-12-08', inForceFrom: '2024-01-01' };
    const a = run(INPUT, ...four, approve('1492', '2025-03-10')).context;
    const b = run(
      {
        ...INPUT,
        amendmentId: 'a2',
        document: { ...INPUT.document, version: '2026-1' },
        statedEffectiveDate: '2026-01-01',
      },
      ...four,
      approve('1492', '2025-04-01'),
    ).context;
    expect(declarationInForceOn(original, [a, b], '2025-03-09').version).toBe('2023-12-08');
    expect(declarationInForceOn(original, [a, b], '2025-12-31')).toMatchObject({
      version: '2025-1',
      amendmentId: 'a1',
    });
    expect(declarationInForceOn(original, [a, b], '2026-01-01')).toMatchObject({
      version: '2026-1',
      amendmentId: 'a2',
    });
  });

  it('R-F1: only municipalities count as signatories; an organisation that signed never does', () => {
    expect(countsAsSignatory({ kind: 'municipality', code: '1984' })).toBe(true);
    expect(
      countsAsSignatory({
        kind: 'organisation',
        key: 'x',
        name: 'X',
        form: 'ASSOCIATION',
        signedOn: '2016-08-31',
        declarationVersion: 'v',
      }),
    ).toBe(false);
  });

  it('definition: legal dates from the events, DECISION_ANNULLED only from the engine', () => {
    expect(amendmentDefinition.legalDateOf(approve('1460', '2025-02-03') as never, {})).toBe('2025-02-03');
    expect(amendmentDefinition.systemEvents).toEqual(['DECISION_ANNULLED']);
    expect(amendmentDefinition.eventRoles.DECISION_ANNULLED).toEqual([]);
  });
});
