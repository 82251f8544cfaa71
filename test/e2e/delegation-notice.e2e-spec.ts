import { addDays, appealLastDay, toStockholmDate } from '../../machines/calendar/calendar';
import {
  apiClient,
  decisionKit,
  expectErrorBody,
  ledamoter,
  restoreToday,
  rowCount,
  setToday,
  testDatabaseKind,
  useTestApp,
} from './kit';

// Issue 11 §4: a delegationsbeslut protokollfört särskilt and announced on its own on the notice board: its appeal
// period runs from that notice (R-I9, R-I6), through the protocol machine's version 3 (draft → anslaget), with
// appeals and laga kraft as for any paragraph. A delegationsbeslut is reported or announced on its own, never both.
describe(`a delegationsbeslut's own tillkännagivande (R-I9) (${testDatabaseKind()})`, () => {
  const ctx = useTestApp();
  const api = apiClient(ctx);
  const { clerk, post, get, body } = decisionKit(ctx);
  const CODE = '1438';
  const today = toStockholmDate(new Date().toISOString());
  const decidedOn = addDays(today, -3);

  async function recordDelegation(bodyId: string) {
    const res = await post(
      `/bodies/${bodyId}/delegation-decisions`,
      {
        kind: 'DELEGATIONSBESLUT',
        number: 'D 2026/31',
        delegate: { name: 'Anna Berg', title: 'Socialchef' },
        point: '3.2',
        decidedOn,
        matter: { title: 'Tillstånd för servering', diarienummer: 'SN 2026/90' },
        decision: 'Tillstånd beviljas enligt ansökan.',
      },
      await clerk(CODE),
    );
    expect(res.status).toBe(201);
    return res.body;
  }

  const announce = async (id: string, dto: Record<string, unknown>, token?: string) =>
    post(`/delegation-decisions/${id}/tillkannagivande`, dto, token ?? (await clerk(CODE)));

  function expectRefused(res: { status: number; body: any }, status: number, code: string, ruleId?: string) {
    expect({ status: res.status, code: res.body.code, ruleId: res.body.ruleId }).toEqual({ status, code, ruleId });
    expectErrorBody(res.body);
  }

  async function verifyAll() {
    const started = await api.post('/verify', {}, ctx.tokens.auditor);
    let job = started.body;
    while (job.status === 'running') {
      await new Promise((r) => setImmediate(r));
      job = (await api.get(`/verify/${started.body.id}`, ctx.tokens.auditor)).body;
    }
    return job.report;
  }

  it('acceptance: announced on its own, its appeal period runs from the notice; on the board, in the feed, then in the archive', async () => {
    const namnd = await body(CODE, 'NAMND', 9);
    const d = await recordDelegation(namnd);
    const res = await announce(d.id, { postedOn: today, keptAt: 'Kommunkansliet, Storgatan 13' });
    expect(res.status).toBe(201);
    const lastDay = appealLastDay(today).date;
    expect(res.body).toMatchObject({ id: d.id, status: 'ANSLAGET', anmalan: null });
    expect(res.body.tillkannagivande).toMatchObject({
      id: d.id,
      anslagOn: today,
      appealLastDay: lastDay,
      keptAt: 'Kommunkansliet, Storgatan 13',
      delegation: { number: 'D 2026/31', decidedOn },
    });
    // GET shows the same
    const shown = (await get(`/delegation-decisions/${d.id}`)).body;
    expect(shown.tillkannagivande.appealLastDay).toBe(lastDay);
    expect(shown.status).toBe('ANSLAGET');
    // the board shows it while it is up, with its appeal's last day
    const board = await ctx.http.get('/anslagstavla/dals-ed');
    expect(board.status).toBe(200);
    expect(board.text).toContain('Delegationsbeslut D 2026/31');
    expect(board.text).toContain(`id="notice-delegation-${d.id}"`);
    expect(board.text).toContain('Överklagandetiden räknas från den dag tillkännagivandet sattes upp.');
    const feed = await ctx.http.get('/anslagstavla/dals-ed/flode.atom');
    expect(feed.text).toContain('Tillkännagivande: delegationsbeslut D 2026/31');
    expect(feed.text).toContain(`#notice-delegation-${d.id}`);
    // an appeal in time is tried by the protocol machine, as for any paragraph
    const appeal = await post(
      `/decisions/${d.id}/events`,
      { type: 'APPEAL_RECEIVED', receivedOn: today },
      await clerk(CODE),
    );
    expect(appeal.status).toBe(201);
    expect(appeal.body.status).toBe('APPEALED');
    // after the period, the notice is in the archive
    setToday(ctx, addDays(lastDay, 1));
    try {
      const archive = await ctx.http.get('/anslagstavla/dals-ed/arkiv');
      expect(archive.text).toContain('Delegationsbeslut D 2026/31');
      const later = await ctx.http.get('/anslagstavla/dals-ed');
      expect(later.text).not.toContain('Delegationsbeslut D 2026/31');
    } finally {
      restoreToday(ctx);
    }
    const report = await verifyAll();
    expect(report.problems).toEqual([]);
  });

  it('refuses a notice before the decision, taken down too early, or twice (R-I9, R-I4); writes nothing', async () => {
    const namnd = await body(CODE, 'NAMND', 9);
    const d = await recordDelegation(namnd);
    const before = await rowCount(ctx, 'decision');
    expectRefused(
      await announce(d.id, { postedOn: addDays(decidedOn, -1) }),
      422,
      'DELEGATION_NOTICE_BEFORE_DECISION',
      'R-I9',
    );
    expectRefused(
      await announce(d.id, { postedOn: today, takenDownOn: addDays(today, 5) }),
      422,
      'ANSLAG_TAKEN_DOWN_TOO_EARLY',
      'R-I4',
    );
    expect(await rowCount(ctx, 'decision')).toBe(before);
    expect((await announce(d.id, { postedOn: today })).status).toBe(201);
    expectRefused(await announce(d.id, { postedOn: today }), 409, 'DELEGATION_ALREADY_ANNOUNCED', 'R-I9');
    // announced on its own, it is not reported at a meeting as well (one appeal period)
    const meeting = await post(
      `/bodies/${namnd}/meetings`,
      { date: today, attendees: ledamoter(7) },
      await clerk(CODE),
    );
    expectRefused(
      await post(
        `/delegation-decisions/${d.id}/anmalan`,
        { meetingId: meeting.body.id, paragraphNumber: '§ 5' },
        await clerk(CODE),
      ),
      422,
      'DELEGATION_ANNOUNCED_SEPARATELY',
      'R-I9',
    );
    // the notice cannot be sent again through the paragraph's events either (no such client event)
    expect(
      (await post(`/decisions/${d.id}/events`, { type: 'DELEGATION_ANNOUNCED', postedOn: today }, await clerk(CODE)))
        .status,
    ).toBe(400);
  });

  it('refuses a notice in the future (400 naming the field), and a clerk of another municipality (403)', async () => {
    const namnd = await body(CODE, 'NAMND', 9);
    const d = await recordDelegation(namnd);
    const future = await announce(d.id, { postedOn: addDays(today, 2) });
    expect(future.status).toBe(400);
    expect(JSON.stringify(future.body)).toContain('postedOn');
    expect((await announce(d.id, { postedOn: today }, await clerk('1460'))).status).toBe(403);
    expect((await announce(d.id, { postedOn: today }, ctx.tokens.auditor)).status).toBe(403);
    expect((await get(`/delegation-decisions/${d.id}`)).body.status).toBe('AWAITING_ANMALAN');
  });

  it('refuses a notice of a delegationsbeslut reported at a meeting already (R-I9): its clock is that protocol’s', async () => {
    const namnd = await body(CODE, 'NAMND', 9);
    const d = await recordDelegation(namnd);
    const token = await clerk(CODE);
    const meeting = await post(`/bodies/${namnd}/meetings`, { date: today, attendees: ledamoter(7) }, token);
    const reported = await post(
      `/delegation-decisions/${d.id}/anmalan`,
      { meetingId: meeting.body.id, paragraphNumber: '§ 7' },
      token,
    );
    expect(reported.status).toBe(201);
    expectRefused(await announce(d.id, { postedOn: today }), 422, 'DELEGATION_NOTICE_AFTER_ANMALAN', 'R-I9');
    // also once its appeal clock runs from the protocol's anslag
    await post(`/meetings/${meeting.body.id}/justering`, { justeradOn: today, chair: 'L1', justerare: ['L2'] }, token);
    const anslag = await post(`/meetings/${meeting.body.id}/anslag`, { anslagOn: today }, token);
    expect(anslag.status).toBe(200);
    expectRefused(await announce(d.id, { postedOn: today }), 422, 'DELEGATION_NOTICE_AFTER_ANMALAN', 'R-I9');
    const after = (await get(`/delegation-decisions/${d.id}`)).body;
    expect(after).toMatchObject({ status: 'ANSLAGET', tillkannagivande: null });
    expect(after.anmalan.anslagOn).toBe(today);
  });
});
