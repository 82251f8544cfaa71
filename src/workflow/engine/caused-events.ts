import type { AnyMachineSnapshot } from 'xstate';
import type { MachineDefinition } from '../../../machines/kernel/machine-definition';
import { AppError } from '../../common/errors';
import { SYSTEM_ACTOR } from '../actor';
import { WorkflowLinks } from '../links/workflow-links';
import { isLostRace } from '../log/log-sql';
import { stateString } from '../machine-registry';
import type { CausedOutcome, SendResult, WorkflowEventInput } from '../workflow.types';
import type { WorkflowTx } from './workflow-tx';

/**
 * "This event on workflow A causes that event on workflow B, in the same transaction, logged with its cause": the
 * machine of A says what its transition causes (MachineDefinition.causes); every workflow linked from that cause
 * receives the event from the engine, and the link names A's log row. A workflow that has moved on refuses it; the
 * cause stands, and the answer says which could not follow.
 */
export async function causedEvents(
  wtx: WorkflowTx,
  def: MachineDefinition,
  step: { before: AnyMachineSnapshot; after: AnyMachineSnapshot; event: WorkflowEventInput; origin: SendResult },
): Promise<CausedOutcome[]> {
  const caused = def.causes?.({
    before: { context: step.before.context, state: stateString(step.before.value) },
    after: { context: step.after.context, state: stateString(step.after.value) },
    event: step.event,
  });
  if (!caused) return [];
  const origin = { workflowId: step.origin.instance.id, seq: step.origin.transition.seq };
  const targets = [...new Set((await WorkflowLinks.from(wtx.tx, caused.from, 'drives')).map((l) => l.workflowId))];
  const out: CausedOutcome[] = [];
  for (const workflowId of targets) {
    try {
      const r = await wtx.send(workflowId, caused.event(origin), SYSTEM_ACTOR);
      await WorkflowLinks.record(wtx.tx, {
        causeKey: caused.from,
        causeWorkflowId: origin.workflowId,
        causeSeq: origin.seq,
        effectWorkflowId: workflowId,
        effectSeq: r.transition.seq,
        eventType: r.transition.eventType,
        kind: 'compensates',
      });
      out.push({ workflowId, seq: r.transition.seq });
    } catch (error) {
      // A lost race is no refusal: the whole unit of work runs again (WorkflowEngine.retrying).
      if (!(error instanceof AppError) || isLostRace(error)) throw error;
      out.push({ workflowId, refused: { code: error.code, message: error.message, messageSv: error.messageSv } });
    }
  }
  return out;
}
