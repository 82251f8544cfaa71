import { initialTransition, type AnyMachineSnapshot } from 'xstate';
import { ruleIdsOfGuards } from '../../../machines/guard-rule-ids';
import type { MachineDefinition } from '../../../machines/kernel/machine-definition';
import { guardNames } from '../../../machines/kernel/explain';
import { GENESIS_EVENT } from '../log/transition-hash';
import type { WorkflowTransitionEntity } from '../log/workflow-transition.entity';
import type { MachineRegistry } from '../machine-registry';

/** The rule that allowed a transition: the machine version that judged it, its rule guards and their rule ids. */
export interface AllowingRule {
  /** `id@version`: the pinned version that judged the event, as the row records it. */
  machine: string;
  /** The guards of the rule table on the transition that fired (empty: the transition has no rule). */
  guards: string[];
  /** The RULEBOOK / DECISIONS ids those guards apply (docs/rules.md). */
  ruleIds: string[];
}

/**
 * The rule behind each row, derived at read time by replaying the log through the machine version each row names:
 * the transition that fired for the row's event in the state before it, and its guards. A machine version is never
 * changed once instances are pinned to it (machines/registry.ts), so this is the rule as it stood when the row was
 * written, at no cost to the write path. Where replay cannot follow the log (a row the machine refuses: verify reports
 * it), the rows from there on have no rule (null), and the history is still answered.
 */
export function allowingRules(registry: MachineRegistry, rows: WorkflowTransitionEntity[]): Array<AllowingRule | null> {
  const out: Array<AllowingRule | null> = rows.map(() => null);
  let def: MachineDefinition | null = null;
  let snapshot: AnyMachineSnapshot | null = null;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    try {
      const rowDef = registry.get(row.machineId, row.machineVersion);
      const data = JSON.parse(row.payload);
      const machine = `${rowDef.id}@${rowDef.version}`;
      if (row.eventType === GENESIS_EVENT) {
        snapshot = initialTransition(rowDef.machine, data)[0];
        def = rowDef;
        out[i] = { machine, guards: [], ruleIds: [] };
        continue;
      }
      if (!snapshot || !def) return out;
      // A row of another version (a migrated instance) continues from the same state and context.
      if (rowDef !== def) snapshot = rowDef.machine.resolveState({ value: snapshot.value, context: snapshot.context });
      def = rowDef;
      const event = { ...data, type: row.eventType };
      const fired = def.machine.getTransitionData(snapshot as never, event);
      const guards = [...new Set(fired.flatMap((t) => guardNames(t.guard)).filter((g) => g in rowDef.guardRules))];
      const next = registry.transition(def.machine, snapshot, event);
      if (next === snapshot || next.status === 'error') return out;
      snapshot = next;
      out[i] = { machine, guards, ruleIds: ruleIdsOfGuards(def.id, def.version, guards) };
    } catch {
      return out;
    }
  }
  return out;
}
