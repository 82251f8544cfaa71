import * as sqlite3 from 'sqlite3';
import { commitmentOf } from '../../src/personal-data/commitment';
import { apiClient, createCollaboration, decisionKit, paragraphs, sql, useTestApp } from './kit';

const SLUG = 'sekretess-manipulation';

// Issue 12 §3: the paragraphs' texts live beside the log (secret_text) under the commitment the log rows hold
// (`sk:<commitment>`). Someone with the database file who changes a text, its commitment, or what it says of itself
// (its field, its municipality) is found by verify, naming the row; an untouched database verifies clean.
describe('verify recomputes the secret texts beside the log (issue 12 §3, R-K7, R-K12)', () => {
  jest.setTimeout(120_000);
  const ctx = useTestApp();
  const api = apiClient(ctx);
  const { clerk, meeting, record } = decisionKit(ctx);
  const para = paragraphs({ collaboration: SLUG, summary: 'Sammanfattning (hemlig)', beslutsunderlag: ['Intyg'] });
  let token: string;
  let meetingId: string;

  /** Statements run from outside the service: a sqlite3 connection of its own to the file, or plain SQL on PostgreSQL. */
  async function tamper(statements: Array<[string, unknown[]]>): Promise<void> {
    if (ctx.databaseKind === 'postgres') {
      for (const [text, params] of statements) await sql(ctx, text, params);
      return;
    }
    const db = new sqlite3.Database(String(ctx.dataSource.options.database));
    try {
      for (const [text, params] of statements)
        await new Promise<void>((res, rej) => db.run(text, params, (e) => (e ? rej(e) : res())));
    } finally {
      await new Promise<void>((res) => db.close(() => res()));
    }
  }

  async function verifyAll() {
    const started = await api.post('/verify', {}, ctx.tokens.auditor);
    let job = started.body;
    while (job.status === 'running') {
      await new Promise((r) => setImmediate(r));
      job = (await api.get(`/verify/${started.body.id}`, ctx.tokens.auditor)).body;
    }
    return job.report;
  }

  /** A new paragraph and the secret_text row of one of its fields. */
  async function textOf(field: string) {
    const p = await record(meetingId, para({ secrecy: [{ field: 'summary', provision: 'OSL 26 kap. 1 §' }] }), token);
    const [row] = await sql(ctx, 'SELECT commitment, salt, value FROM secret_text WHERE scope = ? AND field = ?', [
      `decision:${p.id}`,
      field,
    ]);
    return { decision: p, commitment: row.commitment as string, salt: row.salt as string };
  }

  beforeAll(async () => {
    await createCollaboration(ctx, SLUG, { parties: ['1460', '1461'] });
    token = await clerk('1460');
    meetingId = await meeting('1460');
  });

  it('an untouched database verifies clean, the secret texts included', async () => {
    await textOf('summary');
    const [n] = await sql(ctx, 'SELECT COUNT(*) AS n FROM secret_text');
    expect(Number(n.n)).toBeGreaterThan(3);
    const report = await verifyAll();
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('a text edited, re-hashed, moved to another field or municipality, or deleted is found, naming its row', async () => {
    const edited = await textOf('summary');
    const rehashed = await textOf('summary');
    const moved = await textOf('summary');
    const elsewhere = await textOf('summary');
    const deleted = await textOf('beslutsunderlag[0]');
    const forged = commitmentOf(rehashed.salt, 'Förfalskad sammanfattning');
    await tamper([
      ['UPDATE secret_text SET value = ? WHERE commitment = ?', ['Ändrad sammanfattning', edited.commitment]],
      [
        'UPDATE secret_text SET value = ?, commitment = ? WHERE commitment = ?',
        ['Förfalskad sammanfattning', forged, rehashed.commitment],
      ],
      // Out of the marked field: the marking of the summary would no longer cover it (R-K7).
      ['UPDATE secret_text SET field = ? WHERE commitment = ?', ['decision.text', moved.commitment]],
      // To another myndighet: its clerks would read it (R-K12).
      ['UPDATE secret_text SET municipality_code = ? WHERE commitment = ?', ['1461', elsewhere.commitment]],
      ['DELETE FROM secret_text WHERE commitment = ?', [deleted.commitment]],
    ]);
    const report = await verifyAll();
    expect(report.ok).toBe(false);
    const found = report.problems
      .filter((x: any) => x.table === 'secret_text')
      .map((x: any) => `${x.kind}:${x.rowId}:${x.workflowId}`)
      .sort();
    expect(found).toEqual(
      [
        `RECORD_HASH_MISMATCH:${edited.commitment}:${edited.decision.workflowId}`,
        `RECORD_NOT_IN_LOG:${forged}:null`,
        `RECORD_MISSING:${rehashed.commitment}:${rehashed.decision.workflowId}`,
        `PROJECTION_MISMATCH:${moved.commitment}:${moved.decision.workflowId}`,
        `PROJECTION_MISMATCH:${elsewhere.commitment}:${elsewhere.decision.workflowId}`,
        `RECORD_MISSING:${deleted.commitment}:${deleted.decision.workflowId}`,
      ].sort(),
    );
    expect(report.problems.filter((x: any) => x.table !== 'secret_text')).toEqual([]);
    const moveProblem = report.problems.find((x: any) => x.rowId === moved.commitment);
    expect(moveProblem.message).toContain('field decision.text, the log summary');

    // One workflow's verify finds its own secret text, and not the others'.
    const one = await api.post(`/workflows/${edited.decision.workflowId}/verify`, undefined, ctx.tokens.auditor);
    expect(one.status).toBe(200);
    expect(one.body.ok).toBe(false);
    expect(JSON.stringify(one.body)).toContain(edited.commitment);
    expect(JSON.stringify(one.body)).not.toContain(moved.commitment);
  });
});
