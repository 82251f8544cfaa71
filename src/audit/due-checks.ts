import { MACHINE_DEFINITIONS } from '../../machines/registry';
import { canonicalJson } from '../common/canonical-json';
import type { Query } from './hashed-rows';
import { problem, type ScopedProblem } from './database-problem';

/**
 * The durable due dates are a projection of each head (the machine's `dueEvents(context, state)`, which the write
 * path syncs in every transition): a forged, edited or deleted row would fire, or keep from firing, a logged event
 * (an exit taking effect). The head itself is verify's (replayed from the log).
 */
export async function dueEventProblems(query: Query): Promise<ScopedProblem[]> {
  const defs = new Map(MACHINE_DEFINITIONS.map((d) => [`${d.id}@${d.version}`, d]));
  const stored = new Map<string, Array<{ id: string; key: string }>>();
  for (const r of await query<any>(
    `SELECT id, instance_id AS "w", event_type AS "t", due_on AS "d", payload FROM workflow_due_event`,
    [],
  )) {
    if (!stored.has(r.w)) stored.set(r.w, []);
    stored.get(r.w)!.push({ id: String(r.id), key: `${r.t}@${r.d}:${r.payload}` });
  }
  const out: ScopedProblem[] = [];
  const heads = await query<any>(
    `SELECT id, machine_id AS "m", machine_version AS "v", state, version, snapshot FROM workflow_instance`,
    [],
  );
  for (const h of heads) {
    const def = defs.get(`${h.m}@${Number(h.v)}`);
    const rows = stored.get(h.id) ?? [];
    stored.delete(h.id);
    if (!def?.dueEvents && !rows.length) continue;
    let expected: string[];
    try {
      const context = JSON.parse(h.snapshot).context;
      expected = (def?.dueEvents?.(context, h.state) ?? []).map(
        (d) => `${d.type}@${d.dueOn}:${canonicalJson(d.payload)}`,
      );
    } catch {
      continue; // an unreadable head is verify's finding (HEAD_MISMATCH)
    }
    const at = { workflowId: h.id as string, seq: Number(h.version) };
    const left = [...expected];
    for (const r of rows) {
      const i = left.indexOf(r.key);
      if (i >= 0) left.splice(i, 1);
      else
        out.push(
          problem(
            'PROJECTION_MISMATCH',
            at,
            { table: 'workflow_due_event', rowId: r.id },
            `Due event ${r.key} of ${h.id} is not one its state is due for.`,
          ),
        );
    }
    for (const key of left)
      out.push(
        problem(
          'PROJECTION_MISMATCH',
          at,
          { table: 'workflow_due_event', rowId: '' },
          `${h.id} is due for ${key}, but no due-event row holds it.`,
        ),
      );
  }
  for (const [w, rows] of stored)
    for (const r of rows)
      out.push(
        problem(
          'PROJECTION_MISMATCH',
          { workflowId: w, seq: null },
          { table: 'workflow_due_event', rowId: r.id },
          `Due event ${r.key} names workflow ${w}, which has no head.`,
        ),
      );
  return out;
}
