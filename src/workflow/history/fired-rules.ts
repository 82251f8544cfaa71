import { ApiProperty } from '@nestjs/swagger';
import { ruleIdsOfGuards } from '../../../machines/guard-rule-ids';
import { guardNames } from '../../../machines/kernel/explain';
import { RowReplayer } from '../log/row-replayer';
import { MIGRATE_EVENT } from '../migrations/migrated-snapshot';
import type { WorkflowTransitionEntity } from '../log/workflow-transition.entity';
import type { MachineRegistry } from '../machine-registry';

/** The rule that allowed a transition: the machine version that judged it, its rule guards and their rule ids. */
export class AllowingRule {
  /** `id@version`: the pinned version that judged the event, as the row records it. */
  @ApiProperty({ example: 'membership@1', description: 'The pinned version that judged the event' }) machine: string;
  /** The guards of the rule table on the transition that fired (empty: the transition has no rule). */
  @ApiProperty({ type: [String], description: 'Rule guards of the transition that fired (empty: no rule)' })
  guards: string[];
  /** The RULEBOOK / DECISIONS ids those guards apply (docs/rules.md). */
  @ApiProperty({ type: [String], example: ['R-C4'] }) ruleIds: string[];
}

/**
 * The rule behind each row, derived at read time by replaying the log through the machine version each row names:
 * the transition that fired for the row's event in the state before it, and its guards. A machine version is never
 * changed once instances are pinned to it (machines/registry.ts), so this is the rule as it stood when the row was
 * written, at no cost to the write path. Where replay cannot follow the log (a row the machine refuses: verify reports
 * it), the rows from there on have no rule (null), and the history is still answered.
 */
export function allowingRules(registry: MachineRegistry, rows: WorkflowTransitionEntity[]): Array<AllowingRule | null> {
  const replay = new RowReplayer(registry);
  return rows.map((row) => {
    // The guards of the transition the row's event takes in the state before it (none for the genesis row and for
    // a migration, which no rule allows: an admin's command does).
    const def = replay.definition;
    const before = replay.snapshot;
    let guards: string[] = [];
    if (def && before && row.eventType !== MIGRATE_EVENT) {
      try {
        const fired = def.machine.getTransitionData(before as never, {
          ...JSON.parse(row.payload),
          type: row.eventType,
        });
        guards = [...new Set(fired.flatMap((t) => guardNames(t.guard)).filter((g) => g in def.guardRules))];
      } catch {
        // The payload does not parse or a guard throws on it: replay stops at this row as well (verify reports it).
        replay.apply(row);
        return null;
      }
    }
    if (!replay.apply(row)) return null;
    const now = replay.definition!;
    return { machine: `${now.id}@${now.version}`, guards, ruleIds: ruleIdsOfGuards(now.id, now.version, guards) };
  });
}
