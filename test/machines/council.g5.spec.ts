/**
 * G5 (RULEBOOK §4.2), R-E2: no council record can move any workflow. Structural checks: the council machine causes
 * nothing on other workflows; no rule of any machine reads a council record id; the host modules of the plan and the
 * council never link anything as a cause; and the plan machine answers every event of its traversal the same with or
 * without a council record named.
 */
import * as fs from 'fs';
import * as path from 'path';
import { getAdjacencyMap } from '@xstate/graph';
import { transition } from 'xstate';
import { councilDefinition } from '../../machines/council/council.machine';
import { planMachine } from '../../machines/plan/plan.machine';
import type { PlanEvent } from '../../machines/plan/plan.types';
import { serialize } from './graph-kit';

const ROOT = path.join(__dirname, '..', '..');
const filesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : e.name.endsWith('.ts') ? [full] : [];
  });

describe('G5: no council record moves any workflow', () => {
  it('the council machine causes nothing on another workflow and fires nothing by itself', () => {
    expect(councilDefinition.causes).toBeUndefined();
    expect(councilDefinition.dueEvents).toBeUndefined();
    expect(councilDefinition.systemEvents).toBeUndefined();
  });

  it('no rule file of any machine reads a council record id', () => {
    const rules = filesUnder(path.join(ROOT, 'machines')).filter((f) => f.endsWith('.rules.ts'));
    expect(rules.length).toBeGreaterThan(5);
    expect(
      rules.filter(
        (f) => /councilRecordId|recordId/.test(fs.readFileSync(f, 'utf8')) && !f.endsWith('council.rules.ts'),
      ),
    ).toEqual([]);
  });

  it('the plan and council services never link a cause (wtx.link): a council record is never the cause of an event', () => {
    const hosts = [...filesUnder(path.join(ROOT, 'src', 'plan')), ...filesUnder(path.join(ROOT, 'src', 'council'))];
    expect(hosts.length).toBeGreaterThan(6);
    expect(hosts.filter((f) => /\.link\(/.test(fs.readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('the plan machine answers every event the same with or without a council record named', () => {
    const AREAS = [{ key: 'a', name: 'A' }];
    const events: PlanEvent[] = [
      {
        type: 'VERSION_DRAFTED',
        draftedOn: '2024-11-01',
        validFrom: '2025-01-01',
        validTo: '2025-12-31',
        focusAreas: AREAS,
      },
      { type: 'COUNCIL_INFORMED', version: 1, informedAt: '2024-12-05T10:00:00+01:00' },
      { type: 'COUNCIL_INFORMED', version: 1, informedAt: '2024-12-13T10:00:00+01:00' },
      { type: 'KDG_ADOPTED', version: 1, adoptedAt: '2024-12-12T14:00:00+01:00', otherAdoptedPeriods: [] },
      { type: 'COUNCIL_ADOPTED', decidedOn: '2024-12-05' },
    ];
    const adjacency = getAdjacencyMap(planMachine, {
      input: { collaboration: 'd', title: 'P' },
      events: () => events,
      stopWhen: (s: any) => s.context.councilInformed.length > 2 || s.context.versions.length > 1,
    } as never) as unknown as Record<string, { state: any }>;
    let compared = 0;
    for (const { state } of Object.values(adjacency)) {
      for (const event of events) {
        const [without] = transition(planMachine, state, event as never);
        const named = { ...event, councilRecordId: 'record-of-the-council' };
        const [withRecord] = transition(planMachine, state, named as never);
        // Accepted or refused alike; only the name of the record is kept, on the information it belongs to.
        expect(withRecord === state).toBe(without === state);
        expect(withRecord.value).toEqual(without.value);
        const strip = (s: any) => JSON.parse(serialize(s).replace(/,"councilRecordId":"record-of-the-council"/g, ''));
        expect(strip(withRecord)).toEqual(strip(without));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });
});
