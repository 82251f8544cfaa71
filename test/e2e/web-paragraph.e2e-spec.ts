import { attendanceFields, decisionKit, paragraphFields, useTestApp, webSession, type WebSession } from './kit';

/**
 * The clerk's paragraph form records a paragraph the way a protocol is written (issue 12 §3): who serves in it and
 * for whom (R-H20), the jävsgrund (R-H4), återremiss and bordläggning (R-H6, R-H16), the kontrapropositionsvotering
 * (R-H8). Each refusal is shown beside its field with its rule linked, and what was typed comes back. Plain HTML
 * forms: no JavaScript.
 */
const CODE = '1463';
// Five ledamöter and an ersättare (Lisa Ek, index 5) at a meeting of a nämnd of 9 (quorum 5).
const ATTENDANCE = {
  ...attendanceFields(['Daniel Jensen', 'Anna Berg', 'Sara Kanyinda', 'Per Olsson', 'Eva Lind'], 'Daniel Jensen'),
  att1_party: 'C',
  att5_name: 'Lisa Ek',
  att5_party: 'C',
  att5_role: 'ERSATTARE',
};
const PARAGRAPH = paragraphFields('Bygglov Kvarnen 3');
/** Everyone but Anna Berg (jävig) serves; Lisa Ek serves for her. */
const SERVING = { tj0: 'ja', tj2: 'ja', tj3: 'ja', tj4: 'ja', tj5: 'ja', tj5_for: 'Anna Berg' };
const JAV = { jav0_member: 'Anna Berg', jav0_reason: 'Sökanden är hennes bror.' };
const ATERREMISS = {
  fq0_kind: 'ATERREMISS',
  fq0_by: 'Sara Kanyinda',
  fq0_reason: 'Grannarnas yttranden ska inhämtas.',
  fq0_decidedBy: 'MAJORITY',
  fq0_method: 'ACKLAMATION',
  fq0_outcome: 'GRANTED',
  // The matter goes on: no proposal adopted (the method select keeps its first option, as a browser posts it).
  method_adopted: '',
};

describe('web: the paragraph form records tjänstgöring, jävsgrund, återremiss and kontraproposition', () => {
  const ctx = useTestApp();
  const { body, clerk } = decisionKit(ctx);
  let token = '';
  let web: WebSession;
  let meetingPath = '';

  /** The refusal shown beside a field: its error paragraph's text. */
  const errorBeside = (text: string, id: string) =>
    new RegExp(`<p id="${id}-error" class="error-message">([^]*?)</p>`).exec(text)?.[1] ?? '';
  const selected = (text: string, id: string) =>
    new RegExp(`<select\\s+id="${id}"[^]*?<option value="([^"]*)" selected`).exec(text)?.[1] ?? '';
  const checked = (text: string, id: string) => new RegExp(`id="${id}"[^>]*checked`).test(text);
  const post = (fields: Record<string, string>) => web.post(meetingPath, `${meetingPath}/paragrafer`, fields);
  const api = (path: string) => ctx.http.get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
  /** The recorded paragraph last added to the meeting, and its extract's text. */
  async function lastRecorded() {
    const meeting = await api(`/meetings/${meetingPath.split('/').pop()}`);
    const paragraph = meeting.body.paragraphs[meeting.body.paragraphs.length - 1];
    const [decision, extract] = await Promise.all([
      api(`/decisions/${paragraph.id}`),
      api(`/decisions/${paragraph.id}/extract`),
    ]);
    return { decision: decision.body, extract: extract.text };
  }
  async function recorded(fields: Record<string, string>) {
    const ok = await post(fields);
    expect(ok.status).toBe(303);
    return lastRecorded();
  }

  beforeAll(async () => {
    const bodyId = await body(CODE, 'NAMND', 9, 'Miljö- och byggnadsnämnden');
    token = await clerk(CODE);
    web = await webSession(ctx, token);
    const made = await web.post('/protokoll', '/protokoll/sammantraden', { bodyId, date: '2024-05-22', ...ATTENDANCE });
    expect(made.status).toBe(303);
    meetingPath = made.headers.location.split('?')[0];
  });

  it('offers the new fields in sv and en, the jävsgrunder of a nämnd only', async () => {
    const page = (await web.get(meetingPath)).text;
    for (const name of ['tj0', 'tj5', 'tj5_for', 'jav0_ground', 'fq0_kind', 'fq0_by', 'fq1_outcome', 'fq0_vote0'])
      expect(page).toContain(`name="${name}"`);
    for (const name of ['k_huvud', 'k_adopted', 'k_ja', 'k_nej', 'k_vote0', 'vote5'])
      expect(page).toContain(`name="${name}"`);
    // A ledamot serves in the own seat: only the ersättare has "tjänstgör för".
    expect(page).not.toContain('name="tj0_for"');
    for (const words of [
      'Tjänstgör i paragrafen',
      'Tjänstgör för',
      'Jävsgrund',
      'Återremiss',
      'Bordläggning',
      'Yrkat av',
      'Minoritetsåterremiss (en tredjedel)',
      'Kontraproposition',
      'Intressejäv (FL 16 § 1)',
    ])
      expect(page).toContain(words);
    expect(page).not.toContain('value="PERSONLIGEN"');
    const en = (await web.get(`${meetingPath}?lang=en`)).text;
    expect(en).toContain('Serves in the paragraph');
    expect(en).toContain('Moved by');
  });

  it('R-H20, R-H4: a jävig ledamot replaced by an ersättare; each refusal beside its field, what was typed kept', async () => {
    const noGround = await post({ ...PARAGRAPH, paragraphNumber: '§ 1', ...SERVING, ...JAV });
    expect(noGround.status).toBe(422);
    const ground = errorBeside(noGround.text, 'pf-jav0_ground');
    expect(ground).toContain('jävsgrund');
    expect(ground).toContain('href="/regler#R-H4"');
    expect(noGround.text).toContain('class="error-summary');
    expect(noGround.text).toContain('href="#pf-jav0_ground"');
    expect(checked(noGround.text, 'pf-tj5')).toBe(true);
    expect(checked(noGround.text, 'pf-tj1')).toBe(false);
    expect(selected(noGround.text, 'pf-tj5_for')).toBe('Anna Berg');
    expect(noGround.text).toContain('Sökanden är hennes bror.');

    const javigServes = await post({
      ...PARAGRAPH,
      paragraphNumber: '§ 1',
      // Anna Berg serves in her own seat, Lisa Ek does not: but Anna Berg is jävig.
      ...SERVING,
      tj1: 'ja',
      tj5: '',
      tj5_for: '',
      ...JAV,
      jav0_ground: 'INTRESSEJAV',
    });
    expect(javigServes.status).toBe(422);
    expect(errorBeside(javigServes.text, 'pf-tj1')).toContain('Anna Berg är jävig');
    expect(selected(javigServes.text, 'pf-jav0_ground')).toBe('INTRESSEJAV');

    const forNobody = await post({
      ...PARAGRAPH,
      paragraphNumber: '§ 1',
      ...SERVING,
      tj5_for: '',
      ...JAV,
      jav0_ground: 'INTRESSEJAV',
    });
    expect(forNobody.status).toBe(422);
    const beside = errorBeside(forNobody.text, 'pf-tj5_for');
    expect(beside).toContain('vilken ledamot Lisa Ek tjänstgör för');
    expect(beside).toContain('href="/regler#R-H20"');

    const { decision, extract } = await recorded({
      ...PARAGRAPH,
      paragraphNumber: '§ 1',
      ...SERVING,
      ...JAV,
      jav0_ground: 'INTRESSEJAV',
    });
    expect(decision.paragraph.tjanstgoring).toContainEqual({ member: 'Lisa Ek', servesFor: 'Anna Berg' });
    expect(decision.paragraph.jav[0]).toMatchObject({ member: 'Anna Berg', ground: 'INTRESSEJAV' });
    expect(extract).toContain('tjänstgör för Anna Berg');
    expect(extract).toContain('Jävsgrund:');
  });

  it('R-H6, R-H22: a granted återremiss sends the matter on undecided; the extract says so', async () => {
    const noNumber = await post({ ...PARAGRAPH, paragraphNumber: '§ 2', ...ATERREMISS });
    expect(noNumber.status).toBe(422);
    expect(errorBeside(noNumber.text, 'pf-diarienummer')).toContain('diarienummer');
    expect(selected(noNumber.text, 'pf-fq0_outcome')).toBe('GRANTED');
    expect(noNumber.text).toContain('Grannarnas yttranden ska inhämtas.');

    const stranger = await post({
      ...PARAGRAPH,
      paragraphNumber: '§ 2',
      diarienummer: 'MBN 2024/7',
      ...ATERREMISS,
      fq0_by: 'Lisa Ek',
    });
    expect(stranger.status).toBe(422);
    const beside = errorBeside(stranger.text, 'pf-fq0_by');
    expect(beside).toContain('Lisa Ek deltar inte');
    expect(beside).toContain('href="/regler#R-H6"');

    // R-H10 on the motion's own vote (ja = granted): two ja, three nej cannot grant it; beside its outcome.
    const miscounted = await post({
      ...PARAGRAPH,
      paragraphNumber: '§ 2',
      diarienummer: 'MBN 2024/7',
      ...ATERREMISS,
      fq0_method: 'OPEN_VOTE',
      ...Object.fromEntries([0, 1, 2, 3, 4].map((i) => [`fq0_vote${i}`, i < 2 ? 'JA' : 'NEJ'])),
    });
    expect(miscounted.status).toBe(422);
    expect(errorBeside(miscounted.text, 'pf-fq0_outcome')).toContain('href="/regler#R-H10"');
    expect(errorBeside(miscounted.text, 'pf-method_kind')).toBe('');
    expect(selected(miscounted.text, 'pf-fq0_vote4')).toBe('NEJ');

    const { decision, extract } = await recorded({
      ...PARAGRAPH,
      paragraphNumber: '§ 2',
      diarienummer: 'MBN 2024/7',
      ...ATERREMISS,
    });
    expect(decision.matterOutcome).toBe('ATERREMITTERAD');
    expect(decision.paragraph.method).toBeUndefined();
    expect(decision.paragraph.formalQuestions[0]).toMatchObject({ kind: 'ATERREMISS', outcome: 'GRANTED' });
    expect(extract).toContain('återremitterat');
    expect(extract).toContain('bifaller yrkandet om återremiss');
    // The meeting's list of paragraphs says what became of the matter, in sv and en (R-H22).
    const row = (html: string) => html.split('<tr>').find((r) => r.includes('<td>§ 2</td>'));
    expect(row((await web.get(`${meetingPath}?lang=sv`)).text)).toContain('Återremitterat');
    expect(row((await web.get(`${meetingPath}?lang=en`)).text)).toContain('Referred back (återremitterat)');
  });

  it('R-H16: a minority återremiss, fullmäktige’s right, is refused in a nämnd beside its field', async () => {
    const minority = await post({
      ...PARAGRAPH,
      paragraphNumber: '§ 3',
      diarienummer: 'MBN 2024/8',
      ...ATERREMISS,
      fq0_decidedBy: 'MINORITY',
      fq0_method: '',
      fq0_supporters: 'Sara Kanyinda, Per Olsson',
    });
    expect(minority.status).toBe(422);
    const beside = errorBeside(minority.text, 'pf-fq0_decidedBy');
    expect(beside).toContain('inte fullmäktige');
    expect(beside).toContain('href="/regler#R-H16"');
    expect(selected(minority.text, 'pf-fq0_decidedBy')).toBe('MINORITY');
    expect(minority.text).toContain('value="Sara Kanyinda, Per Olsson"');
    expect(selected(minority.text, 'pf-fq0_kind')).toBe('ATERREMISS');
  });

  it('R-H8: three proposals and a vote: the kontrapropositionsvotering, then the huvudvotering', async () => {
    // Ja / nej for the five ledamöter (Lisa Ek does not serve in this paragraph).
    const votes = (ja: number) => Object.fromEntries([0, 1, 2, 3, 4].map((i) => [i, i < ja ? 'JA' : 'NEJ']));
    const list = (prefix: string, ja: number) =>
      Object.fromEntries(Object.entries(votes(ja)).map(([i, v]) => [`${prefix}${i}`, v]));
    const three = {
      ...PARAGRAPH,
      paragraphNumber: '§ 4',
      p1_by: 'Sara Kanyinda',
      p1_text: 'Avslag.',
      p2_by: 'Per Olsson',
      p2_text: 'Bifall med villkor.',
      method_kind: 'OPEN_VOTE',
      method_ja: 'A',
      method_nej: 'B',
      method_adopted: 'A',
      ...list('vote', 3),
    };
    const missing = await post(three);
    expect(missing.status).toBe(422);
    const beside = errorBeside(missing.text, 'pf-k_huvud');
    expect(beside).toContain('kontrapropositionsvoteringen');
    expect(beside).toContain('href="/regler#R-H8"');
    expect(missing.text).toContain('Bifall med villkor.');
    expect(selected(missing.text, 'pf-vote3')).toBe('NEJ');

    const kontra = { k_huvud: 'A', k_kind: 'OPEN_VOTE', k_ja: 'B', k_nej: 'C', ...list('k_vote', 4) };
    const miscounted = await post({ ...three, ...kontra, k_adopted: 'C' });
    expect(miscounted.status).toBe(422);
    expect(errorBeside(miscounted.text, 'pf-k_adopted')).toContain('href="/regler#R-H10"');
    expect(selected(miscounted.text, 'pf-k_vote1')).toBe('JA');

    const { decision, extract } = await recorded({ ...three, ...kontra, k_adopted: 'B' });
    expect(decision.paragraph.kontraproposition).toMatchObject({ huvudforslag: 'A', method: { adopted: 'B' } });
    expect(extract).toContain('Kontrapropositionsvotering');
    expect(extract).toContain('Huvudvotering');
  });
});
