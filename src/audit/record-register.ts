import { RECORD_REGISTER_MACHINE_ID, type RegisteredRecord } from '../../machines/register/record-register.machine';
import type { Actor } from '../workflow/actor';
import type { WorkflowTx } from '../workflow/engine/workflow-tx';
import { recordHash, type HashedTable } from './record-hash';
import { RecordRegisterEntity } from './record-register.entity';

/** The register scope of the documents and their versions (everything else is registered under its kommunkod). */
export const DOCUMENTS_SCOPE = 'documents';

/** A row to register: its table and the row as written (its legal fields are hashed, record-hash.ts). */
export interface RecordToRegister {
  table: HashedTable;
  row: { id: string };
}

/**
 * Puts rows written by a host module under the chain, in the host's transaction: one RECORD_WRITTEN row on the
 * scope's register workflow, as the writer, holding each row's hash (the payload is hashed, so the hashes are under
 * the chain). The register is started on the scope's first record. On PostgreSQL a transaction lock on the scope
 * makes two first records of one scope take turns (one register each scope); SQLite's writer is one at a time.
 * What it adds to a write: one read of the register's index row and one logged transition (its head read and
 * compare-and-set).
 */
export async function registerRecords(
  wtx: WorkflowTx,
  actor: Actor,
  scope: string,
  records: RecordToRegister[],
): Promise<void> {
  const { tx } = wtx;
  if (tx.dialect.kind === 'postgres')
    await tx.select(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`register:${scope}`]);
  let register = await tx.findOne(RecordRegisterEntity, { where: { scope } });
  if (!register) {
    const created = await wtx.create(RECORD_REGISTER_MACHINE_ID, { scope }, `records:${scope}`, actor);
    register = { scope, workflowId: created.id };
    await tx.insert(RecordRegisterEntity, register);
  }
  const hashed: RegisteredRecord[] = records.map((r) => ({
    table: r.table,
    id: r.row.id,
    hash: recordHash(r.table, r.row),
  }));
  await wtx.send(register.workflowId, { type: 'RECORD_WRITTEN', records: hashed }, actor);
}
