import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createKeyFile } from '../../src/checkpoint/key-file';
import { ALG_ED25519 } from '../../src/checkpoint/note';
import { Clock } from '../../src/workflow/clock';
import { VerifyJobsService, type VerifyJobView } from '../../src/workflow/verify/verify-jobs.service';
import { sv } from '../../src/web/i18n/sv';
import {
  apiClient,
  binaryBody,
  createCollaboration,
  enter,
  ev,
  expectRefused,
  membershipWorkflowId,
  signatureBody,
  sql,
  useTestApp,
  webSession,
  type TestContext,
  type WebSession,
} from './kit';

const KEYS = fs.mkdtempSync(path.join(os.tmpdir(), 'web-auditor-keys-'));
const KEY_FILE = path.join(KEYS, 'checkpoint.key');
const PAST = 'granskad';

/** Records what `recorded` does at a past instant (the recorded_at of its log rows). */
async function at<T>(ctx: TestContext, instant: string, recorded: () => Promise<T>): Promise<T> {
  const clock = ctx.app.get(Clock) as unknown as Record<string, unknown>;
  clock.nowIso = () => instant;
  try {
    return await recorded();
  } finally {
    delete clock.nowIso;
  }
}

/**
 * The auditor's pages (issue 12 §4, src/web/auditor) over HTTP on SQLite and PostgreSQL: HTML answers for the roles
 * of the API's auditor routes, a workflow's history as a timeline, verify as a job with a progress bar (also
 * without JavaScript: a <noscript> meta refresh), a collaboration as it stood, refused attempts, the evidence
 * package (refused in words without a checkpoint key); the forms' bad input answers 400 naming the field; no 5xx.
 */
describe("the auditor's pages", () => {
  jest.setTimeout(180_000);
  const ctx = useTestApp({ seed: 'demo', config: { CHECKPOINT_KEY_FILE: KEY_FILE } });
  const api = apiClient(ctx);
  const sessions: Record<string, WebSession> = {};
  let membership = '';

  const get = (url: string, who = 'auditor') => sessions[who].get(url);
  /** Posts a form with the CSRF token of the collaborations' page. */
  const post = (url: string, form: Record<string, string>, who = 'auditor') =>
    sessions[who].post('/samverkan', url, form);

  /** An HTML answer with `status`; the page's text. */
  function page(res: { status: number; headers: Record<string, string>; text: string }, status = 200): string {
    expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
      status,
      type: 'text/html; charset=utf-8',
    });
    return res.text;
  }

  /** A refused form: 400 (or `status`), the field marked invalid with its message beside it and in the summary. */
  function refusedField(text: string, id: string, status = 400, res?: { status: number }) {
    if (res) expect(res.status).toBe(status);
    expect(text).toMatch(new RegExp(`id="${id}-error"`));
    expect(text).toMatch(new RegExp(`id="${id}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="${id}"`, 's'));
    expect(text).toContain(`href="#${id}"`);
  }

  /** Starts a verify job through the form and follows its page until done; the final page's text. */
  async function verify(form: Record<string, string>): Promise<string> {
    const started = await post('/granskning/verifiering', form);
    expect(started.status).toBe(303);
    const location = started.headers.location as string;
    expect(location).toMatch(/^\/granskning\/verifiering\/[0-9a-f-]{36}/);
    for (;;) {
      const text = page(await get(location));
      expect(text).toContain('<progress');
      if (!text.includes('data-verify-running')) return text;
      expect(text).toMatch(/<noscript><meta http-equiv="refresh" content="2" \/><\/noscript>/);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    for (const [who, token] of Object.entries({
      auditor: ctx.tokens.auditor,
      admin: ctx.tokens.admin,
      coordinator: ctx.tokens.coordinator,
      clerk: ctx.tokens.clerk['1461'],
    }))
      sessions[who] = await webSession(ctx, token, { next: '/granskning' });
    // A collaboration recorded in the past, so that "as it stood" has a past to show.
    await at(ctx, '2023-12-10T09:00:00.000Z', async () => {
      await createCollaboration(ctx, PAST, { parties: ['1460', '1492'] });
      await enter(ctx, '1460', '2023-11-29', '2023-12-08', PAST);
      await enter(ctx, '1492', '2023-11-29', '2023-12-08', PAST);
    });
    membership = await membershipWorkflowId(ctx, '1460', PAST);
  });

  it('for auditors and admins (the header links them); others 403; no session goes to sign-in', async () => {
    for (const who of ['auditor', 'admin']) {
      const text = page(await get('/granskning', who));
      expect(text).toContain('<a href="/granskning">Granskning</a>');
      expect(text).toContain('Samverkan: Dalslandssamverkan');
    }
    for (const who of ['coordinator', 'clerk']) {
      page(await get('/granskning', who), 403);
      expect(page(await get('/samverkan', who))).not.toContain('href="/granskning"');
      page(await get('/granskning/vagrade-forsok', who), 403);
      page(await get('/granskning/bevispaket?samverkan=dalslandssamverkan', who), 403);
      page(await post('/granskning/verifiering', { omfattning: 'allt' }, who), 403);
    }
    const anonymous = await ctx.http.get('/granskning');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/logga-in?next=%2Fgranskning');
    const forged = await sessions.auditor.send('/granskning/verifiering', { _csrf: 'forged', omfattning: 'allt' });
    page(forged, 403);
    expect(page(await get('/granskning?lang=en'))).toContain('<a href="/granskning">Audit</a>');
  });

  it("a workflow's history as a timeline: who, what in words, the rule linked, both dates, what lies behind it", async () => {
    const history = (await api.get(`/workflows/${membership}/history`)).body;
    const text = page(await get(`/granskning/arbetsfloden/${membership}`));
    for (const e of history.transitions) {
      expect(text).toContain(`id="seq-${e.seq}"`);
      expect(text).toContain(sv.historyEvent(e.eventType).replace(/&/g, '&amp;'));
      for (const id of e.rule?.ruleIds ?? []) expect(text).toContain(`href="/regler#${id}"`);
    }
    expect(text).toContain('Fullmäktige antog avsiktsförklaringen');
    expect(text).toContain('<time datetime="2023-11-29">29 november 2023</time>');
    // recorded at 2023-12-10T09:00Z: 10:00 in Stockholm
    expect(text).toContain('2023-12-10 10:00');
    expect(text).toContain('e2e admin');
    // The demo's Mellerud paragraph: its protocol workflow links the decision behind it.
    const decisions = (await api.get('/municipalities/1461/decisions')).body as Array<{
      id: string;
      workflowId: string;
    }>;
    const decision = decisions.find((d) => d.workflowId)!;
    const protocol = page(await get(`/granskning/arbetsfloden/${decision.workflowId}`));
    expect(protocol).toContain(`href="/beslut/${decision.id}"`);
    expect(page(await get(`/beslut/${decision.id}`))).toContain('<html');
    // the form: to the page, or 400 naming the field; an unknown workflow is 404
    const to = await get(`/granskning/arbetsfloden?id=${membership.toUpperCase()}`);
    expect({ status: to.status, location: to.headers.location }).toEqual({
      status: 303,
      location: `/granskning/arbetsfloden/${membership}`,
    });
    for (const bad of ['nope', '', '<script>'])
      refusedField(page(await get(`/granskning/arbetsfloden?id=${encodeURIComponent(bad)}`), 400), 'h-id');
    page(await get('/granskning/arbetsfloden/00000000-0000-4000-8000-000000000000'), 404);
    page(await get('/granskning/arbetsfloden/not-a-uuid'), 400);
    expect(page(await get(`/granskning/arbetsfloden/${membership}?lang=en`))).toContain(
      'Fullmäktige adopted the declaration',
    );
  });

  it('verify of everything, a collaboration and a workflow: a progress bar, the result, the problems listed', async () => {
    const all = await verify({ omfattning: 'allt' });
    expect(all).toContain('Klart: inga problem');
    expect(all).toMatch(/<progress id="verify-progress" max="(\d+)" value="\1">/);
    const dalsland = await verify({ omfattning: 'samverkan:dalslandssamverkan' });
    expect(dalsland).toContain('Samverkan: Dalslandssamverkan');
    expect(dalsland).toContain('Klart: inga problem');
    await sql(ctx, "UPDATE workflow_transition SET actor_role = 'auditor' WHERE instance_id = ? AND seq = 1", [
      membership,
    ]);
    try {
      const found = await verify({ omfattning: `samverkan:${PAST}` });
      expect(found).toContain('Klart: 1 problem hittades.');
      expect(found).toContain(`href="/granskning/arbetsfloden/${membership}#seq-1"`);
      expect(found).toContain('HASH_MISMATCH');
      const one = await verify({ omfattning: 'arbetsflode', arbetsflode: membership });
      expect(one).toContain('HASH_MISMATCH');
    } finally {
      await sql(ctx, "UPDATE workflow_transition SET actor_role = 'admin' WHERE instance_id = ? AND seq = 1", [
        membership,
      ]);
    }
    // the history page's button verifies that workflow
    expect(page(await get(`/granskning/arbetsfloden/${membership}`))).toContain('Verifiera detta arbetsflöde');
    expect(await verify({ omfattning: 'arbetsflode', arbetsflode: membership })).toContain('Klart: inga problem');
  });

  it('a running job: the bar counts rows done of the total and the page reloads itself without JavaScript', async () => {
    const jobs = ctx.app.get(VerifyJobsService) as unknown as { jobs: Map<string, VerifyJobView> };
    const id = '11111111-1111-4111-8111-111111111111';
    jobs.jobs.set(id, {
      id,
      scope: { kind: 'database' },
      status: 'running',
      progress: { rowsDone: 40, rowsTotal: 100, workflowsDone: 3, workflowsTotal: 9, elapsedMs: 5 },
      report: null,
      error: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
    });
    try {
      const text = page(await get(`/granskning/verifiering/${id}`));
      expect(text).toContain('<noscript><meta http-equiv="refresh" content="2" /></noscript>');
      expect(text).toMatch(/<progress id="verify-progress" max="100" value="40">/);
      expect(text).toContain('40 av 100 rader');
      expect(text).toContain('3 av 9 arbetsflöden');
      expect(text).toContain('data-verify-running');
      // another start while it runs goes to the running job
      const again = await post('/granskning/verifiering', { omfattning: 'allt' });
      expect({ status: again.status, location: again.headers.location }).toEqual({
        status: 303,
        location: `/granskning/verifiering/${id}?pagar=1`,
      });
      expect(page(await get(again.headers.location))).toContain('En verifiering pågick redan');
    } finally {
      jobs.jobs.delete(id);
    }
    page(await get('/granskning/verifiering/00000000-0000-4000-8000-000000000000'), 404);
    page(await get('/granskning/verifiering/nope'), 400);
  });

  it("the verify form's bad input: 400 (404 for an unknown workflow) with the field named", async () => {
    for (const form of [
      { omfattning: 'arbetsflode', arbetsflode: 'nope' },
      { omfattning: 'arbetsflode', arbetsflode: '' },
    ])
      refusedField(page(await post('/granskning/verifiering', form), 400), 'v-arbetsflode');
    const unknown = await post('/granskning/verifiering', {
      omfattning: 'arbetsflode',
      arbetsflode: '00000000-0000-4000-8000-000000000000',
    });
    refusedField(page(unknown, 404), 'v-arbetsflode');
    expect(unknown.text).toContain('Arbetsflödet 00000000-0000-4000-8000-000000000000 finns inte.');
    for (const omfattning of ['samverkan:nope', 'everything', ''])
      expect(page(await post('/granskning/verifiering', { omfattning }), 400)).toContain('class="error-message"');
  });

  it('a collaboration as it stood: from the log up to the end of a day, judged on that day, with its time', async () => {
    const past = page(await get(`/granskning/som-den-stod?samverkan=${PAST}&datum=2024-01-01`));
    expect(past).toContain(`Samverkan ${PAST} som den stod den 1 januari 2024`);
    expect(past).toContain('Registret är läst till och med 2024-01-01 23:59 svensk tid.');
    expect(past).toContain('Aktiv part');
    expect(past).toContain(`href="/granskning/arbetsfloden/${membership}"`);
    // Before anything was recorded: said so, and today's record judging the same day beside it.
    const before = page(await get(`/granskning/som-den-stod?samverkan=${PAST}&datum=2023-12-09`));
    expect(before).toContain('Samverkan var inte registrerad den 9 december 2023');
    expect(before).toContain('Parterna den 9 december 2023 enligt dagens register');
    // the demo was recorded today: on 2024-01-01 its log was empty; today's record has its five parties in force
    const demo = page(await get('/granskning/som-den-stod?samverkan=dalslandssamverkan&datum=2024-01-01'));
    expect(demo).toContain('Parterna den 1 januari 2024 enligt dagens register');
    expect(demo.match(/Aktiv part/g)).toHaveLength(5);
    const timed = page(await get(`/granskning/som-den-stod?samverkan=${PAST}&datum=2023-12-10&klockslag=09:30`));
    expect(timed).toContain('som den stod den 2023-12-10 09:30 svensk tid');
    expect(timed).toContain('Samverkan var inte registrerad');
    expect(page(await get('/granskning/som-den-stod'))).toContain('id="a-datum"');
    for (const [query, field] of [
      ['samverkan=nope&datum=2024-01-01', 'a-samverkan'],
      [`samverkan=${PAST}&datum=2024-02-30`, 'a-datum'],
      [`samverkan=${PAST}&datum=`, 'a-datum'],
      [`samverkan=${PAST}&datum=2099-01-01`, 'a-datum'],
      [`samverkan=${PAST}&datum=2024-01-01&klockslag=25:00`, 'a-klockslag'],
      [`samverkan=${PAST}&datum=2024-03-31&klockslag=02:30`, 'a-klockslag'],
    ])
      refusedField(page(await get(`/granskning/som-den-stod?${query}`), 400), field);
    expect(page(await get(`/granskning/som-den-stod?samverkan=${PAST}&datum=2024-01-01&lang=en`))).toContain(
      'as it stood on 1 January 2024',
    );
  });

  it('refused attempts, filtered by rule, workflow and dates; bad filters are 400 naming the field', async () => {
    await expectRefused(
      ctx,
      '1460',
      ev.requestExit('2024-03-01', '2026-06-30'),
      { status: 422, code: 'EXIT_NOT_ON_31_DEC', ruleId: 'R-C4' },
      { slug: PAST, token: ctx.tokens.clerk['1460'] },
    );
    const list = page(await get(`/granskning/vagrade-forsok?regel=r-c4&arbetsflode=${membership}`));
    expect(list).toContain('1 vägrat försök');
    expect(list).toContain('href="/regler#R-C4"');
    expect(list).toContain('EXIT_NOT_ON_31_DEC');
    expect(list).toContain('Fullmäktige begärde utträde');
    expect(list).toContain(`href="/granskning/arbetsfloden/${membership}"`);
    expect(page(await get('/granskning/vagrade-forsok?regel=R-B1'))).toContain('Inga vägrade försök matchar.');
    expect(page(await get('/granskning/vagrade-forsok?fran=2000-01-01&till=2000-12-31'))).toContain(
      'Inga vägrade försök matchar.',
    );
    expect(page(await get('/granskning/vagrade-forsok'))).toContain('EXIT_NOT_ON_31_DEC');
    for (const [query, field] of [
      ['regel=R%20C4', 'r-regel'],
      ['arbetsflode=nope', 'r-arbetsflode'],
      ['fran=2024-13-01', 'r-fran'],
      ['till=igår', 'r-till'],
    ])
      refusedField(page(await get(`/granskning/vagrade-forsok?${query}`), 400), field);
    expect(page(await get('/granskning/vagrade-forsok?fore=x'), 400)).toContain('error-summary');
  });

  it('the evidence package: refused in words without a checkpoint key, then downloaded; bad input 400', async () => {
    const missing = page(await get(`/granskning/bevispaket?samverkan=${PAST}`), 409);
    expect(missing).toContain('Ett bevispaket bevisar varje rad under en signerad kontrollpunkt');
    expect(page(await get(`/granskning/bevispaket?samverkan=${PAST}&lang=en`), 409)).toContain(
      'An evidence package proves every row under a signed checkpoint',
    );
    createKeyFile(KEY_FILE, 'samverkan.example/default', ALG_ED25519);
    const res = await get(`/granskning/bevispaket?samverkan=${PAST}&till=2025-12-31`).buffer(true).parse(binaryBody);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-tar');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".+\.tar"$/);
    expect((res.body as Buffer).length).toBeGreaterThan(1024);
    for (const [query, field] of [
      ['samverkan=nope', 'e-samverkan'],
      [`samverkan=${PAST}&fran=2024-02-30`, 'e-fran'],
      [`samverkan=${PAST}&fran=2025-01-01&till=2024-01-01`, 'e-till'],
    ])
      refusedField(page(await get(`/granskning/bevispaket?${query}`), 400), field);
  });

  it('the records behind an event: a document version and a signature, each on its own page', async () => {
    const text = 'Avsiktsförklaring för granskningen';
    expect((await api.post('/documents', { key: 'granskat-dokument', title: 'Granskat dokument' })).status).toBe(201);
    const version = (await api.post('/documents/granskat-dokument/versions', { version: '1.0', text })).body;
    const signature = (
      await api.post('/signatures', signatureBody('granskat-dokument', '1.0', '1460', text, { signedOn: '2023-12-08' }))
    ).body;
    const v = page(await get(`/granskning/handlingar/dokumentversion/${version.id}`));
    expect(v).toContain('Dokument granskat-dokument, version 1.0');
    expect(v).toContain(version.sha256);
    const sig = page(await get(`/granskning/handlingar/underskrift/${signature.id}`, 'coordinator'));
    expect(sig).toContain('Underskrift av Ulla Börjesson');
    expect(sig).toContain('<time datetime="2023-12-08">8 december 2023</time>');
    expect(sig).toContain(`href="/granskning/handlingar/dokumentversion/${version.id}"`);
    page(await get('/granskning/handlingar/underskrift/00000000-0000-4000-8000-000000000000'), 404);
    page(await get('/granskning/handlingar/dokumentversion/nope'), 400);
  });
});
