import { today } from './fuzz';
import { useTestApp, webSession, type WebSession } from './kit';

/**
 * The coordinator's operational plan, Samverkansrådet and amendment approval pages (issue 12 §2, h-coordplan) over
 * HTTP: each GET renders, each form's POST with the CSRF token writes through the service (303), a refusal is shown
 * beside its field with the rule linked and every typed value kept, and the roles are the API's.
 */
const SLUG = 'dalslandssamverkan';
const PLAN = `/samverkan/${SLUG}/verksamhetsplan`;
const COUNCIL = `/samverkan/${SLUG}/rad`;
const AMENDMENTS = `/samverkan/${SLUG}/andringar`;

/** The error text shown beside a field (`<p id="<id>-error">`), without its markup. */
const errorBeside = (text: string, id: string) =>
  (new RegExp(`<p id="${id}-error" class="error-message">([^]*?)</p>`).exec(text)?.[1] ?? '').replace(/<[^>]+>/g, '');
const valueOf = (text: string, id: string) => new RegExp(`id="${id}"[^>]*value="([^"]*)"`).exec(text)?.[1];
const textareaOf = (text: string, id: string) =>
  new RegExp(`<textarea[^>]*id="${id}"[^>]*>([^<]*)</textarea>`).exec(text)?.[1];

describe('web: the coordinator’s plan, council and amendment approvals', () => {
  const ctx = useTestApp({ seed: 'demo' });
  const sessions: Record<string, WebSession> = {};

  const get = (path: string, who = 'coordinator') => sessions[who].get(path);
  /** Posts a form of `page` with its CSRF token and the hidden fields of the form `formId` as the page drew them. */
  const post = (page: string, formId: string, action: string, fields: Record<string, string>, who = 'coordinator') =>
    sessions[who].post(page, action, fields, { form: formId });

  beforeAll(async () => {
    sessions.coordinator = await webSession(ctx, ctx.tokens.coordinator);
    sessions.auditor = await webSession(ctx, ctx.tokens.auditor);
    sessions.clerk = await webSession(ctx, ctx.tokens.clerk['1461']);
    sessions.bengtsfors = await webSession(ctx, ctx.tokens.clerk['1460']);
  });

  it('the collaboration page links the plan, the council and the amendments', async () => {
    const res = await get(`/samverkan/${SLUG}`);
    for (const href of [PLAN, COUNCIL, AMENDMENTS]) expect(res.text).toContain(`href="${href}"`);
  });

  let planId = '';

  it('the plan page: none in force; a new plan refused beside its field with what was typed kept, then recorded', async () => {
    const empty = await get(PLAN);
    expect(empty.status).toBe(200);
    expect(empty.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(empty.text).toContain('<h1>Verksamhetsplan – Dalslandssamverkan</h1>');
    expect(empty.text).toContain('Ingen antagen verksamhetsplan gäller den dagen.');
    expect(empty.text).toContain('Ingen verksamhetsplan registrerad.');

    const fields = {
      title: 'Verksamhetsplan 2025–2026',
      draftedOn: '2024-11-15',
      validFrom: '2026-12-31',
      validTo: '2025-01-01',
      focusAreas: 'kompetensforsorjning: Kompetensförsörjning\nsocialtjanst: Socialtjänst',
    };
    const refused = await post(PLAN, 'plan-new', PLAN, fields);
    expect(refused.status).toBe(422);
    expect(errorBeside(refused.text, 'plan-new-validTo')).toContain('Planens giltighetsperiod slutar');
    expect(refused.text).toContain('href="/regler#R-D8"');
    expect(valueOf(refused.text, 'plan-new-validFrom')).toBe('2026-12-31');
    expect(textareaOf(refused.text, 'plan-new-focusAreas')).toContain('socialtjanst: Socialtjänst');

    const badKey = await post(PLAN, 'plan-new', PLAN, {
      ...fields,
      validFrom: '2025-01-01',
      validTo: '2026-12-31',
      focusAreas: 'Kompetens',
    });
    expect(badKey.status).toBe(400);
    expect(errorBeside(badKey.text, 'plan-new-focusAreas')).not.toBe('');

    const created = await post(PLAN, 'plan-new', PLAN, { ...fields, validFrom: '2025-01-01', validTo: '2026-12-31' });
    expect(created.status).toBe(303);
    expect(created.headers.location).toBe(`${PLAN}?registrerat=1#main`);
    const page = await get(created.headers.location.split('#')[0]);
    expect(page.text).toContain('Registrerat.');
    planId = /<section aria-labelledby="plan-([0-9a-f-]{36})">/.exec(page.text)![1];
    expect(page.text).toContain('Första versionen');
    expect(page.text).toContain('Under arbete, ingen version antagen');
  });

  it('KDG’s adoption before the council was informed is refused (R-D7) beside its field; informed, then adopted', async () => {
    const events = `${PLAN}/${planId}/handelser`;
    const early = await post(PLAN, `plan-${planId}-KDG_ADOPTED`, events, {
      type: 'KDG_ADOPTED',
      version: '1',
      adoptedAt: '2024-12-12 14:00',
    });
    expect(early.status).toBe(422);
    expect(errorBeside(early.text, `plan-${planId}-KDG_ADOPTED-adoptedAt`)).toContain(
      'Samverkansrådet ska informeras om version 1',
    );
    expect(early.text).toContain('href="/regler#R-D7"');
    expect(valueOf(early.text, `plan-${planId}-KDG_ADOPTED-adoptedAt`)).toBe('2024-12-12 14:00');

    const informed = await post(PLAN, `plan-${planId}-COUNCIL_INFORMED`, events, {
      type: 'COUNCIL_INFORMED',
      version: '1',
      informedAt: '2024-12-05 10:00',
    });
    expect(informed.status).toBe(303);
    const adopted = await post(PLAN, `plan-${planId}-KDG_ADOPTED`, events, {
      type: 'KDG_ADOPTED',
      version: '1',
      adoptedAt: '2024-12-12 14:00',
    });
    expect(adopted.status).toBe(303);

    const page = await get(`${PLAN}?datum=2025-06-01`);
    expect(page.text).toContain('<time datetime="2024-12-05T10:00:00+01:00">2024-12-05 10:00</time>');
    expect(page.text).toContain('Plan i kraft den 1 juni 2025');
    expect(page.text).toMatch(
      /id="in-force-on"[^]*Verksamhetsplan 2025–2026, version 1, gäller 2025-01-01 – 2026-12-31/,
    );
    expect(page.text).toContain('inte ett beslut av ett förtroendevalt organ');
  });

  it('a new version shows what changed; a date impossible is refused beside the date field', async () => {
    const events = `${PLAN}/${planId}/handelser`;
    const drafted = await post(PLAN, `plan-${planId}-VERSION_DRAFTED`, events, {
      type: 'VERSION_DRAFTED',
      draftedOn: today,
      validFrom: '2025-01-01',
      validTo: '2027-12-31',
      focusAreas: 'kompetensforsorjning: Kompetensförsörjning och rekrytering\nklimat: Klimat',
    });
    expect(drafted.status).toBe(303);
    const page = await get(PLAN);
    expect(page.text).toContain('Perioden: 2025-01-01 – 2026-12-31 blev 2025-01-01 – 2027-12-31');
    expect(page.text).toContain('Nya fokusområden: Klimat');
    expect(page.text).toContain('Borttagna fokusområden: Socialtjänst');
    expect(page.text).toContain('Nytt namn: Kompetensförsörjning → Kompetensförsörjning och rekrytering');
    const bad = await get(`${PLAN}?datum=2025-02-30`);
    expect(bad.status).toBe(200);
    expect(bad.text).toContain('id="datum-error"');
    const en = await get(`${PLAN}?lang=en`);
    expect(en.text).toContain('<h1>Operational plan – Dalslandssamverkan</h1>');
    expect(en.text).toContain('New focus areas: Klimat');
  });

  it('the council page: members on a date, not appealable in words (R-I10); a meeting and a record recorded', async () => {
    const res = await get(COUNCIL);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Samverkansrådet – Dalslandssamverkan</h1>');
    expect(res.text).toContain('kan inte överklagas genom laglighetsprövning');
    expect(res.text).toContain('href="/regler#R-I10"');
    expect(res.text).toContain('Michael Karlsson (M)');
    expect(res.text).toContain('Information till Dalslandssamverkan 5D');
    expect(res.text).toContain('den godkänner ingen kostnadsfördelning (R-G8)');
    const en = await get(`${COUNCIL}?lang=en`);
    expect(en.text).toContain('<h1>Samverkansrådet – Dalslandssamverkan</h1>');
    expect(en.text).toContain('cannot be appealed by laglighetsprövning');
    expect((await get(`${AMENDMENTS}?lang=en`)).text).toContain(
      'Neither Samverkansrådet nor KDG can approve an amendment',
    );
    const before = await get(`${COUNCIL}?datum=2023-01-01`);
    expect(before.text).not.toContain('Michael Karlsson');

    const meeting = await post(COUNCIL, 'council-meeting', `${COUNCIL}/moten`, {
      date: '2024-03-14',
      place: 'Dals-Eds kommunhus',
    });
    expect(meeting.status).toBe(303);
    const withMeeting = await get(COUNCIL);
    expect(withMeeting.text).toContain('Dals-Eds kommunhus');
    const meetingId = /<option value="([0-9a-f-]{36})"\s*>2024-03-14 Dals-Eds kommunhus/.exec(withMeeting.text)![1];

    const early = await post(COUNCIL, 'council-record', `${COUNCIL}/anteckningar`, {
      kind: 'MINNESANTECKNINGAR',
      title: 'Minnesanteckningar 14 mars',
      recordedOn: '2024-03-01',
      meetingId,
    });
    expect(early.status).toBe(422);
    expect(errorBeside(early.text, 'council-record-recordedOn')).not.toBe('');
    expect(valueOf(early.text, 'council-record-title')).toBe('Minnesanteckningar 14 mars');

    const decision = await post(COUNCIL, 'council-record', `${COUNCIL}/anteckningar`, {
      kind: 'BESLUT',
      title: 'Rådet beslutar',
      recordedOn: '2024-03-14',
    });
    expect(decision.status).toBe(422);
    expect(errorBeside(decision.text, 'council-record-kind')).toContain('inte ett beslutande organ');
    expect(decision.text).toContain('href="/regler#R-E2"');

    const record = await post(COUNCIL, 'council-record', `${COUNCIL}/anteckningar`, {
      kind: 'MINNESANTECKNINGAR',
      title: 'Minnesanteckningar 14 mars',
      text: 'Rådet diskuterade verksamhetsplanen.',
      recordedOn: '2024-03-14',
      meetingId,
      subject: 'PLAN',
    });
    expect(record.status).toBe(303);
    const page = await get(COUNCIL);
    expect(page.text).toContain('<h3 id="record-');
    expect(page.text).toContain('sammanträdet 2024-03-14, Dals-Eds kommunhus');
    expect(page.text).toContain('Rådet diskuterade verksamhetsplanen.');
  });

  it('the first entry of a council that has none yet starts its workflow (Västra Mälardalen)', async () => {
    const page = '/samverkan/vastra-malardalen/rad';
    expect((await get(page)).text).toContain('Inga sammanträden registrerade.');
    const res = await post(page, 'council-meeting', `${page}/moten`, { date: '2024-05-02', place: 'Köping' });
    expect(res.status).toBe(303);
    expect((await get(page)).text).toContain('Köping');
  });

  it('a council member: an equivalent on the KSO seat is refused beside it (R-E1); an oppositionsråd seated', async () => {
    const refused = await post(COUNCIL, 'council-member', `${COUNCIL}/ledamoter`, {
      municipality: '1461',
      seat: 'KSO',
      name: 'Anna Svensson',
      from: today,
      equivalentOffice: 'Gruppledare',
      equivalentBasis: 'KS 2024-01-15 § 3',
    });
    expect(refused.status).toBe(422);
    expect(errorBeside(refused.text, 'council-member-equivalentOffice')).toContain('KSO-platsen');
    expect(valueOf(refused.text, 'council-member-name')).toBe('Anna Svensson');
    const seated = await post(COUNCIL, 'council-member', `${COUNCIL}/ledamoter`, {
      municipality: '1461',
      seat: 'OPPOSITIONSRAD',
      name: 'Anna Svensson',
      politicalParty: 'C',
      from: today,
    });
    expect(seated.status).toBe(303);
    expect((await get(COUNCIL)).text).toContain('Anna Svensson (C)');
  });

  let amendmentId = '';

  it('amendments: the coordinator registers one; a clerk’s approval by the wrong organ refused beside it (R-D2), then recorded', async () => {
    const empty = await post(AMENDMENTS, 'amendment-new', AMENDMENTS, { title: '', version: 'coordplan-1', text: 'x' });
    expect(empty.status).toBe(400);
    expect(errorBeside(empty.text, 'amendment-new-title')).not.toBe('');
    expect(valueOf(empty.text, 'amendment-new-version')).toBe('coordplan-1');
    const created = await post(AMENDMENTS, 'amendment-new', AMENDMENTS, {
      title: 'Ändring av §12',
      version: 'coordplan-1',
      text: 'Avsiktsförklaringen ändras i §12.',
    });
    expect(created.status).toBe(303);
    const page = await get(AMENDMENTS);
    amendmentId = /<section aria-labelledby="amendment-([0-9a-f-]{36})">/.exec(page.text)![1];
    expect(page.text).toContain('Samverkansrådet och KDG kan inte godkänna en ändring (R-D5)');
    // The amendment machine lets the municipality (its clerk) or an admin record an approval, not the coordinator.
    expect(page.text).toContain('En parts godkännande registreras av kommunens registrator');
    expect(page.text).not.toContain(`id="approval-${amendmentId}"`);
    const action = `${AMENDMENTS}/${amendmentId}/godkannanden`;
    const form = `approval-${amendmentId}`;
    const wrong = await post(
      AMENDMENTS,
      form,
      action,
      { party: '1460', decision_organ: 'KS', decision_date: '2025-02-03', decision_paragraph: '§ 12' },
      'bengtsfors',
    );
    expect(wrong.status).toBe(422);
    expect(errorBeside(wrong.text, `${form}-decision_organ`)).toContain('En ändring godkänns för 1460 av');
    expect(wrong.text).toContain('href="/regler#R-D2"');
    expect(valueOf(wrong.text, `${form}-decision_paragraph`)).toBe('§ 12');
    const future = await post(
      AMENDMENTS,
      form,
      action,
      { party: '1460', decision_organ: 'KF', decision_date: '2099-01-01' },
      'bengtsfors',
    );
    expect(future.status).toBe(400);
    expect(errorBeside(future.text, `${form}-decision_date`)).not.toBe('');
    const ok = await post(
      AMENDMENTS,
      form,
      action,
      { party: '1460', decision_organ: 'KF', decision_date: '2025-02-03', decision_paragraph: '§ 12' },
      'bengtsfors',
    );
    expect(ok.status).toBe(303);
    const after = await get(AMENDMENTS);
    expect(after.text).toMatch(/<td>\s*Bengtsfors\s*<\/td>\s*<td>KF<\/td>\s*<td><time datetime="2025-02-03">/);
    expect(after.text).toMatch(/Väntar på godkännande av<\/dt>\s*<dd>(?![^<]*Bengtsfors)[^<]*Mellerud/);
    const again = await post(
      AMENDMENTS,
      form,
      action,
      { party: '1460', decision_organ: 'KF', decision_date: '2025-02-04' },
      'bengtsfors',
    );
    expect(again.status).toBe(422);
    expect(errorBeside(again.text, `${form}-party`)).toContain('redan registrerat');
    // The coordinator's post is refused by the machine's roles, as the API's would be.
    const html = (await get(AMENDMENTS, 'bengtsfors')).text;
    const coordinator = await sessions.coordinator.post(AMENDMENTS, action, {
      party: '1461',
      decision_organ: 'KF',
      decision_date: today,
    });
    expect(html).toContain(`id="${form}"`);
    expect(coordinator.status).toBe(403);
  });

  it('roles: an auditor reads every page and sees no form, and cannot post; a clerk approves only for its own', async () => {
    for (const path of [PLAN, COUNCIL, AMENDMENTS]) {
      const res = await get(path, 'auditor');
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('<form method="post" action="/samverkan');
    }
    const refused = await sessions.auditor.post(COUNCIL, `${COUNCIL}/moten`, { date: today, place: 'X' });
    expect(refused.status).toBe(403);
    const clerkPage = await get(AMENDMENTS, 'clerk');
    const select = new RegExp(`id="approval-${amendmentId}-party"[^]*?</select>`).exec(clerkPage.text)![0];
    expect([...select.matchAll(/<option value="(\d{4})"/g)].map((m) => m[1])).toEqual(['1461']);
    expect(clerkPage.text).not.toContain('id="amendment-new"');
    const forged = await sessions.coordinator.send(`${COUNCIL}/moten`, { _csrf: 'forged', date: today, place: 'X' });
    expect(forged.status).toBe(403);
    expect((await get('/samverkan/ingen-sadan/verksamhetsplan')).status).toBe(404);
    expect((await get('/samverkan/ingen-sadan/rad')).status).toBe(404);
    const none = await ctx.http.get(PLAN);
    expect(none.status).toBe(303);
  });

  it('a plan of another collaboration is not written through this one’s page (404)', async () => {
    const other = `/samverkan/vastra-malardalen/verksamhetsplan/${planId}/handelser`;
    const fields = { type: 'COUNCIL_INFORMED', version: '1', informedAt: '2024-12-05 10:00' };
    const res = await sessions.coordinator.post(PLAN, other, fields);
    expect(res.status).toBe(404);
  });
});
