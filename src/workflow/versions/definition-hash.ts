import type { MachineDefinition } from '../../../machines/kernel/machine-definition';
import { canonicalJson } from '../../common/canonical-json';
import { sha256Hex } from '../../common/sha256';

/**
 * Functions inside `toJSON()` (a combined guard such as `and([...])`, an inline `assign`) are kept as their names and
 * parts, never their source: the source changes with the compiler, the names do not. What the code decides is
 * covered by `rulesVersion` instead.
 */
function functionsAsNames(key: string, value: unknown): unknown {
  if (typeof value !== 'function') return value;
  if (key === 'toJSON') return undefined;
  const fn = value as { name?: string; type?: string; guards?: unknown };
  if (fn.guards !== undefined) return { combined: fn.name ?? '', guards: fn.guards };
  if (typeof fn.type === 'string') return { builtin: fn.type };
  return { inline: fn.name ?? '' };
}

/**
 * The canonical text of a machine version's definition: the machine's graph (states, transitions, guard and action
 * names), the rules' version, and the data the engine enforces beside it (who may send what). Stable across runs and
 * hosts: no function sources, no ids made at run time.
 */
export function definitionText(def: MachineDefinition): string {
  const graph: unknown = JSON.parse(JSON.stringify(def.machine.toJSON(), functionsAsNames));
  return canonicalJson({
    id: def.id,
    version: def.version,
    rulesVersion: def.rulesVersion ?? 1,
    machine: graph,
    guardRules: Object.keys(def.guardRules).sort(),
    eventRoles: def.eventRoles,
    systemEvents: def.systemEvents ?? [],
    unlistedEvents: def.unlistedEvents ?? [],
  });
}

/** The fingerprint of a machine version (SHA-256 hex of definitionText). */
export function definitionHash(def: MachineDefinition): string {
  return sha256Hex(definitionText(def));
}

/** The key of a machine version in the lock file and in messages. */
export const definitionKey = (id: string, version: number): string => `${id}@${version}`;
