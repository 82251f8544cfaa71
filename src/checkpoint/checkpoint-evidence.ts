import { toStockholmDate } from '../../machines/calendar/calendar';
import type { SnapshotQuery } from '../database/db';
import type { Dialect } from '../database/dialect';
import { logRows, rowLeaf } from './log-leaves';
import { consistencyRanges, verifyConsistency, verifyInclusion, type LeafRange } from './merkle';
import { SubtreeSweep } from './subtree-sweep';

/**
 * What an evidence package carries of the signed checkpoints (docs/evidence.md): the checkpoints that cover its rows
 * as signed notes with their cosignature lines, the witnesses' keys, an RFC 9162 inclusion proof of each packaged row
 * under the latest checkpoint, and a consistency proof between each two successive packaged checkpoints. Read in the
 * export's snapshot; the proofs come from one pass over the log.
 */

export interface PackagedCheckpoint {
  size: number;
  /** Hex, as stored; the note carries it in base64. */
  root: string;
  lastRowId: number;
  createdAt: string;
  /** The signed note: body, blank line, the log's signature line, each witness's cosignature line. */
  note: string;
}

export interface InclusionProof {
  checkpoint: number;
  leafIndex: number;
  /** base64 hashes, leaf to root. */
  proof: string[];
}

export interface ConsistencyProof {
  from: number;
  to: number;
  proof: string[];
}

export interface CheckpointProofs {
  inclusion: Map<number, InclusionProof>;
  consistency: ConsistencyProof[];
  /** Whether every proof verified against the signed roots when it was made (a log changed since would not). */
  verified: boolean;
}

interface CheckpointRow {
  size: unknown;
  root: string;
  last_row_id: unknown;
  created_at: string;
  note: string;
}

/**
 * The checkpoints a package of `period` carries, ascending: each made within the period (Stockholm date of its
 * time; every one when the period is open) and the latest, with the cosignature lines appended to each note.
 */
export async function checkpointsOfPeriod(
  query: SnapshotQuery,
  dialect: Dialect,
  period: { from: string | null; to: string | null },
): Promise<PackagedCheckpoint[]> {
  const rows = await query<CheckpointRow>(
    'SELECT size, root, last_row_id, created_at, note FROM checkpoint ORDER BY size',
    [],
  );
  const within = (c: CheckpointRow) => {
    const day = toStockholmDate(c.created_at);
    return (!period.from || day >= period.from) && (!period.to || day <= period.to);
  };
  const chosen = rows.filter((c, i) => i === rows.length - 1 || within(c));
  const out: PackagedCheckpoint[] = [];
  for (const c of chosen) {
    const lines = await query<{ line: string }>(
      `SELECT line FROM checkpoint_cosignature WHERE checkpoint_size = ${dialect.param(1)} ORDER BY witness_name`,
      [Number(c.size)],
    );
    out.push({
      size: Number(c.size),
      root: c.root,
      lastRowId: Number(c.last_row_id),
      createdAt: c.created_at,
      note: `${c.note}${lines.map((l) => `${l.line}\n`).join('')}`,
    });
  }
  return out;
}

/** The registered witnesses' cosignature vkeys, by name. */
export async function witnessKeys(query: SnapshotQuery): Promise<string[]> {
  const rows = await query<{ vkey: string }>('SELECT vkey FROM checkpoint_witness ORDER BY name', []);
  return rows.map((r) => r.vkey);
}

/**
 * The inclusion proof of every row in `rowIds` under the last of `checkpoints`, and the consistency proofs between
 * successive ones, from one pass over the log's first `size` rows (in id order, the leaf order).
 */
export async function proofsOf(
  query: SnapshotQuery,
  dialect: Dialect,
  checkpoints: PackagedCheckpoint[],
  rowIds: Set<number>,
): Promise<CheckpointProofs> {
  const latest = checkpoints[checkpoints.length - 1];
  const sweep = new SubtreeSweep();
  const pairs = checkpoints.slice(1).map((to, i) => ({ from: checkpoints[i], to }));
  const consistencyNodes = pairs.map((p) => consistencyRanges(p.from.size, p.to.size));
  for (const ranges of consistencyNodes) for (const r of ranges) sweep.want(r);
  const inclusionNodes = new Map<number, { leafIndex: number; hash: string; ranges: LeafRange[] }>();
  for await (const row of logRows(query, dialect, latest.lastRowId)) {
    if (sweep.size >= latest.size) break;
    if (rowIds.has(row.id)) {
      inclusionNodes.set(row.id, { leafIndex: sweep.size, hash: row.hash, ranges: sweep.wantInclusion(latest.size) });
    }
    sweep.push(rowLeaf(row.hash));
  }
  const root = (hex: string) => Buffer.from(hex, 'hex');
  let verified = sweep.size === latest.size;
  const inclusion = new Map<number, InclusionProof>();
  if (verified) {
    for (const [rowId, n] of inclusionNodes) {
      const proof = n.ranges.map((r) => sweep.rootOf(r));
      verified &&= verifyInclusion(n.leafIndex, latest.size, rowLeaf(n.hash), proof, root(latest.root));
      inclusion.set(rowId, {
        checkpoint: latest.size,
        leafIndex: n.leafIndex,
        proof: proof.map((h) => h.toString('base64')),
      });
    }
  }
  const consistency = verified
    ? pairs.map((p, i) => {
        const proof = consistencyNodes[i].map((r) => sweep.rootOf(r));
        verified &&= verifyConsistency(p.from.size, p.to.size, proof, root(p.from.root), root(p.to.root));
        return { from: p.from.size, to: p.to.size, proof: proof.map((h) => h.toString('base64')) };
      })
    : [];
  return { inclusion, consistency, verified };
}
