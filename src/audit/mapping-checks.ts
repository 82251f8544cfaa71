import { canonicalJson } from '../common/canonical-json';
import type { Query } from './hashed-rows';
import type { LogFacts } from './log-facts';
import { problem, type ScopedProblem } from './database-problem';

/** A row that says "this is the workflow of that": what the workflow's genesis (hash-covered) must then say. */
interface Mapping {
  table: string;
  rowId: string;
  workflowId: string;
  machineId: string;
  /** genesis input member → the value the row implies */
  expect: Record<string, unknown>;
}

/** Each machine whose every workflow one row of a table points at. */
const MAPPED_MACHINES = [
  ['collaboration', 'collaboration'],
  ['membership', 'membership'],
  ['area', 'area'],
  ['amendment', 'amendment'],
  ['plan', 'plan'],
  ['council', 'council'],
  ['cost-rule', 'cost_rule'],
  ['protocol', 'decision'],
  ['record-register', 'record_register'],
] as const;

/**
 * The mapping rows (membership, collaboration, area, amendment, plan, council, cost rule, decision, record register →
 * workflow) as projections of the log: each workflow's genesis names what it is about, so a row that points at
 * another workflow (two swapped memberships) disagrees with it; a workflow that no row points at, or two rows that
 * point at one workflow, are found too. The collaboration's settings are compared with its workflow's context.
 */
export async function mappingProblems(query: Query, log: LogFacts): Promise<ScopedProblem[]> {
  const slugOf = new Map<string, string>();
  const mappings: Mapping[] = [];
  for (const c of await query<any>(
    `SELECT id, slug, name, declaration_version AS "dv", declaration_effective_date AS "de", workflow_id AS "w" FROM collaboration`,
    [],
  )) {
    slugOf.set(c.id, c.slug);
    mappings.push({
      table: 'collaboration',
      rowId: c.id,
      workflowId: c.w,
      machineId: 'collaboration',
      expect: { slug: c.slug, name: c.name },
    });
  }
  const m = (table: string, machineId: string, sql: string, expect: (r: any) => Record<string, unknown>) =>
    query<any>(sql, []).then((rows) =>
      rows.forEach((r) => mappings.push({ table, rowId: r.id, workflowId: r.w, machineId, expect: expect(r) })),
    );
  await m(
    'membership',
    'membership',
    `SELECT id, collaboration_id AS "c", municipality_code AS "code", workflow_id AS "w" FROM membership`,
    (r) => ({ collaboration: slugOf.get(r.c) ?? `(no collaboration ${r.c})`, municipality: r.code }),
  );
  await m('area', 'area', `SELECT id, collaboration_slug AS "s", workflow_id AS "w" FROM area`, (r) => ({
    areaId: r.id,
    collaboration: r.s,
  }));
  await m('amendment', 'amendment', `SELECT id, collaboration_id AS "c", workflow_id AS "w" FROM amendment`, (r) => ({
    amendmentId: r.id,
    collaboration: slugOf.get(r.c) ?? `(no collaboration ${r.c})`,
  }));
  await m('plan', 'plan', `SELECT id, collaboration_slug AS "s", title, id AS "w" FROM plan`, (r) => ({
    collaboration: r.s,
    title: r.title,
  }));
  await m(
    'council',
    'council',
    `SELECT collaboration_slug AS "id", collaboration_slug AS "s", workflow_id AS "w" FROM council`,
    (r) => ({ collaboration: r.s }),
  );
  await m(
    'cost_rule',
    'cost-rule',
    `SELECT id, collaboration_slug AS "s", scope_kind AS "k", area_workflow_id AS "a", id AS "w" FROM cost_rule`,
    (r) => ({ collaboration: r.s, 'scope.kind': r.k, 'scope.areaWorkflowId': r.a ?? undefined }),
  );
  await m('decision', 'protocol', `SELECT id, workflow_id AS "w" FROM decision WHERE workflow_id IS NOT NULL`, (r) => ({
    decisionId: r.id,
  }));
  await m(
    'record_register',
    'record-register',
    `SELECT scope AS "id", workflow_id AS "w" FROM record_register`,
    (r) => ({
      scope: r.id,
    }),
  );

  const problems: ScopedProblem[] = [];
  const pointedAt = new Map<string, Mapping>();
  for (const row of mappings) {
    const at = { workflowId: row.workflowId, seq: 0 };
    const where = { table: row.table, rowId: row.rowId };
    const earlier = pointedAt.get(`${row.table}:${row.workflowId}`);
    if (earlier) {
      problems.push(
        problem('MAPPING_MISMATCH', at, where, `${row.table} ${row.rowId} and ${earlier.rowId} point at one workflow.`),
      );
    }
    pointedAt.set(`${row.table}:${row.workflowId}`, row);
    const g = log.genesis.get(row.workflowId);
    if (!g || g.machineId !== row.machineId) {
      problems.push(
        problem(
          'MAPPING_MISMATCH',
          at,
          where,
          `${row.table} ${row.rowId} points at ${row.workflowId}, which is not a ${row.machineId} workflow.`,
        ),
      );
      continue;
    }
    for (const [path, value] of Object.entries(row.expect)) {
      const logged = path.split('.').reduce<any>((o, k) => o?.[k], g.input);
      if (logged === value) continue;
      problems.push(
        problem(
          'MAPPING_MISMATCH',
          at,
          where,
          `${row.table} ${row.rowId} points at workflow ${row.workflowId}, whose genesis says ${path} ${JSON.stringify(logged)}, not ${JSON.stringify(value)}.`,
        ),
      );
    }
  }
  for (const [machineId, table] of MAPPED_MACHINES) {
    for (const [id, g] of log.genesis) {
      if (g.machineId !== machineId || pointedAt.has(`${table}:${id}`)) continue;
      problems.push(
        problem(
          'MAPPING_MISMATCH',
          { workflowId: id, seq: 0 },
          { table, rowId: '' },
          `No ${table} row points at ${machineId} workflow ${id}.`,
        ),
      );
    }
  }
  problems.push(...(await settingsProblems(query, log)));
  return problems;
}

/** The settings column is a cache of the collaboration workflow's context (its head, which verify replays). */
async function settingsProblems(query: Query, log: LogFacts): Promise<ScopedProblem[]> {
  const out: ScopedProblem[] = [];
  for (const c of await query<{ id: string; w: string; settings: string }>(
    `SELECT id, workflow_id AS "w", settings FROM collaboration`,
    [],
  )) {
    const head = log.contexts.get(c.w);
    let stored: unknown;
    try {
      stored = JSON.parse(c.settings);
    } catch {
      stored = c.settings;
    }
    if (head && canonicalJson(stored) === canonicalJson(head.context.settings)) continue;
    out.push(
      problem(
        'PROJECTION_MISMATCH',
        { workflowId: c.w, seq: head?.version ?? null },
        { table: 'collaboration', rowId: c.id },
        `The settings of collaboration ${c.id} differ from those its workflow ${c.w} holds.`,
      ),
    );
  }
  return out;
}
