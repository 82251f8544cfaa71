import request from 'supertest';
import { createApp } from '../../src/bootstrap';
import { defaultSeed, loadConfig } from '../../src/config/app-config';
import { EXAMPLE_LABEL } from '../../src/seed/demo-marks';
import {
  apiClient,
  bearer,
  binaryBody,
  createTestDatabase,
  decisionKit,
  getHistory,
  MELLERUD,
  MELLERUD_PARAGRAPH,
  pdfPlainText,
  SOCIALNAMNDEN_ATTENDEES,
  useTestApp,
} from './kit';

const LABEL = `${EXAMPLE_LABEL.sv} / ${EXAMPLE_LABEL.en}`;
const CERTIFIES = 'rätt utdraget intygar';

// Demo data never passes for real (issue item 7): every demo record carries an example mark in its own data
// (src/seed/demo-marks.ts), and every view, extract and export of it shows "EXEMPEL – fiktiva uppgifter".
describe('demo data is marked as example data wherever it is shown (SEED=demo)', () => {
  const ctx = useTestApp({ seed: 'demo' });
  const api = apiClient(ctx);
  const { clerk, recorded } = decisionKit(ctx);

  const mellerudDecision = async () => {
    const list = await api.get(`/municipalities/${MELLERUD}/decisions`);
    expect(list.status).toBe(200);
    const withProtocol = list.body.filter((d: any) => d.workflowId);
    expect(withProtocol).toHaveLength(1);
    expect(withProtocol[0].example).toMatchObject({ label: LABEL, example: true });
    const res = await api.get(`/decisions/${withProtocol[0].id}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('collaboration and membership views carry the mark (GET /collaborations, /{slug}, /{slug}/memberships/{code})', async () => {
    const list = await api.get('/collaborations');
    for (const c of list.body)
      expect({ slug: c.slug, label: c.example?.label }).toEqual({ slug: c.slug, label: LABEL });
    for (const slug of ['dalslandssamverkan', 'vastra-malardalen']) {
      const c = await api.get(`/collaborations/${slug}`);
      expect(c.body.example).toMatchObject({ label: LABEL, example: true, note: expect.stringContaining(LABEL) });
      for (const m of c.body.members) expect(m.example?.label).toBe(LABEL);
    }
    const m = await api.get('/collaborations/dalslandssamverkan/memberships/1492');
    expect(m.body.example.label).toBe(LABEL);
    // SEED-VM gives the signing date only: the effective date is the demo's assumption, and marked so.
    const vm = await api.get('/collaborations/vastra-malardalen');
    expect(vm.body.example.fictitious).toEqual(['declarationEffectiveDate']);
    expect(vm.body.example.sources).toEqual(['SEED-VM']);
  });

  it('the Mellerud paragraph names its invented facts and the text corrected from the bad scan (GET /decisions/{id})', async () => {
    const d = await mellerudDecision();
    expect(d.example).toMatchObject({ label: LABEL, example: true, sources: ['SEED-MEL'] });
    expect(d.example.fictitious).toEqual(
      expect.arrayContaining([
        'paragraphNumber',
        'matter.diarienummer',
        'meeting.date',
        'justeradOn',
        'justerare',
        'anslagOn',
        'noticeBoard',
      ]),
    );
    const motivation = d.example.corrected.find((c: any) => c.field === 'reservations[0].motivation.text');
    expect(motivation.note).toContain('"fucialdemokrater" → "socialdemokrater"');
    expect(d.paragraph.reservations[0].motivation.text).toContain('Vi socialdemokrater');
    // The invented notice board cannot pass for a real address (RFC 2606 .example).
    expect(d.noticeBoard).toMatch(/^https:\/\/anslagstavla\.example\//);
    const meeting = await api.get(`/meetings/${d.meeting.id}`);
    expect(meeting.body.example).toMatchObject({ label: LABEL });
    expect(meeting.body.example.fictitious).toEqual(expect.arrayContaining(['date', 'place', 'body.memberCount']));
    expect(meeting.body.paragraphs[0].example.label).toBe(LABEL);
  });

  it('the HTML extract shows the mark and does not certify ("rätt utdraget intygar" never appears)', async () => {
    const d = await mellerudDecision();
    const html = await api.get(`/decisions/${d.id}/extract`);
    expect(html.status).toBe(200);
    expect(html.text).toContain(`<p class="banner" role="note">${LABEL}</p>`);
    expect(html.text).toContain(`<title>${LABEL}: Protokollsutdrag § 45`);
    expect(html.text).not.toContain(CERTIFIES);
    expect(html.text).toContain('utdraget är inte bestyrkt');
    expect(html.text).toContain('data-section="exempel"');
    expect(html.text).toContain('matter.diarienummer');
  });

  it('the PDF extract shows the mark and does not certify', async () => {
    const d = await mellerudDecision();
    const pdf = await api.get(`/decisions/${d.id}/extract.pdf`).buffer(true).parse(binaryBody);
    expect(pdf.status).toBe(200);
    const text = pdfPlainText(pdf.body as Buffer);
    expect(text).toContain('§ 45');
    expect(text).toContain(LABEL);
    expect(text).toContain('utdraget är inte bestyrkt');
    expect(text).not.toContain(CERTIFIES);
  });

  it('the exports of the log carry the marks: the workflow history and the instance of each demo record', async () => {
    const d = await mellerudDecision();
    const history = await getHistory(ctx, d.workflowId);
    const byType = Object.fromEntries(history.map((t) => [t.eventType, t.payload]));
    expect(byType.JUSTERAT.example.fictitious).toEqual(['justeradOn', 'justerare']);
    expect(byType.ANSLAG_POSTED.example.fictitious).toEqual(['anslagOn', 'noticeBoard']);
    const instance = await api.get(`/workflows/${d.workflowId}`);
    expect(instance.status).toBe(200);
    expect(instance.body.context.paragraph.example).toMatchObject({ example: true, sources: ['SEED-MEL'] });
    const c = await api.get('/collaborations/dalslandssamverkan');
    const collaboration = await api.get(`/workflows/${c.body.workflowId}`);
    expect(collaboration.body.context.example).toMatchObject({ example: true, sources: ['SEED-AF', 'SEED-PR'] });
  });

  it('a record a clerk makes through the API without a mark is real: no mark, and its extract is certified', async () => {
    const sn = await api.post(
      `/municipalities/${MELLERUD}/bodies`,
      { kind: 'NAMND', name: 'Socialnämnden (verklig)', memberCount: 9 },
      await clerk(MELLERUD),
    );
    const m = await api.post(
      `/bodies/${sn.body.id}/meetings`,
      { date: '2024-05-22', attendees: SOCIALNAMNDEN_ATTENDEES },
      await clerk(MELLERUD),
    );
    expect(m.body.example).toBeNull();
    const d = await recorded(MELLERUD, m.body.id, {
      ...MELLERUD_PARAGRAPH,
      paragraphNumber: '§ 46',
      matter: { title: 'Ett annat ärende', diarienummer: 'SN 2024/16', diarium: 'SN' },
    });
    expect(d.example).toBeNull();
    await api.post(
      `/meetings/${m.body.id}/justering`,
      { justeradOn: '2024-05-29', justerare: ['Daniel Jensen', 'Marianne Sand Wallin'] },
      await clerk(MELLERUD),
    );
    const html = await api.get(`/decisions/${d.id}/extract`);
    expect(html.text).toContain(CERTIFIES);
    expect(html.text).not.toContain(LABEL);
  });

  it('a mark is validated like any input: example must be true and fictitious a list (400 naming the field)', async () => {
    const sn = await api.post(
      `/municipalities/${MELLERUD}/bodies`,
      { kind: 'NAMND', name: 'Testnämnden', memberCount: 9 },
      await clerk(MELLERUD),
    );
    const res = await api.post(
      `/bodies/${sn.body.id}/meetings`,
      {
        date: '2024-05-22',
        attendees: SOCIALNAMNDEN_ATTENDEES,
        example: { example: false, note: 'x', fictitious: 'date' },
      },
      await clerk(MELLERUD),
    );
    expect(res.status).toBe(400);
    expect(res.body.details.fields.map((f: any) => f.field)).toEqual(
      expect.arrayContaining(['example.example', 'example.fictitious']),
    );
  });
});

describe('which starts get demo data (SEED unset)', () => {
  it('npm start (no DATABASE_URL, not production) seeds demo data into its own database file; a DATABASE_URL or NODE_ENV=production does not, unless SEED says so', () => {
    expect(loadConfig({}).SEED).toBe('demo');
    expect(loadConfig({}).DATABASE_URL).toBe('sqlite:data/samverkan.sqlite');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/samverkan' }).SEED).toBe('none');
    expect(loadConfig({ DATABASE_URL: 'sqlite:data/samverkan.sqlite' }).SEED).toBe('none');
    expect(loadConfig({ NODE_ENV: 'production' }).SEED).toBe('none');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/samverkan', SEED: 'demo' }).SEED).toBe('demo');
    expect(loadConfig({ NODE_ENV: 'production', SEED: 'demo' }).SEED).toBe('demo');
    expect(loadConfig({ SEED: 'none' }).SEED).toBe('none');
    expect(defaultSeed({}, { DATABASE_URL: 'sqlite:data/x.sqlite' })).toBe('none');
  });

  it('a service started with a DATABASE_URL and no SEED starts without demo data (over HTTP)', async () => {
    const database = await createTestDatabase('demo-marks');
    const adminToken = 'x'.repeat(40);
    const app = await createApp(
      loadConfig({
        DATABASE_URL: database.url,
        ADMIN_TOKEN: adminToken,
        ACCESS_LOG: 'off',
        DUE_EVENTS_INTERVAL_MS: '0',
        SQLITE_SYNCHRONOUS: 'NORMAL',
      }),
      { logger: false },
    );
    try {
      const res = await request(app.getHttpServer()).get('/api/v1/collaborations').set(bearer(adminToken));
      expect(res.status).toBe(200);
      expect(res.body).toEqual([]);
    } finally {
      await app.close();
      await database.drop();
    }
  });
});
