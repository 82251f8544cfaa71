import { ApiProperty } from '@nestjs/swagger';
import { LessThanOrEqual } from 'typeorm';
import type { AnyMachineSnapshot } from 'xstate';
import type { MachineDefinition } from '../../../machines/kernel/machine-definition';
import { stateString } from '../../../machines/kernel/explain';
import { canonicalJson } from '../../common/canonical-json';
import type { Tx } from '../../database/tx';
import { WorkflowDueEventEntity } from './workflow-due-event.entity';

/** A due event whose date has come and that has not fired yet. */
/** A class, not an interface, so the OpenAPI document can describe `GET /health` from this one declaration. */
export class OverdueItem {
  @ApiProperty() workflowId!: string;
  /** The workflow's machine (membership, protocol …). */
  @ApiProperty() machine!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty({ example: '2026-12-31' }) dueOn!: string;
}

/**
 * The durable due dates of the instances (never `after` timers: a restored snapshot does not re-arm them). Each
 * definition says with `dueEvents(context, state)` which events are due on which Stockholm date; the rows are
 * rewritten in the same transaction as each transition.
 */
export const DueEventRows = {
  /** Rewrites the instance's rows when the machine's due events changed. */
  async sync(
    tx: Tx,
    def: MachineDefinition,
    instanceId: string,
    before: AnyMachineSnapshot | null,
    after: AnyMachineSnapshot,
  ): Promise<void> {
    if (!def.dueEvents) return;
    const was = before ? def.dueEvents(before.context, stateString(before.value)) : [];
    const now = def.dueEvents(after.context, stateString(after.value));
    if (canonicalJson(was) === canonicalJson(now)) return;
    await tx.delete(WorkflowDueEventEntity, { instanceId });
    for (const d of now) {
      await tx.insert(WorkflowDueEventEntity, {
        instanceId,
        eventType: d.type,
        dueOn: d.dueOn,
        payload: canonicalJson(d.payload),
      });
    }
  },

  /** Everything due up to `today`, or only this instance's. */
  due(tx: Tx, today: string, instanceId?: string): Promise<WorkflowDueEventEntity[]> {
    const where = instanceId ? { instanceId, dueOn: LessThanOrEqual(today) } : { dueOn: LessThanOrEqual(today) };
    return tx.find(WorkflowDueEventEntity, { where, order: { id: 'ASC' } });
  },

  /** The oldest row due up to `today` (still there: not fired yet), with its workflow's kind. */
  async oldestDue(tx: Tx, today: string): Promise<OverdueItem | null> {
    const d = tx.dialect;
    const rows = await tx.select<{ workflowId: string; machine: string; eventType: string; dueOn: string }>(
      `SELECT e.instance_id AS "workflowId", wi.machine_id AS "machine", e.event_type AS "eventType", e.due_on AS "dueOn" ` +
        `FROM workflow_due_event e JOIN workflow_instance wi ON wi.id = e.instance_id ` +
        `WHERE e.due_on <= ${d.param(1)} ORDER BY e.due_on, e.id LIMIT 1`,
      [today],
    );
    return rows[0] ?? null;
  },

  drop(tx: Tx, id: number): Promise<void> {
    return tx.delete(WorkflowDueEventEntity, { id });
  },
};
