import { decisionCauseKey } from '../../machines/protocol/protocol.rules';
import { notFound } from '../common/errors';
import type { Db } from '../database/db';
import { EntityColumns } from '../database/entity-columns';
import { MunicipalityEntity } from '../municipality/municipality.entity';
import { unknownMunicipality } from '../municipality/municipality.service';
import { headRowColumns, type HeadRow, type WorkflowEngine } from '../workflow/engine/workflow-engine.service';
import type { LinkView } from '../workflow/links/workflow-links';
import { BodyEntity, DecisionEntity, MatterEntity, MeetingEntity } from './decision.entities';
import { decisionView, paragraphLink } from './decision.mapping';
import type { DecisionView } from './decision.views';
import type { InstanceView } from '../workflow/workflow.types';

/** A row of the continuation lookup (R-H22). */
interface ContinuationRow {
  direction: 'from' | 'by';
  id: string;
  paragraphNumber: string | null;
  decidedOn: string;
  meetingId: string | null;
  createdAt: string;
}

/** Where an as-of read takes the protocol workflow from: replayed up to `instant` (null: not recorded by then). */
export interface DecisionAt {
  instant: string;
  replay(workflowId: string): Promise<InstanceView | null>;
}

/**
 * `GET /decisions/{id}` in three prepared statements on a read connection (Db.lookup: committed data only): the
 * decision with its municipality, body, meeting, matter and workflow head in one, the links it drove in another, the paragraphs of its matter it continues and
 * is continued by (R-H22) in the third.
 * Each statement reads committed data (read committed); both are sent at once. The answer is the one the write path
 * builds in its transaction (decisionView), with the same 404s.
 */
export class DecisionRead {
  private readonly decision: EntityColumns<DecisionEntity>;
  private readonly municipality: EntityColumns<MunicipalityEntity>;
  private readonly body: EntityColumns<BodyEntity>;
  private readonly meeting: EntityColumns<MeetingEntity>;
  private readonly matter: EntityColumns<MatterEntity>;
  private readonly rowSql: string;
  private readonly linksSql: string;
  private readonly continuationSql: string;

  constructor(
    private readonly db: Db,
    private readonly engine: WorkflowEngine,
  ) {
    const ds = db.dataSource;
    const p = (i: number) => db.dialect.param(i);
    this.decision = new EntityColumns(ds, DecisionEntity, 'd', 'd_');
    this.municipality = new EntityColumns(ds, MunicipalityEntity, 'mu', 'mu_');
    this.body = new EntityColumns(ds, BodyEntity, 'b', 'b_');
    this.meeting = new EntityColumns(ds, MeetingEntity, 'mt', 'mt_');
    this.matter = new EntityColumns(ds, MatterEntity, 'mx', 'mx_');
    const parts = [this.decision, this.municipality, this.body, this.meeting, this.matter];
    this.rowSql =
      `SELECT ${parts.map((e) => e.select).join(', ')}, ${headRowColumns('wi')} FROM decision d ` +
      `LEFT JOIN municipality mu ON mu.code = d.municipality_code ` +
      `LEFT JOIN body b ON b.id = d.body_id ` +
      `LEFT JOIN meeting mt ON mt.id = d.meeting_id ` +
      `LEFT JOIN matter mx ON mx.id = d.matter_id ` +
      `LEFT JOIN workflow_instance wi ON wi.id = d.workflow_id ` +
      `WHERE d.id = ${p(1)}`;
    // R-H22: the paragraphs of the same matter this one continues, and that continue it (ix_decision_continues).
    this.continuationSql =
      `SELECT 'from' AS "direction", pv.id, pv.paragraph_number AS "paragraphNumber", pv.decided_on AS "decidedOn", ` +
      `pv.meeting_id AS "meetingId", pv.created_at AS "createdAt" FROM decision d JOIN decision pv ON pv.id = d.continues_decision_id ` +
      `WHERE d.id = ${p(1)} UNION ALL ` +
      `SELECT 'by' AS "direction", nx.id, nx.paragraph_number AS "paragraphNumber", nx.decided_on AS "decidedOn", ` +
      `nx.meeting_id AS "meetingId", nx.created_at AS "createdAt" FROM decision nx WHERE nx.continues_decision_id = ${p(2)}`;
    this.linksSql =
      `SELECT effect_workflow_id AS "workflowId", event_type AS "eventType", effect_seq AS "seq" ` +
      `FROM workflow_link WHERE cause_key = ${p(1)} AND kind = ${p(2)} ORDER BY id ASC`;
  }

  /**
   * `at`: the decision as its protocol workflow's log stood at an instant (GET /decisions/{id}?asOf=): the workflow
   * replayed up to then instead of its head; a decision not recorded by then is not found.
   */
  async get(id: string, at?: DecisionAt): Promise<DecisionView> {
    const [rows, drove, continuation] = await Promise.all([
      this.db.lookup<Record<string, unknown>>(this.rowSql, [id]),
      this.db.lookup<LinkView>(this.linksSql, [decisionCauseKey(id), 'drives']),
      this.db.lookup<ContinuationRow>(this.continuationSql, [id, id]),
    ]);
    const link = (direction: string) => {
      // as of an instant, a continuation recorded later is not there yet
      const r = continuation.find((c) => c.direction === direction && (!at || c.createdAt <= at.instant));
      return r ? paragraphLink(r) : null;
    };
    const row = rows[0];
    const decision = row && this.decision.from(row);
    if (!decision) throw notFound(`Decision ${id}`, `Beslutet ${id}`);
    const municipality = this.municipality.from(row);
    if (!municipality) throw unknownMunicipality(decision.municipalityCode);
    const head = row as unknown as HeadRow;
    if (decision.workflowId && head.id == null)
      throw notFound(`Workflow ${decision.workflowId}`, `Arbetsflödet ${decision.workflowId}`);
    const instance = decision.workflowId
      ? at
        ? await at.replay(decision.workflowId)
        : this.engine.viewOfRow(head)
      : null;
    if (at && ((decision.workflowId && !instance) || decision.createdAt > at.instant))
      throw notFound(
        `Decision ${id} as recorded by ${at.instant}`,
        `Beslutet ${id} så som det var registrerat ${at.instant}`,
      );
    return decisionView(
      {
        decision,
        municipality: { code: municipality.code, name: municipality.name },
        body: this.body.from(row),
        meeting: this.meeting.from(row),
        matter: this.matter.from(row),
        drove: drove.map((l) => ({ workflowId: l.workflowId, eventType: l.eventType, seq: Number(l.seq) })),
        continuesFrom: link('from'),
        continuedBy: link('by'),
      },
      instance,
    );
  }
}
