import { checkpointsOfPeriod, proofsOf, witnessKeys, type PackagedCheckpoint } from '../checkpoint/checkpoint-evidence';
import { splitNote } from '../checkpoint/note';
import { canonicalJson } from '../common/canonical-json';
import type { SnapshotQuery } from '../database/db';
import type { Dialect } from '../database/dialect';
import type { PackageInfo } from './package-data';
import { checkpointFile, CONSISTENCY, inclusionFile, LOG_VKEY, WITNESS_VKEYS } from './package-layout';

/** The rows of one packaged workflow, in log order, as far as the proofs need them. */
export interface PackagedLog {
  workflowId: string;
  rows: Array<{ id: number; seq: number }>;
}

/** The checkpoints the package carries, ascending: the rows are cut at the last one's last row. */
export async function packagedCheckpoints(
  query: SnapshotQuery,
  dialect: Dialect,
  period: PackageInfo['period'],
): Promise<PackagedCheckpoint[]> {
  const checkpoints = await checkpointsOfPeriod(query, dialect, period);
  // covering() made one before the export; none here means the table was emptied meanwhile.
  if (!checkpoints.length) throw new Error('no checkpoint to prove the package under');
  return checkpoints;
}

/**
 * Writes the checkpoint files of the package: each packaged checkpoint's signed note, the log's vkey, the witnesses'
 * vkeys, each workflow's inclusion proofs (line n proves line n of its log) and the consistency proofs. Answers what
 * package.json says of them, and whether every proof verified when made.
 */
export async function writeCheckpoints(
  query: SnapshotQuery,
  dialect: Dialect,
  put: (path: string, content: string) => Promise<void>,
  checkpoints: PackagedCheckpoint[],
  logVkey: string,
  logs: PackagedLog[],
): Promise<{ summary: PackageInfo['checkpoints']; verified: boolean }> {
  const latest = checkpoints[checkpoints.length - 1];
  for (const c of checkpoints) await put(checkpointFile(c.size), c.note);
  await put(LOG_VKEY, `${logVkey}\n`);
  await put(WITNESS_VKEYS, (await witnessKeys(query)).map((v) => `${v}\n`).join(''));
  const ids = new Set(logs.flatMap((l) => l.rows.map((r) => r.id)));
  const proofs = await proofsOf(query, dialect, checkpoints, ids);
  for (const log of logs) {
    const lines = log.rows.map((r) => {
      // A row the log no longer has under the checkpoint (a damaged log) gets no proof: the check names it.
      const p = proofs.inclusion.get(r.id) ?? { checkpoint: latest.size, leafIndex: null, proof: [] };
      return `${canonicalJson({ rowId: r.id, seq: r.seq, ...p })}\n`;
    });
    await put(inclusionFile(log.workflowId), lines.join(''));
  }
  await put(CONSISTENCY, `${JSON.stringify(proofs.consistency, null, 1)}\n`);
  const origin = splitNote(latest.note)?.body.split('\n')[0] ?? '';
  return {
    summary: { origin, sizes: checkpoints.map((c) => c.size), latest: latest.size, logKey: logVkey },
    verified: proofs.verified,
  };
}
