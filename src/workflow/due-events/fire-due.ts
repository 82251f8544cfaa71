import type { Logger } from '@nestjs/common';
import { AppError } from '../../common/errors';
import type { Db } from '../../database/db';
import { SYSTEM_ACTOR, type Actor } from '../actor';
import type { SendResult, WorkflowEventInput } from '../workflow.types';
import { DueEventRows } from './due-event-rows';
import type { WorkflowDueEventEntity } from './workflow-due-event.entity';

type Send = (instanceId: string, event: WorkflowEventInput, actor: Actor) => Promise<SendResult>;

/**
 * Fires one due event as an ordinary logged event by the actor `system`; true when it was recorded. A due event
 * whose state has moved on (the exit was withdrawn meanwhile) is refused by its guard: the row is stale and is
 * dropped, and nothing is logged. Any other failure (a concurrent writer, the database) keeps the row, so that the
 * event fires on a later run.
 */
export async function fireDue(d: WorkflowDueEventEntity, send: Send, db: Db, logger: Logger): Promise<boolean> {
  try {
    await send(d.instanceId, { type: d.eventType, ...JSON.parse(d.payload) }, SYSTEM_ACTOR);
    return true;
  } catch (error) {
    logger.warn(`Due event ${d.eventType} on ${d.instanceId} not applied: ${(error as Error).message}`);
    if (isStale(error)) await db.write((tx) => DueEventRows.drop(tx, d.id));
    return false;
  }
}

/** A due event the machine refuses (not allowed in this state, or a rule says no), or whose instance is gone. */
function isStale(error: unknown): boolean {
  return (
    error instanceof AppError &&
    (error.code === 'TRANSITION_NOT_ALLOWED' || error.kind === 'RULE_REFUSED' || error.kind === 'NOT_FOUND')
  );
}
