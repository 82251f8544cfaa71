import { apiClient, createCollaboration, enter, expectErrorBody, sql, useTestApp } from './kit';

// Verify over the API: a job for the whole database or a collaboration (POST /verify, polled at GET /verify/{jobId}),
// for admins and auditors; one workflow synchronously (GET or POST /workflows/{id}/verify).
describe('verify over the API', () => {
  jest.setTimeout(180_000);
  const ctx = useTestApp();
  const api = apiClient(ctx);
  let membership: string;

  beforeAll(async () => {
    await createCollaboration(ctx, 'verify-a');
    await createCollaboration(ctx, 'verify-b');
    const entered = await enter(ctx, '1492', '2023-11-29', '2023-12-08', 'verify-a');
    membership = entered.workflowId;
  });

  /** Starts a job and polls it until it is no longer running. */
  async function runJob(body: unknown, token = ctx.tokens.auditor) {
    const started = await api.post('/verify', body, token);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ id: expect.any(String), status: 'running', report: null });
    let job = started.body;
    while (job.status === 'running') {
      await new Promise((r) => setImmediate(r));
      const polled = await api.get(`/verify/${started.body.id}`, token);
      expect(polled.status).toBe(200);
      job = polled.body;
    }
    return job;
  }

  it('the whole database: a job that reports counts, ok and the problems; then a tampered row is named', async () => {
    const heads = Number((await sql(ctx, 'SELECT COUNT(*) AS n FROM workflow_instance'))[0].n);
    const rows = Number((await sql(ctx, 'SELECT COUNT(*) AS n FROM workflow_transition'))[0].n);
    const clean = await runJob({});
    expect(clean).toMatchObject({
      status: 'done',
      error: null,
      scope: { kind: 'database' },
      progress: { rowsDone: rows, rowsTotal: rows, workflowsDone: heads, workflowsTotal: heads },
      report: {
        ok: true,
        counts: { workflows: heads, rows },
        problemCount: 0,
        problems: [],
        checks: [
          { name: 'tables under the chain', problemCount: 0 },
          // Gallring of personal data (h-gallring)
          { name: 'personal data and gallring', problemCount: 0 },
        ],
        removed: [],
      },
    });
    expect(clean.report.durationMs).toEqual(expect.any(Number));

    await sql(ctx, "UPDATE workflow_transition SET actor_role = 'auditor' WHERE instance_id = ? AND seq = 1", [
      membership,
    ]);
    try {
      const found = await runJob({}, ctx.tokens.admin);
      expect(found.report).toMatchObject({ ok: false, problemCount: 1, failedWorkflowCount: 1 });
      expect(found.report.problems).toEqual([
        expect.objectContaining({
          workflowId: membership,
          seq: 1,
          kind: 'HASH_MISMATCH',
          table: 'workflow_transition',
        }),
      ]);
      // A collaboration's job covers its own workflows: the other one is clean.
      const mine = await runJob({ collaboration: 'verify-a' });
      expect(mine.report).toMatchObject({ ok: false, scope: { kind: 'collaboration', slug: 'verify-a' } });
      expect(mine.report.failedWorkflows.map((f: any) => f.workflowId)).toEqual([membership]);
      const other = await runJob({ collaboration: 'verify-b' });
      expect(other.report).toMatchObject({ ok: true, counts: { workflows: 6 } });
      // One workflow, synchronously, as a read.
      const one = await api.get(`/workflows/${membership}/verify`);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ ok: false, firstDivergence: { seq: 1, kind: 'HASH_MISMATCH' } });
    } finally {
      await sql(ctx, "UPDATE workflow_transition SET actor_role = 'admin' WHERE instance_id = ? AND seq = 1", [
        membership,
      ]);
    }
    expect((await api.get(`/workflows/${membership}/verify`)).body.ok).toBe(true);
  });

  it('admins and auditors only; an unknown scope is 404, a bad one 400, an unknown job 404', async () => {
    for (const token of [ctx.tokens.coordinator, ctx.tokens.clerk['1492']]) {
      const res = await api.post('/verify', {}, token);
      expect(res.status).toBe(403);
      expectErrorBody(res.body, 'FORBIDDEN');
    }
    const unknown = await api.post('/verify', { collaboration: 'no-such-collaboration' });
    expect(unknown.status).toBe(404);
    expectErrorBody(unknown.body, 'NOT_FOUND');
    const noWorkflow = await api.post('/verify', { workflowId: '00000000-0000-4000-8000-000000000000' });
    expect(noWorkflow.status).toBe(404);
    for (const body of [
      { collaboration: 'Not A Slug' },
      { workflowId: 'nope' },
      { collaboration: 'verify-a', workflowId: membership },
      { everything: true },
    ]) {
      const res = await api.post('/verify', body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expectErrorBody(res.body, 'VALIDATION_FAILED');
    }
    const job = await api.get('/verify/00000000-0000-4000-8000-000000000000', ctx.tokens.admin);
    expect(job.status).toBe(404);
    expect((await api.get('/verify/not-a-uuid')).status).toBe(400);
  });

  it('one workflow as a job: its scope and its counts', async () => {
    const job = await runJob({ workflowId: membership });
    expect(job.report).toMatchObject({ ok: true, counts: { workflows: 1, rows: 3 }, scope: { kind: 'workflow' } });
  });
});
