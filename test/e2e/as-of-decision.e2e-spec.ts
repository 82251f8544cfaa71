import { toStockholmDate } from '../../machines/calendar/stockholm-time';
import { Clock } from '../../src/workflow/clock';
import { apiClient, decisionKit, restoreToday, testDatabaseKind, useTestApp, type TestContext } from './kit';

/**
 * Makes `instant` now for the application under test: the log stamps it as recorded_at, and today follows it. The
 * as-of reads are about recorded instants, so this test records its events on their own days.
 */
function setNow(ctx: TestContext, instant: string): void {
  const clock = ctx.app.get(Clock) as Clock & { nowIso: () => string };
  clock.nowIso = () => instant;
}

function restoreNow(ctx: TestContext): void {
  delete (ctx.app.get(Clock) as unknown as Record<string, unknown>).nowIso;
  restoreToday(ctx);
}

describe(`GET /decisions/{id}?asOf= (${testDatabaseKind()})`, () => {
  const ctx = useTestApp();
  afterEach(() => restoreNow(ctx));

  it('answers the protocol status as recorded by the end of each day, and the appeal period on that date', async () => {
    const kit = decisionKit(ctx);
    const api = apiClient(ctx);
    setNow(ctx, '2025-05-22T12:00:00.000Z');
    const meetingId = await kit.meeting('1460', { date: '2025-05-22' });
    const { id } = await kit.recorded('1460', meetingId, kit.para());
    setNow(ctx, '2025-05-26T12:00:00.000Z');
    await kit.justera('1460', meetingId, '2025-05-26');
    setNow(ctx, '2025-05-27T12:00:00.000Z');
    await kit.anslå('1460', meetingId, '2025-05-27');
    restoreNow(ctx);
    const current = await kit.decision(id);
    const at = async (date: string) => {
      const res = await api.get(`/decisions/${id}?asOf=${date}`);
      return res;
    };

    expect((await at('2025-05-21')).status).toBe(404);
    const draft = (await at('2025-05-22')).body;
    expect(draft).toMatchObject({
      id,
      status: 'DRAFT',
      version: 0,
      allowedEvents: [],
      asOf: { date: '2025-05-22', instant: '2025-05-22T21:59:59.999Z', instantFrom: 'end-of-date', appealPeriod: null },
    });
    expect((await at('2025-05-26')).body).toMatchObject({ status: 'JUSTERAT', version: 1 });
    const posted = (await at('2025-06-01')).body;
    expect(posted).toMatchObject({ status: 'ANSLAGET', anslagOn: '2025-05-27', asOf: { appealPeriod: 'RUNNING' } });
    // The legal date says the period has ended from finalFrom on; the status is what the log held (the due event
    // APPEAL_PERIOD_ENDED fires at the next tick, and was not recorded by then).
    const ended = (await at(posted.finalFrom)).body;
    expect(ended.asOf.appealPeriod).toBe('ENDED');
    // Today, with the head as it is: the same status as the plain read.
    const today = (await at(toStockholmDate(new Date().toISOString()))).body;
    expect(today.status).toBe(current.status);
    expect((await api.get(`/decisions/${id}?asOf=2025-02-30`)).status).toBe(400);
  });
});
