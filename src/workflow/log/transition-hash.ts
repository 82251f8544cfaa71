import { sha256Hex } from '../../common/sha256';
import { canonicalJson } from '../../common/canonical-json';

export const GENESIS_PREV_HASH = '0'.repeat(64);
/** The event type of the genesis row (seq 0), which holds the machine's creation input. */
export const GENESIS_EVENT = 'xstate.init';

/** The columns of a log row that its hash covers: all of them but the surrogate id and the hash itself. */
export interface HashedRow {
  instanceId: string;
  seq: number;
  eventType: string;
  payload: string;
  actorId: string;
  actorRole: string;
  actorMunicipality: string | null;
  recordedAt: string;
  legalDate: string | null;
  fromState: string | null;
  toState: string;
  machineId: string;
  machineVersion: number;
  idempotencyKey: string | null;
  requestHash: string | null;
  prevHash: string;
}

/** SHA-256 over the canonical JSON of the row (the payload is included as its stored text, byte for byte). */
export function hashRow(row: HashedRow): string {
  return sha256Hex(hashMaterial(row));
}

/**
 * `canonicalJson` of the hashed columns. Every column is a string, a number or null, so the canonical form is the
 * object written with its keys already in sorted order: JSON.stringify of that literal gives the same bytes without
 * sorting keys per row (verify hashes every row of a log). Any other value goes through canonicalJson itself.
 */
function hashMaterial(row: HashedRow): string {
  const material = {
    actorId: row.actorId,
    actorMunicipality: row.actorMunicipality,
    actorRole: row.actorRole,
    eventType: row.eventType,
    fromState: row.fromState,
    idempotencyKey: row.idempotencyKey,
    instanceId: row.instanceId,
    legalDate: row.legalDate,
    machineId: row.machineId,
    machineVersion: row.machineVersion,
    payload: row.payload,
    prevHash: row.prevHash,
    recordedAt: row.recordedAt,
    requestHash: row.requestHash,
    seq: row.seq,
    toState: row.toState,
  };
  for (const key in material) {
    const v = material[key as keyof typeof material];
    if (v !== null && typeof v === 'object') return canonicalJson(material);
  }
  return JSON.stringify(material);
}
