import { ApiProperty } from '@nestjs/swagger';
import { beslutLabel, type Gallringsbeslut } from '../../machines/gallring/gallring.rules';
import { commitmentsIn } from '../../machines/kernel/personal-data';
import { commitmentOf } from '../personal-data/commitment';
import { problem, type ScopedProblem } from './database-problem';
import type { Query } from './hashed-rows';

/** A personal datum removed under a logged gallring: shown by verify beside its problems, never as one. */
export class RemovedItem {
  @ApiProperty({ enum: ['personal_datum'] }) table: 'personal_datum';
  @ApiProperty() row: string;
  /** The record that named it (`meeting:<id>`, `delegation:<id>`). */
  @ApiProperty({ example: 'meeting:3f0c…' }) record: string;
  /** The gallringsbeslut, as the logged gallring names it. */
  @ApiProperty() decision: string;
  /** The gallring's log row. */
  @ApiProperty() workflowId: string;
  @ApiProperty() seq: number;
}

interface DatumRow {
  commitment: string;
  scope: string;
  salt: string | null;
  value: string | null;
  removedUnder: string | null;
  removalWorkflowId: string | null;
  removalSeq: number | null;
}

/**
 * Personal data against the log (issue 10 §9): a present datum's salt and value hash to its commitment; a datum
 * without them is named by a logged gallring (PERSONAL_DATA_REMOVED), and its removal columns say what that row says;
 * every commitment the protocol log rows, the meetings or the delegationsbeslut hold has its row. Each finding concerns the workflows whose
 * rows name the datum and the gallring's.
 */
export async function personalDataFindings(
  query: Query,
): Promise<{ problems: ScopedProblem[]; removed: Array<RemovedItem & { concerns: string[] }> }> {
  const problems: ScopedProblem[] = [];
  const removed: Array<RemovedItem & { concerns: string[] }> = [];
  const rows = await query<DatumRow>(
    `SELECT commitment, scope, salt, value, removed_under AS "removedUnder", removal_workflow_id AS "removalWorkflowId",
            removal_seq AS "removalSeq" FROM personal_datum ORDER BY commitment`,
    [],
  );
  const removals = new Map<string, { workflowId: string; seq: number; under: string; record: string }>();
  for (const r of await query<{ id: string; seq: number; payload: string }>(
    `SELECT instance_id AS "id", seq, payload FROM workflow_transition
      WHERE machine_id = 'gallring' AND event_type = 'PERSONAL_DATA_REMOVED' ORDER BY instance_id, seq`,
    [],
  )) {
    const e = JSON.parse(r.payload) as {
      beslut: Gallringsbeslut;
      items: Array<{ commitment: string; record: string }>;
    };
    for (const i of e.items)
      removals.set(i.commitment, {
        workflowId: r.id,
        seq: Number(r.seq),
        under: beslutLabel(e.beslut),
        record: i.record,
      });
  }
  // Where each commitment is named: the protocol rows (genesis and events) and the meetings' attendees.
  const namedBy = new Map<
    string,
    Array<{ workflowId: string | null; seq: number | null; table: string; rowId: string }>
  >();
  const name = (c: string, at: { workflowId: string | null; seq: number | null; table: string; rowId: string }) =>
    namedBy.set(c, [...(namedBy.get(c) ?? []), at]);
  for (const r of await query<{ id: string; seq: number; payload: string }>(
    `SELECT instance_id AS "id", seq, payload FROM workflow_transition WHERE machine_id = 'protocol' AND payload LIKE '%pd:%'`,
    [],
  ))
    for (const c of commitmentsIn(r.payload))
      name(c, { workflowId: r.id, seq: Number(r.seq), table: 'workflow_transition', rowId: `${r.id}#${r.seq}` });
  for (const m of await query<{ id: string; attendees: string; secretary: string | null }>(
    `SELECT id, attendees, secretary FROM meeting WHERE attendees LIKE '%pd:%'`,
    [],
  ))
    for (const c of commitmentsIn(`${m.attendees} ${m.secretary ?? ''}`))
      name(c, { workflowId: null, seq: null, table: 'meeting', rowId: m.id });
  // A delegationsbeslut's delegate (scope delegation:<id>): its row, hashed into the log, holds the marker.
  for (const d of await query<{ id: string; delegate: string }>(
    `SELECT id, delegate FROM delegation_decision WHERE delegate LIKE '%pd:%'`,
    [],
  ))
    for (const c of commitmentsIn(d.delegate))
      name(c, { workflowId: null, seq: null, table: 'delegation_decision', rowId: d.id });

  const concernsOf = (c: string, also?: string) =>
    [...(namedBy.get(c) ?? []).map((n) => n.workflowId), also].filter((id): id is string => !!id);
  for (const d of rows) {
    const where = { table: 'personal_datum', rowId: d.commitment };
    const logged = removals.get(d.commitment);
    const at = logged ? { workflowId: logged.workflowId, seq: logged.seq } : { workflowId: null, seq: null };
    const concerns = concernsOf(d.commitment, logged?.workflowId);
    const add = (kind: Parameters<typeof problem>[0], message: string) =>
      problems.push({ ...problem(kind, at, where, message), concerns });
    if (d.value !== null && d.salt !== null) {
      if (commitmentOf(d.salt, d.value) !== d.commitment)
        add(
          'RECORD_HASH_MISMATCH',
          `Personal datum ${d.commitment}: its salt and value do not hash to its commitment.`,
        );
      if (logged)
        add(
          'PROJECTION_MISMATCH',
          `Personal datum ${d.commitment} is still stored, though ${logged.workflowId}#${logged.seq} removed it.`,
        );
      continue;
    }
    if (!logged) {
      add(
        'PERSONAL_DATUM_REMOVED_WITHOUT_GALLRING',
        `Personal datum ${d.commitment} (${d.scope}) has lost its ${d.value === null ? 'value' : 'salt'}, and no logged gallring removed it.`,
      );
      continue;
    }
    const differs =
      d.removedUnder !== logged.under ||
      d.removalWorkflowId !== logged.workflowId ||
      Number(d.removalSeq) !== logged.seq ||
      d.scope !== logged.record;
    if (differs)
      add(
        'PROJECTION_MISMATCH',
        `Personal datum ${d.commitment} says it was removed under ${d.removedUnder} at ${d.removalWorkflowId}#${d.removalSeq}; the log says ${logged.under} at ${logged.workflowId}#${logged.seq}.`,
      );
    removed.push({
      table: 'personal_datum',
      row: d.commitment,
      record: d.scope,
      decision: logged.under,
      ...at,
      concerns,
    } as RemovedItem & { concerns: string[] });
  }
  const stored = new Set(rows.map((d) => d.commitment));
  for (const [c, places] of namedBy) {
    if (stored.has(c)) continue;
    for (const p of places)
      problems.push(
        problem(
          'RECORD_MISSING',
          p,
          { table: 'personal_datum', rowId: c },
          `${p.table} ${p.rowId} names personal datum ${c}, which is not stored.`,
        ),
      );
  }
  for (const [c, r] of removals) {
    if (stored.has(c)) continue;
    problems.push(
      problem(
        'RECORD_MISSING',
        r,
        { table: 'personal_datum', rowId: c },
        `The gallring at ${r.workflowId}#${r.seq} removed personal datum ${c}, which is not stored.`,
      ),
    );
  }
  return { problems, removed };
}
