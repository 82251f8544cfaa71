import { Inject, Injectable } from '@nestjs/common';
import { declarationInForceOn } from '../../machines/amendment/amendment.rules';
import type { AmendmentContext } from '../../machines/amendment/amendment.types';
import type { CollaborationContextV3 } from '../../machines/collaboration/collaboration.machine';
import { statusOn } from '../../machines/membership/membership.rules';
import type { MembershipContext } from '../../machines/membership/membership.types';
import { notFound } from '../common/errors';
import { Db, type Tx } from '../database/db';
import { planInForceAmong } from '../plan/plan.views';
import { Clock } from '../workflow/clock';
import { MachineRegistry } from '../workflow/machine-registry';
import type { InstanceView } from '../workflow/workflow.types';
import { asOfPoint, type AsOfPoint } from './as-of-instant';
import type { CollaborationAsOfView, OpenDeadlineView, WorkflowAtView } from './as-of.views';
import { logRowsAt, replayAt, type WorkflowAt } from './replay-at';

/** A workflow of a collaboration, as its module's table names it. */
interface Member {
  kind: 'collaboration' | 'membership' | 'area' | 'amendment' | 'plan' | 'council' | 'cost-rule' | 'decision';
  workflowId: string;
  key: string;
  label: string | null;
}

/**
 * The past as it stood (issue 10 §6): a collaboration computed from its workflows' log rows up to an instant,
 * replayed through the pinned machines, and judged on a legal date. The tables of the modules only say which
 * workflows belong to the collaboration; every fact shown comes from the replayed snapshots, so an answer for a past
 * instant cannot change when later events are recorded.
 */
@Injectable()
export class AsOfService {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly registry: MachineRegistry,
    private readonly clock: Clock,
  ) {}

  async collaborationAt(slug: string, query: { date?: string; instant?: string }): Promise<CollaborationAsOfView> {
    const point = asOfPoint(query, this.clock.nowIso());
    const { members, at } = await this.db.read(async (tx) => {
      const members = await membersOf(tx, slug);
      const rows = await logRowsAt(
        tx,
        members.map((m) => m.workflowId),
        point.instant,
      );
      return { members, at: replayAt(this.registry, rows) };
    });
    return this.view(slug, point, members, at);
  }

  /** A decision's protocol workflow as it stood at `point` (GET /decisions/{id}?asOf=); null before it existed. */
  async workflowAt(workflowId: string, point: AsOfPoint): Promise<WorkflowAt | null> {
    const rows = await this.db.read((tx) => logRowsAt(tx, [workflowId], point.instant));
    return replayAt(this.registry, rows).get(workflowId) ?? null;
  }

  private view(slug: string, point: AsOfPoint, members: Member[], at: Map<string, WorkflowAt>): CollaborationAsOfView {
    const { date } = point;
    const of = (kind: Member['kind']) =>
      members.filter((m) => m.kind === kind && at.has(m.workflowId)).map((m) => ({ m, w: at.get(m.workflowId)! }));
    const own = of('collaboration')[0]?.w;
    const base = { collaboration: slug, date, instant: point.instant, instantFrom: point.instantFrom };
    if (!own) return { ...base, ...empty() };
    const context = own.context as CollaborationContextV3;
    const amendments = of('amendment');
    const original = { version: context.declarationVersion, inForceFrom: context.declarationEffectiveDate };
    return {
      ...base,
      existed: true,
      name: context.name,
      declarationInForce: declarationInForceOn(
        original,
        amendments.map(({ w }) => w.context as AmendmentContext),
        date,
      ),
      parties: of('membership').map(({ m, w }) => {
        const status = statusOn(w.context as MembershipContext, date);
        return { municipality: { code: m.key, name: m.label }, ...workflowView(w), ...status };
      }),
      organisations: (context.organisations ?? []).filter((o) => !o.signedOn || o.signedOn <= date),
      areas: of('area').map(({ m, w }) => ({ areaId: m.key, ...workflowView(w) })),
      amendments: amendments.map(({ m, w }) => ({ amendmentId: m.key, ...workflowView(w) })),
      planInForce: planInForceAmong(
        of('plan').map(({ w }) => instanceOf(w)),
        date,
      ),
      plans: of('plan').map(({ w }) => workflowView(w)),
      council: of('council').map(({ w }) => workflowView(w))[0] ?? null,
      costRules: of('cost-rule').map(({ w }) => workflowView(w)),
      decisions: of('decision').map(({ m, w }) => ({ decisionId: m.key, ...workflowView(w) })),
      // soonest first, as a reader looks for them; the same order on every database
      openDeadlines: [...at.values()].flatMap((w) => this.deadlinesOf(w)).sort(byDueOn),
    };
  }

  /** What the pinned machine says is due for this snapshot: the due-event rows the engine held at the instant. */
  private deadlinesOf(w: WorkflowAt): OpenDeadlineView[] {
    const def = this.registry.get(w.machineId, w.machineVersion);
    if (!def.dueEvents) return [];
    return def
      .dueEvents(w.context, w.state)
      .map((d) => ({ workflowId: w.workflowId, machine: w.machineId, eventType: d.type, dueOn: d.dueOn }));
  }
}

function byDueOn(a: OpenDeadlineView, b: OpenDeadlineView): number {
  const key = (d: OpenDeadlineView) => `${d.dueOn} ${d.machine} ${d.eventType} ${d.workflowId}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

const empty = () => ({
  existed: false as const,
  name: null,
  declarationInForce: null,
  parties: [],
  organisations: [],
  areas: [],
  amendments: [],
  planInForce: null,
  plans: [],
  council: null,
  costRules: [],
  decisions: [],
  openDeadlines: [],
});

function workflowView(w: WorkflowAt): WorkflowAtView {
  return { workflowId: w.workflowId, machine: w.machineId, state: w.state, version: w.version, replayed: w.replayed };
}

function instanceOf(w: WorkflowAt): InstanceView {
  return {
    id: w.workflowId,
    machineId: w.machineId,
    machineVersion: w.machineVersion,
    subject: '',
    state: w.state,
    version: w.version,
    context: w.context,
    allowedEvents: [],
  };
}

/**
 * Which workflows belong to the collaboration, from the tables of the modules that own them (read only for their
 * workflow ids; indexed by collaboration). A workflow created after the instant has no rows up to it and drops out.
 */
async function membersOf(tx: Tx, slug: string): Promise<Member[]> {
  const d = tx.dialect;
  const [c] = await tx.select<{ id: string }>(`SELECT id FROM collaboration WHERE slug = ${d.param(1)}`, [slug]);
  if (!c) throw notFound(`Collaboration '${slug}'`, `Samverkan '${slug}'`);
  const parts: Array<[string, unknown]> = [
    [
      `SELECT 'collaboration' AS kind, workflow_id AS "workflowId", slug AS "key", NULL AS label FROM collaboration WHERE id = ?`,
      c.id,
    ],
    [
      `SELECT 'membership', ms.workflow_id, ms.municipality_code, mu.name FROM membership ms ` +
        `LEFT JOIN municipality mu ON mu.code = ms.municipality_code WHERE ms.collaboration_id = ?`,
      c.id,
    ],
    [`SELECT 'area', workflow_id, id, NULL FROM area WHERE collaboration_slug = ?`, slug],
    [`SELECT 'amendment', workflow_id, id, NULL FROM amendment WHERE collaboration_id = ?`, c.id],
    [`SELECT 'plan', id, id, NULL FROM plan WHERE collaboration_slug = ?`, slug],
    [`SELECT 'council', workflow_id, collaboration_slug, NULL FROM council WHERE collaboration_slug = ?`, slug],
    [`SELECT 'cost-rule', id, id, NULL FROM cost_rule WHERE collaboration_slug = ?`, slug],
    [
      `SELECT 'decision', workflow_id, id, NULL FROM decision WHERE collaboration = ? AND workflow_id IS NOT NULL`,
      slug,
    ],
  ];
  let n = 0;
  const sql = parts.map(([text]) => text.replace('?', () => d.param(++n))).join(' UNION ALL ');
  return tx.select<Member>(
    sql,
    parts.map(([, p]) => p),
  );
}
