import type { DataSource } from 'typeorm';
import type { EntityTarget } from 'typeorm';
import { AmendmentEntity } from '../../amendment/amendment.entity';
import { AreaEntity } from '../../area/area.entity';
import { CollaborationEntity } from '../../collaboration/collaboration.entity';
import { MembershipEntity } from '../../collaboration/membership.entity';
import { CostRuleEntity } from '../../cost/cost.entities';
import { CouncilEntity } from '../../council/council.entity';
import type { SnapshotQuery } from '../../database/db';
import type { Dialect } from '../../database/dialect';
import { DecisionEntity } from '../../decision/decision.entities';
import { PlanEntity } from '../../plan/plan.entity';
import { WorkflowInstanceEntity } from '../log/workflow-instance.entity';

/**
 * Every workflow id that belongs to a collaboration, sorted: its own workflow, its memberships, areas, amendments,
 * plans, council and cost rules (each module's row names its workflow), the protocol workflows of the decisions made
 * for it (decision.collaboration), and every head whose subject names the collaboration
 * (`collaboration:SLUG`, `membership:SLUG:…`, `plan:SLUG`, …), so that a workflow whose module row was lost is still
 * verified. Read through the verify run's snapshot, so the list and the log are one state.
 *
 * The one place that knows how the modules link their rows to workflows: a new module with workflows of a
 * collaboration adds its link here.
 */
export async function workflowsOfCollaboration(
  query: SnapshotQuery,
  dataSource: DataSource,
  dialect: Dialect,
  slug: string,
): Promise<string[]> {
  const q = dialect.quote;
  const p = dialect.param(1);
  const table = (e: EntityTarget<unknown>) => q(dataSource.getMetadata(e).tableName);
  const col = (e: EntityTarget<unknown>, property: string) =>
    q(dataSource.getMetadata(e).findColumnWithPropertyName(property)!.databaseName);
  const collaboration = table(CollaborationEntity);
  const byCollaborationId = (e: EntityTarget<unknown>) =>
    `SELECT x.${col(e, 'workflowId')} AS id FROM ${table(e)} x JOIN ${collaboration} c ` +
    `ON c.${col(CollaborationEntity, 'id')} = x.${col(e, 'collaborationId')} WHERE c.${col(CollaborationEntity, 'slug')} = ${p}`;
  const bySlug = (e: EntityTarget<unknown>, workflow: string) =>
    `SELECT ${col(e, workflow)} AS id FROM ${table(e)} WHERE ${col(e, 'collaborationSlug')} = ${p}`;
  const head = table(WorkflowInstanceEntity);
  const subject = col(WorkflowInstanceEntity, 'subject');
  // Subjects as the services write them (wtx.create): exact for one-per-collaboration workflows, a prefix otherwise.
  const exact = ['collaboration', 'plan', 'council', 'cost-rule'].map((kind) => `'${kind}:' || ${p}`);
  const prefixed = ['membership', 'amendment', 'area'].map(
    (kind) => `substr(${subject}, 1, length('${kind}:' || ${p} || ':')) = '${kind}:' || ${p} || ':'`,
  );
  const statements = [
    `SELECT ${col(CollaborationEntity, 'workflowId')} AS id FROM ${collaboration} WHERE ${col(CollaborationEntity, 'slug')} = ${p}`,
    byCollaborationId(MembershipEntity),
    byCollaborationId(AmendmentEntity),
    bySlug(AreaEntity, 'workflowId'),
    bySlug(PlanEntity, 'id'),
    bySlug(CouncilEntity, 'workflowId'),
    bySlug(CostRuleEntity, 'id'),
    `SELECT ${col(DecisionEntity, 'workflowId')} AS id FROM ${table(DecisionEntity)} ` +
      `WHERE ${col(DecisionEntity, 'collaboration')} = ${p} AND ${col(DecisionEntity, 'workflowId')} IS NOT NULL`,
    `SELECT ${col(WorkflowInstanceEntity, 'id')} AS id FROM ${head} WHERE ${subject} IN (${exact.join(', ')}) OR ${prefixed.join(' OR ')}`,
  ];
  const ids = new Set<string>();
  // One statement at a time: PostgreSQL numbers its one parameter $1 in each, SQLite needs one value per `?`.
  for (const sql of statements) {
    const n = dialect.kind === 'sqlite' ? (sql.match(/\?/g) ?? []).length : 1;
    for (const row of await query<{ id: string | null }>(sql, Array(n).fill(slug))) if (row.id) ids.add(row.id);
  }
  return [...ids].sort();
}

/** True when a collaboration of this slug exists (in the verify run's snapshot). */
export async function collaborationExists(
  query: SnapshotQuery,
  dataSource: DataSource,
  dialect: Dialect,
  slug: string,
): Promise<boolean> {
  const meta = dataSource.getMetadata(CollaborationEntity);
  const slugColumn = dialect.quote(meta.findColumnWithPropertyName('slug')!.databaseName);
  const rows = await query(
    `SELECT 1 AS x FROM ${dialect.quote(meta.tableName)} WHERE ${slugColumn} = ${dialect.param(1)}`,
    [slug],
  );
  return rows.length > 0;
}
