import { apiClient, createCollaboration, decisionKit, expectErrorBody, paragraphs, sql, useTestApp } from './kit';

const SLUG = 'sekretessprovning';
const SUMMARY = 'Utredningen gäller Bo Berglunds ansökan om färdtjänst (prövad-1).';
const DECISION_TEXT = 'Nämnden beviljar färdtjänst (prövad-2).';
const WITHHELD = '[Sekretess enligt OSL 26 kap. 1 § / Secret under OSL 26 kap. 1 §]';
const LIFTING = {
  field: 'summary',
  decidedBy: 'Socialnämndens ordförande enligt delegation 1.4',
  reason: 'Uppgifterna har offentliggjorts av den enskilde själv; sekretessen gäller inte längre.',
};

// Issue 12 §3: a sekretessprövning may find that the secrecy no longer applies (OSL). The marking is lifted by a
// record of its own, with its date, who decided and why (R-K13); the texts show again, in the extract and the public
// extract too, and the history keeps both the marking and its lifting.
describe('lifting a secrecy marking after a sekretessprövning (issue 12 §3, R-K13)', () => {
  jest.setTimeout(120_000);
  const ctx = useTestApp();
  const api = apiClient(ctx);
  const { clerk, post, get, meeting, record } = decisionKit(ctx);
  const para = paragraphs({
    collaboration: SLUG,
    matter: { title: 'Färdtjänst', diarienummer: 'SN 2024/40' },
    summary: SUMMARY,
    decision: { text: DECISION_TEXT, attSatser: ['bevilja färdtjänst.'] },
  });
  let token1460: string;
  let meetingId: string;
  let decisionId: string;
  let today: string;

  const lift = (body: object, token = token1460, id = decisionId) =>
    post(`/decisions/${id}/secrecy/lifting`, body, token);
  const refused = async (body: object, code: string) => {
    const res = await lift(body);
    expect({ status: res.status, code: res.body.code, ruleId: res.body.ruleId }).toEqual({
      status: 422,
      code,
      ruleId: 'R-K13',
    });
    expectErrorBody(res.body);
    expect(res.body.messageSv).toBeTruthy();
    return res.body;
  };
  const liftings = async () =>
    Number((await sql(ctx, `SELECT COUNT(*) AS n FROM secrecy_lifting WHERE decision_id = ?`, [decisionId]))[0].n);

  beforeAll(async () => {
    await createCollaboration(ctx, SLUG, { parties: ['1460', '1461'] });
    token1460 = await clerk('1460');
    meetingId = await meeting('1460');
    const p = await record(
      meetingId,
      para({ secrecy: [{ field: 'summary', provision: 'OSL 26 kap. 1 §' }] }),
      token1460,
    );
    decisionId = p.id;
    today = p.secrecy[0].markedOn;
  });

  it('R-K13: refuses a lifting of a text not marked, dated before its marking, or by someone else; writes nothing', async () => {
    const notMarked = await refused({ ...LIFTING, field: 'decision.text', decidedOn: today }, 'SECRECY_NOT_MARKED');
    expect(notMarked.message).toContain('not marked secret');
    await refused({ ...LIFTING, field: undefined, decidedOn: today }, 'SECRECY_NOT_MARKED');
    const early = await refused({ ...LIFTING, decidedOn: '2024-05-23' }, 'SECRECY_LIFTED_BEFORE_MARKED');
    expect(early.details).toEqual({ decidedOn: '2024-05-23', markedOn: today });
    for (const token of [ctx.tokens.coordinator, ctx.tokens.auditor, await clerk('1461')])
      expect((await lift({ ...LIFTING, decidedOn: today }, token)).status).toBe(403);
    const noReason = await lift({ field: 'summary', decidedOn: today, decidedBy: LIFTING.decidedBy });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain('reason');
    const future = await lift({ ...LIFTING, decidedOn: '2099-01-01' });
    expect(future.status).toBe(400);
    expect(JSON.stringify(future.body)).toContain('decidedOn');
    expect(
      (await lift({ ...LIFTING, decidedOn: today }, token1460, '00000000-0000-4000-8000-000000000000')).status,
    ).toBe(404);
    expect(await liftings()).toBe(0);
    const coordinator = (await get(`/decisions/${decisionId}`, ctx.tokens.coordinator)).body;
    expect(coordinator.paragraph.summary).toBe(WITHHELD);
  });

  it('R-K13: the lifting is a logged record; the text shows to everyone, and the history keeps the marking and its lifting', async () => {
    const before = Number((await sql(ctx, 'SELECT COUNT(*) AS n FROM workflow_transition'))[0].n);
    const res = await lift({ ...LIFTING, decidedOn: today });
    expect(res.status).toBe(201);
    expect(res.body.secrecy).toEqual([
      {
        field: 'summary',
        provision: 'OSL 26 kap. 1 §',
        markedOn: today,
        lifted: {
          decidedOn: today,
          decidedBy: LIFTING.decidedBy,
          reason: LIFTING.reason,
          liftedAt: expect.any(String),
        },
      },
    ]);
    // One RECORD_WRITTEN on the register of 1460 holds the lifting's hash; the marking's row is unchanged.
    expect(Number((await sql(ctx, 'SELECT COUNT(*) AS n FROM workflow_transition'))[0].n)).toBe(before + 1);
    const [row] = await sql(ctx, `SELECT id, marking_id FROM secrecy_lifting WHERE decision_id = ?`, [decisionId]);
    const [marking] = await sql(ctx, `SELECT id FROM secrecy_marking WHERE decision_id = ?`, [decisionId]);
    expect(row.marking_id).toBe(marking.id);
    const log = (await sql(ctx, 'SELECT payload FROM workflow_transition')).map((r: any) => String(r.payload)).join();
    expect(log).toContain(`"id":"${marking.id}","table":"secrecy_marking"`);
    expect(log).toContain(`"id":"${row.id}","table":"secrecy_lifting"`);
    expect(log).not.toContain(SUMMARY); // the text itself stays beside the log, marked or not

    for (const token of [ctx.tokens.coordinator, await clerk('1461'), token1460]) {
      const d = (await get(`/decisions/${decisionId}`, token)).body;
      expect(d.paragraph.summary).toBe(SUMMARY);
      expect(d.secrecy[0]).toMatchObject({ markedOn: today, lifted: { decidedOn: today } });
    }
    const extract = await get(`/decisions/${decisionId}/extract`, ctx.tokens.coordinator);
    expect(extract.status).toBe(200);
    expect(extract.text).toContain(SUMMARY);
    expect(extract.text).not.toContain('omfattas av sekretess');
  });

  it('R-K13: a marking lifted already is refused a second lifting, naming the prövning that lifted it', async () => {
    const again = await refused({ ...LIFTING, decidedOn: today }, 'SECRECY_ALREADY_LIFTED');
    expect(again.details).toEqual({ field: 'summary', liftedOn: today });
    expect(await liftings()).toBe(1);
  });

  it('the public extract of the justerat paragraph shows the lifted text; a later marking withholds it again', async () => {
    expect(
      (await post(`/meetings/${meetingId}/justering`, { justeradOn: '2024-05-24', justerare: ['L1', 'L3'] }, token1460))
        .status,
    ).toBe(200);
    const url = `/anslagstavla/1460/utdrag/${decisionId}`;
    const open = await ctx.http.get(url);
    expect(open.status).toBe(200);
    expect(open.text).toContain(SUMMARY);
    // A new prövning may find the secrecy applies again: a new marking, the lifted one does not stand in its way.
    const marked = await post(
      `/decisions/${decisionId}/secrecy`,
      { field: 'summary', provision: 'OSL 26 kap. 1 §' },
      token1460,
    );
    expect(marked.status).toBe(201);
    expect(marked.body.secrecy.map((m: any) => !!m.lifted)).toEqual([true, false]);
    const closed = await ctx.http.get(url);
    expect(closed.text).not.toContain(SUMMARY);
    expect(closed.text).toContain('Sekretess enligt OSL 26 kap. 1 §');
  });

  it('R-K13: a marking of the whole paragraph is lifted as a whole, not text by text', async () => {
    const p = await record(meetingId, para({ secrecy: [{ provision: 'OSL 26 kap. 1 §' }] }), token1460);
    const byText = await lift({ ...LIFTING, field: 'decision.text', decidedOn: today }, token1460, p.id);
    expect(byText.body).toMatchObject({ code: 'SECRECY_NOT_MARKED', ruleId: 'R-K13' });
    expect(byText.body.message).toContain('the whole paragraph is marked');
    const whole = await lift(
      { decidedOn: today, decidedBy: LIFTING.decidedBy, reason: LIFTING.reason },
      token1460,
      p.id,
    );
    expect(whole.status).toBe(201);
    const d = (await get(`/decisions/${p.id}`, ctx.tokens.coordinator)).body;
    expect(d.paragraph.decision.text).toBe(DECISION_TEXT);
    expect(d.paragraph.summary).toBe(SUMMARY);
  });

  it('verify finds the markings and their liftings registered and the log whole', async () => {
    const started = await api.post('/verify', {}, ctx.tokens.auditor);
    let job = started.body;
    while (job.status === 'running') {
      await new Promise((r) => setImmediate(r));
      job = (await api.get(`/verify/${started.body.id}`, ctx.tokens.auditor)).body;
    }
    expect(job.report.problems).toEqual([]);
    expect(job.report.ok).toBe(true);
  });
});
