import type { Db, SnapshotQuery } from '../database/db';
import type { Dialect } from '../database/dialect';
import { leavesOf, logRows, rowLeaf, tileRows, type LeafRow } from './log-leaves';
import { CompactRange } from './merkle';
import { logVerifierFromFile } from './key-file';
import type { DatabaseCheck, VerifyRunProblem } from '../workflow/verify/database-checks';
import { cosignatureTime, parseCheckpointBody, parseVkey, splitNote, verifyNote, type NoteVerifier } from './note';

export type { VerifyRunProblem };

export interface CheckpointCheckOptions {
  /** The log's public key; null when none is known (every checkpoint is then unverifiable). */
  logKey: NoteVerifier | null;
  /** The origin line the checkpoints must carry. */
  origin: string;
  /** How many registered witnesses must have cosigned the latest checkpoint (0: none required). */
  witnesses?: number;
}

interface StoredCheckpoint {
  size: number;
  root: string;
  note: string;
}

const problem = (kind: string, message: string, row?: { instanceId: string; seq: number }): VerifyRunProblem => ({
  workflowId: row?.instanceId ?? null,
  seq: row?.seq ?? null,
  kind,
  message,
});

/**
 * The roots a leaf sequence gives at each of `sizes` (ascending), in one pass: O(log n) memory. A sequence that runs
 * out before a size gives null there.
 */
async function rootsAt(leaves: AsyncIterable<Buffer>, sizes: number[]): Promise<Array<string | null>> {
  const out: Array<string | null> = sizes.map(() => null);
  const range = new CompactRange();
  let next = 0;
  while (next < sizes.length && sizes[next] === 0) out[next++] = range.root().toString('hex');
  if (next < sizes.length) {
    for await (const leaf of leaves) {
      range.push(leaf);
      while (next < sizes.length && sizes[next] === range.size) out[next++] = range.root().toString('hex');
      if (next >= sizes.length) break;
    }
  }
  return out;
}

async function* tileLeaves(query: SnapshotQuery, dialect: Dialect): AsyncIterable<Buffer> {
  for await (const row of tileRows(query, dialect)) yield rowLeaf(row.hash);
}

/**
 * Where the current log first differs from the tiles (the leaf data the checkpoints covered), within the first `size`
 * leaves: the leaf index, the current row there (null when the log ends before it) and the row the tiles hold there.
 * Null when they agree.
 */
export async function firstDifference(
  query: SnapshotQuery,
  dialect: Dialect,
  size: number,
): Promise<{ index: number; row: LeafRow | null; covered: LeafRow | null } | null> {
  const rows = logRows(query, dialect)[Symbol.asyncIterator]();
  const tiles = tileRows(query, dialect)[Symbol.asyncIterator]();
  for (let index = 0; index < size; index++) {
    const [r, t] = await Promise.all([rows.next(), tiles.next()]);
    const row = r.done ? null : r.value;
    const covered = t.done ? null : t.value;
    if (!row || !covered || row.hash !== covered.hash || row.id !== covered.id) return { index, row, covered };
  }
  return null;
}

/**
 * Checks every stored checkpoint: its signature by the log key and that its note says what its row says; that each
 * checkpoint is consistent with the next (see below); that the current log extends the latest (the root of its first
 * `size` leaves is the signed root); and, when asked, that enough registered witnesses cosigned the latest.
 *
 * Consistency without a proof per pair: a leaf sequence that reproduces the later root (the current log, or else the
 * tiles) is, by the hash's collision resistance, the one the later checkpoint signed; the earlier checkpoint is
 * consistent with it exactly when the same sequence gives the earlier root at the earlier size, which is what a
 * consistency proof built from that sequence would show. One pass per sequence checks every pair.
 */
export async function checkpointProblems(db: Db, options: CheckpointCheckOptions): Promise<VerifyRunProblem[]> {
  return db.snapshot(async (query) => {
    const problems: VerifyRunProblem[] = [];
    const stored = (await query<StoredCheckpoint>('SELECT size, root, note FROM checkpoint ORDER BY size', [])).map(
      (c) => ({ ...c, size: Number(c.size) }),
    );
    if (!stored.length) {
      // Nothing to check, but a required threshold of witnesses is not met by no checkpoint at all.
      if (options.witnesses) {
        problems.push(
          problem(
            'witness-threshold',
            `No checkpoint exists; ${options.witnesses} witness cosignature(s) are required.`,
          ),
        );
      }
      return problems;
    }
    if (!options.logKey)
      problems.push(problem('checkpoint-key-missing', 'No log public key to verify the checkpoints with.'));
    for (const c of stored) problems.push(...noteProblems(c, options));
    const sizes = stored.map((c) => c.size);
    const fromLog = await rootsAt(leavesOf(logRows(query, db.dialect)), sizes);
    const fromTiles = await rootsAt(tileLeaves(query, db.dialect), sizes);
    for (let i = 0; i + 1 < stored.length; i++) {
      const [a, b] = [stored[i], stored[i + 1]];
      const source = fromLog[i + 1] === b.root ? fromLog : fromTiles[i + 1] === b.root ? fromTiles : null;
      if (source && source[i] !== a.root) {
        problems.push(
          problem(
            'checkpoint-inconsistent',
            `Checkpoint ${a.size} is not consistent with checkpoint ${b.size}: the tree of ${b.size} does not extend the one of ${a.size}.`,
          ),
        );
      }
    }
    const latest = stored[stored.length - 1];
    const last = sizes.length - 1;
    if (fromLog[last] !== latest.root)
      problems.push(await divergence(query, db.dialect, latest, fromTiles[last], stored, fromLog));
    if (options.witnesses) problems.push(...(await witnessProblems(query, db.dialect, latest, options.witnesses)));
    return problems;
  });
}

/** What is wrong with one stored checkpoint's note: unreadable, not signed by the log key, or saying another tree. */
function noteProblems(c: StoredCheckpoint, options: CheckpointCheckOptions): VerifyRunProblem[] {
  const note = splitNote(c.note);
  const body = note && parseCheckpointBody(note.body);
  if (!note || !body) {
    return [problem('checkpoint-malformed', `Checkpoint ${c.size}: the stored note is not a signed checkpoint.`)];
  }
  const problems: VerifyRunProblem[] = [];
  if (options.logKey && !verifyNote(note, options.logKey)) {
    problems.push(problem('checkpoint-signature', `Checkpoint ${c.size}: the log's signature does not verify.`));
  }
  if (body.origin !== options.origin || body.size !== c.size || body.root.toString('hex') !== c.root) {
    problems.push(
      problem(
        'checkpoint-mismatch',
        `Checkpoint ${c.size}: the signed note says origin ${body.origin}, size ${body.size}, root ${body.root.toString('hex')}.`,
      ),
    );
  }
  return problems;
}

/** The problem of a log that no longer extends the latest checkpoint, naming the first differing row where it can. */
async function divergence(
  query: SnapshotQuery,
  dialect: Dialect,
  latest: StoredCheckpoint,
  tilesRoot: string | null,
  stored: StoredCheckpoint[],
  fromLog: Array<string | null>,
): Promise<VerifyRunProblem> {
  const earliest = stored.find((c, i) => fromLog[i] !== c.root)!;
  if (tilesRoot !== latest.root) {
    return problem(
      'log-diverged',
      `The log no longer extends checkpoint ${latest.size} (it first fails at checkpoint ${earliest.size}); the stored tiles do not match the signed root either, so the first differing row cannot be named.`,
    );
  }
  const diff = await firstDifference(query, dialect, latest.size);
  const at = `checkpoint ${latest.size}, leaf ${diff?.index}`;
  const { row, covered } = diff ?? { row: null, covered: null };
  if (covered && (!row || row.id > covered.id)) {
    return problem(
      'log-truncated',
      `The log no longer extends ${at}: row ${covered.id} (seq ${covered.seq} of ${covered.instanceId}), which the checkpoint covered, is gone.`,
      covered,
    );
  }
  if (row && covered && row.id < covered.id) {
    return problem(
      'log-row-inserted',
      `The log no longer extends ${at}: row ${row.id} was put in before row ${covered.id}.`,
      row,
    );
  }
  if (row && covered) {
    return problem(
      'log-diverged',
      `The log no longer extends ${at}: row ${row.id} has hash ${row.hash}; the checkpoint covered ${covered.hash}.`,
      row,
    );
  }
  return problem('log-diverged', `The log no longer extends checkpoint ${latest.size}.`);
}

async function witnessProblems(
  query: SnapshotQuery,
  dialect: Dialect,
  latest: StoredCheckpoint,
  required: number,
): Promise<VerifyRunProblem[]> {
  const body = splitNote(latest.note)?.body ?? '';
  const rows = await query<{ witness_name: string; line: string; vkey: string }>(
    `SELECT c.witness_name, c.line, w.vkey FROM checkpoint_cosignature c JOIN checkpoint_witness w ON w.name = c.witness_name WHERE c.checkpoint_size = ${dialect.param(1)}`,
    [latest.size],
  );
  const problems: VerifyRunProblem[] = [];
  let valid = 0;
  for (const r of rows) {
    const verifier = parseVkey(r.vkey);
    if (verifier && cosignatureTime(body, r.line, verifier) !== null) valid++;
    else
      problems.push(
        problem(
          'cosignature-invalid',
          `Checkpoint ${latest.size}: the cosignature of ${r.witness_name} does not verify.`,
        ),
      );
  }
  if (valid < required) {
    problems.push(
      problem(
        'witness-threshold',
        `Checkpoint ${latest.size} has ${valid} valid witness cosignature(s); ${required} are required.`,
      ),
    );
  }
  return problems;
}

/**
 * The signed checkpoints as a check of the whole-database verify (`npm run cli -- verify`): the log key from its
 * file, the origin from the configuration, no witness threshold (verify-checkpoints --witnesses N asks for one). A
 * checkpoint covers the whole log, so the check runs for the database scope only.
 */
export function signedCheckpointsCheck(
  db: Db,
  config: { CHECKPOINT_KEY_FILE: string; CHECKPOINT_ORIGIN: string },
): DatabaseCheck {
  return {
    name: 'signed checkpoints',
    run: async ({ scope }) =>
      scope.kind === 'database'
        ? checkpointProblems(db, {
            logKey: logVerifierFromFile(config.CHECKPOINT_KEY_FILE),
            origin: config.CHECKPOINT_ORIGIN,
          })
        : [],
  };
}
