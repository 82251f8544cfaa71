import fc from 'fast-check';
import { routeKey, today, webWriteRoutes } from './fuzz';
import { coordplanWebTargets } from './fuzz/web-coordplan';
import { attendanceFields, csrfOf, paragraphFields, tableCounts, useTestApp, webSession, type WebSession } from './kit';

/**
 * Web pages (h-web): a property-based fuzzer over every write route of the pages (src/web), which take HTML forms,
 * not JSON, so test/e2e/fuzz.e2e-spec.ts leaves them to this file. Each case posts a valid form mutated (a field
 * dropped or repeated, hostile text, a huge value, a wrong or missing CSRF token, an unknown field), or random bytes,
 * signed in or not, and checks: no 5xx; a page's answer is HTML (or a 303 redirect); the row counts of the tables
 * change only with a 303 of a recorded event (and web_session only with a sign-in or sign-out).
 */

const PERSON_PASSWORD = 'ett långt lösenord';
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const RUNS = 40;

const HOSTILE = [
  '',
  ' ',
  '\u0000',
  '9999-12-31',
  '2024-02-30',
  '2099-01-01',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  '"><img src=x>',
  'a\u202eb',
  '\ud800',
  'x'.repeat(5000),
  "'; DROP TABLE web_session; --",
  '😀',
  '-1',
  '1e308',
];

/** The routes whose 303 ends or replaces the session the next cases use. */
const SESSION_ROUTES = ['POST /logga-in', 'POST /logga-ut', 'POST /logga-in/namn'];
/** What a recorded meeting, paragraph, justering or anslag may write (the clerk's pages, h-clerk). */
const CLERK_WRITES = [
  'meeting',
  'matter',
  'decision',
  'workflow_instance',
  'workflow_transition',
  'workflow_link',
  'workflow_due_event',
  'record_register',
  // the names a meeting or paragraph records are kept as salted commitments (gallring, issue 10 §9)
  'personal_datum',
  // and its texts beside the log, under commitments (secrecy, issue 11 §8)
  'secret_text',
];

/** What a marking or its lifting writes: its row, hashed into the municipality's register (h-secrecy). */
const SECRECY_WRITES = [
  'secrecy_marking',
  'secrecy_lifting',
  'workflow_instance',
  'workflow_transition',
  'record_register',
];
/** What a cost rule, its events, a run or a credit may write (the coordinator's cost pages, h-coordcost). */
const COST_WRITES = ['workflow_instance', 'workflow_transition', 'cost_rule', 'cost_invoice'];

interface WebTarget {
  name: string;
  path: () => string;
  valid: (csrf: string) => Record<string, string>;
  /** The tables a 303 may change. */
  writes: string[];
}

describe('web pages fuzz (HTML forms)', () => {
  const ctx = useTestApp({ seed: 'demo' });
  let areaId = '';
  let web: WebSession;
  let csrf = '';
  let pre = '';
  let bodyId = '';
  let meetingId = '';
  let decisionWorkflowId = '';
  let planId = '';
  let amendmentId = '';
  let namndId = '';
  let delegationId = '';
  let decisionId = '';
  // The coordinator's cost pages (h-coordcost): the demo data's SEED-SAM rule and one of its invoices.
  let costRuleId = '';
  let invoiceId = '';

  beforeAll(async () => {
    const areas = await ctx.http
      .get('/api/v1/collaborations/dalslandssamverkan/areas')
      .set('Authorization', `Bearer ${ctx.tokens.admin}`);
    areaId = areas.body.stages.flatMap((s: { areas: Array<{ id: string }> }) => s.areas)[0].id;
    await renew();
    // The clerk's pages (h-clerk): Mellerud's seeded body and meeting.
    const admin = `Bearer ${ctx.tokens.admin}`;
    bodyId = (await ctx.http.get('/api/v1/municipalities/1461/bodies').set('Authorization', admin)).body[0].id;
    const decisions = await ctx.http.get('/api/v1/municipalities/1461/decisions').set('Authorization', admin);
    meetingId = decisions.body.find((d: { meetingId: string | null }) => d.meetingId).meetingId;
    // The auditor's pages (h-audpages): a workflow to verify.
    decisionWorkflowId = decisions.body.find((d: { workflowId: string | null }) => d.workflowId).workflowId;
    // The clerk's delegationsbeslut (h-delegnotice): a nämnd of Mellerud and one delegationsbeslut awaiting anmälan.
    const bodies = (await ctx.http.get('/api/v1/municipalities/1461/bodies').set('Authorization', admin)).body;
    namndId = bodies.find((b: { kind: string }) => b.kind !== 'KF').id;
    const made = await ctx.http
      .post(`/api/v1/bodies/${namndId}/delegation-decisions`)
      .set('Authorization', admin)
      .send({
        kind: 'DELEGATIONSBESLUT',
        number: 'D 2026/1',
        delegate: { name: 'Anna Berg' },
        point: '3.2',
        decidedOn: today,
        matter: { title: 'Bistånd' },
        decision: 'Bistånd beviljas.',
      });
    expect(made.status).toBe(201);
    delegationId = made.body.id;
    // A paragraph's secrecy (h-secrecy): the same recorded paragraph.
    decisionId = decisions.body.find((d: { workflowId: string | null }) => d.workflowId).id;
    // A person who signs in with a password (h-web2).
    const person = { userName: 'fuzz.person', name: 'Fuzz Person', role: 'admin', password: PERSON_PASSWORD };
    expect((await ctx.http.post('/api/v1/persons').set('Authorization', admin).send(person)).status).toBe(201);
    // The coordinator's plan and amendment pages (h-coordplan): a plan and an amendment to record events on.
    const plan = await ctx.http
      .post('/api/v1/collaborations/dalslandssamverkan/plans')
      .set('Authorization', admin)
      .send({
        title: 'Fuzzad plan',
        draftedOn: today,
        validFrom: '2031-01-01',
        validTo: '2031-12-31',
        focusAreas: [{ key: 'fuzz', name: 'Fuzz' }],
      });
    expect(plan.status).toBe(201);
    planId = plan.body.id;
    const amendment = await ctx.http
      .post('/api/v1/collaborations/dalslandssamverkan/amendments')
      .set('Authorization', admin)
      .send({ title: 'Fuzzad ändring', version: 'fuzz-1', text: 'Avsiktsförklaringen ändras.' });
    expect(amendment.status).toBe(201);
    amendmentId = amendment.body.id;
    // The coordinator's cost pages (h-coordcost)
    costRuleId = (
      await ctx.http.get('/api/v1/collaborations/dalslandssamverkan/cost-rules').set('Authorization', admin)
    ).body[0].id;
    invoiceId = (await ctx.http.get(`/api/v1/cost-rules/${costRuleId}/invoices`).set('Authorization', admin)).body
      .invoices[0].id;
  });

  const targets: WebTarget[] = [
    {
      name: 'POST /logga-in',
      path: () => '/logga-in',
      valid: () => ({ _csrf: pre, token: ctx.tokens.coordinator, next: '/samverkan' }),
      writes: ['web_session'],
    },
    {
      name: 'POST /logga-ut',
      path: () => '/logga-ut',
      valid: (token) => ({ _csrf: token }),
      writes: ['web_session'],
    },
    {
      name: 'POST /omraden/:id/handelser',
      path: () => `/omraden/${areaId}/handelser`,
      valid: (token) => ({
        _csrf: token,
        type: 'REVISION_STARTED',
        version: '4',
        _key: 'k',
        startedOn: today,
        reason: 'Översyn',
      }),
      writes: ['workflow_instance', 'workflow_transition', 'area', 'workflow_due_event', 'workflow_link'],
    },
    // sign-in by a person's name and password; the municipality's membership events (h-web2)
    {
      name: 'POST /logga-in/namn',
      path: () => '/logga-in/namn',
      valid: () => ({ _csrf: pre, userName: 'fuzz.person', password: PERSON_PASSWORD, next: '/kommun' }),
      writes: ['web_session'],
    },
    {
      name: 'POST /kommun/medlemskap/:slug/handelser',
      path: () => '/kommun/medlemskap/dalslandssamverkan/handelser?kommun=1461',
      valid: (token) => ({
        _csrf: token,
        type: 'FULLMAKTIGE_REQUESTED_EXIT',
        version: '3',
        decision_organ: 'KF',
        decision_date: '2025-03-01',
        desiredExitDate: '2026-12-31',
      }),
      writes: [...CLERK_WRITES, 'membership'],
    },
    // the clerk's pages (h-clerk)
    {
      name: 'POST /protokoll/sammantraden',
      path: () => '/protokoll/sammantraden',
      valid: (token) => ({
        _csrf: token,
        bodyId,
        date: today,
        ...attendanceFields(['Daniel Jensen', 'Anna Berg'], 'Daniel Jensen'),
      }),
      writes: CLERK_WRITES,
    },
    {
      name: 'POST /protokoll/sammantraden/:id/paragrafer',
      path: () => `/protokoll/sammantraden/${meetingId}/paragrafer`,
      valid: (token) => ({
        _csrf: token,
        paragraphNumber: '§ 99',
        ...paragraphFields('Fuzzat ärende'),
        r0_members: 'Sara Kanyinda',
        n0_member: 'Daniel Jensen',
        n0_text: 'Anteckning',
        n0_allowed: 'ja',
        // Issue 12 §3: tjänstgöring (R-H20), jävsgrund (R-H4), a refused bordläggning (R-H6), the kontraproposition
        // (R-H8): empty fields stay as a browser posts them, for the mutations to fill with hostile values.
        tj0: '',
        tj0_for: '',
        jav0_ground: '',
        fq0_kind: 'BORDLAGGNING',
        fq0_by: 'Sara Kanyinda',
        fq0_decidedBy: 'MAJORITY',
        fq0_supporters: '',
        fq0_method: 'ACKLAMATION',
        fq0_vote0: '',
        fq0_outcome: 'REFUSED',
        k_huvud: '',
        k_kind: 'OPEN_VOTE',
        k_vote0: '',
      }),
      writes: CLERK_WRITES,
    },
    {
      name: 'POST /protokoll/sammantraden/:id/justering',
      path: () => `/protokoll/sammantraden/${meetingId}/justering`,
      valid: (token) => ({
        _csrf: token,
        justeradOn: today,
        chair: 'Daniel Jensen',
        justerare: 'Marianne Sand Wallin',
      }),
      writes: CLERK_WRITES,
    },
    {
      name: 'POST /protokoll/sammantraden/:id/anslag',
      path: () => `/protokoll/sammantraden/${meetingId}/anslag`,
      valid: (token) => ({ _csrf: token, anslagOn: today }),
      writes: CLERK_WRITES,
    },
    // the coordinator's operational plan, Samverkansrådet and amendments (h-coordplan)
    ...coordplanWebTargets({ planId: () => planId, amendmentId: () => amendmentId, clerkWrites: CLERK_WRITES }),
    // the clerk's delegationsbeslut (h-delegnotice): record, report at a meeting, announce on its own
    {
      name: 'POST /protokoll/organ/:id/delegationsbeslut',
      path: () => `/protokoll/organ/${namndId}/delegationsbeslut`,
      valid: (token) => ({
        _csrf: token,
        kind: 'DELEGATIONSBESLUT',
        number: 'D 2026/9',
        delegate: 'Anna Berg',
        point: '3.2',
        decidedOn: today,
        matterTitle: 'Bistånd',
        decision: 'Bistånd beviljas.',
      }),
      writes: [...CLERK_WRITES, 'delegation_decision'],
    },
    {
      name: 'POST /protokoll/delegationsbeslut/:id/anmalan',
      path: () => `/protokoll/delegationsbeslut/${delegationId}/anmalan`,
      valid: (token) => ({ _csrf: token, meetingId, paragraphNumber: '§ 98' }),
      writes: CLERK_WRITES,
    },
    {
      name: 'POST /protokoll/delegationsbeslut/:id/tillkannagivande',
      path: () => `/protokoll/delegationsbeslut/${delegationId}/tillkannagivande`,
      valid: (token) => ({ _csrf: token, postedOn: today, keptAt: 'Kommunkansliet' }),
      writes: CLERK_WRITES,
    },
    // a paragraph's secrecy (h-secrecy): a marking, and its lifting after a sekretessprövning (R-K7, R-K13)
    {
      name: 'POST /protokoll/beslut/:id/sekretess',
      path: () => `/protokoll/beslut/${decisionId}/sekretess`,
      valid: (token) => ({ _csrf: token, _key: 'k', field: 'summary', provision: 'OSL 26 kap. 1 §' }),
      writes: SECRECY_WRITES,
    },
    {
      name: 'POST /protokoll/beslut/:id/sekretess/havning',
      path: () => `/protokoll/beslut/${decisionId}/sekretess/havning`,
      valid: (token) => ({
        _csrf: token,
        _key: 'k',
        field: 'summary',
        decidedOn: today,
        decidedBy: 'Socialnämndens ordförande',
        reason: 'Sekretessen gäller inte längre.',
      }),
      writes: SECRECY_WRITES,
    },
    // the auditor's pages (h-audpages): a verify job writes nothing (it runs in memory and reads one snapshot)
    {
      name: 'POST /granskning/verifiering',
      path: () => '/granskning/verifiering',
      valid: (token) => ({ _csrf: token, omfattning: 'arbetsflode', arbetsflode: decisionWorkflowId }),
      writes: [],
    },
    // the coordinator's cost pages (h-coordcost): a rule, its events, a confirmed run, a credit
    {
      name: 'POST /samverkan/:slug/kostnader',
      path: () => '/samverkan/dalslandssamverkan/kostnader',
      valid: (token) => ({
        _csrf: token,
        title: 'Fuzzregel',
        scope: 'common',
        function: 'Samordnare',
        host: '1492',
        method: 'percent',
        pay_1460: 'ja',
        share_1460: '10',
        costBase: 'lönekostnad',
        startMonth: '2020-01',
        adoptedOn: '2019-12-20',
        basis: 'Avtal',
      }),
      writes: COST_WRITES,
    },
    {
      name: 'POST /samverkan/:slug/kostnader/:id/handelser',
      path: () => `/samverkan/dalslandssamverkan/kostnader/${costRuleId}/handelser`,
      valid: (token) => ({ _csrf: token, type: 'COUNCIL_INFORMED', version: '2', informedOn: today }),
      writes: COST_WRITES,
    },
    {
      name: 'POST /samverkan/:slug/kostnader/:id/korningar',
      path: () => `/samverkan/dalslandssamverkan/kostnader/${costRuleId}/korningar`,
      valid: (token) => ({ _csrf: token, version: '2', from: '2023-01', amount: '48 500,00', issuedOn: today }),
      writes: COST_WRITES,
    },
    {
      name: 'POST /samverkan/:slug/kostnader/:id/fakturor/:invoiceId/kreditering',
      path: () => `/samverkan/dalslandssamverkan/kostnader/${costRuleId}/fakturor/${invoiceId}/kreditering`,
      valid: (token) => ({ _csrf: token, version: '2', amount: '1', reason: 'Fel underlag' }),
      writes: COST_WRITES,
    },
  ];

  it('every write route of the pages has a target here', () => {
    const routes = webWriteRoutes(ctx.app).map((r) => routeKey(r.method, r.path));
    const covered = targets.map((t) => routeKey('POST', t.name.split(' ')[1]));
    expect(routes.filter((r) => !covered.includes(r))).toEqual([]);
    expect(covered.filter((c) => !routes.includes(c))).toEqual([]);
  });

  const mutation = fc.oneof(
    fc.record({ op: fc.constant('drop' as const), pick: fc.nat() }),
    fc.record({ op: fc.constant('set' as const), pick: fc.nat(), value: fc.constantFrom(...HOSTILE) }),
    fc.record({ op: fc.constant('repeat' as const), pick: fc.nat() }),
    fc.record({
      op: fc.constant('extra' as const),
      key: fc.constantFrom('__proto__', 'constructor', 'x', 'type'),
      value: fc.constantFrom(...HOSTILE),
    }),
  );

  describe.each(targets.map((t) => [t.name, t] as const))('%s', (_name, target) => {
    it('no 5xx; HTML or a redirect; counts change only with a 303', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(mutation, { maxLength: 3 }),
          fc.constantFrom('session', 'session', 'session', 'none', 'forged'),
          fc.option(fc.uint8Array({ maxLength: 200 }), { freq: 6 }),
          async (mutations, who, bytes) => {
            const fields = Object.entries(target.valid(who === 'forged' ? 'forged' : csrf));
            for (const m of mutations) {
              const i = 'pick' in m ? m.pick % Math.max(1, fields.length) : 0;
              if (m.op === 'drop') fields.splice(i, 1);
              else if (m.op === 'set' && fields[i]) fields[i] = [fields[i][0], m.value];
              else if (m.op === 'repeat' && fields[i]) fields.push(fields[i]);
              else if (m.op === 'extra') fields.push([m.key, m.value]);
            }
            const body = bytes ? Buffer.from(bytes) : new URLSearchParams(fields).toString();
            const cookies = [`svk_pre=${pre}`, who === 'none' ? '' : web.cookie].filter(Boolean).join('; ');
            const before = await tableCounts(ctx);
            const res = await ctx.http
              .post(target.path())
              .set('Cookie', cookies)
              .set('Content-Type', 'application/x-www-form-urlencoded')
              .send(body);
            const where = `${target.name} ${who} ${JSON.stringify(mutations).slice(0, 300)} → ${res.status}`;
            expect({ where, server: res.status >= 500 }).toEqual({ where, server: false });
            if (res.status !== 303)
              expect({ where, type: res.headers['content-type'] }).toEqual({ where, type: 'text/html; charset=utf-8' });
            const after = await tableCounts(ctx);
            const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
            const allowed = res.status === 303 ? target.writes : [];
            expect({ where, changed: changed.filter((t) => !allowed.includes(t)) }).toEqual({ where, changed: [] });
            // A sign-out or a new sign-in ends or replaces the session the next cases use: sign in again.
            if (SESSION_ROUTES.includes(target.name) && res.status === 303) await renew();
          },
        ),
        { numRuns: RUNS, seed: SEED },
      );
    }, 240_000);
  });

  // The auditor's GET forms (h-audpages): any value of any of their fields, signed in as an admin, is an HTML page
  // (a 400 naming the field, a 404, a 409 refusal), a redirect, or the evidence package; never a 5xx.
  const GET_FORMS: Array<{ path: string; fields: string[]; valid: string[] }> = [
    { path: '/granskning/arbetsfloden', fields: ['id'], valid: ['00000000-0000-4000-8000-000000000000'] },
    {
      path: '/granskning/som-den-stod',
      fields: ['samverkan', 'datum', 'klockslag'],
      valid: ['dalslandssamverkan', '2024-01-01', '12:00'],
    },
    {
      path: '/granskning/vagrade-forsok',
      fields: ['regel', 'arbetsflode', 'fran', 'till', 'fore'],
      valid: ['R-C4', '2024-01-01', '1'],
    },
    {
      path: '/granskning/bevispaket',
      fields: ['samverkan', 'fran', 'till'],
      valid: ['dalslandssamverkan', '2024-01-01'],
    },
  ];
  describe.each(GET_FORMS.map((f) => [f.path, f] as const))('GET %s', (_path, form) => {
    it('no 5xx; HTML, a redirect or the package', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.constantFrom(...form.fields, 'lang', 'x'), fc.constantFrom(...HOSTILE, ...form.valid)), {
            maxLength: 4,
          }),
          async (pairs) => {
            const query = new URLSearchParams(pairs).toString();
            const res = await web.get(`${form.path}?${query}`);
            const where = `GET ${form.path}?${query.slice(0, 300)} → ${res.status}`;
            expect({ where, server: res.status >= 500 }).toEqual({ where, server: false });
            if (res.status !== 303 && res.headers['content-type'] !== 'application/x-tar')
              expect({ where, type: res.headers['content-type'] }).toEqual({ where, type: 'text/html; charset=utf-8' });
          },
        ),
        { numRuns: RUNS, seed: SEED },
      );
    }, 240_000);
  });

  // The preview of an invoice run (h-coordcost): a GET that computes and writes nothing, whatever it is sent.
  describe('GET /samverkan/:slug/kostnader/:id/forhandsgranskning', () => {
    const fields = ['from', 'to', 'issuedOn', 'amount', 'm0_month', 'm0_amount', 'parties', 'note', 'lang'];
    const valid = ['2023-01', '2023-02', '48500', '1460', '1492', today];
    it('no 5xx; HTML; nothing written', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.constantFrom(...fields), fc.constantFrom(...HOSTILE, ...valid)), { maxLength: 6 }),
          async (pairs) => {
            const query = new URLSearchParams(pairs).toString();
            const path = `/samverkan/dalslandssamverkan/kostnader/${costRuleId}/forhandsgranskning`;
            const before = await tableCounts(ctx);
            const res = await web.get(`${path}?${query}`);
            const where = `GET ${path}?${query.slice(0, 300)} → ${res.status}`;
            expect({ where, server: res.status >= 500 }).toEqual({ where, server: false });
            expect({ where, type: res.headers['content-type'] }).toEqual({ where, type: 'text/html; charset=utf-8' });
            expect({ where, counts: await tableCounts(ctx) }).toEqual({ where, counts: before });
          },
        ),
        { numRuns: RUNS, seed: SEED },
      );
    }, 240_000);
  });

  /** Signs the admin in (again): the session, its pre-session cookie and the CSRF token the cases send. */
  async function renew(): Promise<void> {
    web = await webSession(ctx, ctx.tokens.admin);
    pre = web.pre;
    csrf = csrfOf((await web.get(`/omraden/${areaId}`)).text);
  }
});
