import { gallringMachine } from '../../machines/gallring/gallring.machine';
import {
  checkGallringsbeslut,
  checkItemRemovable,
  checkNotRemovedBefore,
} from '../../machines/gallring/gallring.rules';
import { createActor } from 'xstate';

describe('gallring rules (R-K8, R-K9)', () => {
  const beslut = { diarienummer: 'KS 2026/45', decidedOn: '2026-01-15', organ: 'KS' };

  it('R-K8: a gallring names its gallringsbeslut, dated on or before the gallring', () => {
    expect(checkGallringsbeslut(beslut, '2026-01-15')).toBeNull();
    expect(checkGallringsbeslut(undefined, '2026-01-15')?.code).toBe('GALLRING_WITHOUT_DECISION');
    expect(checkGallringsbeslut({ ...beslut, diarienummer: ' ' }, '2026-01-15')?.code).toBe(
      'GALLRING_WITHOUT_DECISION',
    );
    const future = checkGallringsbeslut(beslut, '2026-01-14');
    expect(future).toMatchObject({ code: 'GALLRINGSBESLUT_IN_FUTURE', ruleId: 'R-K8' });
    expect(future?.messageSv).toContain('2026-01-15');
  });

  it('R-K9: an item is removable only when committed, present and no longer needed', () => {
    const item = { record: 'decision d1', name: 'Anna' };
    expect(checkItemRemovable(item, { kind: 'COMMITTED', settled: true })).toBeNull();
    expect(checkItemRemovable(item, { kind: 'COMMITTED', settled: false })?.code).toBe('PERSONAL_DATUM_NEEDED');
    expect(checkItemRemovable(item, { kind: 'REMOVED', under: 'KS 1' })).toMatchObject({
      code: 'PERSONAL_DATUM_ALREADY_REMOVED',
      ruleId: 'R-K9',
    });
    expect(checkItemRemovable(item, { kind: 'IN_CHAIN' })?.code).toBe('PERSONAL_DATUM_IN_CHAIN');
    expect(checkItemRemovable(item, { kind: 'NOT_NAMED' })?.code).toBe('PERSONAL_DATUM_NOT_NAMED');
  });

  it('R-K9: the gallring machine removes each commitment once, and refuses a future or missing decision', () => {
    expect(checkNotRemovedBefore(['a'], ['b'])).toBeNull();
    expect(checkNotRemovedBefore(['a'], ['a', 'b'])?.details).toEqual({ commitments: ['a'] });
    expect(checkNotRemovedBefore([], [])?.code).toBe('PERSONAL_DATUM_ALREADY_REMOVED');
    const actor = createActor(gallringMachine, { input: { municipality: '1401' } }).start();
    const event = {
      type: 'PERSONAL_DATA_REMOVED' as const,
      beslut,
      removedOn: '2026-02-01',
      items: [{ commitment: 'c1', record: 'meeting:m' }],
    };
    expect(actor.getSnapshot().can(event)).toBe(true);
    actor.send(event);
    expect(actor.getSnapshot().context.removed).toEqual(['c1']);
    expect(actor.getSnapshot().can(event)).toBe(false);
    expect(
      actor
        .getSnapshot()
        .can({ ...event, items: [{ commitment: 'c2', record: 'meeting:m' }], removedOn: '2026-01-01' }),
    ).toBe(false);
    actor.stop();
  });
});
