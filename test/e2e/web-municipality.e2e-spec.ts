import { today } from './fuzz';
import { attendanceFields, csrfOf, paragraphFields, useTestApp, webSession, type WebSession } from './kit';

/**
 * The clerk's municipality pages (issue 12 §3, h-web2): what waits on my municipality (/kommun) and its membership
 * of a collaboration with the events a clerk records there (/kommun/medlemskap/:slug): roles, refusals beside the
 * field (400 naming it, 422 with the rule), every typed value kept, no 5xx, and a recorded event in the history.
 */
describe('web: what waits on my municipality, and its membership events', () => {
  const ctx = useTestApp({ seed: 'demo' });
  const PAGE = '/kommun/medlemskap/dalslandssamverkan';
  const sessions: Record<string, WebSession> = {};

  const get = (path: string, who: string) => sessions[who].get(path);
  /** Posts a form of the membership page with its CSRF token and the version the page shows. */
  async function post(who: string, fields: Record<string, string>, path = `${PAGE}/handelser`) {
    const html = (await get(PAGE + (who === 'admin' ? '?kommun=1461' : ''), who)).text;
    const version = /name="version" value="(\d+)"/.exec(html)?.[1] ?? '0';
    return sessions[who].send(path, { _csrf: csrfOf(html), version, ...fields });
  }
  beforeAll(async () => {
    sessions.clerk = await webSession(ctx, ctx.tokens.clerk['1461']);
    sessions.admin = await webSession(ctx, ctx.tokens.admin);
    sessions.auditor = await webSession(ctx, ctx.tokens.auditor);
  });

  it('a clerk starts on what waits on Mellerud: its protocols, areas, amendments and memberships', async () => {
    const start = await get('/', 'clerk');
    expect(start.headers.location).toBe('/kommun');
    const res = await get('/kommun', 'clerk');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('<h1>Det som väntar på Mellerud</h1>');
    for (const heading of [
      'Protokoll som väntar på justering eller anslag',
      'Samverkansområden som väntar på kommunen',
      'Ändringar som väntar på kommunens godkännande',
      'Medlemskap',
    ])
      expect(res.text).toContain(`<h2>${heading}</h2>`);
    expect(res.text).toContain(`href="${PAGE}?kommun=1461"`);
    expect(res.text).toContain('Aktiv part');
    // A clerk sees their own municipality whatever ?kommun= says.
    const other = await get('/kommun?kommun=1492', 'clerk');
    expect(other.text).toContain('Det som väntar på Mellerud');
    const en = await get('/kommun?lang=en', 'clerk');
    expect(en.text).toContain('What waits on Mellerud');
  });

  it('a paragraph recorded today waits for its justering, with the deadline the calendar computed', async () => {
    const desk = await get('/protokoll', 'clerk');
    const bodyId = /name="bodyId"[^]*?value="([0-9a-f-]{36})"/.exec(desk.text)![1];
    const meeting = await sessions.clerk.send('/protokoll/sammantraden', {
      _csrf: csrfOf(desk.text),
      bodyId,
      date: today,
      ...attendanceFields(['Daniel Jensen', 'Anna Berg', 'Sara Kanyinda', 'Per Olsson', 'Eva Lind'], 'Daniel Jensen'),
    });
    expect(meeting.status).toBe(303);
    const meetingPath = meeting.headers.location.split('?')[0];
    const paragraph = await sessions.clerk.post(meetingPath, `${meetingPath}/paragrafer`, {
      paragraphNumber: '§ 71',
      ...paragraphFields('Väntande ärende'),
    });
    expect(paragraph.status).toBe(303);
    const res = await get('/kommun', 'clerk');
    const row = /<tr>(?:(?!<\/tr>)[^])*§ 71(?:(?!<\/tr>)[^])*<\/tr>/.exec(res.text)?.[0] ?? '';
    expect(row).toContain('justering');
    expect(row).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}">/);
    expect(row).toContain(`href="${meetingPath}"`);
  });

  it('an amendment awaiting Mellerud is on its start page, and on the coordinator’s amendments page', async () => {
    const proposed = await ctx.http
      .post('/api/v1/collaborations/dalslandssamverkan/amendments')
      .set('Authorization', `Bearer ${ctx.tokens.admin}`)
      .send({ title: 'Ändring av §11', version: 'web2-1', text: 'Avsiktsförklaringen ändras i §11.' });
    expect(proposed.status).toBe(201);
    const approval = await ctx.http
      .post(`/api/v1/amendments/${proposed.body.id}/events`)
      .set('Authorization', `Bearer ${ctx.tokens.clerk['1460']}`)
      .send({ type: 'AMENDMENT_APPROVED', party: '1460', decision: { organ: 'KF', date: '2025-02-03' } });
    expect(approval.status).toBe(201);
    const start = await get('/kommun', 'clerk');
    expect(start.text).toMatch(/<li>Ändring av §11 \(dalslandssamverkan\), registrerad \d{4}-\d{2}-\d{2}<\/li>/);
    sessions.coordinator = await webSession(ctx, ctx.tokens.coordinator);
    const collaboration = await get('/samverkan/dalslandssamverkan', 'coordinator');
    expect(collaboration.text).toContain('href="/samverkan/dalslandssamverkan/andringar"');
    const page = await get('/samverkan/dalslandssamverkan/andringar', 'coordinator');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Ändringar av samverkansförklaringen – Dalslandssamverkan</h1>');
    expect(page.text).toContain('<dd>Föreslagen</dd>');
    expect(page.text).toMatch(/<td>\s*Bengtsfors\s*<\/td>\s*<td>KF<\/td>\s*<td><time datetime="2025-02-03">/);
    expect(page.text).toMatch(/Väntar på godkännande av<\/dt>\s*<dd>[^<]*Mellerud/);
    const en = await get('/samverkan/dalslandssamverkan/andringar?lang=en', 'coordinator');
    expect(en.text).toContain('Amendments of the declaration – Dalslandssamverkan');
    expect((await get('/samverkan/ingen-sadan/andringar', 'coordinator')).status).toBe(404);
  });

  it('roles: an auditor reads (choosing the municipality) but records nothing; no session goes to sign-in', async () => {
    const choose = await get('/kommun', 'auditor');
    expect(choose.status).toBe(200);
    expect(choose.text).toContain('id="kommun"');
    const page = await get(`${PAGE}?kommun=1461`, 'auditor');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Mellerud i Dalslandssamverkan');
    expect(page.text).not.toContain('name="type"');
    const refused = await sessions.auditor.send(`${PAGE}/handelser?kommun=1461`, {
      _csrf: csrfOf(page.text),
      type: 'COUNCIL_INFORMED',
      version: '1',
      informedOn: '2025-01-01',
    });
    expect(refused.status).toBe(403);
    const none = await ctx.http.get('/kommun');
    expect(none.status).toBe(303);
    expect(none.headers.location).toBe('/logga-in?next=%2Fkommun');
    expect((await get('/kommun/medlemskap/ingen-sadan?kommun=1461', 'admin')).status).toBe(404);
  });

  it('the membership page: status today, the history of its events with who and the rule', async () => {
    const res = await get(PAGE, 'clerk');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Mellerud i Dalslandssamverkan: medlemskap</h1>');
    expect(res.text).toContain('Aktiv part');
    expect(res.text).toContain('Fullmäktige antog samverkansförklaringen');
    expect(res.text).toMatch(/<time datetime="2023-11-29">2023-11-29<\/time>/);
    expect(res.text).toContain('href="/regler#R-B');
    expect(res.text).toContain('<h3 id="FULLMAKTIGE_REQUESTED_EXIT-heading">Fullmäktige begärde utträde</h3>');
  });

  it('400 names the field beside it, and every typed value is kept', async () => {
    const res = await post('clerk', {
      type: 'FULLMAKTIGE_REQUESTED_EXIT',
      decision_organ: 'KF',
      decision_date: '2024-02-30',
      decision_paragraph: '§ 12',
      desiredExitDate: '2027-12-31',
      note: 'Skrivet i formuläret',
    });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/id="FULLMAKTIGE_REQUESTED_EXIT-decision_date-error"/);
    expect(res.text).toContain('href="#FULLMAKTIGE_REQUESTED_EXIT-decision_date"');
    expect(res.text).toMatch(/id="FULLMAKTIGE_REQUESTED_EXIT-decision_date"[^>]*aria-invalid="true"/s);
    expect(res.text).toMatch(/value="2024-02-30"/);
    expect(res.text).toMatch(/value="§ 12"/);
    expect(res.text).toContain('Skrivet i formuläret</textarea>');
  });

  it('a rule refuses beside its field, in Swedish and in English, with its rule id', async () => {
    const fields = {
      type: 'FULLMAKTIGE_REQUESTED_EXIT',
      decision_organ: 'KS',
      decision_date: '2025-03-01',
    };
    const res = await post('clerk', fields);
    expect(res.status).toBe(422);
    const error = /id="FULLMAKTIGE_REQUESTED_EXIT-decision_organ-error"[^]*?<\/p>/.exec(res.text)?.[0] ?? '';
    expect(error).toContain('href="/regler#R-C1"');
    const en = await post('clerk', fields, `${PAGE}/handelser?lang=en`);
    expect(en.status).toBe(422);
    expect(en.text).toContain('<html lang="en">');
    expect(/id="FULLMAKTIGE_REQUESTED_EXIT-decision_organ-error"[^]*?<\/p>/.exec(en.text)?.[0]).toMatch(
      /fullmäktige|KF/i,
    );
  });

  it('records the exit request, then its notice: 303 each, the history names the clerk, LEAVING today', async () => {
    const res = await post('clerk', {
      type: 'FULLMAKTIGE_REQUESTED_EXIT',
      decision_organ: 'KF',
      decision_date: '2025-03-01',
      decision_paragraph: '§ 30',
      desiredExitDate: '2026-12-31',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${PAGE}?registrerat=1#main`);
    const page = await get(`${PAGE}?registrerat=1`, 'clerk');
    expect(page.text).toContain('Händelsen är registrerad.');
    expect(page.text).toMatch(/Fullmäktige begärde utträde<\/td>\s*<td>e2e clerk 1461<\/td>/);
    // Dalslandssamverkan dates an exit request by the notice's arrival: the workflow now takes the notice.
    expect(page.text).toContain('<h3 id="EXIT_NOTICE_DELIVERED-heading">');
    // R-C12: the notice's sender, recipient, channel and registrations, each refusal beside its field, nothing lost.
    const facts = {
      type: 'EXIT_NOTICE_DELIVERED',
      arrivedAt: '2025-03-05 10:00',
      sender_name: 'Michael Karlsson',
      sender_office: 'KSO',
      recipient_name: 'Stig Bertilsson',
      recipient_office: 'COUNCIL_CHAIR',
      recipient_municipality: '1460',
      channel: 'EMAIL',
      registrations_0_municipality: '1461',
      registrations_0_diarienummer: 'KS 2025/87',
      registrations_0_registeredOn: '2025-03-04',
      registrations_1_municipality: '1460',
      registrations_1_diarienummer: 'KS 2025/112',
      registrations_1_registeredOn: '2025-03-06',
    };
    const early = await post('clerk', { ...facts, registrations_1_registeredOn: '2025-03-04' });
    expect(early.status).toBe(422);
    const beside = /id="EXIT_NOTICE_DELIVERED-registrations_1_registeredOn-error"[^]*?<\/p>/.exec(early.text)?.[0];
    expect(beside).toContain('href="/regler#R-K2"');
    expect(early.text).toMatch(/id="EXIT_NOTICE_DELIVERED-registrations_1_registeredOn"[^>]*aria-invalid="true"/s);
    for (const kept of ['Michael Karlsson', 'Stig Bertilsson', 'KS 2025/87', 'KS 2025/112'])
      expect(early.text).toContain(`value="${kept}"`);
    expect(early.text).toMatch(/<option value="EMAIL"\s+selected/);
    const wrongChair = await post('clerk', { ...facts, recipient_office: 'COORDINATOR' });
    expect(wrongChair.status).toBe(422);
    expect(/id="EXIT_NOTICE_DELIVERED-recipient_office-error"[^]*?<\/p>/.exec(wrongChair.text)?.[0]).toContain(
      'href="/regler#R-C6"',
    );
    const badDate = await post('clerk', { ...facts, registrations_0_registeredOn: '2025-02-30' });
    expect(badDate.status).toBe(400);
    expect(badDate.text).toContain('id="EXIT_NOTICE_DELIVERED-registrations_0_registeredOn-error"');
    expect(badDate.text).toContain('value="2025-02-30"');
    const notice = await post('clerk', facts);
    expect(notice.status).toBe(303);
    const after = await get(PAGE, 'clerk');
    expect(after.text).toContain('<h2 id="exit-notice">Meddelande om utträde</h2>');
    expect(after.text).toContain('Michael Karlsson (kommunstyrelsens ordförande)');
    expect(after.text).toContain('Stig Bertilsson (Samverkansrådets ordförande, 1460)');
    expect(after.text).toContain('e-post');
    expect(after.text).toMatch(/KS 2025\/87\s+i 1461/);
    expect(after.text).not.toContain('Inte registrerat i meddelandet');
    expect(after.text).toContain('<dd>Utträde begärt</dd>');
    expect(after.text).toContain('Utträdesanmälan lämnad till rådets ordförande</td>');
    const start = await get('/kommun', 'clerk');
    expect(start.text).toContain('Utträde begärt');
  });

  it('a stale version is a conflict shown on the form, not an error page', async () => {
    const res = await post('clerk', { type: 'COUNCIL_INFORMED', version: '1', informedOn: '2025-03-06' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('class="error-summary"');
  });
});
