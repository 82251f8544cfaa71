import {
  apiClient,
  createCollaboration,
  createDalsland,
  DALSLAND_PARTIES,
  enter,
  getHistory,
  membershipOf,
  membershipWorkflowId,
  postEvent,
  useTestApp,
} from './kit';

const MELLERUD = '1461';
const VANERSBORG = '1487';
const OTHER = 'det-goda-livet-i-dalsland';

// R-A4: Dalslandssamverkan is not exclusive. A party also collaborates with municipalities that are not parties (in
// the rulebook's example Vänersborg, in "Det goda livet i Dalsland"); recording that is allowed and changes nothing
// in Dalslandssamverkan.
describe('R-A4: a party collaborates with non-parties beside Dalslandssamverkan', () => {
  const ctx = useTestApp();
  const api = apiClient(ctx);

  beforeAll(async () => {
    await createDalsland(ctx);
    await createCollaboration(ctx, OTHER, {
      parties: [MELLERUD, VANERSBORG],
      declarationVersion: '2023-05-10',
      declarationEffectiveDate: '2023-06-01',
    });
    await enter(ctx, MELLERUD);
    await enter(ctx, MELLERUD, '2023-04-20', '2023-05-10', OTHER);
    await enter(ctx, VANERSBORG, '2023-04-25', '2023-05-10', OTHER);
  });

  it('R-A4: Mellerud is ACTIVE in Dalslandssamverkan and, at the same time, in a collaboration with Vänersborg', async () => {
    expect(await membershipOf(ctx, 'dalslandssamverkan', MELLERUD, '2024-02-01')).toMatchObject({ status: 'ACTIVE' });
    expect(await membershipOf(ctx, OTHER, MELLERUD, '2024-02-01')).toMatchObject({ status: 'ACTIVE' });
    expect(await membershipOf(ctx, OTHER, VANERSBORG, '2024-02-01')).toMatchObject({ status: 'ACTIVE' });
  });

  it('R-A4: the other collaboration does not make Vänersborg a party of Dalslandssamverkan', async () => {
    const dalsland = (await api.get('/collaborations/dalslandssamverkan?asOf=2024-02-01')).body;
    expect(dalsland.members.map((m: { municipality: { code: string } }) => m.municipality.code).sort()).toEqual(
      [...DALSLAND_PARTIES].sort(),
    );
    expect((await api.get(`/collaborations/dalslandssamverkan/memberships/${VANERSBORG}`)).status).toBe(404);
  });

  it("R-A4: an exit request in the other collaboration leaves Mellerud's Dalslandssamverkan membership untouched", async () => {
    const workflowId = await membershipWorkflowId(ctx, MELLERUD);
    const before = await getHistory(ctx, workflowId);
    const request = await postEvent(
      ctx,
      MELLERUD,
      { type: 'FULLMAKTIGE_REQUESTED_EXIT', decision: { organ: 'KF', date: '2024-03-25' } },
      ctx.tokens.admin,
      OTHER,
    );
    expect(request.status).toBe(201);
    expect(await getHistory(ctx, workflowId)).toEqual(before);
    expect(await membershipOf(ctx, 'dalslandssamverkan', MELLERUD, '2026-01-01')).toMatchObject({ status: 'ACTIVE' });
  });
});
