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
  /** The deadlines the engine must fire for this snapshot, as durable rows (never `after` timers). */
  dueEvents?(context: any, state: string): DueEvent[];
}

export interface DueEvent {
  type: string;
  /** Stockholm date on which the event is due. */
  dueOn: string;
  payload: Record<string, unknown>;
}
