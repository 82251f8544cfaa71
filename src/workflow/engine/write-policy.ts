import type { MachineDefinition } from '../../../machines/kernel/machine-definition';
import { forbidden } from '../../common/errors';
import { SYSTEM_ACTOR, type Actor } from '../actor';

/**
 * Who may send which event, as the machine's definition says: its system events (due events, compensations) only
 * the engine itself sends, never a client; every other event the roles of `eventRoles` (absent = admin only). The
 * write path checks this for every event of every machine, so no service has to remember it.
 */
export function assertMaySend(def: MachineDefinition, actor: Actor, eventType: string): void {
  if (actor === SYSTEM_ACTOR) return;
  if (def.systemEvents?.includes(eventType)) {
    throw forbidden(
      `${eventType} is recorded by the engine itself (${def.id}); it is never accepted from a client.`,
      `${eventType} registreras av motorn själv (${def.id}); den tas aldrig emot från en klient.`,
      { eventType, systemEvent: true },
    );
  }
  const allowed = def.eventRoles[eventType] ?? ['admin'];
  if (!allowed.includes(actor.role)) {
    throw forbidden(
      `The role '${actor.role}' may not record ${eventType}.`,
      `Rollen '${actor.role}' får inte registrera ${eventType}.`,
      { allowed },
    );
  }
}
