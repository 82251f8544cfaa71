import { organOfBody } from '../../machines/protocol/decision.rules';
import { invoiceIdOf } from '../cost/cost.views';
import type { Query } from './hashed-rows';
import type { LogFacts } from './log-facts';
import { problem, type ScopedProblem } from './database-problem';

interface DecisionRow {
  id: string;
  municipalityCode: string;
  organ: string;
  decidedOn: string;
  paragraphNumber: string | null;
  subject: string;
  collaboration: string | null;
  documentVersionId: string | null;
  workflowId: string | null;
  diarienummer: string | null;
  matterMunicipality: string | null;
  minimal: boolean | number;
  bodyId: string | null;
  meetingBodyId: string | null;
  /** Of the meeting and body the row points at (a paragraph's genesis holds their facts). */
  meetingDate: string | null;
  bodyName: string | null;
  bodyKind: string | null;
  memberCount: number | null;
  /** R-H22: the paragraph this one continues, as its genesis names it. */
  continuesDecisionId: string | null;
}

/**
 * Decision records as projections of the log. A recorded paragraph is its protocol workflow's (the genesis holds
 * the meeting's facts, the context the paragraph as amended); every decision an event rests on is named in that
 * event's payload with its organ and date (the minimal record of an inline decision has nothing else behind it).
 * Its matter's diarienummer is the paragraph's. The links ("this decision drove that event", "that annulment
 * compensated it") must name log rows that exist, and each citing event must have its link.
 */
export async function decisionProblems(query: Query, log: LogFacts): Promise<ScopedProblem[]> {
  const problems: ScopedProblem[] = [];
  const rows = await query<DecisionRow>(
    `SELECT d.id, d.municipality_code AS "municipalityCode", d.organ, d.decided_on AS "decidedOn",
            d.paragraph_number AS "paragraphNumber", d.subject, d.collaboration, d.document_version_id AS "documentVersionId",
            d.workflow_id AS "workflowId", m.diarienummer, m.municipality_code AS "matterMunicipality", d.minimal,
            d.body_id AS "bodyId", mt.body_id AS "meetingBodyId", mt.date AS "meetingDate", b.name AS "bodyName", b.kind AS "bodyKind", b.member_count AS "memberCount",
            d.continues_decision_id AS "continuesDecisionId"
       FROM decision d LEFT JOIN matter m ON m.id = d.matter_id
       LEFT JOIN meeting mt ON mt.id = d.meeting_id LEFT JOIN body b ON b.id = COALESCE(mt.body_id, d.body_id)`,
    [],
  );
  for (const d of rows) if (d.memberCount !== null) d.memberCount = Number(d.memberCount);
  const byId = new Map(rows.map((d) => [d.id, d]));
  const cited = new Set(log.citations.map((c) => String(c.ref.decisionId)));
  for (const d of rows) {
    if (d.workflowId) problems.push(...paragraphProblems(d, log));
    if (Boolean(d.minimal) !== !d.workflowId)
      problems.push(
        problem(
          'PROJECTION_MISMATCH',
          { workflowId: d.workflowId, seq: null },
          { table: 'decision', rowId: d.id },
          `Decision ${d.id} is marked ${d.minimal ? 'minimal' : 'recorded'}, but it ${d.workflowId ? 'has' : 'has no'} protocol workflow.`,
        ),
      );
    // A minimal record exists only as the decision of the event that created it: no such event, no such decision.
    if (!d.workflowId && !cited.has(d.id))
      problems.push(
        problem(
          'RECORD_NOT_IN_LOG',
          { workflowId: null, seq: null },
          { table: 'decision', rowId: d.id },
          `No log row rests on the minimal decision ${d.id}.`,
        ),
      );
  }
  for (const c of log.citations) {
    const d = byId.get(c.ref.decisionId);
    const at = { workflowId: c.workflowId, seq: c.seq };
    const where = { table: 'decision', rowId: String(c.ref.decisionId) };
    if (!d) {
      problems.push(
        problem(
          'RECORD_MISSING',
          at,
          where,
          `${c.eventType} at ${c.workflowId}#${c.seq} rests on decision ${c.ref.decisionId}, which is not stored.`,
        ),
      );
      continue;
    }
    const differs = (['organ', 'date', 'paragraph', 'diarienummer'] as const).filter((k) => {
      const stored = { organ: d.organ, date: d.decidedOn, paragraph: d.paragraphNumber, diarienummer: d.diarienummer }[
        k
      ];
      // paragraph and diarienummer are named only when the decision had them; the minimal form may name neither
      return c.ref[k] !== undefined ? c.ref[k] !== stored : k === 'organ' || k === 'date';
    });
    if (differs.length) {
      problems.push(
        problem(
          'PROJECTION_MISMATCH',
          at,
          where,
          `Decision ${d.id} says ${differs.map((k) => `${k} ${JSON.stringify(k === 'date' ? d.decidedOn : k === 'paragraph' ? d.paragraphNumber : (d as any)[k])}`).join(', ')}; log row ${c.workflowId}#${c.seq} (${c.eventType}) says ${differs.map((k) => `${k} ${JSON.stringify(c.ref[k])}`).join(', ')}.`,
          [d.workflowId],
        ),
      );
    }
  }
  problems.push(...(await linkProblems(query, log)));
  problems.push(...(await invoiceProblems(query, log)));
  return problems;
}

/** A recorded paragraph against its protocol workflow: the genesis (meeting) and the head context (paragraph). */
function paragraphProblems(d: DecisionRow, log: LogFacts): ScopedProblem[] {
  const out: ScopedProblem[] = [];
  const where = { table: 'decision', rowId: d.id };
  const g = log.genesis.get(d.workflowId!);
  const head = log.contexts.get(d.workflowId!);
  if (!g || g.machineId !== 'protocol' || !head) return out; // the mapping check reports it
  const meeting = g.input.meeting ?? {};
  const fromGenesis = {
    organ: organOfBody(String(meeting.bodyKind)),
    // R-I9: an anmälan of a delegationsbeslut is dated by the delegate's decision, not by the reporting meeting
    decidedOn: g.input.delegation?.decidedOn ?? meeting.date,
    municipalityCode: meeting.municipality,
    // the meeting and body the row points at must be those the paragraph was recorded at
    // R-I9: a delegationsbeslut announced on its own (protocol@3) has no meeting: its genesis holds the body only
    meetingDate: g.input.ownNotice ? null : meeting.date,
    bodyName: meeting.bodyName,
    bodyKind: meeting.bodyKind,
    memberCount: meeting.memberCount,
    meetingBodyId: g.input.ownNotice ? null : d.bodyId,
    continuesDecisionId: g.input.continues ?? null,
  };
  const p = head.context.paragraph ?? {};
  const fromHead = {
    paragraphNumber: p.paragraphNumber ?? null,
    subject: p.subject,
    collaboration: p.collaboration ?? null,
    documentVersionId: p.documentVersionId ?? null,
    diarienummer: p.matter?.diarienummer ?? null,
    matterMunicipality: p.matter?.diarienummer ? meeting.municipality : null,
  };
  for (const [fields, seq] of [
    [fromGenesis, 0],
    [fromHead, head.version],
  ] as const) {
    const differs = Object.entries(fields).filter(([k, v]) => (d as any)[k] !== v);
    if (!differs.length) continue;
    out.push(
      problem(
        'PROJECTION_MISMATCH',
        { workflowId: d.workflowId, seq },
        where,
        `Decision ${d.id} says ${differs.map(([k]) => `${k} ${JSON.stringify((d as any)[k])}`).join(', ')}; its protocol log (${d.workflowId}#${seq}) says ${differs.map(([k, v]) => `${k} ${JSON.stringify(v)}`).join(', ')}.`,
      ),
    );
  }
  return out;
}

/** Each link names logged rows of the event type it records; each citing event has its 'drives' link. */
async function linkProblems(query: Query, log: LogFacts): Promise<ScopedProblem[]> {
  const out: ScopedProblem[] = [];
  const links = await query<any>(
    `SELECT id, cause_key AS "causeKey", cause_workflow_id AS "causeWorkflowId", cause_seq AS "causeSeq",
            effect_workflow_id AS "effectWorkflowId", effect_seq AS "effectSeq", event_type AS "eventType", kind
       FROM workflow_link`,
    [],
  );
  const drives = new Set<string>();
  for (const l of links) {
    const at = { workflowId: l.effectWorkflowId, seq: Number(l.effectSeq) };
    const where = { table: 'workflow_link', rowId: String(l.id) };
    if (log.eventAt(at.workflowId, at.seq) !== l.eventType)
      out.push(
        problem(
          'PROJECTION_MISMATCH',
          at,
          where,
          `Link ${l.id} names ${l.eventType} at ${at.workflowId}#${at.seq}; the log has no such row.`,
        ),
      );
    if (l.causeWorkflowId && !log.eventAt(l.causeWorkflowId, Number(l.causeSeq)))
      out.push(
        problem(
          'PROJECTION_MISMATCH',
          at,
          where,
          `Link ${l.id} names its cause at ${l.causeWorkflowId}#${l.causeSeq}; the log has no such row.`,
          [l.causeWorkflowId],
        ),
      );
    if (l.kind === 'drives') drives.add(`${l.causeKey}>${at.workflowId}:${at.seq}`);
  }
  for (const c of log.citations) {
    if (drives.has(`decision:${c.ref.decisionId}>${c.workflowId}:${c.seq}`)) continue;
    out.push(
      problem(
        'PROJECTION_MISMATCH',
        { workflowId: c.workflowId, seq: c.seq },
        { table: 'workflow_link', rowId: '' },
        `${c.eventType} at ${c.workflowId}#${c.seq} rests on decision ${c.ref.decisionId}, but no link records that it drove it (R-C11 would not compensate it).`,
      ),
    );
  }
  return out;
}

/** An invoice's index row: its id is derived from its rule and number, and its rule is a cost-rule workflow. */
async function invoiceProblems(query: Query, log: LogFacts): Promise<ScopedProblem[]> {
  const out: ScopedProblem[] = [];
  for (const i of await query<any>(`SELECT id, cost_rule_id AS "rule", number FROM cost_invoice`, [])) {
    if (i.id === invoiceIdOf(i.rule, i.number) && log.genesis.get(i.rule)?.machineId === 'cost-rule') continue;
    out.push(
      problem(
        'MAPPING_MISMATCH',
        { workflowId: i.rule, seq: null },
        { table: 'cost_invoice', rowId: i.id },
        `Invoice ${i.id} is not invoice ${i.number} of cost rule ${i.rule}.`,
      ),
    );
  }
  return out;
}
