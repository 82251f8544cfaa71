import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { recordRegisterDefinition, type RegisteredRecord } from '../../machines/register/record-register.machine';
import { stateString } from '../../machines/kernel/explain';
import { canonicalJson } from '../common/canonical-json';
import { GENESIS_EVENT, GENESIS_PREV_HASH, hashRow, type HashedRow } from '../workflow/log/transition-hash';
import { SYSTEM_ACTOR } from '../workflow/actor';
import { hashedRows, type Query } from './hashed-rows';
import { recordHash, type HashedTable } from './record-hash';
import { DOCUMENTS_SCOPE } from './record-register';

/** The log row columns in the order of the INSERT below. */
const ROW_COLUMNS: Array<[keyof HashedRow | 'hash', string]> = [
  ['instanceId', 'instance_id'],
  ['seq', 'seq'],
  ['eventType', 'event_type'],
  ['payload', 'payload'],
  ['actorId', 'actor_id'],
  ['actorRole', 'actor_role'],
  ['actorMunicipality', 'actor_municipality'],
  ['recordedAt', 'recorded_at'],
  ['legalDate', 'legal_date'],
  ['fromState', 'from_state'],
  ['toState', 'to_state'],
  ['machineId', 'machine_id'],
  ['machineVersion', 'machine_version'],
  ['idempotencyKey', 'idempotency_key'],
  ['requestHash', 'request_hash'],
  ['prevHash', 'prev_hash'],
  ['hash', 'hash'],
];

/**
 * The tables the baseline (migration 1733700000000) brought under the chain: a table registered since (the secrecy
 * markings) is written through the write path from its first row, and does not exist yet when that migration runs.
 */
const BASELINE_TABLES: HashedTable[] = ['body', 'meeting', 'document', 'document_version', 'signature'];

/**
 * Brings the rows a database already holds under the chain (the migration of issue 10 §2): per scope, a register
 * workflow whose first event, RECORD_WRITTEN with `baseline: true` by the actor `system`, holds the hash of each row
 * as it stands. That is honest about what it proves: the rows have not changed since the baseline, not that they
 * were right when first written. Plain SQL and the same hashing as the write path, so it runs in a migration.
 */
export async function baselineRecords(
  query: Query,
  dialect: 'sqlite' | 'postgres',
  newId: () => string,
  now: string,
  /** The fields added later (HASHED_WHEN_SET) exist: not in the migration, which runs before their columns do. */
  withLater = false,
): Promise<number> {
  const byScope = new Map<string, RegisteredRecord[]>();
  for (const table of BASELINE_TABLES) {
    for (const { row, scope } of await hashedRows(query, table, withLater)) {
      const key = scope ?? DOCUMENTS_SCOPE;
      if (!byScope.has(key)) byScope.set(key, []);
      byScope.get(key)!.push({ table, id: row.id, hash: recordHash(table, row) });
    }
  }
  const p = (n: number, from = 1) =>
    Array.from({ length: n }, (_, i) => (dialect === 'postgres' ? `$${from + i}` : '?')).join(', ');
  for (const [scope, records] of byScope) {
    const def = recordRegisterDefinition;
    const id = newId();
    const [start] = initialTransition(def.machine, { scope });
    const event = { type: 'RECORD_WRITTEN', records, baseline: true };
    const [next] = transition(def.machine, start, event);
    const base = {
      instanceId: id,
      actorId: SYSTEM_ACTOR.id,
      actorRole: SYSTEM_ACTOR.role,
      actorMunicipality: null,
      recordedAt: now,
      legalDate: null,
      machineId: def.id,
      machineVersion: def.version,
      idempotencyKey: null,
      requestHash: null,
    };
    const genesis: HashedRow = {
      ...base,
      seq: 0,
      eventType: GENESIS_EVENT,
      payload: canonicalJson({ scope }),
      fromState: null,
      toState: stateString(start.value),
      prevHash: GENESIS_PREV_HASH,
    };
    const genesisHash = hashRow(genesis);
    const written: HashedRow = {
      ...base,
      seq: 1,
      eventType: 'RECORD_WRITTEN',
      payload: canonicalJson(event),
      fromState: genesis.toState,
      toState: stateString(next.value),
      prevHash: genesisHash,
    };
    const writtenHash = hashRow(written);
    const snapshot = canonicalJson(def.machine.getPersistedSnapshot(next as AnyMachineSnapshot));
    await query(
      `INSERT INTO workflow_instance (id, machine_id, machine_version, subject, state, snapshot, version, last_hash, created_at, updated_at) VALUES (${p(10)})`,
      [id, def.id, def.version, `records:${scope}`, written.toState, snapshot, 1, writtenHash, now, now],
    );
    for (const [row, hash] of [
      [genesis, genesisHash],
      [written, writtenHash],
    ] as const) {
      const values = ROW_COLUMNS.map(([k]) => (k === 'hash' ? hash : row[k]));
      await query(
        `INSERT INTO workflow_transition (${ROW_COLUMNS.map(([, c]) => c).join(', ')}) VALUES (${p(values.length)})`,
        values,
      );
    }
    await query(`INSERT INTO record_register (scope, workflow_id) VALUES (${p(2)})`, [scope, id]);
  }
  return byScope.size;
}
