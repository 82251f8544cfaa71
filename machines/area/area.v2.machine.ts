/**
 * Area machine version 2 (DECISIONS D7): the same process, with each stage's state named after the first word of its
 * Swedish name in RULEBOOK §4.2, as the rulebook proposes them: stage 3 "Beredning och beslut i respektive kommun" is
 * `beredning` (v1: `beslut`), stage 5 "Genomförande / drift" is `genomforande` (v1: `drift`). Guards, actions and
 * events are v1's; only the names of two states (and what refers to them) differ, so the graph is v1's graph renamed.
 * The names are still the rulebook's proposal (the §12 diagram is missing); a later version may carry the real ones.
 */
import { createMachine, type AnyStateMachine } from 'xstate';
import type { MachineDefinition } from '../kernel/machine-definition';
import { AREA_MACHINE_ID, areaDefinition, areaMachine } from './area.machine';
import type { AreaContext } from './area.types';

export const AREA_MACHINE_VERSION_2 = 2;

/** v1 state (and stage key) → v2. Every other state keeps its name. */
export const AREA_V2_RENAMES: Readonly<Record<string, string>> = { beslut: 'beredning', drift: 'genomforande' };

/** v1's guard names that name a state, and their v2 names. */
const GUARD_RENAMES: Readonly<Record<string, string>> = { pausedFromBeslut: 'pausedFromBeredning' };

const renamedStage = (key: string): string => AREA_V2_RENAMES[key] ?? key;

/** A v1 state string in v2's names ('beslut' → 'beredning', 'formalisering.villkor' unchanged). */
export function areaStateV1toV2(state: string): string {
  const [top, ...rest] = state.split('.');
  return [renamedStage(top), ...rest].join('.');
}

/** A transition target: 'beslut', '#area.drift', '.child'. */
function renamedTarget(target: string): string {
  const prefix = `#${AREA_MACHINE_ID}.`;
  if (target.startsWith(prefix)) return prefix + areaStateV1toV2(target.slice(prefix.length));
  return target.startsWith('.') ? target : areaStateV1toV2(target);
}

/**
 * v1's config with the renamed states: keys of `states`, targets, the stage the entry action records, and the guard
 * that names a state. Functions (combined guards) are kept as they are.
 */
function renamed(value: unknown, key: string | null): unknown {
  if (typeof value === 'string') {
    if (key === 'target') return renamedTarget(value);
    if (key === 'guard') return GUARD_RENAMES[value] ?? value;
    if (key === 'stage') return renamedStage(value);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => renamed(v, key === 'target' ? 'target' : null));
  if (!value || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const name = key === 'states' ? renamedStage(k) : k;
    out[name] = renamed(v, k);
  }
  return out;
}

const v1 = areaMachine as AnyStateMachine;
const v1Guards = v1.implementations.guards as Record<string, unknown>;

export const areaMachineV2 = createMachine(
  renamed(v1.config, null) as typeof v1.config,
  {
    ...v1.implementations,
    guards: {
      ...Object.fromEntries(Object.entries(v1Guards).filter(([name]) => !(name in GUARD_RENAMES))),
      pausedFromBeredning: ({ context }: { context: AreaContext }) => context.paused?.from === 'beredning',
    },
  } as any,
) as unknown as typeof areaMachine;

/** The stage names a v1 context records (`stage`, `paused.from`) in v2's names; the rest is carried over. */
function upgradeContextFromV1(context: AreaContext): AreaContext {
  return {
    ...context,
    ...(context.stage ? { stage: renamedStage(context.stage) } : {}),
    ...(context.paused ? { paused: { ...context.paused, from: renamedStage(context.paused.from) } } : {}),
  };
}

export const areaDefinitionV2: MachineDefinition = {
  ...areaDefinition,
  version: AREA_MACHINE_VERSION_2,
  machine: areaMachineV2,
  // New areas stay on v1: the area API, its views and the demo seed still read v1's names (see docs/machines/area.md).
  startsNewInstances: false,
  upgradeContext: (context, from) => (from.version === 1 ? upgradeContextFromV1(context) : context),
};
