import { createHash } from 'crypto';
import { canonicalJson } from '../common/canonical-json';

export const GENESIS_PREV_HASH = '0'.repeat(64);

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
  prevHash: string;
}

/** SHA-256 over the canonical JSON of the row (the payload is included as its stored text, byte for byte). */
export function hashRow(row: HashedRow): string {
  const material = canonicalJson({
    instanceId: row.instanceId,
    seq: row.seq,
    eventType: row.eventType,
    payload: row.payload,
    actorId: row.actorId,
    actorRole: row.actorRole,
    actorMunicipality: row.actorMunicipality,
    recordedAt: row.recordedAt,
    legalDate: row.legalDate,
    fromState: row.fromState,
    toState: row.toState,
    machineId: row.machineId,
    machineVersion: row.machineVersion,
    idempotencyKey: row.idempotencyKey,
    prevHash: row.prevHash,
  });
  return createHash('sha256').update(material).digest('hex');
}
