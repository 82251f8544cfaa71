import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tar from 'tar';
import { createKeyFile } from '../../src/checkpoint/key-file';
import { ALG_ED25519 } from '../../src/checkpoint/note';
import { checkEvidence } from '../../src/evidence/evidence-check';
import { MachineRegistry } from '../../src/workflow/machine-registry';
import {
  apiClient,
  binaryBody,
  createCollaboration,
  decisionKit,
  expectErrorBody,
  paragraphs,
  pdfPlainText,
  sql,
  useTestApp,
} from './kit';

const SLUG = 'sekretess';
const ORIGIN = 'samverkan.example/sekretess';
const KEYS = fs.mkdtempSync(path.join(os.tmpdir(), 'secrecy-keys-'));

// Texts of these tests that are (or become) marked secret. Every markable text is kept beside the log from the start,
// so none of them is in a log row or the evidence package, marked or not.
const SUMMARY = 'Utredningen gäller Anna Anderssons behov av boendestöd (hemligt-1).';
const ATTACHMENT = 'Läkarintyg för Anna Andersson (hemligt-2)';
const PROPOSAL = 'Bifall enligt utredningen om Anna Andersson (hemligt-3)';
const SECRETS = [SUMMARY, ATTACHMENT, PROPOSAL];
const WITHHELD = '[Sekretess enligt OSL 26 kap. 1 § / Secret under OSL 26 kap. 1 §]';

// Issue 11 §8: secrecy (sekretessmarkering, OSL 5 kap., R-K7; who may read it, R-K12) and openness (R-K1, R-I11,
// R-K10): "A field marked secret is absent from the extract and the export."
describe('secrecy and openness of the protocol (issue 11 §8, R-K7, R-K10, R-K12)', () => {
  jest.setTimeout(120_000);
  const ctx = useTestApp({
    config: { CHECKPOINT_ORIGIN: ORIGIN, CHECKPOINT_KEY_FILE: path.join(KEYS, 'checkpoint.key') },
  });
  const api = apiClient(ctx);
  const { clerk, post, get, meeting, record } = decisionKit(ctx);
  const para = paragraphs({
    collaboration: SLUG,
    matter: { title: 'Boendestöd enligt SoL', diarienummer: 'SN 2024/12' },
    summary: SUMMARY,
    beslutsunderlag: ['Tjänsteskrivelse 2024-05-02', ATTACHMENT],
    proposals: [
      { id: 'A', by: [{ name: 'L1' }], text: PROPOSAL },
      { id: 'B', by: [{ name: 'L2' }], text: 'Avslag' },
    ],
    decision: { text: 'Nämnden beslutar om boendestöd.', attSatser: ['bevilja boendestöd.'] },
  });
  let meetingId: string;
  let decisionId: string;
  let token1460: string;

  beforeAll(async () => {
    createKeyFile(path.join(KEYS, 'checkpoint.key'), ORIGIN, ALG_ED25519);
    await createCollaboration(ctx, SLUG, { parties: ['1460', '1461'] });
    token1460 = await clerk('1460');
    meetingId = await meeting('1460');
    const p = await record(
      meetingId,
      para({ secrecy: [{ field: 'summary', provision: 'OSL 26 kap. 1 §' }] }),
      token1460,
    );
    decisionId = p.id;
  });
  afterAll(() => fs.rmSync(KEYS, { recursive: true, force: true }));

  /** Every log row's payload, as stored. */
  const logText = async () =>
    (await sql(ctx, 'SELECT payload FROM workflow_transition'))
      .map((r: { payload: unknown }) => String(r.payload))
      .join('\n');

  it('R-K7: a text marked when recorded is in no log row; the log holds its marker, the marking is a logged record', async () => {
    const log = await logText();
    for (const s of SECRETS) expect(log).not.toContain(s);
    expect(log).toMatch(/"summary":"sk:[0-9a-f]{64}"/);
    const [marking] = await sql(
      ctx,
      `SELECT id, field, provision FROM secrecy_marking WHERE decision_id = '${decisionId}'`,
    );
    expect(marking).toMatchObject({ field: 'summary', provision: 'OSL 26 kap. 1 §' });
    expect(log).toContain(`"id":"${marking.id}","table":"secrecy_marking"`);
  });

  it("R-K12: the holding municipality's clerk, the admin and the auditors read it; a coordinator and another municipality's clerk see it withheld", async () => {
    const as = async (token: string) => (await get(`/decisions/${decisionId}`, token)).body;
    for (const token of [token1460, ctx.tokens.admin, ctx.tokens.auditor]) {
      const d = await as(token);
      expect(d.paragraph.summary).toBe(SUMMARY);
      expect(d.paragraph.beslutsunderlag[1]).toBe(ATTACHMENT); // not marked (yet)
    }
    for (const token of [ctx.tokens.coordinator, await clerk('1461')]) {
      const d = await as(token);
      expect(d.paragraph.summary).toBe(WITHHELD);
      expect(d.secrecy).toEqual([{ field: 'summary', provision: 'OSL 26 kap. 1 §', markedOn: expect.any(String) }]);
      expect(d.paragraph.proposals[1].text).toBe('Avslag');
      expect(JSON.stringify(d)).not.toContain(SUMMARY);
    }
  });

  it('R-K7: a marking added later is a logged record, not a rewrite: the attachment is withheld from then on', async () => {
    const before = await sql(ctx, `SELECT COUNT(*) AS n FROM workflow_transition`);
    const res = await post(
      `/decisions/${decisionId}/secrecy`,
      { field: 'beslutsunderlag[1]', provision: 'OSL 26 kap. 1 §' },
      token1460,
    );
    expect(res.status).toBe(201);
    expect(res.body.paragraph.beslutsunderlag[1]).toBe(ATTACHMENT); // the clerk who holds it
    expect(res.body.secrecy.map((m: { field: string }) => m.field)).toEqual(['summary', 'beslutsunderlag[1]']);
    const after = await sql(ctx, `SELECT COUNT(*) AS n FROM workflow_transition`);
    expect(Number(after[0].n)).toBe(Number(before[0].n) + 1); // one RECORD_WRITTEN on the register of 1460
    const coordinator = (await get(`/decisions/${decisionId}`, ctx.tokens.coordinator)).body;
    expect(coordinator.paragraph.beslutsunderlag).toEqual(['Tjänsteskrivelse 2024-05-02', WITHHELD]);
  });

  it('R-K7: refuses a marking without its provision, of a text the paragraph lacks, already marked, or by another role', async () => {
    const mark = (body: object, token = token1460) => post(`/decisions/${decisionId}/secrecy`, body, token);
    const refused = async (body: object, code: string) => {
      const res = await mark(body);
      expect({ status: res.status, code: res.body.code, ruleId: res.body.ruleId }).toEqual({
        status: 422,
        code,
        ruleId: 'R-K7',
      });
      expectErrorBody(res.body);
      expect(res.body.messageSv).toBeTruthy();
    };
    await refused({ field: 'decision.text', provision: 'sekretess' }, 'SECRECY_PROVISION_INVALID');
    await refused({ field: 'matter.title', provision: 'OSL 26 kap. 1 §' }, 'SECRECY_FIELD_UNKNOWN');
    await refused({ field: 'proposals[5].text', provision: 'OSL 26 kap. 1 §' }, 'SECRECY_FIELD_UNKNOWN');
    await refused({ field: 'summary', provision: 'OSL 21 kap. 1 §' }, 'SECRECY_ALREADY_MARKED');
    expect((await mark({ provision: 'OSL 26 kap. 1 §' }, ctx.tokens.coordinator)).status).toBe(403);
    expect((await mark({ provision: 'OSL 26 kap. 1 §' }, await clerk('1461'))).status).toBe(403);
    expect((await mark({ provision: 'OSL 26 kap. 1 §', extra: 1 })).status).toBe(400);
    const [n] = await sql(ctx, `SELECT COUNT(*) AS n FROM secrecy_marking WHERE decision_id = '${decisionId}'`);
    expect(Number(n.n)).toBe(2);
    // Given with the paragraph, a bad marking refuses the paragraph and writes nothing.
    const count = async () => (await get(`/meetings/${meetingId}`)).body.paragraphs.length as number;
    const was = await count();
    const bad = await post(
      `/meetings/${meetingId}/paragraphs`,
      para({ secrecy: [{ provision: 'OSL 26 kap. 1 §' }, { field: 'summary', provision: 'OSL 26 kap. 1 §' }] }),
      token1460,
    );
    expect(bad.body).toMatchObject({ code: 'SECRECY_ALREADY_MARKED', ruleId: 'R-K7' });
    expect(await count()).toBe(was);
  });

  it('the extract (HTML and PDF) shows what was withheld and under which provision, never the text, whoever asks', async () => {
    for (const token of [token1460, ctx.tokens.coordinator]) {
      const htmlRes = await get(`/decisions/${decisionId}/extract`, token);
      expect(htmlRes.status).toBe(200);
      for (const s of [SUMMARY, ATTACHMENT]) expect(htmlRes.text).not.toContain(s);
      expect(htmlRes.text).toContain('Sekretess enligt OSL 26 kap. 1 §');
      expect(htmlRes.text).toContain('Uppgift (summary) omfattas av sekretess enligt OSL 26 kap. 1 §');
      expect(htmlRes.text).toContain('Avslag');
      const pdfRes = await get(`/decisions/${decisionId}/extract.pdf`, token).buffer(true).parse(binaryBody);
      expect(pdfRes.status).toBe(200);
      const text = pdfPlainText(pdfRes.body as Buffer);
      expect(text).toContain('Sekretess enligt OSL 26 kap. 1 §');
      for (const s of [SUMMARY, ATTACHMENT]) expect(text).not.toContain(s);
      expect(text).toContain('Boendestöd enligt SoL');
    }
  });

  it('R-K7: a whole paragraph marked secret withholds every text of it; its title, diarienummer and att-satser stay', async () => {
    const p = await record(meetingId, para({ secrecy: [{ provision: 'OSL 26 kap. 1 §' }] }), token1460);
    const d = (await get(`/decisions/${p.id}`, ctx.tokens.coordinator)).body;
    expect(d.paragraph.summary).toBe(WITHHELD);
    expect(d.paragraph.proposals.map((x: { text: string }) => x.text)).toEqual([WITHHELD, WITHHELD]);
    expect(d.paragraph.decision).toEqual({ text: WITHHELD, attSatser: ['bevilja boendestöd.'] });
    expect(d.paragraph.matter).toMatchObject({ title: 'Boendestöd enligt SoL', diarienummer: 'SN 2024/12' });
    const own = (await get(`/decisions/${p.id}`, token1460)).body;
    expect(own.paragraph.proposals[0].text).toBe(PROPOSAL);
    // An amended draft: its new text goes beside the log too, and the marking of the paragraph covers it.
    const amended = { ...para({ paragraphNumber: p.paragraphNumber }), summary: 'Ny sammanfattning (hemligt-4)' };
    const amend = (paragraph: object) =>
      post(`/decisions/${p.id}/events`, { type: 'PARAGRAPH_AMENDED', paragraph, reason: 'Omformulerat' }, token1460);
    expect((await amend({ ...amended, secrecy: [{ provision: 'OSL 26 kap. 1 §' }] })).status).toBe(400);
    expect((await amend(amended)).status).toBe(201);
    expect((await get(`/decisions/${p.id}`, token1460)).body.paragraph.summary).toBe('Ny sammanfattning (hemligt-4)');
    expect((await get(`/decisions/${p.id}`, ctx.tokens.coordinator)).body.paragraph.summary).toBe(WITHHELD);
    expect(await logText()).not.toContain('hemligt-4');
    const extract = (await get(`/decisions/${p.id}/extract`, token1460)).text;
    expect(extract).toContain('Paragrafen omfattas av sekretess enligt OSL 26 kap. 1 §');
    expect(extract).not.toContain('(hemligt-');
  });

  it('R-K1, R-I11, R-K10: the public extract of a justerat paragraph, without sign-in and with the secret withheld; none of a draft', async () => {
    const url = `/anslagstavla/1460/utdrag/${decisionId}`;
    const draft = await ctx.http.get(url).set('Accept', 'application/json');
    expect(draft.status).toBe(404);
    expect(draft.body).toMatchObject({ code: 'EXTRACT_NOT_JUSTERAT', ruleId: 'R-K10' });
    expectErrorBody(draft.body);
    const page = await ctx.http.get(url);
    expect(page.status).toBe(404);
    expect(page.text).toContain('Paragrafen är inte justerad ännu');
    expect(
      (await post(`/meetings/${meetingId}/justering`, { justeradOn: '2024-05-24', justerare: ['L1', 'L3'] }, token1460))
        .status,
    ).toBe(200);
    const extract = await ctx.http.get(url);
    expect(extract.status).toBe(200);
    expect(extract.headers['content-type']).toContain('text/html');
    expect(extract.text).toContain('Boendestöd enligt SoL');
    expect(extract.text).toContain('Sekretess enligt OSL 26 kap. 1 §');
    for (const s of [SUMMARY, ATTACHMENT]) expect(extract.text).not.toContain(s);
    expect(extract.text).toContain(PROPOSAL); // not marked: an allmän handling like the rest
    expect(extract.text).not.toContain('sk:');
    expect((await ctx.http.get(`/anslagstavla/1461/utdrag/${decisionId}`)).status).toBe(404);
    expect((await ctx.http.get(`/anslagstavla/1460/utdrag/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    // The notice board's archive, once posted, names the paragraph and none of its secret texts.
    expect((await post(`/meetings/${meetingId}/anslag`, { anslagOn: '2024-05-27' }, token1460)).status).toBe(200);
    const archive = await ctx.http.get('/anslagstavla/1460/arkiv');
    expect(archive.status).toBe(200);
    expect(archive.text).toContain('Boendestöd enligt SoL');
    for (const s of SECRETS) expect(archive.text).not.toContain(s);
  });

  it('the evidence package verifies with the marked texts absent from it (the log rows hold their markers)', async () => {
    const res = await ctx.http
      .get(`/api/v1/collaborations/${SLUG}/evidence`)
      .set('Authorization', `Bearer ${ctx.tokens.auditor}`)
      .buffer(true)
      .parse(binaryBody);
    expect(res.status).toBe(200);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secrecy-evidence-'));
    try {
      const file = path.join(dir, 'package.tar');
      fs.writeFileSync(file, res.body as Buffer);
      const check = await checkEvidence(file, new MachineRegistry());
      expect(check.problems).toEqual([]);
      expect(check.ok).toBe(true);
      await tar.extract({ file, cwd: dir });
      const all: string[] = [];
      const walk = (d: string) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
          const p = path.join(d, e.name);
          if (e.isDirectory()) walk(p);
          else if (e.name !== 'package.tar') all.push(fs.readFileSync(p, 'utf8'));
        }
      };
      walk(dir);
      const text = all.join('\n');
      expect(text).toContain(decisionId); // the paragraph is in the package
      expect(text).toMatch(/sk:[0-9a-f]{64}/);
      for (const s of SECRETS) expect(text).not.toContain(s);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('verify finds the markings registered and the log whole', async () => {
    const started = await api.post('/verify', {}, ctx.tokens.auditor);
    let job = started.body;
    while (job.status === 'running') {
      await new Promise((r) => setImmediate(r));
      job = (await api.get(`/verify/${started.body.id}`, ctx.tokens.auditor)).body;
    }
    expect(job.report.problems).toEqual([]);
  });
});
