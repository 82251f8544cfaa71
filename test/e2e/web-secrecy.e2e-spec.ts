import { today } from './fuzz';
import { apiClient, decisionKit, paragraphs, sql, useTestApp, webSession, type WebSession } from './kit';

/**
 * The clerk's page of a paragraph's secrecy (issue 12 §3, h-secrecy): mark a text secret (R-K7) and lift the marking
 * after a sekretessprövning (R-K13) with HTML forms; a refusal beside its field with what was typed kept, the CSRF
 * token and the roles of the API routes, the history of the marking and its lifting on the page.
 */
const SUMMARY = 'Utredningen om Eva Ekströms boende (hemlig-webb).';

describe('web: a paragraph’s secrecy, marked and lifted on the clerk’s page', () => {
  const ctx = useTestApp();
  const { clerk, meeting, record } = decisionKit(ctx);
  const api = apiClient(ctx);
  const sessions: Record<string, WebSession> = {};
  let decisionId: string;
  let meetingId: string;
  let page: string;

  const get = (path: string, who: string) => sessions[who].get(path);
  /** Posts a form of the paragraph's page with its CSRF token, or with `csrf` instead. */
  const post = (who: string, path: string, fields: Record<string, string>, csrf?: string) =>
    sessions[who].post(page, path, fields, { csrf });

  beforeAll(async () => {
    meetingId = await meeting('1460');
    const p = await record(meetingId, paragraphs({ summary: SUMMARY })(), await clerk('1460'));
    decisionId = p.id;
    page = `/protokoll/beslut/${decisionId}`;
    sessions.clerk = await webSession(ctx, ctx.tokens.clerk['1460']);
    sessions.coordinator = await webSession(ctx, ctx.tokens.coordinator);
    sessions.auditor = await webSession(ctx, ctx.tokens.auditor);
  });

  it('shows the texts, no marking yet, and the form to mark; the meeting page links to it', async () => {
    const res = await get(page, 'clerk');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Paragrafens texter');
    expect(res.text).toContain(SUMMARY);
    expect(res.text).toContain('Paragrafen har ingen sekretessmarkering.');
    expect(res.text).toContain('action="/protokoll/beslut/' + decisionId + '/sekretess"');
    expect(res.text).not.toContain('/sekretess/havning"'); // nothing in force to lift
    expect(res.text).not.toContain('sk:');
    const desk = await get(`/protokoll/sammantraden/${meetingId}`, 'clerk');
    expect(desk.text).toContain(`<a href="${page}">Sekretess ${'§'}`);
    const auditor = await get(page, 'auditor');
    expect(auditor.status).toBe(200);
    expect(auditor.text).not.toContain('<form method="post" action="/protokoll/beslut/');
  });

  it('R-K7: a refused marking comes back beside its field with what was typed; a wrong token or role writes nothing', async () => {
    const bad = await post('clerk', `${page}/sekretess`, { field: 'summary', provision: 'sekretessen gäller' });
    expect(bad.status).toBe(422);
    const error = /id="mark-provision-error"[^]*?<\/p>/.exec(bad.text)?.[0] ?? '';
    expect(error).toContain('href="/regler#R-K7"');
    expect(bad.text).toMatch(/id="mark-provision"[^>]*aria-invalid="true"/s);
    expect(bad.text).toContain('value="sekretessen gäller"');
    expect(bad.text).toContain('href="#mark-provision"');
    const blank = await post('clerk', `${page}/sekretess`, { field: 'summary', provision: '' });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain('id="mark-provision-error"');
    const forged = await post('clerk', `${page}/sekretess`, { field: 'summary', provision: 'OSL 26 kap. 1 §' }, 'x');
    expect(forged.status).toBe(403);
    const auditor = await post('auditor', `${page}/sekretess`, { field: 'summary', provision: 'OSL 26 kap. 1 §' });
    expect(auditor.status).toBe(403);
    const [n] = await sql(ctx, 'SELECT COUNT(*) AS n FROM secrecy_marking');
    expect(Number(n.n)).toBe(0);
  });

  it('R-K7, R-K12: marks the summary; the clerk still reads it, the coordinator and the extract see it withheld', async () => {
    const res = await post('clerk', `${page}/sekretess`, { field: 'summary', provision: 'OSL 26 kap. 1 §' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${page}?registrerat=markering#secrecy-heading`);
    const after = await get(`${page}?registrerat=markering`, 'clerk');
    expect(after.text).toContain('Sekretessmarkeringen är registrerad.');
    expect(after.text).toContain(SUMMARY);
    expect(after.text).toMatch(/<td>Sammanfattning<\/td>\s*<td>OSL 26 kap. 1 §<\/td>/);
    expect(after.text).toContain('/sekretess/havning"');
    const coordinator = await get(page, 'coordinator');
    expect(coordinator.text).not.toContain(SUMMARY);
    expect(coordinator.text).toContain('[Sekretess enligt OSL 26 kap. 1 §');
    const extract = await api.get(`/decisions/${decisionId}/extract`, ctx.tokens.clerk['1460']);
    expect(extract.text).not.toContain(SUMMARY);
  });

  it('R-K13: a lifting dated before the marking or without its reason is refused beside its field; then lifted', async () => {
    const lifting = { field: 'summary', decidedOn: today, decidedBy: 'Socialnämndens ordförande', reason: 'Offentlig' };
    const early = await post('clerk', `${page}/sekretess/havning`, { ...lifting, decidedOn: '2024-05-23' });
    expect(early.status).toBe(422);
    expect(/id="lift-decidedOn-error"[^]*?<\/p>/.exec(early.text)?.[0]).toContain('href="/regler#R-K13"');
    expect(early.text).toContain('value="Socialnämndens ordförande"');
    expect(early.text).toContain('Offentlig</textarea>');
    const noReason = await post('clerk', `${page}/sekretess/havning`, { ...lifting, reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('id="lift-reason-error"');
    const res = await post('clerk', `${page}/sekretess/havning`, lifting);
    expect(res.status).toBe(303);
    const after = await get(`${page}?registrerat=havning`, 'coordinator');
    expect(after.text).toContain('Sekretessmarkeringen är hävd.');
    expect(after.text).toContain(SUMMARY);
    // The history keeps the marking, with when, by whom and why it was lifted.
    expect(after.text).toMatch(/<td>Sammanfattning<\/td>\s*<td>OSL 26 kap. 1 §<\/td>/);
    expect(after.text).toContain('Socialnämndens ordförande: Offentlig');
    const en = await get(`${page}?lang=en`, 'clerk');
    expect(en.text).toContain('Secrecy markings');
    expect(en.text).toContain('<td>Summary</td>');
  });
});
