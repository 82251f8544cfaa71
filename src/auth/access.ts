import { forbidden } from '../common/errors';
import type { Actor } from '../workflow/actor';
import { genitiveSv } from '../../machines/kernel/swedish-genitive';

/** A clerk acts only for its own municipality (403 otherwise); other roles are not bound to one. */
export function assertActsFor(actor: Actor, municipalityCode: string): void {
  if (actor.role === 'clerk' && actor.municipality !== municipalityCode) {
    throw forbidden(
      `A clerk of ${actor.municipality} may record only that municipality's records, not ${municipalityCode}'s.`,
      `En registrator i ${actor.municipality} får bara registrera den egna kommunens uppgifter, inte ${genitiveSv(municipalityCode)}.`,
      { municipalityCode },
    );
  }
}

/** D12: only an admin records a stand-in for the KSO (with its legal basis). */
export function assertMayRecordStandIn(actor: Actor, standIn: unknown): void {
  if (standIn !== undefined && actor.role !== 'admin') {
    throw forbidden(
      'Only an admin may record a stand-in for the KSO (D12).',
      'Endast en administratör får registrera en ersättare för KSO (D12).',
    );
  }
}
