import { attendanceFields, decisionKit, paragraphFields, useTestApp, webSession, type WebSession } from './kit';

/**
 * The clerk's protocol forms for R-H18 (a meeting open to the public) and R-H12 (not taking part in the decision,
 * myndighetsutövning mot enskild): the fields in both languages, a refusal beside its field with the rule linked, and
 * what a recorded meeting and paragraph then show. Plain HTML forms: no JavaScript.
 */
const CODE = '1463';
const ATTENDANCE = {
  ...attendanceFields(['Daniel Jensen', 'Anna Berg', 'Sara Kanyinda', 'Per Olsson', 'Eva Lind']),
  att1_party: 'S',
};
const PARAGRAPH = paragraphFields('Bygglov');

describe('web: open meetings (R-H18) and not taking part (R-H12) on the clerk’s forms', () => {
  const ctx = useTestApp();
  const { body, clerk } = decisionKit(ctx);
  let token = '';
  let web: WebSession;
  let bodyId = '';
  let meetingPath = '';

  /** The refusal shown beside a field: its error paragraph's text. */
  const errorBeside = (text: string, id: string) =>
    new RegExp(`<p id="${id}-error" class="error-message">([^]*?)</p>`).exec(text)?.[1] ?? '';

  beforeAll(async () => {
    bodyId = await body(CODE, 'NAMND', 9, 'Byggnadsnämnden');
    token = await clerk(CODE);
    web = await webSession(ctx, token);
  });

  it('R-H18: the meeting form offers the choice in sv and en; open without fullmäktige’s decision is refused beside it', async () => {
    const desk = await web.get('/protokoll');
    expect(desk.text).toContain('name="public"');
    expect(desk.text).toContain('Sammanträdet är offentligt');
    expect((await web.get('/protokoll?lang=en')).text).toContain('The meeting is open to the public');
    const refused = await web.post('/protokoll', '/protokoll/sammantraden', {
      bodyId,
      date: '2024-05-22',
      public: 'ja',
      ...ATTENDANCE,
    });
    expect(refused.status).toBe(422);
    const beside = errorBeside(refused.text, 'mf-public');
    expect(beside).toContain('fullmäktige har medgett');
    expect(beside).toContain('R-H18');
    // What was typed is kept.
    expect(refused.text).toContain('value="Anna Berg"');
    const recorded = await web.post('/protokoll', '/protokoll/sammantraden', {
      bodyId,
      date: '2024-05-22',
      ...ATTENDANCE,
    });
    expect(recorded.status).toBe(303);
    meetingPath = recorded.headers.location.split('?')[0];
    const page = await web.get(meetingPath);
    expect(page.text).toContain('Sammanträdet är inte offentligt');
    expect((await web.get(`${meetingPath}?lang=en`)).text).toContain('The meeting is not public');
  });

  it('R-H12: the paragraph form records who does not take part, and refuses beside the row what the rule refuses', async () => {
    const page = await web.get(meetingPath);
    for (const name of ['np0_member', 'np0_before', 'np1_member', 'myndighetsutovning'])
      expect(page.text).toContain(`name="${name}"`);
    expect(page.text).toContain('Deltar inte i beslutet');
    expect((await web.get(`${meetingPath}?lang=en`)).text).toContain('Announced it before the chair put the question');

    const mu = await web.post(meetingPath, `${meetingPath}/paragrafer`, {
      ...PARAGRAPH,
      paragraphNumber: '§ 1',
      myndighetsutovning: 'ja',
      np0_member: 'Anna Berg',
      np0_before: 'ja',
    });
    expect(mu.status).toBe(422);
    const beside = errorBeside(mu.text, 'pf-np0_member');
    expect(beside).toContain('myndighetsutövning mot enskild');
    expect(beside).toContain('R-H12');

    const reserve = await web.post(meetingPath, `${meetingPath}/paragrafer`, {
      ...PARAGRAPH,
      paragraphNumber: '§ 1',
      np0_member: 'Anna Berg',
      np0_before: 'ja',
      r0_members: 'Anna Berg',
    });
    expect(reserve.status).toBe(422);
    expect(errorBeside(reserve.text, 'pf-r0_members')).toContain('inte deltar i beslutet');

    const ok = await web.post(meetingPath, `${meetingPath}/paragrafer`, {
      ...PARAGRAPH,
      paragraphNumber: '§ 1',
      np0_member: 'Anna Berg',
      np0_before: 'ja',
    });
    expect(ok.status).toBe(303);
    const meeting = await ctx.http
      .get(`/api/v1/meetings/${meetingPath.split('/').pop()}`)
      .set('Authorization', `Bearer ${token}`);
    const id = meeting.body.paragraphs[0].id;
    const extract = await ctx.http.get(`/api/v1/decisions/${id}/extract`).set('Authorization', `Bearer ${token}`);
    expect(extract.text).toContain('Anna Berg (S) deltar inte i beslutet.');
  });
});
