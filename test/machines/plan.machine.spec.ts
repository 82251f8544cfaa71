import { createActor } from 'xstate';
import { planDefinition, planMachine } from '../../machines/plan/plan.machine';
import {
  checkAdoption,
  checkFocusAreaLink,
  currentAdoptedPeriod,
  focusAreaNamed,
  inForceOn,
  planLegalDate,
} from '../../machines/plan/plan.rules';
import type { PlanContext, PlanEvent } from '../../machines/plan/plan.types';
import { explainRefusal } from '../../machines/kernel/explain';

const AREAS = [{ key: 'kompetens', name: 'Kompetensförsörjning' }];
const draft = (validFrom: string, validTo: string, focusAreas = AREAS): PlanEvent => ({
  type: 'VERSION_DRAFTED',
  draftedOn: '2024-11-01',
  validFrom,
  validTo,
  focusAreas,
});
const inform = (version: number, informedAt: string, councilRecordId?: string): PlanEvent => ({
  type: 'COUNCIL_INFORMED',
  version,
  informedAt,
  ...(councilRecordId ? { councilRecordId } : {}),
});
const adopt = (version: number, adoptedAt: string, otherAdoptedPeriods: any[] = []): PlanEvent => ({
  type: 'KDG_ADOPTED',
  version,
  adoptedAt,
  otherAdoptedPeriods,
});

function run(...events: PlanEvent[]) {
  const actor = createActor(planMachine, { input: { collaboration: 'd', title: 'Plan' } }).start();
  for (const e of events) actor.send(e);
  return actor.getSnapshot();
}

/** The refusal of the next event after these, as the engine explains it (null: it passes). */
function refusalOf(event: PlanEvent, ...before: PlanEvent[]) {
  const snapshot = run(...before);
  return explainRefusal(planDefinition, snapshot, event);
}

describe('plan machine: versions, the council informed, KDG adopts (R-D6..R-D8)', () => {
  it('a plan starts empty; its first version moves it to drafting; version numbers count up', () => {
    expect(run().value).toBe('empty');
    const s = run(draft('2025-01-01', '2025-12-31'), draft('2025-01-01', '2026-06-30'));
    expect(s.value).toBe('drafting');
    expect(s.context.versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it('R-D8: a reversed period and duplicate focus area keys are refused', () => {
    expect(refusalOf(draft('2026-01-01', '2025-12-31'))).toMatchObject({
      code: 'PLAN_PERIOD_REVERSED',
      ruleId: 'R-D8',
    });
    expect(refusalOf(draft('2025-01-01', '2025-01-01'))).toBeNull(); // a one-day period is a period
    expect(refusalOf(draft('2025-01-01', '2025-12-31', [...AREAS, { key: 'kompetens', name: 'Annat' }]))).toMatchObject(
      {
        code: 'DUPLICATE_FOCUS_AREA',
        ruleId: 'R-D8',
      },
    );
  });

  it('R-D7: adoption without the council informed of that version is refused, informed of another version too', () => {
    const d1 = draft('2025-01-01', '2025-12-31');
    expect(refusalOf(adopt(1, '2024-12-12T14:00:00+01:00'), d1)).toMatchObject({
      code: 'COUNCIL_NOT_INFORMED',
      ruleId: 'R-D7',
    });
    const informedOf1 = [d1, draft('2025-01-01', '2025-12-31'), inform(1, '2024-12-05T10:00:00+01:00')];
    expect(refusalOf(adopt(2, '2024-12-12T14:00:00+01:00'), ...informedOf1)).toMatchObject({
      code: 'COUNCIL_NOT_INFORMED',
      details: { version: 2, informedOfVersions: [1] },
    });
    expect(refusalOf(adopt(1, '2024-12-12T14:00:00+01:00'), ...informedOf1)).toBeNull();
  });

  it('R-D7: on the same day the instants decide, across offsets; the same instant is not before', () => {
    const d1 = draft('2025-01-01', '2025-12-31');
    const at = (informedAt: string, adoptedAt: string) => refusalOf(adopt(1, adoptedAt), d1, inform(1, informedAt));
    expect(at('2024-12-12T09:00:00+01:00', '2024-12-12T14:00:00+01:00')).toBeNull();
    expect(at('2024-12-12T15:00:00+01:00', '2024-12-12T14:00:00+01:00')?.code).toBe('COUNCIL_NOT_INFORMED');
    expect(at('2024-12-12T13:00:00Z', '2024-12-12T14:00:00+01:00')?.code).toBe('COUNCIL_NOT_INFORMED');
    expect(at('2024-12-12T12:59:59Z', '2024-12-12T14:00:00+01:00')).toBeNull();
    // Different UTC dates, the same Stockholm day: the instants decide.
    expect(at('2024-12-11T23:05:00Z', '2024-12-12T00:10:00+01:00')).toBeNull();
    expect(at('2024-12-11T23:15:00Z', '2024-12-12T00:10:00+01:00')?.code).toBe('COUNCIL_NOT_INFORMED');
  });

  it('R-D8: an overlap with another adopted plan is refused; touching periods are not an overlap', () => {
    const ready = [draft('2025-01-01', '2025-12-31'), inform(1, '2024-12-05T10:00:00+01:00')];
    const other = (validFrom: string, validTo: string) => [{ planId: 'p', version: 1, validFrom, validTo }];
    expect(refusalOf(adopt(1, '2024-12-12T14:00:00+01:00', other('2025-12-31', '2026-12-31')), ...ready)).toMatchObject(
      {
        code: 'PLAN_PERIODS_OVERLAP',
        ruleId: 'R-D8',
      },
    );
    expect(refusalOf(adopt(1, '2024-12-12T14:00:00+01:00', other('2024-01-01', '2025-01-01')), ...ready)?.code).toBe(
      'PLAN_PERIODS_OVERLAP',
    );
    expect(refusalOf(adopt(1, '2024-12-12T14:00:00+01:00', other('2026-01-01', '2026-12-31')), ...ready)).toBeNull();
    expect(refusalOf(adopt(1, '2024-12-12T14:00:00+01:00', other('2024-01-01', '2024-12-31')), ...ready)).toBeNull();
  });

  it('R-D6: a version is adopted once, a revision after the adoption before it; the council adopts nothing', () => {
    const adopted = [
      draft('2025-01-01', '2025-12-31'),
      inform(1, '2024-12-05T10:00:00+01:00'),
      adopt(1, '2024-12-12T14:00:00+01:00'),
      draft('2025-01-01', '2026-12-31'),
      inform(2, '2024-12-01T10:00:00+01:00'),
    ];
    expect(run(...adopted).value).toBe('adopted');
    expect(refusalOf(adopt(1, '2024-12-20T14:00:00+01:00'), ...adopted)?.code).toBe('PLAN_VERSION_ALREADY_ADOPTED');
    expect(refusalOf(adopt(2, '2024-12-12T14:00:00+01:00'), ...adopted)?.code).toBe('PLAN_ADOPTION_OUT_OF_ORDER');
    expect(refusalOf(adopt(2, '2024-12-12T14:00:01+01:00'), ...adopted)).toBeNull();
    expect(refusalOf({ type: 'COUNCIL_ADOPTED', decidedOn: '2024-12-05' })).toMatchObject({
      code: 'COUNCIL_NOT_DECISION_MAKING',
      ruleId: 'R-D6',
    });
    expect(run({ type: 'COUNCIL_ADOPTED', decidedOn: '2024-12-05' }).value).toBe('empty');
  });

  it('the unknown version is refused for the council informed and for the adoption (R-D7)', () => {
    const d1 = draft('2025-01-01', '2025-12-31');
    expect(refusalOf(inform(3, '2024-12-05T10:00:00+01:00'), d1)).toMatchObject({ code: 'UNKNOWN_PLAN_VERSION' });
    expect(checkAdoption(run(d1).context as PlanContext, adopt(3, '2024-12-12T14:00:00+01:00') as never)?.code).toBe(
      'UNKNOWN_PLAN_VERSION',
    );
  });

  it('in force on a date: from the later of the period start and the adoption day; a revision from its own day', () => {
    const s = run(
      draft('2025-01-01', '2025-12-31'),
      inform(1, '2025-02-01T10:00:00+01:00'),
      adopt(1, '2025-02-10T14:00:00+01:00'),
      draft('2025-01-01', '2026-06-30', [{ key: 'kompetens', name: 'Kompetens' }]),
      inform(2, '2025-09-01T10:00:00+02:00'),
      adopt(2, '2025-09-02T10:00:00+02:00'),
    ).context as PlanContext;
    const version = (d: string) => inForceOn(s, d)?.version.version ?? null;
    expect(
      ['2025-01-15', '2025-02-09', '2025-02-10', '2025-09-01', '2025-09-02', '2026-06-30', '2026-07-01'].map(version),
    ).toEqual([null, null, 1, 1, 2, 2, null]);
    expect(currentAdoptedPeriod(s, 'x')).toEqual({
      planId: 'x',
      version: 2,
      validFrom: '2025-01-01',
      validTo: '2026-06-30',
    });
  });

  it('the legal date of each event is its own date, or the Stockholm date of its instant (D13)', () => {
    expect(planLegalDate(adopt(1, '2024-12-31T23:30:00Z'))).toBe('2025-01-01');
    expect(planLegalDate(inform(1, '2024-12-05T10:00:00+01:00'))).toBe('2024-12-05');
    expect(planLegalDate(draft('2025-01-01', '2025-12-31'))).toBe('2024-11-01');
  });

  it('roles: the coordinator and the admin record every plan event; there are no system events', () => {
    for (const roles of Object.values(planDefinition.eventRoles))
      expect(roles.sort()).toEqual(['admin', 'coordinator']);
    expect(planDefinition.systemEvents).toBeUndefined();
  });
});

describe('R-D8: an assignment names a focus area of the plan in force (checkFocusAreaLink)', () => {
  const inForce = { planId: 'p1', focusAreas: AREAS };
  const on = '2025-03-01';

  it('a key or a name of the plan in force is accepted', () => {
    for (const a of AREAS) {
      expect(checkFocusAreaLink(inForce, { focusArea: a.key, on })).toBeNull();
      expect(checkFocusAreaLink(inForce, { focusArea: a.name, on, planId: 'p1' })).toBeNull();
      expect(focusAreaNamed(AREAS, a.name)).toEqual(a);
    }
  });

  it('no plan in force, another plan, or a focus area the plan lacks are refused under R-D8', () => {
    for (const [found, requested] of [
      [null, { focusArea: AREAS[0].key, on }],
      [inForce, { focusArea: AREAS[0].key, on, planId: 'p2' }],
      [inForce, { focusArea: 'Infrastruktur', on }],
    ] as const) {
      expect(checkFocusAreaLink(found, requested)).toMatchObject({ code: 'FOCUS_AREA_NOT_IN_PLAN', ruleId: 'R-D8' });
    }
  });
});
