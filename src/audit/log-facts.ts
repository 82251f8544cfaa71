import type { Query } from './hashed-rows';

/** What the table checks read of the log, once per run, in the run's consistent snapshot. */
export interface LogFacts {
  /** Each workflow's genesis (seq 0): its machine and its creation input (hash-covered). */
  genesis: Map<string, { machineId: string; input: Record<string, any> }>;
  /** The head context of the workflows whose context a table copies (collaboration settings, protocol paragraphs). */
  contexts: Map<string, { version: number; context: Record<string, any> }>;
  /** Log rows that cite a decision (an object with `decisionId`, `organ` and `date` in the payload). */
  citations: Array<{ workflowId: string; seq: number; eventType: string; ref: Record<string, any> }>;
  /** Every RECORD_WRITTEN row of the record registers. */
  registered: Array<{ workflowId: string; seq: number; records: Array<{ table: string; id: string; hash: string }> }>;
  /** (workflowId, seq) → event type, for the rows that links name. */
  eventAt(workflowId: string, seq: number): string | undefined;
}

const parse = (text: string): any => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // a payload that is not JSON is verify's finding (BAD_PAYLOAD), not this one's
  }
};

/** The decision references in a payload, at any depth (membership, area and amendment events name them). */
function decisionRefs(value: unknown, out: Array<Record<string, any>> = []): Array<Record<string, any>> {
  if (Array.isArray(value)) for (const v of value) decisionRefs(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, any>;
    if (typeof o.decisionId === 'string' && 'organ' in o && 'date' in o) out.push(o);
    for (const v of Object.values(o)) decisionRefs(v, out);
  }
  return out;
}

export async function readLogFacts(query: Query): Promise<LogFacts> {
  const genesis = new Map<string, { machineId: string; input: Record<string, any> }>();
  for (const r of await query<{ id: string; machineId: string; payload: string }>(
    `SELECT instance_id AS "id", machine_id AS "machineId", payload FROM workflow_transition WHERE seq = 0`,
    [],
  ))
    genesis.set(r.id, { machineId: r.machineId, input: parse(r.payload) ?? {} });
  const contexts = new Map<string, { version: number; context: Record<string, any> }>();
  for (const r of await query<{ id: string; version: number; snapshot: string }>(
    `SELECT id, version, snapshot FROM workflow_instance WHERE machine_id IN ('collaboration', 'protocol', 'cost-rule')`,
    [],
  ))
    contexts.set(r.id, { version: Number(r.version), context: parse(r.snapshot)?.context ?? {} });
  const citations: LogFacts['citations'] = [];
  const registered: LogFacts['registered'] = [];
  const events = new Map<string, string>();
  for (const r of await query<{ id: string; seq: number; eventType: string; machineId: string; payload: string }>(
    `SELECT instance_id AS "id", seq, event_type AS "eventType", machine_id AS "machineId", payload FROM workflow_transition
      WHERE seq > 0 AND (payload LIKE '%"decisionId"%' OR machine_id = 'record-register'
        OR instance_id IN (SELECT effect_workflow_id FROM workflow_link)
        OR instance_id IN (SELECT cause_workflow_id FROM workflow_link))`,
    [],
  )) {
    const seq = Number(r.seq);
    events.set(`${r.id}:${seq}`, r.eventType);
    const payload = parse(r.payload);
    if (r.machineId === 'record-register') {
      if (r.eventType === 'RECORD_WRITTEN' && Array.isArray(payload?.records))
        registered.push({ workflowId: r.id, seq, records: payload.records });
      continue;
    }
    for (const ref of decisionRefs(payload)) citations.push({ workflowId: r.id, seq, eventType: r.eventType, ref });
  }
  return { genesis, contexts, citations, registered, eventAt: (id, seq) => events.get(`${id}:${seq}`) };
}
