import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tar from 'tar';
import { createKeyFile } from '../../src/checkpoint/key-file';
import { ALG_COSIGNATURE_V1, ALG_ED25519, vkeyOf } from '../../src/checkpoint/note';
import { witnessOnce, type WitnessState } from '../../src/cli/witness';
import { checkEvidence } from '../../src/evidence/evidence-check';
import { Clock } from '../../src/workflow/clock';
import { MachineRegistry } from '../../src/workflow/machine-registry';
import {
  accepted,
  apiClient,
  createCollaboration,
  enter,
  ev,
  expectErrorBody,
  sql,
  useTestApp,
  type TestContext,
} from './kit';

const ROOT = path.resolve(__dirname, '../..');
const SLUG = 'evidens';
const ORIGIN = 'samverkan.example/evidens';
const KEYS = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-keys-'));

// Issue 10 §8: a collaboration's log as one E-ARK SIP (METS, PREMIS, rows as JSON lines, the machine definitions,
// the records, a CSV, a summary, a manifest), checked by `verify-export` with no database and no network.
describe('the evidence package', () => {
  jest.setTimeout(180_000);
  const ctx = useTestApp({
    config: { CHECKPOINT_ORIGIN: ORIGIN, CHECKPOINT_KEY_FILE: path.join(KEYS, 'checkpoint.key') },
  });
  const api = apiClient(ctx);
  let dir: string;

  /** GET the package as `token`: the archive's bytes. */
  async function download(query = '', token = ctx.tokens.auditor) {
    const res = await ctx.http
      .get(`/api/v1/collaborations/${SLUG}/evidence${query}`)
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    return res;
  }

  async function saved(name: string, query = ''): Promise<string> {
    const res = await download(query);
    expect(res.status).toBe(200);
    const file = path.join(dir, name);
    fs.writeFileSync(file, res.body as Buffer);
    return file;
  }

  /** Unpacks `archive`, lets `change` edit the folder, and packs it again as `out`. */
  async function tampered(archive: string, out: string, change: (root: string) => void): Promise<string> {
    const work = fs.mkdtempSync(path.join(dir, 'work-'));
    await tar.extract({ file: archive, cwd: work });
    const [top] = fs.readdirSync(work);
    change(path.join(work, top));
    await tar.create({ file: out, cwd: work, portable: true }, [top]);
    return out;
  }

  /** Runs `recorded` with the service's clock at `instant` (so its rows are recorded then). */
  async function at<T>(context: TestContext, instant: string, recorded: () => Promise<T>): Promise<T> {
    const clock = context.app.get(Clock) as unknown as Record<string, unknown>;
    clock.nowIso = () => instant;
    try {
      return await recorded();
    } finally {
      delete clock.nowIso;
    }
  }

  beforeAll(async () => {
    createKeyFile(path.join(KEYS, 'checkpoint.key'), ORIGIN, ALG_ED25519);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-e2e-'));
    await at(ctx, '2024-01-10T09:00:00.000Z', async () => {
      await createCollaboration(ctx, SLUG, { parties: ['1460', '1461', '1492'] });
      await enter(ctx, '1460', '2023-11-29', '2023-12-08', SLUG);
      await enter(ctx, '1461', '2023-11-29', '2023-12-08', SLUG);
    });
    await enter(ctx, '1492', '2023-11-29', '2023-12-08', SLUG);
    await accepted(ctx, '1461', ev.requestExit('2025-03-10'), { slug: SLUG });
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(KEYS, { recursive: true, force: true });
  });

  /** The log rows of the collaboration's workflows (its own and its memberships'). */
  async function rowsOfCollaboration(): Promise<number> {
    const [r] = await sql(
      ctx,
      `SELECT COUNT(*) AS n FROM workflow_transition t JOIN workflow_instance i ON i.id = t.instance_id ` +
        `WHERE i.subject = 'collaboration:${SLUG}' OR i.subject LIKE 'membership:${SLUG}:%'`,
    );
    return Number(r.n);
  }

  it('is an E-ARK SIP of the whole log that verifies offline: every file, row, definition and replay', async () => {
    const file = await saved('whole.tar');
    const listed: string[] = [];
    await tar.list({ file, onReadEntry: (e) => listed.push(e.path) });
    const top = listed[0].split('/')[0];
    const inside = listed.map((p) => p.slice(top.length + 1));
    for (const required of [
      'METS.xml',
      'manifest-sha256.txt',
      'metadata/preservation/premis.xml',
      'representations/rep1/METS.xml',
      'representations/rep1/data/package.json',
      'representations/rep1/data/workflows.json',
      'representations/rep1/data/records.json',
      'representations/rep1/data/log.csv',
      'representations/rep1/data/machines/membership@2.json',
      'documentation/summary.html',
    ])
      expect(inside).toContain(required);
    expect(inside.filter((p) => p.startsWith('representations/rep1/data/log/') && p.endsWith('.jsonl'))).toHaveLength(
      4,
    );
    // The checkpoint made for the export, the keys, and a proof file per log beside it.
    const latest = (await api.get('/checkpoints/latest')).body;
    expect(inside).toEqual(
      expect.arrayContaining([
        `representations/rep1/data/checkpoints/${latest.size}.checkpoint`,
        'representations/rep1/data/checkpoints/log.vkey',
        'representations/rep1/data/checkpoints/witnesses.vkey',
        'representations/rep1/data/proofs/consistency.json',
      ]),
    );
    expect(
      inside.filter((p) => p.startsWith('representations/rep1/data/proofs/') && p.endsWith('.jsonl')),
    ).toHaveLength(4);

    const check = await checkEvidence(file, new MachineRegistry());
    expect(check.problems).toEqual([]);
    expect(check).toMatchObject({ ok: true, workflows: 4, rows: await rowsOfCollaboration() });
  });

  it('a period leaves out the rows recorded after it; the heads are as of then, and the package still verifies', async () => {
    const file = await saved('2024.tar', '?from=2024-01-01&to=2024-12-31');
    const check = await checkEvidence(file, new MachineRegistry());
    expect(check.problems).toEqual([]);
    // Every membership was created with the collaboration in 2024; 1492's entry and 1461's exit request came later
    // and are left out, so those two heads are rebuilt as of their last row in 2024 (and verify).
    expect(check.workflows).toBe(4);
    const [late] = await sql(
      ctx,
      `SELECT COUNT(*) AS n FROM workflow_transition t JOIN workflow_instance i ON i.id = t.instance_id ` +
        `WHERE (i.subject = 'collaboration:${SLUG}' OR i.subject LIKE 'membership:${SLUG}:%') AND t.recorded_at > '2025'`,
    );
    expect(check.rows).toBe((await rowsOfCollaboration()) - Number(late.n));
  });

  it('one changed byte is found, naming the file and the row', async () => {
    const whole = await saved('whole2.tar');
    let changedFile = '';
    const out = await tampered(whole, path.join(dir, 'byte.tar'), (root) => {
      const logDir = path.join(root, 'representations/rep1/data/log');
      // A log of more than one row (file names are workflow ids, so their order is chance).
      const first = fs
        .readdirSync(logDir)
        .sort()
        .find((f) => fs.readFileSync(path.join(logDir, f), 'utf8').split('\n').filter(Boolean).length > 1)!;
      changedFile = `representations/rep1/data/log/${first}`;
      const lines = fs.readFileSync(path.join(logDir, first), 'utf8').split('\n');
      // The second row's actor role, one letter changed: a row an attacker rewrote.
      lines[1] = lines[1].replace(/"actorRole":"(\w)/, (_m, c: string) => `"actorRole":"${c === 'a' ? 'b' : 'a'}`);
      fs.writeFileSync(path.join(logDir, first), lines.join('\n'));
    });
    const check = await checkEvidence(out, new MachineRegistry());
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: changedFile, kind: 'FILE_HASH_MISMATCH' }),
        expect.objectContaining({ file: changedFile, kind: 'HASH_MISMATCH', seq: 1, line: 2 }),
      ]),
    );
  });

  it('a definition that differs from the checkout’s, a removed file and an extra one are each found', async () => {
    const whole = await saved('whole3.tar');
    const out = await tampered(whole, path.join(dir, 'files.tar'), (root) => {
      fs.rmSync(path.join(root, 'documentation/summary.html'));
      fs.writeFileSync(path.join(root, 'representations/rep1/data/extra.txt'), 'x');
    });
    const kinds = (await checkEvidence(out, new MachineRegistry())).problems.map((p) => `${p.kind} ${p.file}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'FILE_MISSING documentation/summary.html',
        'FILE_NOT_IN_MANIFEST representations/rep1/data/extra.txt',
      ]),
    );
    // A checkout whose membership@2 is another machine than the one the rows were written under.
    const registry = new MachineRegistry();
    registry.register({ ...registry.get('membership', 2), machine: registry.get('collaboration', 3).machine });
    const differs = await checkEvidence(whole, registry);
    expect(differs.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'MACHINE_DEFINITION_DIFFERS',
          file: 'representations/rep1/data/machines/membership@2.json',
        }),
      ]),
    );
  });

  it('a changed byte of a checkpoint note or of a proof is found naming the file and the row; witnesses count toward a threshold', async () => {
    const w1 = createKeyFile(path.join(KEYS, 'witness-1460.key'), 'witness-1460', ALG_COSIGNATURE_V1);
    const w2 = createKeyFile(path.join(KEYS, 'witness-1492.key'), 'witness-1492', ALG_COSIGNATURE_V1);
    for (const w of [w1, w2])
      expect((await api.post('/witnesses', { name: w.name, vkey: vkeyOf(w) })).status).toBe(201);
    const http = (token: string) => ({
      get: async (p: string) => {
        const res = await api.get(p, token);
        return { status: res.status, body: res.body };
      },
      post: async (p: string, body: unknown) => {
        const res = await api.post(p, body, token);
        return { status: res.status, body: res.body };
      },
    });
    await saved('before-witness.tar'); // makes the checkpoint the witnesses cosign
    let state: WitnessState | null = null;
    expect(await witnessOnce(http(ctx.tokens.clerk['1460']), w1, state, { save: (s) => (state = s) })).toMatchObject({
      ok: true,
    });
    const one = await saved('one-witness.tar');
    expect((await checkEvidence(one, new MachineRegistry(), { witnesses: 1 })).problems).toEqual([]);
    const latest = (await api.get('/checkpoints/latest')).body;
    const noteFile = `representations/rep1/data/checkpoints/${latest.size}.checkpoint`;
    expect((await checkEvidence(one, new MachineRegistry(), { witnesses: 2 })).problems).toEqual([
      expect.objectContaining({ kind: 'WITNESS_THRESHOLD', file: noteFile }),
    ]);
    let other: WitnessState | null = null;
    expect(await witnessOnce(http(ctx.tokens.clerk['1492']), w2, other, { save: (s) => (other = s) })).toMatchObject({
      ok: true,
    });
    const two = await saved('two-witnesses.tar');
    expect((await checkEvidence(two, new MachineRegistry(), { witnesses: 2 })).problems).toEqual([]);

    // One byte of the note's time line: the log's signature no longer verifies (and no cosignature either).
    const note = await tampered(two, path.join(dir, 'note.tar'), (root) => {
      const file = path.join(root, noteFile);
      fs.writeFileSync(
        file,
        fs.readFileSync(file, 'utf8').replace(/^time (\d)/m, (_m, d: string) => `time ${d === '1' ? '2' : '1'}`),
      );
    });
    expect((await checkEvidence(note, new MachineRegistry())).problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'CHECKPOINT_SIGNATURE_INVALID', file: noteFile }),
        expect.objectContaining({ kind: 'COSIGNATURE_INVALID', file: noteFile }),
      ]),
    );
    // One character of a hash in the inclusion proof of a row (line 2: seq 1).
    let proofFile = '';
    let workflowId = '';
    const proof = await tampered(two, path.join(dir, 'proof.tar'), (root) => {
      const proofDir = path.join(root, 'representations/rep1/data/proofs');
      const name = fs
        .readdirSync(proofDir)
        .sort()
        .find(
          (f) =>
            f.endsWith('.jsonl') &&
            fs.readFileSync(path.join(proofDir, f), 'utf8').split('\n').filter(Boolean).length > 1,
        )!;
      workflowId = name.replace(/\.jsonl$/, '');
      proofFile = `representations/rep1/data/proofs/${name}`;
      const lines = fs.readFileSync(path.join(proofDir, name), 'utf8').split('\n');
      lines[1] = lines[1].replace(/"proof":\["(.)/, (_m, c: string) => `"proof":["${c === 'A' ? 'B' : 'A'}`);
      fs.writeFileSync(path.join(proofDir, name), lines.join('\n'));
    });
    expect((await checkEvidence(proof, new MachineRegistry())).problems).toEqual([
      expect.objectContaining({ kind: 'FILE_HASH_MISMATCH', file: proofFile }),
      expect.objectContaining({ kind: 'INCLUSION_PROOF_INVALID', file: proofFile, line: 2, seq: 1, workflowId }),
    ]);
  });

  it('only an auditor or an admin exports; an unknown collaboration is 404, a period ending before it starts 400', async () => {
    expect((await download('', ctx.tokens.coordinator)).status).toBe(403);
    expect((await download('', ctx.tokens.clerk['1460'])).status).toBe(403);
    expect((await download('', ctx.tokens.admin)).status).toBe(200);
    const unknown = await api.get('/collaborations/ingen-sadan/evidence');
    expect(unknown.status).toBe(404);
    expectErrorBody(unknown.body, 'NOT_FOUND');
    const reversed = await api.get(`/collaborations/${SLUG}/evidence?from=2024-02-01&to=2024-01-01`);
    expect(reversed.status).toBe(400);
    expect(reversed.body.details.fields).toEqual([expect.objectContaining({ field: 'to' })]);
    expect((await api.get(`/collaborations/${SLUG}/evidence?to=2024-13-01`)).status).toBe(400);
  });

  it('`verify-export` checks a package with no database: exit 0 when clean, 1 naming the file and the line when not', async () => {
    const whole = await saved('cli.tar');
    const broken = await tampered(whole, path.join(dir, 'cli-broken.tar'), (root) => {
      const csv = path.join(root, 'representations/rep1/data/log.csv');
      const lines = fs.readFileSync(csv, 'utf8').split('\n');
      lines[2] = lines[2].replace('ja', 'nej');
      fs.writeFileSync(csv, lines.join('\n'));
    });
    // No database: DATABASE_URL names a file in a folder that does not exist, and nothing may create it.
    const nowhere = path.join(dir, 'no-such-folder', 'db.sqlite');
    const run = (file: string) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
        execFile(
          process.execPath,
          ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', 'verify-export', file],
          { cwd: ROOT, env: { ...process.env, DATABASE_URL: `sqlite:${nowhere}` }, timeout: 120_000 },
          (error, stdout, stderr) => resolve({ code: error ? Number((error as any).code ?? 1) : 0, stdout, stderr }),
        ),
      );
    const clean = await run(whole);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ ok: true });
    const bad = await run(broken);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('representations/rep1/data/log.csv FILE_HASH_MISMATCH');
    expect(bad.stderr).toContain('representations/rep1/data/log.csv:3 CSV_MISMATCH');
    expect(fs.existsSync(path.dirname(nowhere))).toBe(false);
  });
});
