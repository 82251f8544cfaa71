/**
 * One rule table per machine: each named rule is a pure function that returns null (the event may pass) or the
 * Refusal naming its rule. The table yields both the machine's guards (`guardsOf`) and the engine's explanation of
 * a refusal (`MachineDefinition.guardRules`), so a guard is declared once and its reason cannot drift from it.
 */
import { assertEvent, type EventObject } from 'xstate';
import type { Refusal } from './refusal';

/** The member of an event union with this type. */
export type EventOf<E extends EventObject, T extends E['type']> = Extract<E, { type: T }>;

/**
 * A rule as a table holds it. The event parameter is the union member of the transitions the guard sits on; the
 * table cannot name that per entry, so it is typed loosely here, once, instead of a cast in every guard.
 */

export type TableRule<C> = (context: C, event: any) => Refusal | null;

export type RuleTable<C> = Record<string, TableRule<C>>;

type GuardOf<C, E extends EventObject> = (args: { context: C; event: E }) => boolean;

/** The guards of a rule table: `rule(context, event) === null`. */
export function guardsOf<C, E extends EventObject, T extends RuleTable<C>>(
  table: T,
): { [K in keyof T]: GuardOf<C, E> } {
  const guards = {} as { [K in keyof T]: GuardOf<C, E> };
  for (const name of Object.keys(table) as Array<keyof T>) {
    const rule = table[name];
    guards[name] = ({ context, event }) => rule(context, event) === null;
  }
  return guards;
}

/**
 * A machine's narrowing helper: `on('KSO_SIGNED', (context, event) => …)` is an action or guard body whose event is
 * the KSO_SIGNED member of the union, checked at run time by xstate's `assertEvent` instead of a cast.
 */
export function eventNarrower<C, E extends EventObject>() {
  return <T extends E['type'], R>(type: T | T[], body: (context: C, event: EventOf<E, T>) => R) =>
    ({ context, event }: { context: C; event: E }): R => {
      assertEvent(event, type);
      return body(context, event as unknown as EventOf<E, T>); // narrowed by assertEvent just above
    };
}
