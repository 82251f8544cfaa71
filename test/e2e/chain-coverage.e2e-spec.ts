// Issue 10 §2: every table a status or a decision depends on is under the chain. An attacker who edits the database
// file beside the log (swaps two memberships' workflows, edits a decision record, a signature, a document version, a
// meeting, a collaboration's settings) is found by the table checks, naming the row and the log row it disagrees with.
import { execFile } from 'child_process';
import { randomUUID } from 'crypto';
import * as path from 'path';
import { baselineRecords } from '../../src/audit/baseline';
import { TableChecks, type DatabaseProblem } from '../../src/audit/table-checks';
import { Db } from '../../src/database/db';
import { apiClient, decisionKit, membershipWorkflowId, signatureBody, sql, useTestApp, verifyWorkflow } from './kit';

/** `npm run cli -- verify-tables …` as an operator runs it (ts-node, no build), against the suite's database. */
function verifyTablesCli(ctx: { dataSource: any; databaseKind: string }, args: string[] = []) {
  const options = ctx.dataSource.options as { database?: string; url?: string };
  const url = ctx.databaseKind === 'sqlite' ? `sqlite:${options.database}` : options.url!;
  return new Promise<{ code: number; stdout: string }>((resolve) =>
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', 'verify-tables', ...args],
      { cwd: path.resolve(__dirname, '../..'), env: { ...process.env, DATABASE_URL: url }, timeout: 120_000 },
      (error, stdout) => resolve({ code: error ? Number((error as any).code ?? 1) : 0, stdout }),
    ),
  );
}

describe('chain coverage of the tables (issue 10 §2)', () => {
  jest.setTimeout(180_000);
  const ctx = useTestApp({ seed: 'demo' });
  const problems = (): Promise<DatabaseProblem[]> => new TableChecks(ctx.app.get(Db)).tableProblems({ all: true });

  // The demo data has no signature and no amendment: a document, a version, a signature of it, an amendment (with its
  // text as a new version of the declaration), and a body, a meeting and a paragraph, written through the API.
  beforeAll(async () => {
    const api = apiClient(ctx);
    expect((await api.post('/documents', { key: 'chain-coverage-doc', title: 'Ett dokument' })).status).toBe(201);
    expect((await api.post('/documents/chain-coverage-doc/versions', { version: '1', text: 'Text' })).status).toBe(201);
    const signed = await api.post(
      '/signatures',
      signatureBody('chain-coverage-doc', '1', '1460', 'Text'),
      ctx.tokens.clerk['1460'],
    );
    expect(signed.status).toBe(201);
    const amendment = await api.post('/collaborations/dalslandssamverkan/amendments', {
      title: 'Ändring',
      version: 'chain-coverage-1',
      text: 'Ändrad text',
    });
    expect(amendment.status).toBe(201);
    // A body, a meeting and a paragraph of Åmål, by its clerk.
    const kit = decisionKit(ctx);
    const meetingId = await kit.meeting('1492');
    await kit.record(meetingId, kit.para(), ctx.tokens.clerk['1492']);
  });

  /** Runs `tamper`, collects the problems, and undoes it with `restore`, so each test starts clean. */
  async function found(tamper: () => Promise<unknown>, restore: () => Promise<unknown>): Promise<DatabaseProblem[]> {
    await tamper();
    try {
      return await problems();
    } finally {
      await restore();
    }
  }

  it('the demo data is clean', async () => {
    expect(await problems()).toEqual([]);
  });

  it('two swapped memberships are found, naming both rows and both workflows', async () => {
    const mellerud = await membershipWorkflowId(ctx, '1461');
    const amal = await membershipWorkflowId(ctx, '1492');
    // The foreign key wants an existing workflow in between: the collaboration's.
    const parked = (await apiClient(ctx).get('/collaborations/dalslandssamverkan')).body.workflowId;
    const swap = async (a: string, b: string) => {
      await sql(ctx, `UPDATE membership SET workflow_id = ? WHERE workflow_id = ?`, [parked, a]);
      await sql(ctx, `UPDATE membership SET workflow_id = ? WHERE workflow_id = ?`, [a, b]);
      await sql(ctx, `UPDATE membership SET workflow_id = ? WHERE workflow_id = ? AND municipality_code = ?`, [
        b,
        parked,
        '1461',
      ]);
    };
    const rows = await sql(
      ctx,
      `SELECT id, municipality_code AS code FROM membership WHERE municipality_code IN ('1461', '1492')`,
    );
    const list = await found(
      () => swap(mellerud, amal),
      () => swap(amal, mellerud),
    );
    expect(list.length).toBeGreaterThan(0);
    const mappings = list.filter((p) => p.kind === 'MAPPING_MISMATCH' && p.table === 'membership');
    expect(mappings.map((p) => p.rowId).sort()).toEqual(rows.map((r: any) => r.id).sort());
    expect(mappings.map((p) => p.workflowId).sort()).toEqual([mellerud, amal].sort());
    expect(mappings.every((p) => p.seq === 0)).toBe(true);
    expect(await problems()).toEqual([]);
  });

  it.each([
    ['a minimal decision (the inline form)', true],
    ['a recorded paragraph', false],
  ])(
    'an edited decision record (organ and date) is found: %s, naming the record and the log row',
    async (_, minimal) => {
      const [d] = await sql(
        ctx,
        `SELECT id, organ, decided_on AS "decidedOn", workflow_id AS "w" FROM decision WHERE minimal = ? ORDER BY id`,
        [minimal],
      );
      expect(d).toBeDefined();
      const list = await found(
        () => sql(ctx, `UPDATE decision SET organ = 'KS', decided_on = '2019-01-01' WHERE id = ?`, [d.id]),
        () => sql(ctx, `UPDATE decision SET organ = ?, decided_on = ? WHERE id = ?`, [d.organ, d.decidedOn, d.id]),
      );
      const mine = list.filter((p) => p.table === 'decision' && p.rowId === d.id);
      expect(mine.length).toBeGreaterThan(0);
      for (const p of mine) {
        expect(p.kind).toBe('PROJECTION_MISMATCH');
        expect(p.workflowId).toEqual(expect.any(String));
        expect(p.seq).toEqual(expect.any(Number));
        expect(p.message).toContain('2019-01-01');
      }
      if (!minimal) expect(mine.map((p) => [p.workflowId, p.seq])).toContainEqual([d.w, 0]);
      expect(await problems()).toEqual([]);
    },
  );

  it('a paragraph re-pointed at another meeting, and a minimal decision no event rests on, are found', async () => {
    const [d] = await sql(
      ctx,
      `SELECT id, meeting_id AS "m", workflow_id AS "w" FROM decision WHERE minimal = ? ORDER BY id`,
      [false],
    );
    const [other] = await sql(ctx, `SELECT id FROM meeting WHERE id <> ? ORDER BY id`, [d.m]);
    expect(other).toBeDefined();
    const moved = await found(
      () => sql(ctx, `UPDATE decision SET meeting_id = ? WHERE id = ?`, [other.id, d.id]),
      () => sql(ctx, `UPDATE decision SET meeting_id = ? WHERE id = ?`, [d.m, d.id]),
    );
    expect(moved).toEqual([
      expect.objectContaining({ kind: 'PROJECTION_MISMATCH', table: 'decision', rowId: d.id, workflowId: d.w, seq: 0 }),
    ]);
    const forged = '00000000-0000-4000-8000-000000000003';
    const inserted = await found(
      () =>
        sql(
          ctx,
          `INSERT INTO decision (id, municipality_code, organ, decided_on, subject, minimal, created_at) VALUES (?, '1492', 'KF', '2023-11-20', 'ENTRY', ?, 'x')`,
          [forged, true],
        ),
      () => sql(ctx, `DELETE FROM decision WHERE id = ?`, [forged]),
    );
    expect(inserted).toEqual([
      expect.objectContaining({ kind: 'RECORD_NOT_IN_LOG', table: 'decision', rowId: forged }),
    ]);
  });

  const edits: Array<[string, string, string, string]> = [
    ['a signature’s signer', 'signature', 'signatory_name', 'Någon Annan'],
    ['a document version’s hash', 'document_version', 'sha256', 'f'.repeat(64)],
    ['a document version’s text', 'document_version', 'text', 'En annan text'],
    ['a meeting’s date', 'meeting', 'date', '2019-01-01'],
    ['a body’s number of members', 'body', 'member_count', '99'],
    ['a document’s title', 'document', 'title', 'Ett annat dokument'],
  ];

  it.each(edits)('an edit of %s is found, naming the row and its log row', async (_, table, column, value) => {
    const [row] = await sql(ctx, `SELECT id, ${column} AS "v" FROM ${table} ORDER BY id`);
    expect(row).toBeDefined();
    const list = await found(
      () => sql(ctx, `UPDATE ${table} SET ${column} = ? WHERE id = ?`, [value, row.id]),
      () => sql(ctx, `UPDATE ${table} SET ${column} = ? WHERE id = ?`, [row.v, row.id]),
    );
    const mine = list.filter((p) => p.table === table && p.rowId === row.id);
    expect(mine.map((p) => p.kind)).toContain('RECORD_HASH_MISMATCH');
    const [register] = await sql(ctx, `SELECT workflow_id AS "w" FROM record_register WHERE workflow_id = ?`, [
      mine[0].workflowId,
    ]);
    expect(register).toBeDefined();
    expect(mine[0].seq).toBeGreaterThan(0);
    expect(await problems()).toEqual([]);
  });

  it('a row inserted beside the write path, and a registered row deleted, are found', async () => {
    const [body] = await sql(ctx, `SELECT id, municipality_code AS "code" FROM body ORDER BY id`);
    const inserted = await found(
      () =>
        sql(
          ctx,
          `INSERT INTO body (id, municipality_code, kind, name, member_count, created_at) VALUES (?, ?, 'KS', 'Falsk', 3, 'x')`,
          ['00000000-0000-4000-8000-000000000001', body.code],
        ),
      () => sql(ctx, `DELETE FROM body WHERE id = ?`, ['00000000-0000-4000-8000-000000000001']),
    );
    expect(inserted).toEqual([
      expect.objectContaining({
        kind: 'RECORD_NOT_IN_LOG',
        table: 'body',
        rowId: '00000000-0000-4000-8000-000000000001',
      }),
    ]);
    const [signature] = await sql(ctx, `SELECT * FROM signature`);
    const columns = Object.keys(signature);
    const deleted = await found(
      () => sql(ctx, `DELETE FROM signature WHERE id = ?`, [signature.id]),
      () =>
        sql(
          ctx,
          `INSERT INTO signature (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
          columns.map((c) => signature[c]),
        ),
    );
    expect(deleted).toEqual([
      expect.objectContaining({ kind: 'RECORD_MISSING', table: 'signature', rowId: signature.id }),
    ]);
    expect(await problems()).toEqual([]);
  });

  it('a collaboration’s settings edited beside its workflow are found', async () => {
    const [c] = await sql(ctx, `SELECT id, settings, workflow_id AS "w" FROM collaboration ORDER BY id`);
    const edited = { ...JSON.parse(c.settings), entryOrgan: 'KS' };
    const list = await found(
      () => sql(ctx, `UPDATE collaboration SET settings = ? WHERE id = ?`, [JSON.stringify(edited), c.id]),
      () => sql(ctx, `UPDATE collaboration SET settings = ? WHERE id = ?`, [c.settings, c.id]),
    );
    expect(list).toEqual([
      expect.objectContaining({ kind: 'PROJECTION_MISMATCH', table: 'collaboration', rowId: c.id, workflowId: c.w }),
    ]);
  });

  it('an area, an amendment, the council and a cost rule pointed at another workflow (or another collaboration) are found', async () => {
    const collaborationWorkflow = (await apiClient(ctx).get('/collaborations/dalslandssamverkan')).body.workflowId;
    for (const [table, column] of [
      ['area', 'workflow_id'],
      ['amendment', 'workflow_id'],
      ['council', 'workflow_id'],
    ]) {
      const [row] = await sql(ctx, `SELECT ${column} AS "w" FROM ${table}`);
      expect(row).toBeDefined();
      const list = await found(
        () => sql(ctx, `UPDATE ${table} SET ${column} = ? WHERE ${column} = ?`, [collaborationWorkflow, row.w]),
        () => sql(ctx, `UPDATE ${table} SET ${column} = ? WHERE ${column} = ?`, [row.w, collaborationWorkflow]),
      );
      expect(list.filter((p) => p.kind === 'MAPPING_MISMATCH' && p.table === table).length).toBeGreaterThan(0);
    }
    const [rule] = await sql(ctx, `SELECT id, collaboration_slug AS "s" FROM cost_rule`);
    const list = await found(
      () => sql(ctx, `UPDATE cost_rule SET collaboration_slug = 'annan' WHERE id = ?`, [rule.id]),
      () => sql(ctx, `UPDATE cost_rule SET collaboration_slug = ? WHERE id = ?`, [rule.s, rule.id]),
    );
    expect(list).toEqual([
      expect.objectContaining({ kind: 'MAPPING_MISMATCH', table: 'cost_rule', rowId: rule.id, seq: 0 }),
    ]);
  });

  it('writes through the API after the change still verify clean, and each register workflow verifies', async () => {
    const api = apiClient(ctx);
    const version = await api.post('/documents/chain-coverage-doc/versions', { version: '2', text: 'Text 2' });
    expect(version.status).toBe(201);
    const body = await api.post('/municipalities/1492/bodies', { kind: 'KS', name: 'Kedjestyrelsen', memberCount: 11 });
    expect(body.status).toBe(201);
    expect(await problems()).toEqual([]);
    for (const { w } of await sql(ctx, `SELECT workflow_id AS "w" FROM record_register`)) {
      expect((await verifyWorkflow(ctx, w)).ok).toBe(true);
    }
  });

  it('the per-workflow verify of a swapped membership names the table problem; the others stay ok', async () => {
    const mellerud = await membershipWorkflowId(ctx, '1461');
    const [row] = await sql(ctx, `SELECT id FROM membership WHERE workflow_id = ?`, [mellerud]);
    const other = await membershipWorkflowId(ctx, '1460');
    expect((await verifyWorkflow(ctx, mellerud)).ok).toBe(true);
    await sql(ctx, `UPDATE membership SET municipality_code = '1984' WHERE id = ?`, [row.id]);
    try {
      const report = await verifyWorkflow(ctx, mellerud);
      expect(report.ok).toBe(false);
      expect(report.problems).toEqual([]);
      expect(report.tables).toEqual([
        expect.objectContaining({ kind: 'MAPPING_MISMATCH', table: 'membership', rowId: row.id, workflowId: mellerud }),
      ]);
      expect((await verifyWorkflow(ctx, other)).ok).toBe(true);
    } finally {
      await sql(ctx, `UPDATE membership SET municipality_code = '1461' WHERE id = ?`, [row.id]);
    }
  });

  it('a forged due event is found', async () => {
    const w = await membershipWorkflowId(ctx, '1460');
    const list = await found(
      () =>
        sql(
          ctx,
          `INSERT INTO workflow_due_event (instance_id, event_type, due_on, payload) VALUES (?, 'EXIT_TOOK_EFFECT', '2020-01-01', '{}')`,
          [w],
        ),
      () => sql(ctx, `DELETE FROM workflow_due_event WHERE instance_id = ? AND due_on = '2020-01-01'`, [w]),
    );
    expect(list).toEqual([
      expect.objectContaining({ kind: 'PROJECTION_MISMATCH', table: 'workflow_due_event', workflowId: w }),
    ]);
  });

  it('npm run cli -- verify-tables: clean exits 0; a tampered row exits 1 and names it', async () => {
    const clean = await verifyTablesCli(ctx);
    expect(clean).toEqual({ code: 0, stdout: 'tables: all clean\n' });
    const [signature] = await sql(ctx, `SELECT id, signatory_name AS "name" FROM signature`);
    await sql(ctx, `UPDATE signature SET signatory_name = 'Någon Annan' WHERE id = ?`, [signature.id]);
    try {
      const run = await verifyTablesCli(ctx, ['--json']);
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout)).toEqual({
        ok: false,
        problems: [expect.objectContaining({ kind: 'RECORD_HASH_MISMATCH', table: 'signature', rowId: signature.id })],
      });
    } finally {
      await sql(ctx, `UPDATE signature SET signatory_name = ? WHERE id = ?`, [signature.name, signature.id]);
    }
  });

  it('the migration’s baseline brings rows stored before it under the chain, recorded by system', async () => {
    // A database as it stood before the migration: the rows, and no register.
    const registers = await sql(ctx, `SELECT workflow_id AS "w" FROM record_register`);
    await sql(ctx, `DELETE FROM record_register`);
    for (const { w } of registers) {
      await sql(ctx, `DELETE FROM workflow_transition WHERE instance_id = ?`, [w]);
      await sql(ctx, `DELETE FROM workflow_instance WHERE id = ?`, [w]);
    }
    const before = await problems();
    expect(before.length).toBeGreaterThan(0);
    expect(new Set(before.map((p) => p.kind))).toEqual(new Set(['RECORD_NOT_IN_LOG']));
    const query = (text: string, params: unknown[]) => ctx.dataSource.query(text, params);
    const scopes = await baselineRecords(
      query,
      ctx.databaseKind as 'sqlite' | 'postgres',
      randomUUID,
      new Date().toISOString(),
      // this database has the columns added after the migration (R-H18's), and rows with them set
      true,
    );
    expect(scopes).toBe(registers.length);
    expect(await problems()).toEqual([]);
    for (const { w } of await sql(ctx, `SELECT workflow_id AS "w" FROM record_register`)) {
      expect((await verifyWorkflow(ctx, w)).ok).toBe(true);
      const rows = await sql(
        ctx,
        `SELECT actor_id AS "a", event_type AS "t", payload FROM workflow_transition WHERE instance_id = ? ORDER BY seq`,
        [w],
      );
      expect(rows.map((r: any) => [r.a, r.t])).toEqual([
        ['system', 'xstate.init'],
        ['system', 'RECORD_WRITTEN'],
      ]);
      expect(JSON.parse(rows[1].payload).baseline).toBe(true);
    }
    // and the write path goes on from the baseline's register
    const body = await apiClient(ctx).post('/municipalities/1461/bodies', {
      kind: 'NAMND',
      name: 'Baslinjenämnden',
      memberCount: 5,
    });
    expect(body.status).toBe(201);
    expect(await problems()).toEqual([]);
  });
});
