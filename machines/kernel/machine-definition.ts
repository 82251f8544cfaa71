import type { AnyStateMachine } from 'xstate';
import type { Refusal } from './refusal';

/**
 * What the engine needs to host a machine version: the machine itself, the rule behind each named guard (to
 * explain a refusal), the legal date an event concerns, and who may send which event. Pure data and functions.
 */
export interface MachineDefinition {
  id: string;
  version: number;
  machine: AnyStateMachine;
  /** guard name → the rule function the guard is built from (same function, so the reason is the guard's). */
  guardRules: Record<string, (context: any, event: any) => Refusal | null>;
  /** The local date (Europe/Stockholm, YYYY-MM-DD) that an event concerns, from its own data; never the clock. */
  legalDateOf(event: { type: string; [k: string]: unknown }, context: unknown): string | null;
  /** Roles allowed to send each event type; absent = admin only. */
  eventRoles: Record<string, string[]>;
  /** Event types the engine itself fires (due dates, compensations); never accepted from a client. */
  systemEvents?: string[];
  /**
   * Event types accepted but not listed among a state's allowed events: a new name beside an old one (membership
   * version 2's ENTRY_DECIDED beside FULLMAKTIGE_ADOPTED_DECLARATION), so the answers clients read stay as they were.
   */
  unlistedEvents?: string[];
  /** The deadlines the engine must fire for this snapshot, as durable rows (never `after` timers). */
  dueEvents?(context: any, state: string): DueEvent[];
  // Versioned machines and migrations of running instances (h-versions)
  /**
   * The version of the code behind the names that `machine.toJSON()` holds (guards, actions): bump it when a rule
   * changes what it decides, so the definition's hash changes too. Absent counts as 1.
   */
  rulesVersion?: number;
  /**
   * The context of an instance moved into this version from an older one (its state already mapped), when this
   * version reads its context differently; absent = the context is carried over as it is.
   */
  /** False for a version that instances only migrate into; new instances start on the newest version without it. */
  startsNewInstances?: false;
  upgradeContext?(context: any, from: { version: number; fromState: string; toState: string }): any;
  /**
   * What a transition of this machine causes on the workflows linked to it, in the same transaction (an annulled
   * decision compensates every workflow it drove, R-C11); null for nothing.
   */
  causes?(step: {
    before: MachineStep;
    after: MachineStep;
    event: { type: string; [k: string]: unknown };
  }): CausedEvents | null;
}

export interface MachineStep {
  context: any;
  state: string;
}

/** Events that the engine sends to every workflow that the cause `from` drove, each logged and linked to its cause. */
export interface CausedEvents {
  /** The cause key whose 'drives' links name the workflows (`decision:<id>`). */
  from: string;
  /** The event each of them receives; `origin` is the log row that caused it. */
  event(origin: { workflowId: string; seq: number }): { type: string; [k: string]: unknown };
}

export interface DueEvent {
  type: string;
  /** Stockholm date on which the event is due. */
  dueOn: string;
  payload: Record<string, unknown>;
}
