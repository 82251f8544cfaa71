import type { MachineDefinition } from '../../machines/kernel/machine-definition';
import { toStockholmDate } from '../../machines/calendar/calendar';
import { canonicalJson } from '../common/canonical-json';
import { sha256Hex } from '../common/sha256';
import { RowReplayer } from '../workflow/log/row-replayer';
import type { WorkflowInstanceEntity } from '../workflow/log/workflow-instance.entity';
import type { MachineRegistry } from '../workflow/machine-registry';
import type { WorkflowTransitionEntity } from '../workflow/log/workflow-transition.entity';
import { csvField } from './package-layout';

/**
 * The data of an evidence package and what is derived from it the same way on export and on check: the machine
 * definition's digest, the head as of the package's last row, the CSV.
 */

/** What package.json says of the package. */
export interface PackageInfo {
  format: string;
  packageId: string;
  collaboration: { slug: string; name: string };
  /** The period asked for; rows after `to` are left out, rows before `from` are in (the chain starts at genesis). */
  period: { from: string | null; to: string | null };
  exportedAt: string;
  workflows: number;
  rows: number;
  rowsInPeriod: number;
  machines: string[];
  /** The packaged checkpoints (ascending sizes); every row's inclusion proof is under the latest. */
  checkpoints: { origin: string; sizes: number[]; latest: number; logKey: string };
}

/** A workflow's head as the package holds it: as of its last packaged row. */
export interface PackagedHead extends Pick<
  WorkflowInstanceEntity,
  'id' | 'machineId' | 'machineVersion' | 'subject' | 'state' | 'snapshot' | 'version' | 'lastHash' | 'createdAt'
> {
  /** True when every row of the workflow is in the package; false when rows after the period were left out. */
  complete: boolean;
}

/** A machine definition as packaged: its data (XState's JSON of the machine) and the digest of that data. */
export interface PackagedMachine {
  id: string;
  version: number;
  digest: string;
  definition: unknown;
}

/** The machine's definition as data: XState's own JSON of the machine (states, transitions, guard names). */
export function definitionData(def: MachineDefinition): unknown {
  return JSON.parse(JSON.stringify(def.machine));
}

/** SHA-256 over the canonical JSON of a definition's id, version and data: what the check compares with its code. */
export function definitionDigest(id: string, version: number, definition: unknown): string {
  return sha256Hex(canonicalJson({ id, version, definition }));
}

export function packagedMachine(def: MachineDefinition): PackagedMachine {
  const definition = definitionData(def);
  return { id: def.id, version: def.version, digest: definitionDigest(def.id, def.version, definition), definition };
}

/**
 * The head of a workflow as of its last row `last`: the stored head when the package holds every row, else rebuilt
 * from the rows by replaying them (what the head was when that row was written).
 */
export function headAsOf(
  stored: WorkflowInstanceEntity,
  registry: MachineRegistry,
  rows: WorkflowTransitionEntity[],
): PackagedHead {
  const last = rows[rows.length - 1];
  const fields = {
    id: stored.id,
    machineId: stored.machineId,
    machineVersion: stored.machineVersion,
    subject: stored.subject,
    createdAt: stored.createdAt,
  };
  if (last.seq === stored.version) {
    return {
      ...fields,
      state: stored.state,
      snapshot: stored.snapshot,
      version: stored.version,
      lastHash: stored.lastHash,
      complete: true,
    };
  }
  // Across a migration too: each row through the version it names (RowReplayer), as the head was when it was written.
  const replay = new RowReplayer(registry);
  for (const row of rows) replay.apply(row);
  const now = replay.definition;
  const snapshot =
    now && replay.snapshot && replay.stopped === null
      ? canonicalJson(now.machine.getPersistedSnapshot(replay.snapshot))
      : stored.snapshot;
  return { ...fields, state: last.toState, snapshot, version: last.seq, lastHash: last.hash, complete: false };
}

/** A log row as one JSON line: every stored column (the global id too: the checkpoints' leaf order). */
export function rowLine(row: WorkflowTransitionEntity): string {
  return `${canonicalJson({ ...row })}\n`;
}

export const CSV_HEADER =
  'workflowId;machine;seq;eventType;actorId;actorRole;actorMunicipality;recordedAt;legalDate;fromState;toState;inPeriod;hash\n';

/** One CSV line of a row (`;`-separated, as Swedish spreadsheets read it). */
export function csvLine(row: WorkflowTransitionEntity, inPeriod: boolean): string {
  return (
    [
      row.instanceId,
      `${row.machineId}@${row.machineVersion}`,
      row.seq,
      row.eventType,
      row.actorId,
      row.actorRole,
      row.actorMunicipality,
      row.recordedAt,
      row.legalDate,
      row.fromState,
      row.toState,
      inPeriod ? 'ja' : 'nej',
      row.hash,
    ]
      .map(csvField)
      .join(';') + '\n'
  );
}

/** Whether a row was recorded within the period (Stockholm dates, both ends included; an open end is no bound). */
export function inPeriod(
  period: PackageInfo['period'] | undefined,
  row: Pick<WorkflowTransitionEntity, 'recordedAt'>,
): boolean {
  const day = toStockholmDate(row.recordedAt);
  return (!period?.from || day >= period.from) && (!period?.to || day <= period.to);
}
