import type { AnyMachineSnapshot } from 'xstate';
import type { MachineDefinition } from './machine-definition';
import type { Refusal } from './refusal';

/** A transition as the active state nodes hold it: its guard (a name, or and() of names) and its meta. */
export interface TransitionLike {
  guard?: unknown;
  meta?: { refusalOnly?: boolean };
}

/** 'member.leaving' for { member: 'leaving' }; parallel regions are joined with ','. */
export function stateString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => (v && (typeof v !== 'object' || Object.keys(v as object).length) ? `${k}.${stateString(v)}` : k))
      .join(',');
  }
  return String(value);
}

/** The names of the guards of a transition, through and()/or()/not(). */
export function guardNames(guard: unknown): string[] {
  if (!guard) return [];
  if (typeof guard === 'string') return [guard];
  const g = guard as { type?: string; guards?: unknown[] };
  if (Array.isArray(g.guards)) return g.guards.flatMap(guardNames);
  return typeof g.type === 'string' ? [g.type] : [];
}

/** The transitions the active state nodes declare for an event type, guards not yet evaluated. */
export function candidateTransitions(snapshot: AnyMachineSnapshot, eventType: string): TransitionLike[] {
  const nodes = (snapshot as unknown as { _nodes: Array<{ transitions: Map<string, TransitionLike[]> }> })._nodes;
  return nodes.flatMap((n) => n.transitions.get(eventType) ?? []);
}

/**
 * Why the guards refused an event: the first rule behind a candidate transition's guard that returns a refusal
 * (guards cannot return a reason, so each guard is built from a rule function and the rule is asked again).
 */
export function explainRefusal(
  def: MachineDefinition,
  snapshot: AnyMachineSnapshot,
  event: { type: string },
): (Refusal & { guard: string }) | null {
  for (const t of candidateTransitions(snapshot, event.type)) {
    for (const name of guardNames(t.guard)) {
      const r = def.guardRules[name]?.(snapshot.context, event);
      if (r) return { guard: name, ...r };
    }
  }
  return null;
}
