import type { DeclarationVersionRef } from '../../machines/amendment/amendment.rules';
import type { MembershipStatus } from '../../machines/membership/membership.types';
import type { PlanInForceView } from '../plan/plan.views';

/** One workflow as its log stood: the state replayed, and the version (seq) it had then. */
export interface WorkflowAtView {
  workflowId: string;
  machine: string;
  state: string;
  version: number;
  /** False when the pinned machine refused a recorded row (run verify); the state is the one before it. */
  replayed: boolean;
}

export interface PartyAtView extends WorkflowAtView {
  municipality: { code: string; name: string | null };
  status: MembershipStatus;
  memberFrom?: string;
  exitRequestedOn?: string;
  exitEffectiveOn?: string;
}

export interface OpenDeadlineView {
  workflowId: string;
  machine: string;
  eventType: string;
  /** Scheduled: the day the engine records the event (it may lie after `date`). */
  dueOn: string;
}

/** `GET /collaborations/{slug}/as-of`: the collaboration as its log stood, judged on a legal date. */
export interface CollaborationAsOfView {
  collaboration: string;
  /** The legal date statuses are judged on (Stockholm). */
  date: string;
  /** The log was read up to this instant (recorded_at ≤ instant). */
  instant: string;
  instantFrom: 'end-of-date' | 'instant' | 'now';
  /** False when the collaboration had not been recorded by then; everything else is then empty. */
  existed: boolean;
  name: string | null;
  declarationInForce: DeclarationVersionRef | null;
  parties: PartyAtView[];
  organisations: unknown[];
  areas: Array<WorkflowAtView & { areaId: string }>;
  amendments: Array<WorkflowAtView & { amendmentId: string }>;
  planInForce: PlanInForceView | null;
  plans: WorkflowAtView[];
  council: WorkflowAtView | null;
  costRules: WorkflowAtView[];
  decisions: Array<WorkflowAtView & { decisionId: string }>;
  /** The due events pending at the instant (an exit to take effect, an appeal period to end). */
  openDeadlines: OpenDeadlineView[];
}
