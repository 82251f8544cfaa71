import type { AnyMachineSnapshot } from 'xstate';
import { AppError } from '../../common/errors';
import type { Head } from '../log/workflow-log';
import type { WorkflowTransitionEntity } from '../log/workflow-transition.entity';
import type { MachineRegistry } from '../machine-registry';
import type { InstanceView, SendOptions, SendResult, TransitionView, WorkflowEventInput } from '../workflow.types';

/**
 * The machine's answer to an event in the head's state: the next snapshot, or 409 TRANSITION_NOT_ALLOWED (no
 * transition for it here) or 422 with the first refusing rule among the candidates' guards.
 */
export function checkTransition(registry: MachineRegistry, head: Head, event: WorkflowEventInput): AnyMachineSnapshot {
  const { instance, def, snapshot } = head;
  if (registry.candidates(snapshot, event.type).length === 0) {
    const allowedEvents = registry.allowedEvents(def, snapshot);
    throw new AppError(
      'CONFLICT',
      'TRANSITION_NOT_ALLOWED',
      `The event ${event.type} is not allowed in state '${instance.state}'. Allowed: ${allowedEvents.join(', ') || 'none'}.`,
      `Händelsen ${event.type} är inte tillåten i läget '${instance.state}'. Tillåtna: ${allowedEvents.join(', ') || 'inga'}.`,
      undefined,
      { state: instance.state, eventType: event.type, allowedEvents },
    );
  }
  const next = registry.transition(def.machine, snapshot, event);
  if (next !== snapshot && next.status !== 'error') return next;
  const refusal = registry.explain(def, snapshot, event);
  if (refusal) {
    throw new AppError('RULE_REFUSED', refusal.code, refusal.message, refusal.messageSv, refusal.ruleId, {
      state: instance.state,
      ...(refusal.details ?? {}),
    });
  }
  throw new AppError(
    'RULE_REFUSED',
    'GUARD_REFUSED',
    `The event ${event.type} was refused in state '${instance.state}'.`,
    `Händelsen ${event.type} avslogs i läget '${instance.state}'.`,
  );
}

/**
 * A retry with an Idempotency-Key that was used before on this instance: the same request (by the fingerprint of
 * what the client sent; the logged payload may be enriched by the service) answers with the first result and writes
 * nothing; another request with the key is refused.
 */
export function idempotentReplay(
  earlier: WorkflowTransitionEntity,
  payload: string,
  options: SendOptions,
  view: InstanceView,
): SendResult {
  const same = earlier.requestHash ? earlier.requestHash === options.requestFingerprint : earlier.payload === payload;
  if (!same) {
    throw new AppError(
      'RULE_REFUSED',
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was used earlier with another request.',
      'Denna Idempotency-Key har redan använts med en annan begäran.',
      undefined,
      { seq: earlier.seq },
    );
  }
  return { instance: view, transition: toTransitionView(earlier), replayed: true, warnings: [], caused: [] };
}

export function toTransitionView(row: WorkflowTransitionEntity): TransitionView {
  let payload: unknown;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    payload = row.payload;
  }
  return {
    seq: row.seq,
    eventType: row.eventType,
    payload,
    actor: { id: row.actorId, role: row.actorRole, municipality: row.actorMunicipality },
    recordedAt: row.recordedAt,
    legalDate: row.legalDate,
    fromState: row.fromState,
    toState: row.toState,
    machineId: row.machineId,
    machineVersion: row.machineVersion,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
