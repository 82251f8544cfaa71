import { canonicalJson } from '../common/canonical-json';
import { sha256Hex } from '../common/sha256';

/**
 * The legal fields of each table whose rows are hashed into the log (the record register), by entity property.
 * What is not listed carries no legal weight: the time the row was stored (the log row has its own), a demo mark.
 */
export const HASHED_FIELDS = {
  body: ['id', 'municipalityCode', 'kind', 'name', 'memberCount'],
  meeting: ['id', 'bodyId', 'municipalityCode', 'date', 'place', 'attendees', 'closedAt', 'justeringAt', 'secretary'],
  document: ['id', 'key', 'title', 'collaboration'],
  // R-I9, R-H17 (h-deleg): a delegationsbeslut as recorded; its anmälan is its protocol workflow's genesis
  delegation_decision: [
    'id',
    'municipalityCode',
    'bodyId',
    'reportToBodyId',
    'kind',
    'number',
    'delegate',
    'delegateTitle',
    'point',
    'decidedOn',
    'matterTitle',
    'diarienummer',
    'diarium',
    'decisionText',
  ],
  document_version: ['id', 'documentId', 'version', 'text', 'sha256'],
  signature: [
    'id',
    'documentVersionId',
    'municipalityCode',
    'signatoryName',
    'signatoryOffice',
    'signedOn',
    'method',
    'signedHash',
    'standInBasis',
    'recordedBy',
  ],
  // Secrecy markings (issue 11 §8, R-K7): a marking added later is a record of its own, never a rewrite.
  secrecy_marking: ['id', 'municipalityCode', 'decisionId', 'field', 'provision', 'markedOn', 'markedBy'],
  // Lifting a marking (issue 12 §3, R-K13): a record of its own beside the marking, which stays as it was.
  secrecy_lifting: [
    'id',
    'markingId',
    'municipalityCode',
    'decisionId',
    'decidedOn',
    'decidedBy',
    'reason',
    'liftedBy',
  ],
} as const satisfies Record<string, readonly string[]>;

export type HashedTable = keyof typeof HASHED_FIELDS;

/**
 * Legal fields added to a table after rows of it were hashed: each is hashed only when it holds a value, so that a row
 * written before (null there) keeps the hash it was registered with.
 */
export const HASHED_WHEN_SET: Partial<Record<HashedTable, readonly string[]>> = {
  // R-H18 (h-meet): fullmäktige's decision allowing open meetings; whether a meeting is open to the public
  body: ['openMeetingsDecidedOn', 'openMeetingsReference'],
  meeting: ['isPublic'],
};

/**
 * SHA-256 over the canonical JSON of `{ table, fields }`: the row's legal fields, an absent one as null (a column
 * reads back null whether it was written null or left out), so the writer and the check compute the same bytes.
 */
export function recordHash(table: HashedTable, row: object): string {
  const values = row as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const name of HASHED_FIELDS[table]) fields[name] = values[name] ?? null;
  for (const name of HASHED_WHEN_SET[table] ?? []) if (values[name] != null) fields[name] = values[name];
  return sha256Hex(canonicalJson({ table, fields }));
}
