import type { TransitionView } from '../workflow.types';
import type { AllowingRule } from './fired-rules';
import type { HistoryLink } from './history-links';

/** Who did it: the token (the log's actor id), the person it was given to, the role and the municipality. */
export interface HistoryActorView {
  /** The actor id as the log row records it (a token id, or 'system'). */
  id: string;
  /** The token id, or null for the engine's own actor. */
  tokenId: string | null;
  /** The person the token was given to, from the token table at read time (null: the engine, or an unknown token). */
  name: string | null;
  role: string;
  municipality: string | null;
}

/**
 * One history entry, the one view of every history endpoint (workflows, memberships, areas, decisions: they all
 * answer a workflow's log): the row as the chain holds it (seq, event, payload, legal date, recorded instant, states,
 * machine, hashes), who did it, the rule that allowed it, and the records behind it as API paths.
 */
export interface HistoryEntryView extends Omit<TransitionView, 'actor'> {
  actor: HistoryActorView;
  /** The rule that allowed the transition; null where replay could not follow the log (see verify). */
  rule: AllowingRule | null;
  links: HistoryLink[];
}

/** A workflow's history, genesis first. */
export interface HistoryView {
  workflowId: string;
  machineId: string;
  machineVersion: number;
  transitions: HistoryEntryView[];
  /**
   * What stops this workflow now (read side, its log is not rewritten): a decision that drove it and is under the
   * court's inhibition (R-I13). Absent when nothing does.
   */
  stoppedBy?: WorkflowStop[];
}

/** A cause that stops the workflows it drove (`decision:<id>` under inhibition), as the module that owns it says. */
export interface WorkflowStop {
  causeKey: string;
  ruleId: string;
  en: string;
  sv: string;
  [detail: string]: unknown;
}

/** Reads, for the cause keys that drove a workflow, those that stop it now (registered by the module of the cause). */
export type StopReader = (tx: import('../../database/db').Tx, causeKeys: string[]) => Promise<WorkflowStop[]>;
