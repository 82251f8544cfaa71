import { decisionKit, useTestApp } from './kit';

/**
 * The clerk's protocol forms for R-H18 (a meeting open to the public) and R-H12 (not taking part in the decision,
 * myndighetsutövning mot enskild): the fields in both languages, a refusal beside its field with the rule linked, and
 * what a recorded meeting and paragraph then show. Plain HTML forms: no JavaScript.
 */
const cookieOf = (res: { headers: Record<string, unknown> }, name: string) => {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw ? [String(raw)] : [];
  const hit = list.map(String).find((c) => c.startsWith(`${name}=`));
  return hit ? decodeURIComponent(hit.slice(name.length + 1).split(';')[0]) : '';
};
const CODE = '1463';
const ATTENDANCE = Object.fromEntries(
  ['Daniel Jensen', 'Anna Berg', 'Sara Kanyinda', 'Per Olsson', 'Eva Lind'].flatMap((name, i) => [
    [`att${i}_name`, name],
    [`att${i}_role`, 'LEDAMOT'],
    ...(i === 1 ? [[`att${i}_party`, 'S']] : []),
  ]),
);
const PARAGRAPH = {
  matterTitle: 'Bygglov',
  subject: 'OTHER',
  p0_by: 'Daniel Jensen',
  p0_text: 'Bifall.',
  beslutsgang: 'Ordföranden finner bifall.',
  method_kind: 'ACKLAMATION',
  method_adopted: 'A',
  decision_att: 'bifalla.',
};

describe('web: open meetings (R-H18) and not taking part (R-H12) on the clerk’s forms', () => {
  const ctx = useTestApp();
  const { body, clerk } = decisionKit(ctx);
  let token = '';
  let session = '';
  let bodyId = '';
  let meetingPath = '';

  async function signIn(token: string): Promise<string> {
    const form = await ctx.http.get('/logga-in');
    const pre = cookieOf(form, 'svk_pre');
    const res = await ctx.http
      .post('/logga-in')
      .set('Cookie', `svk_pre=${pre}`)
      .type('form')
      .send({ _csrf: pre, token, next: '/' });
    expect(res.status).toBe(303);
    return cookieOf(res, 'svk_session');
  }
  const get = (path: string) => ctx.http.get(path).set('Cookie', `svk_session=${session}`);
  const csrfOf = (text: string) => /name="_csrf" value="([^"]+)"/.exec(text)![1];
  async function send(formPage: string, path: string, fields: Record<string, string>) {
    const page = await get(formPage);
    return ctx.http
      .post(path)
      .set('Cookie', `svk_session=${session}`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), ...fields });
  }
  /** The refusal shown beside a field: its error paragraph's text. */
  const errorBeside = (text: string, id: string) =>
    new RegExp(`<p id="${id}-error" class="error-message">([^]*?)</p>`).exec(text)?.[1] ?? '';

  beforeAll(async () => {
    bodyId = await body(CODE, 'NAMND', 9, 'Byggnadsnämnden');
    token = await clerk(CODE);
    session = await signIn(token);
  });

  it('R-H18: the meeting form offers the choice in sv and en; open without fullmäktige’s decision is refused beside it', async () => {
    const desk = await get('/protokoll');
    expect(desk.text).toContain('name="public"');
    expect(desk.text).toContain('Sammanträdet är offentligt');
    expect((await get('/protokoll?lang=en')).text).toContain('The meeting is open to the public');
    const refused = await send('/protokoll', '/protokoll/sammantraden', {
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
    const recorded = await send('/protokoll', '/protokoll/sammantraden', { bodyId, date: '2024-05-22', ...ATTENDANCE });
    expect(recorded.status).toBe(303);
    meetingPath = recorded.headers.location.split('?')[0];
    const page = await get(meetingPath);
    expect(page.text).toContain('Sammanträdet är inte offentligt');
    expect((await get(`${meetingPath}?lang=en`)).text).toContain('The meeting is not public');
  });

  it('R-H12: the paragraph form records who does not take part, and refuses beside the row what the rule refuses', async () => {
    const page = await get(meetingPath);
    for (const name of ['np0_member', 'np0_before', 'np1_member', 'myndighetsutovning'])
      expect(page.text).toContain(`name="${name}"`);
    expect(page.text).toContain('Deltar inte i beslutet');
    expect((await get(`${meetingPath}?lang=en`)).text).toContain('Announced it before the chair put the question');

    const mu = await send(meetingPath, `${meetingPath}/paragrafer`, {
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

    const reserve = await send(meetingPath, `${meetingPath}/paragrafer`, {
      ...PARAGRAPH,
      paragraphNumber: '§ 1',
      np0_member: 'Anna Berg',
      np0_before: 'ja',
      r0_members: 'Anna Berg',
    });
    expect(reserve.status).toBe(422);
    expect(errorBeside(reserve.text, 'pf-r0_members')).toContain('inte deltar i beslutet');

    const ok = await send(meetingPath, `${meetingPath}/paragrafer`, {
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
