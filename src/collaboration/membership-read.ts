import type { Dialect } from '../database/dialect';
import { headRowColumns, type HeadRow } from '../workflow/engine/workflow-engine.service';

/**
 * The one row of `GET /collaborations/{slug}/memberships/{code}`: whether the collaboration and the municipality
 * exist, the party's workflow and its head. Every part is a LEFT JOIN from one constant row, so the row is there
 * whatever is missing, and the service answers the same 404 as the write path (collaboration, then municipality, then
 * not a party). The head's columns are null when there is no head.
 */
export type MembershipRow = HeadRow & {
  collaborationId: string | null;
  municipalityName: string | null;
  workflowId: string | null;
  /** The collaboration's example mark as stored (JSON), null for real data. */
  collaborationExample: string | null;
  /** The collaboration's settings as stored (JSON): which entry event the view offers (R-B2). */
  collaborationSettings: string | null;
};

export function membershipReadSql(d: Dialect): string {
  return (
    `SELECT c.id AS "collaborationId", mu.name AS "municipalityName", ms.workflow_id AS "workflowId", c.example AS "collaborationExample", c.settings AS "collaborationSettings", ${headRowColumns('wi')} ` +
    `FROM (SELECT 1 AS one) base ` +
    `LEFT JOIN collaboration c ON c.slug = ${d.param(1)} ` +
    `LEFT JOIN municipality mu ON mu.code = ${d.param(2)} ` +
    `LEFT JOIN membership ms ON ms.collaboration_id = c.id AND ms.municipality_code = mu.code ` +
    `LEFT JOIN workflow_instance wi ON wi.id = ms.workflow_id`
  );
}
