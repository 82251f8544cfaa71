import type { AnyMachineSnapshot, StateValue } from 'xstate';
import type { MachineDefinition } from '../../../machines/kernel/machine-definition';
import { canonicalJson } from '../../common/canonical-json';
import { sha256Hex } from '../../common/sha256';
import { stateString } from '../machine-registry';

/** The event type of a migration's log row (one per migrated instance). */
export const MIGRATE_EVENT = 'xstate.migrate';

/** What a migration row's payload records: enough for verify to redo it. */
export interface MigratePayload {
  from: number;
  to: number;
  mappingHash: string;
  fromState: string;
  toState: string;
}

/** The fingerprint of a state mapping (canonical JSON, SHA-256). */
export const mappingHash = (mapping: Record<string, string>): string => sha256Hex(canonicalJson(mapping));

/** 'formalisering.villkor' → { formalisering: 'villkor' } (a state value as xstate takes it). */
function stateValue(state: string): StateValue {
  const [top, ...rest] = state.split('.');
  return rest.length ? { [top]: stateValue(rest.join('.')) } : top;
}

export type Restored =
  | { ok: true; snapshot: AnyMachineSnapshot }
  | { ok: false; code: 'MIGRATION_INVALID_TARGET'; message: string; messageSv: string };

/**
 * The snapshot an instance has in version `to` after the migration: the mapped state, the context carried over (through
 * the version's upgradeContext when it declares one). Used by the migration and by verify's replay, so both agree.
 * The mapped state must be a state of `to` as it is named (a compound state's child named in full).
 */
export function restoreMigrated(
  to: MachineDefinition,
  context: unknown,
  from: { version: number; fromState: string; toState: string },
): Restored {
  const refused = (why: string, whySv: string): Restored => ({
    ok: false,
    code: 'MIGRATION_INVALID_TARGET',
    message: `State '${from.toState}' is not a state of ${to.id}@${to.version}: ${why}.`,
    messageSv: `Tillståndet '${from.toState}' finns inte i ${to.id}@${to.version}: ${whySv}.`,
  });
  try {
    const upgraded = to.upgradeContext ? to.upgradeContext(context, from) : context;
    const snapshot = to.machine.resolveState({ value: stateValue(from.toState), context: upgraded as any });
    if (snapshot.status !== 'active' && snapshot.status !== 'done')
      return refused(`the snapshot is '${snapshot.status}'`, `ögonblicksbilden är '${snapshot.status}'`);
    const resolved = stateString(snapshot.value);
    if (resolved !== from.toState)
      return refused(`it resolves to '${resolved}'; name that state`, `det blir '${resolved}'; ange det tillståndet`);
    return { ok: true, snapshot };
  } catch (error) {
    return refused((error as Error).message, (error as Error).message);
  }
}
