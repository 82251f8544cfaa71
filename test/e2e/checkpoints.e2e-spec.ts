import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { checkpointProblems, signedCheckpointsCheck } from '../../src/checkpoint/checkpoint-problems';
import { MachineRegistry } from '../../src/workflow/machine-registry';
import { VerifyRunService } from '../../src/workflow/verify/verify-run.service';
import { CheckpointScheduler } from '../../src/checkpoint/checkpoint.scheduler';
import { createKeyFile, readKeyFile } from '../../src/checkpoint/key-file';
import { leafHash, verifyConsistency, verifyInclusion } from '../../src/checkpoint/merkle';
import {
  ALG_COSIGNATURE_V1,
  ALG_ED25519,
  generateNoteKey,
  noteText,
  parseVkey,
  signNote,
  splitNote,
  vkeyOf,
  type NoteKey,
} from '../../src/checkpoint/note';
import { witnessOnce, type WitnessHttp, type WitnessState } from '../../src/cli/witness';
import { AppConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source';
import { Db } from '../../src/database/db';
import { hashRow } from '../../src/workflow/log/transition-hash';
import {
  apiClient,
  createCollaboration,
  enter,
  expectErrorBody,
  membershipWorkflowId,
  useTestApp,
  type TestContext,
} from './kit';

const ORIGIN = 'samverkan.example/e2e';

/** A fresh key directory per suite, and the log key in it (what `npm run cli -- keys create` writes). */
function keyDir(): { dir: string; logKeyFile: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'svk-keys-'));
  return { dir, logKeyFile: path.join(dir, 'checkpoint.key') };
}

/** The app as a witness sees it over HTTP, with a party's token. */
function witnessHttp(ctx: TestContext, token: string): WitnessHttp {
  const api = apiClient(ctx);
  return {
    get: async (p) => {
      const res = await api.get(p, token);
      return { status: res.status, body: res.body };
    },
    post: async (p, body) => {
      const res = await api.post(p, body, token);
      return { status: res.status, body: res.body };
    },
  };
}

/** A second connection to the same database, as an attacker with the file (or the credentials) has. */
async function attacker(ctx: TestContext): Promise<DataSource> {
  const url = ctx.app.get(AppConfig).DATABASE_URL;
  const ds = new DataSource({ ...dataSourceOptions(url), migrations: [], entities: [] });
  await ds.initialize();
  return ds;
}

const q = (ds: DataSource, text: string, params: unknown[] = []) => {
  let i = 0;
  return ds.query(ds.options.type === 'postgres' ? text.replace(/\?/g, () => `$${++i}`) : text, params);
};

/** Rewrites the actor of row `seq` of a workflow and recomputes its hash and every later one, and the head. */
async function rewritePast(ds: DataSource, workflowId: string, seq: number): Promise<void> {
  const rows = await q(ds, 'SELECT * FROM workflow_transition WHERE instance_id = ? ORDER BY seq', [workflowId]);
  let prev: string | null = null;
  for (const r of rows) {
    if (Number(r.seq) < seq) {
      prev = r.hash;
      continue;
    }
    const row = {
      instanceId: r.instance_id,
      seq: Number(r.seq),
      eventType: r.event_type,
      payload: r.payload,
      actorId: Number(r.seq) === seq ? 'token:forged' : r.actor_id,
      actorRole: r.actor_role,
      actorMunicipality: r.actor_municipality,
      recordedAt: r.recorded_at,
      legalDate: r.legal_date,
      fromState: r.from_state,
      toState: r.to_state,
      machineId: r.machine_id,
      machineVersion: Number(r.machine_version),
      idempotencyKey: r.idempotency_key,
      requestHash: r.request_hash,
      prevHash: prev ?? r.prev_hash,
    };
    const hash = hashRow(row);
    await q(ds, 'UPDATE workflow_transition SET actor_id = ?, prev_hash = ?, hash = ? WHERE id = ?', [
      row.actorId,
      row.prevHash,
      hash,
      r.id,
    ]);
    prev = hash;
  }
  await q(ds, 'UPDATE workflow_instance SET last_hash = ? WHERE id = ?', [prev, workflowId]);
}

function setup(ctxOptions: { witnesses?: boolean } = {}) {
  const keys = keyDir();
  const ctx = useTestApp({ config: { CHECKPOINT_ORIGIN: ORIGIN, CHECKPOINT_KEY_FILE: keys.logKeyFile } });
  const api = apiClient(ctx);
  let logKey: NoteKey;
  let slug = 0;
  beforeAll(() => {
    logKey = createKeyFile(keys.logKeyFile, ORIGIN, ALG_ED25519);
  });
  afterAll(() => fs.rmSync(keys.dir, { recursive: true, force: true }));
  /** One more workflow (a collaboration: its genesis and its parties' rows) in the log. */
  const grow = async () => {
    const res = await api.post('/collaborations', {
      slug: `cp-${ctxOptions.witnesses ? 'w' : 'x'}-${++slug}`,
      name: `Kontrollpunktssamverkan ${slug}`,
      parties: ['1460', '1438'],
      declarationVersion: 'v1',
      declarationEffectiveDate: '2025-01-01',
    });
    expect(res.status).toBe(201);
    return res.body.workflowId as string;
  };
  const checkpoint = async () => {
    const res = await api.post('/checkpoints');
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
    return res.body;
  };
  const problems = (witnesses = 0) =>
    checkpointProblems(ctx.app.get(Db), { logKey: parseVkey(vkeyOf(logKey))!, origin: ORIGIN, witnesses });
  const witnessKey = (name: string) => createKeyFile(path.join(keys.dir, `${name}.key`), name, ALG_COSIGNATURE_V1);
  return { ctx, api, keys, grow, checkpoint, problems, witnessKey, logKey: () => logKey };
}

describe('signed checkpoints: notes, proofs, witnesses', () => {
  const { ctx, api, grow, checkpoint, problems, witnessKey, logKey } = setup({ witnesses: true });

  it('signs a C2SP checkpoint of the whole log, and makes none while the log has not grown', async () => {
    expectErrorBody((await api.get('/checkpoints/latest')).body, 'NOT_FOUND');
    await grow();
    const first = await checkpoint();
    expect(first.created).toBe(true);
    const rows = Number((await ctx.dataSource.query('SELECT COUNT(*) AS n FROM workflow_transition'))[0].n);
    expect(first.checkpoint.size).toBe(rows);
    const lines = first.checkpoint.note.split('\n');
    expect(lines.slice(0, 3)).toEqual([ORIGIN, String(rows), first.checkpoint.rootBase64]);
    expect(lines[3]).toMatch(/^time \d{4}-\d\d-\d\dT/);
    expect(lines[4]).toBe('');
    expect(lines[5]).toMatch(new RegExp(`^— ${ORIGIN} [A-Za-z0-9+/]+=*$`));
    // The public key is public; it verifies the note.
    const key = (await api.request('get', '/checkpoints/key', null)).body;
    expect(key.vkey).toBe(vkeyOf(logKey()));
    expect(await problems()).toEqual([]);
    const again = await checkpoint();
    expect(again).toEqual({ created: false, checkpoint: first.checkpoint });
  });

  it('gives inclusion proofs of rows and consistency proofs between checkpoints that verify', async () => {
    const first = (await api.get('/checkpoints/latest')).body;
    await grow();
    const second = (await checkpoint()).checkpoint;
    expect(second.size).toBeGreaterThan(first.size);
    const [row] = await ctx.dataSource.query('SELECT id, hash FROM workflow_transition ORDER BY id LIMIT 1 OFFSET 2');
    const inc = (await api.get(`/checkpoints/${second.size}/inclusion?rowId=${row.id}`)).body;
    expect(inc).toMatchObject({ checkpointSize: second.size, rowId: row.id, leafIndex: 2, verifies: true });
    const leaf = leafHash(Buffer.from(row.hash, 'hex'));
    const proof = inc.proof.map((h: string) => Buffer.from(h, 'base64'));
    expect(verifyInclusion(2, second.size, leaf, proof, Buffer.from(second.rootBase64, 'base64'))).toBe(true);
    const con = (await api.get(`/checkpoints/consistency?from=${first.size}&to=${second.size}`)).body;
    expect(con.verifies).toBe(true);
    const cproof = con.proof.map((h: string) => Buffer.from(h, 'base64'));
    expect(
      verifyConsistency(
        first.size,
        second.size,
        cproof,
        Buffer.from(first.rootBase64, 'base64'),
        Buffer.from(second.rootBase64, 'base64'),
      ),
    ).toBe(true);
    const list = (await api.get('/checkpoints')).body;
    expect(list.map((c: any) => c.size)).toEqual([first.size, second.size]);
    // Bad input is a 400 naming the field; a row after the checkpoint a 409.
    expectErrorBody((await api.get(`/checkpoints/${first.size}/inclusion?rowId=x`)).body, 'VALIDATION_FAILED');
    expectErrorBody((await api.get('/checkpoints/abc')).body, 'VALIDATION_FAILED');
    const [last] = await ctx.dataSource.query('SELECT MAX(id) AS id FROM workflow_transition');
    const after = await api.get(`/checkpoints/${first.size}/inclusion?rowId=${last.id}`);
    expect(after.status).toBe(409);
    expectErrorBody(after.body, 'ROW_NOT_IN_CHECKPOINT');
  });

  it('takes cosignatures of two parties’ witnesses: a threshold of two holds, three does not', async () => {
    const w1 = witnessKey('witness-1492');
    const w2 = witnessKey('witness-1460');
    for (const w of [w1, w2]) {
      const res = await api.post('/witnesses', { name: w.name, vkey: vkeyOf(w) });
      expect(res.status).toBe(201);
    }
    // An admin registers witnesses; a clerk may not; a vkey of the log's own type is refused.
    expect((await api.post('/witnesses', { name: 'x', vkey: vkeyOf(w1) }, ctx.tokens.clerk['1492'])).status).toBe(403);
    expectErrorBody((await api.post('/witnesses', { name: ORIGIN, vkey: vkeyOf(logKey()) })).body, 'VALIDATION_FAILED');
    const states: Record<string, WitnessState | null> = { [w1.name]: null, [w2.name]: null };
    const run = (w: NoteKey, token: string) =>
      witnessOnce(witnessHttp(ctx, token), w, states[w.name], { save: (s) => (states[w.name] = s) });
    expect(await run(w1, ctx.tokens.clerk['1492'])).toMatchObject({ ok: true });
    expect(await problems(2)).toEqual([expect.objectContaining({ kind: 'witness-threshold' })]);
    expect(await run(w2, ctx.tokens.clerk['1460'])).toMatchObject({ ok: true });
    const latest = (await api.get('/checkpoints/latest')).body;
    expect(latest.cosignatures.map((c: any) => c.witness)).toEqual(['witness-1460', 'witness-1492']);
    expect(latest.note.trimEnd().split('\n').slice(-2)).toEqual([
      expect.stringMatching(/^— witness-1460 /),
      expect.stringMatching(/^— witness-1492 /),
    ]);
    expect(await problems(2)).toEqual([]);
    expect(await problems(3)).toEqual([expect.objectContaining({ kind: 'witness-threshold' })]);
    // The log grows; the witnesses verify a consistency proof from what they cosigned and cosign again.
    await grow();
    await checkpoint();
    expect(await run(w1, ctx.tokens.clerk['1492'])).toMatchObject({ ok: true });
    expect(await run(w2, ctx.tokens.clerk['1460'])).toMatchObject({ ok: true });
    expect(await problems(2)).toEqual([]);
    // A cosignature by an unknown key, or over another body, is refused.
    const stranger = generateNoteKey('witness-1492', ALG_COSIGNATURE_V1);
    const size = (await api.get('/checkpoints/latest')).body.size;
    const forged = await witnessOnce(witnessHttp(ctx, ctx.tokens.auditor), stranger, null, { save: () => undefined });
    expect(forged).toEqual({ ok: false, reason: expect.stringContaining('COSIGNATURE_INVALID') });
    const res = await api.post(`/checkpoints/${size}/cosignatures`, { cosignature: '— nobody AAAA' });
    expectErrorBody(res.body, 'UNKNOWN_WITNESS');
  });

  it('makes a checkpoint on the timer’s tick only when the log grew', async () => {
    const scheduler = ctx.app.get(CheckpointScheduler);
    const before = (await api.get('/checkpoints/latest')).body.size;
    expect(await scheduler.tick()).toBe(false);
    await grow();
    expect(await scheduler.tick()).toBe(true);
    expect((await api.get('/checkpoints/latest')).body.size).toBeGreaterThan(before);
    expect(await problems()).toEqual([]);
  });

  it('finds a forged signature on a stored checkpoint', async () => {
    const ds = await attacker(ctx);
    try {
      const [row] = await q(ds, 'SELECT size, note FROM checkpoint ORDER BY size LIMIT 1');
      const body = splitNote(row.note)!.body;
      const forger = generateNoteKey(ORIGIN, ALG_ED25519);
      await q(ds, 'UPDATE checkpoint SET note = ? WHERE size = ?', [
        noteText(body, [signNote(body, forger)]),
        row.size,
      ]);
      expect(await problems()).toEqual([
        expect.objectContaining({
          kind: 'checkpoint-signature',
          message: expect.stringContaining(`Checkpoint ${row.size}`),
        }),
      ]);
    } finally {
      await ds.destroy();
    }
  });
});

describe('signed checkpoints: a truncated tail with its head adjusted', () => {
  const { ctx, grow, checkpoint, problems } = setup();

  it('is found through the last signed checkpoint', async () => {
    await createCollaboration(ctx, 'cp-trunc');
    await enter(ctx, '1438', '2023-11-29', '2023-12-08', 'cp-trunc');
    const workflowId = await membershipWorkflowId(ctx, '1438', 'cp-trunc');
    await grow();
    await checkpoint();
    const ds = await attacker(ctx);
    let truncated: { workflowId: string; seq: number };
    try {
      // The membership's chain loses its last row (the KSO signature), and its head is set back to the row before:
      // the chain alone still holds.
      const rows = await q(ds, 'SELECT id, seq, hash FROM workflow_transition WHERE instance_id = ? ORDER BY seq', [
        workflowId,
      ]);
      expect(rows.length).toBeGreaterThan(1);
      const [last, before] = [rows[rows.length - 1], rows[rows.length - 2]];
      truncated = { workflowId, seq: Number(last.seq) };
      await q(ds, 'DELETE FROM workflow_transition WHERE id = ?', [last.id]);
      await q(ds, 'UPDATE workflow_instance SET last_hash = ?, version = ? WHERE id = ?', [
        before.hash,
        Number(before.seq),
        workflowId,
      ]);
    } finally {
      await ds.destroy();
    }
    const [{ n }] = await ctx.dataSource.query('SELECT COUNT(*) AS n FROM workflow_transition');
    const latest = (await apiClient(ctx).get('/checkpoints/latest')).body;
    expect(Number(n)).toBe(latest.size - 1);
    const found = await problems();
    // The removed row is named as the checkpoint covered it: its workflow and seq.
    expect(found).toEqual([expect.objectContaining({ kind: 'log-truncated', ...truncated! })]);
    expect(found[0].message).toContain(`checkpoint ${latest.size}`);
    // The whole-database verify (what `npm run cli -- verify` runs) names the removed row through the same check;
    // its log checks alone see at most that this head's state does not match its shortened log.
    const db = ctx.app.get(Db);
    const chainOnly = await new VerifyRunService(db, new MachineRegistry(), []).run(
      { kind: 'database' },
      { workers: 0 },
    );
    expect(chainOnly.problems.map((p) => p.kind)).not.toContain('log-truncated');
    const check = signedCheckpointsCheck(db, ctx.app.get(AppConfig));
    const whole = await new VerifyRunService(db, new MachineRegistry(), [check]).run(
      { kind: 'database' },
      { workers: 0 },
    );
    expect(whole.ok).toBe(false);
    expect(whole.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'log-truncated', ...truncated! })]),
    );
  });
});

describe('signed checkpoints: a rewritten past with recomputed hashes', () => {
  const { ctx, api, grow, checkpoint, problems, witnessKey } = setup({ witnesses: true });

  it('is found and the row named; the service refuses to sign it; a witness refuses a re-signed history', async () => {
    const first = await grow();
    await grow();
    await checkpoint();
    const w = witnessKey('witness-1492');
    expect((await api.post('/witnesses', { name: w.name, vkey: vkeyOf(w) })).status).toBe(201);
    let state: WitnessState | null = null;
    const run = () => witnessOnce(witnessHttp(ctx, ctx.tokens.clerk['1492']), w, state, { save: (s) => (state = s) });
    expect(await run()).toMatchObject({ ok: true });

    const ds = await attacker(ctx);
    try {
      await rewritePast(ds, first, 0);
    } finally {
      await ds.destroy();
    }
    expect(await problems()).toEqual([expect.objectContaining({ kind: 'log-diverged', workflowId: first, seq: 0 })]);
    // The service does not sign a log that no longer extends its checkpoint (the log grew meanwhile).
    await grow();
    const refused = await api.post('/checkpoints');
    expect(refused.status).toBe(409);
    expectErrorBody(refused.body, 'CHECKPOINT_LOG_DIVERGED');
    expect(refused.body.details).toMatchObject({ workflowId: first, seq: 0 });

    // The attacker also removes the checkpoints; the service, with no memory left, signs the rewritten log. The
    // witness remembers what it cosigned: it refuses, and sends nothing.
    const ds2 = await attacker(ctx);
    try {
      for (const table of ['checkpoint_cosignature', 'checkpoint_tile', 'checkpoint'])
        await q(ds2, `DELETE FROM ${table}`);
    } finally {
      await ds2.destroy();
    }
    await grow();
    const resigned = (await checkpoint()).checkpoint;
    const outcome = await run();
    expect(outcome).toEqual({ ok: false, reason: expect.stringContaining('not consistent') });
    expect((await api.get(`/checkpoints/${resigned.size}`)).body.cosignatures).toEqual([]);
    expect(state).toMatchObject({ size: expect.any(Number) });
    expect(state!.size).toBeLessThan(resigned.size);
  });
});

// The key file as `keys create` leaves it: mode 0600, refused when others may read it, never overwritten.
describe('checkpoint key files', () => {
  it('are 0600, never overwritten, and refused when readable by others', () => {
    const { dir, logKeyFile } = keyDir();
    try {
      const key = createKeyFile(logKeyFile, ORIGIN, ALG_ED25519);
      expect(fs.statSync(logKeyFile).mode & 0o777).toBe(0o600);
      expect(readKeyFile(logKeyFile).publicKey).toEqual(key.publicKey);
      expect(() => createKeyFile(logKeyFile, ORIGIN, ALG_ED25519)).toThrow(/EEXIST/);
      fs.chmodSync(logKeyFile, 0o644);
      expect(() => readKeyFile(logKeyFile)).toThrow(/chmod 600/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
