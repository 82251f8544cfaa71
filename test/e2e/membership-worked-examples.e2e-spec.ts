import { createDalsland, enter, getMembership, postEvent, useTestApp } from './kit';

// The worked examples, through the API on a fresh database.
describe('membership worked examples (R-A2, R-B4, R-C2, R-C4, R-C7)', () => {
  const ctx = useTestApp();
  beforeAll(() => createDalsland(ctx));

  it('R-A2: Åmål signed 2023-12-08 after its KF decision: SIGNED_NOT_IN_FORCE on 2023-12-20, ACTIVE on 2024-01-01', async () => {
    await enter(ctx, '1492', '2023-11-29', '2023-12-08');
    expect((await getMembership(ctx, '1492', '2023-12-20')).body).toMatchObject({
      status: 'SIGNED_NOT_IN_FORCE',
      memberFrom: '2024-01-01',
    });
    expect((await getMembership(ctx, '1492', '2024-01-01')).body).toMatchObject({
      status: 'ACTIVE',
      memberFrom: '2024-01-01',
    });
    expect((await getMembership(ctx, '1492', '2023-12-07')).body.status).toBe('NOT_MEMBER');
  });

  it('R-C4: a desired exit of 2026-06-30 is refused with EXIT_NOT_ON_31_DEC', async () => {
    const res = await postEvent(ctx, '1492', {
      type: 'FULLMAKTIGE_REQUESTED_EXIT',
      decision: { organ: 'KF', date: '2025-03-10' },
      desiredExitDate: '2026-06-30',
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'EXIT_NOT_ON_31_DEC', ruleId: 'R-C4' });
    expect(res.body.messageSv).toMatch(/31 december/);
  });

  it('R-C2, R-C7: a notice arriving 2025-03-20 gives exit 2026-12-31: LEAVING on 2026-12-31, EXITED on 2027-01-01', async () => {
    expect(
      (
        await postEvent(ctx, '1492', {
          type: 'FULLMAKTIGE_REQUESTED_EXIT',
          decision: { organ: 'KF', date: '2025-03-10' },
        })
      ).status,
    ).toBe(201);
    const notice = await postEvent(ctx, '1492', {
      type: 'EXIT_NOTICE_DELIVERED',
      arrivedAt: '2025-03-20T10:00:00+01:00',
    });
    expect(notice.status).toBe(201);
    expect(notice.body).toMatchObject({ exitRequestedOn: '2025-03-20', exitEffectiveOn: '2026-12-31' });
    expect((await getMembership(ctx, '1492', '2026-12-31')).body).toMatchObject({
      status: 'LEAVING',
      exitEffectiveOn: '2026-12-31',
    });
    expect((await getMembership(ctx, '1492', '2027-01-01')).body).toMatchObject({
      status: 'EXITED',
      exitEffectiveOn: '2026-12-31',
    });
  });
});
