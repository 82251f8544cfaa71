import { mapEventTexts, mapParagraphTexts, secretCommitmentsIn } from '../../machines/protocol/secrecy.rules';
import type { DecisionParagraph } from '../../machines/protocol/decision.types';
import type { ProtocolEvent } from '../../machines/protocol/protocol.types';
import { commitmentOf } from '../personal-data/commitment';
import { problem, type ScopedProblem } from './database-problem';
import type { Query } from './hashed-rows';
import type { LogFacts } from './log-facts';

interface SecretTextRow {
  commitment: string;
  scope: string;
  field: string;
  municipalityCode: string;
  salt: string | null;
  value: string | null;
}

/** Where the log names a commitment: the row, and what that row says the text is (its decision, municipality, field). */
interface Naming {
  workflowId: string;
  seq: number;
  scope: string | null;
  municipality: string | null;
  field: string | null;
}

const parse = (text: string): any => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // a payload that is not JSON is verify's finding (BAD_PAYLOAD), not this one's
  }
};

/**
 * The markable texts of the paragraphs against the log (issue 11 §8, issue 12 §3): the log rows hold `sk:<commitment>`
 * and the text lives beside them in secret_text, so an edit of the text (or of its commitment) is found only here.
 * Each row's salt and value hash to its commitment; its decision, municipality (the myndighet that may read it,
 * R-K12) and field (what a marking covers, R-K7) are what the log row naming it says; every commitment the log names
 * is stored, and every stored one is named. Each finding concerns the workflows whose rows name the text.
 */
export async function secretTextProblems(query: Query, log: LogFacts): Promise<ScopedProblem[]> {
  const rows = await query<SecretTextRow>(
    `SELECT commitment, scope, field, municipality_code AS "municipalityCode", salt, value FROM secret_text
      ORDER BY commitment`,
    [],
  );
  const named = await namings(query, log);
  const problems: ScopedProblem[] = [];
  for (const d of rows) {
    const where = { table: 'secret_text', rowId: d.commitment };
    const names = named.get(d.commitment) ?? [];
    const concerns = names.map((n) => n.workflowId);
    const at = names[0] ?? { workflowId: null, seq: null };
    const add = (kind: Parameters<typeof problem>[0], message: string) =>
      problems.push({ ...problem(kind, at, where, message), concerns });
    if (d.salt === null || d.value === null || commitmentOf(d.salt, d.value) !== d.commitment)
      add(
        'RECORD_HASH_MISMATCH',
        `Secret text ${d.commitment} (${d.scope}, ${d.field}): its salt and text do not hash to its commitment.`,
      );
    if (!names.length) {
      add('RECORD_NOT_IN_LOG', `Secret text ${d.commitment} (${d.scope}, ${d.field}) is named by no log row.`);
      continue;
    }
    for (const n of names) {
      const differs = [
        n.scope !== null && n.scope !== d.scope ? `decision ${d.scope}, the log ${n.scope}` : null,
        n.municipality !== null && n.municipality !== d.municipalityCode
          ? `municipality ${d.municipalityCode}, the log ${n.municipality}`
          : null,
        n.field !== null && n.field !== d.field ? `field ${d.field}, the log ${n.field}` : null,
      ].filter(Boolean);
      if (differs.length)
        problems.push({
          ...problem(
            'PROJECTION_MISMATCH',
            n,
            where,
            `Secret text ${d.commitment} differs from log row ${n.workflowId}#${n.seq}: ${differs.join('; ')}.`,
          ),
          concerns,
        });
    }
  }
  const stored = new Set(rows.map((d) => d.commitment));
  for (const [c, names] of named) {
    if (stored.has(c)) continue;
    for (const n of names)
      problems.push(
        problem(
          'RECORD_MISSING',
          n,
          { table: 'secret_text', rowId: c },
          `Log row ${n.workflowId}#${n.seq} names secret text ${c}, which is not stored.`,
        ),
      );
  }
  return problems;
}

/** Every commitment the protocol log rows name, with what each row says of it. */
async function namings(query: Query, log: LogFacts): Promise<Map<string, Naming[]>> {
  const named = new Map<string, Naming[]>();
  for (const r of await query<{ id: string; seq: number; payload: string }>(
    `SELECT instance_id AS "id", seq, payload FROM workflow_transition
      WHERE machine_id = 'protocol' AND payload LIKE '%sk:%' ORDER BY instance_id, seq`,
    [],
  )) {
    const seq = Number(r.seq);
    const input = log.genesis.get(r.id)?.input ?? {};
    const scope = typeof input.decisionId === 'string' ? `decision:${input.decisionId}` : null;
    const municipality = typeof input.meeting?.municipality === 'string' ? input.meeting.municipality : null;
    const fields = fieldsOf(parse(r.payload), seq);
    for (const c of secretCommitmentsIn(r.payload))
      named.set(c, [
        ...(named.get(c) ?? []),
        { workflowId: r.id, seq, scope, municipality, field: fields.get(c) ?? null },
      ]);
  }
  return named;
}

/** commitment → the field of the paragraph its marker stands in, in a protocol row (the genesis or an event). */
function fieldsOf(payload: any, seq: number): Map<string, string> {
  const out = new Map<string, string>();
  const note = (field: string, text: string) => {
    for (const c of secretCommitmentsIn(text)) out.set(c, field);
    return text;
  };
  if (!payload || typeof payload !== 'object') return out;
  try {
    if (seq === 0 && payload.paragraph) mapParagraphTexts(payload.paragraph as DecisionParagraph, note);
    else if (seq > 0) mapEventTexts(payload as ProtocolEvent, note);
  } catch {
    // A payload of another shape names its commitments without fields; the replay reports the shape itself.
  }
  return out;
}
