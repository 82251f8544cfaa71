import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConsistencyProof, InclusionProof } from '../checkpoint/checkpoint-evidence';
import { rowLeaf } from '../checkpoint/log-leaves';
import { verifyConsistency, verifyInclusion } from '../checkpoint/merkle';
import {
  ALG_COSIGNATURE_V1,
  ALG_ED25519,
  cosignatureTime,
  parseCheckpointBody,
  parseVkey,
  splitNote,
  verifyNote,
  type NoteVerifier,
  type ParsedCheckpoint,
} from '../checkpoint/note';
import type { WorkflowTransitionEntity } from '../workflow/log/workflow-transition.entity';
import type { PackageInfo } from './package-data';
import { checkpointFile, CONSISTENCY, inclusionFile, LOG_VKEY, PACKAGE_INFO, WITNESS_VKEYS } from './package-layout';

/** A finding of the check (evidence-check.ts's PackageProblem). */
export interface ProofProblem {
  file: string;
  line?: number;
  seq?: number;
  workflowId?: string;
  kind: string;
  message: string;
}

export interface ProofCheckOptions {
  /** How many packaged witnesses must have cosigned the latest checkpoint (0: none). */
  witnesses?: number;
  /** The log's vkey from the auditor's own records: the packaged key must be this one. */
  logKey?: string;
}

/** One packaged workflow's rows as read from its log file (line n + 1 is rows[n]). */
export interface CheckedLog {
  workflowId: string;
  rows: WorkflowTransitionEntity[];
}

interface Checkpoint extends ParsedCheckpoint {
  file: string;
}

/**
 * The checkpoints of a package, offline (docs/evidence.md): each checkpoint's signature by the packaged log key, the
 * witnesses' cosignatures and an optional threshold on the latest, the consistency proof between each two successive
 * checkpoints, and each row's inclusion proof under the latest, with the row's leaf as log-leaves.ts makes it.
 */
export async function checkProofs(
  root: string,
  info: PackageInfo | null,
  logs: CheckedLog[],
  options: ProofCheckOptions,
  problems: ProofProblem[],
): Promise<void> {
  const text = (path: string) => readFile(join(root, path), 'utf8').catch(() => null);
  const sizes = info?.checkpoints?.sizes ?? [];
  if (!sizes.length) {
    problems.push({ file: PACKAGE_INFO, kind: 'CHECKPOINTS_MISSING', message: 'The package names no checkpoint.' });
    return;
  }
  const logKey = readLogKey(await text(LOG_VKEY), options.logKey, problems);
  const witnesses = readWitnessKeys((await text(WITNESS_VKEYS)) ?? '', problems);
  const checkpoints: Checkpoint[] = [];
  for (const size of sizes) {
    const file = checkpointFile(size);
    const c = checkCheckpoint(file, size, await text(file), logKey, witnesses, problems);
    if (c) checkpoints.push({ ...c.body, file });
    if (size === sizes[sizes.length - 1] && (options.witnesses ?? 0) > (c?.cosigned ?? 0)) {
      problems.push({
        file,
        kind: 'WITNESS_THRESHOLD',
        message: `Checkpoint ${size} has ${c?.cosigned ?? 0} valid witness cosignature(s); ${options.witnesses} are required.`,
      });
    }
  }
  const origins = new Set(checkpoints.map((c) => c.origin));
  if (origins.size > 1)
    problems.push({
      file: PACKAGE_INFO,
      kind: 'CHECKPOINT_ORIGIN_DIFFERS',
      message: 'The checkpoints name more than one log.',
    });
  await checkConsistency(await text(CONSISTENCY), checkpoints, sizes, problems);
  const latest = checkpoints.find((c) => c.size === sizes[sizes.length - 1]);
  if (latest) for (const log of logs) checkInclusion(log, await text(inclusionFile(log.workflowId)), latest, problems);
}

function readLogKey(text: string | null, pinned: string | undefined, problems: ProofProblem[]): NoteVerifier | null {
  const key = text === null ? null : parseVkey(text);
  if (!key || key.alg !== ALG_ED25519) {
    problems.push({
      file: LOG_VKEY,
      kind: 'LOG_KEY_INVALID',
      message: 'The log key is missing or not an Ed25519 vkey.',
    });
    return null;
  }
  if (pinned !== undefined && pinned.trim() !== text!.trim()) {
    problems.push({
      file: LOG_VKEY,
      kind: 'LOG_KEY_DIFFERS',
      message: 'The packaged log key is not the one given with --log-key: the checkpoints are signed by another key.',
    });
    return null;
  }
  return key;
}

function readWitnessKeys(text: string, problems: ProofProblem[]): Map<string, NoteVerifier> {
  const out = new Map<string, NoteVerifier>();
  text.split('\n').forEach((line, i) => {
    if (!line) return;
    const key = parseVkey(line);
    if (key && key.alg === ALG_COSIGNATURE_V1) out.set(key.name, key);
    else
      problems.push({
        file: WITNESS_VKEYS,
        line: i + 1,
        kind: 'WITNESS_KEY_INVALID',
        message: `Line ${i + 1} is not a cosignature/v1 vkey.`,
      });
  });
  return out;
}

/** One checkpoint note: its body, signed by the log key, saying `size`; and how many packaged witnesses cosigned it. */
function checkCheckpoint(
  file: string,
  size: number,
  text: string | null,
  logKey: NoteVerifier | null,
  witnesses: Map<string, NoteVerifier>,
  problems: ProofProblem[],
): { body: ParsedCheckpoint; cosigned: number } | null {
  const note = text === null ? null : splitNote(text);
  const body = note && parseCheckpointBody(note.body);
  if (!note || !body || body.size !== size) {
    problems.push({
      file,
      kind: 'CHECKPOINT_MALFORMED',
      message: `Checkpoint ${size} is missing, not a signed checkpoint note, or of another size.`,
    });
    return null;
  }
  if (logKey && !verifyNote(note, logKey)) {
    problems.push({
      file,
      kind: 'CHECKPOINT_SIGNATURE_INVALID',
      message: `Checkpoint ${size}: the log's signature (${logKey.name}) does not verify.`,
    });
  }
  const cosigned = new Set<string>();
  for (const s of note.signatures) {
    const witness = witnesses.get(s.name);
    if (!witness) continue; // a signature by a key the package does not name proves nothing and is ignored
    if (cosignatureTime(note.body, s.line, witness) === null) {
      problems.push({
        file,
        kind: 'COSIGNATURE_INVALID',
        message: `Checkpoint ${size}: the cosignature of witness ${s.name} does not verify.`,
      });
    } else cosigned.add(s.name);
  }
  return { body, cosigned: cosigned.size };
}

/** A consistency proof between each two successive packaged checkpoints, against their signed roots. */
async function checkConsistency(
  text: string | null,
  checkpoints: Checkpoint[],
  sizes: number[],
  problems: ProofProblem[],
): Promise<void> {
  let proofs: ConsistencyProof[] = [];
  try {
    proofs = text === null ? [] : (JSON.parse(text) as ConsistencyProof[]);
    if (!Array.isArray(proofs)) throw new Error();
  } catch {
    problems.push({ file: CONSISTENCY, kind: 'BAD_JSON', message: 'The consistency proofs are not valid JSON.' });
    return;
  }
  for (let i = 0; i + 1 < sizes.length; i++) {
    const [from, to] = [sizes[i], sizes[i + 1]];
    const a = checkpoints.find((c) => c.size === from);
    const b = checkpoints.find((c) => c.size === to);
    const at = proofs.findIndex((p) => p && p.from === from && p.to === to);
    if (at < 0) {
      problems.push({
        file: CONSISTENCY,
        kind: 'CONSISTENCY_PROOF_MISSING',
        message: `No consistency proof from checkpoint ${from} to ${to}.`,
      });
    } else if (a && b && !verifyConsistency(from, to, hashes(proofs[at].proof), a.root, b.root)) {
      problems.push({
        file: CONSISTENCY,
        kind: 'CONSISTENCY_PROOF_INVALID',
        message: `The consistency proof from checkpoint ${from} to ${to} (entry ${at + 1}) does not verify: the tree of ${to} is not shown to extend the one of ${from}.`,
      });
    }
  }
}

/** Each row's inclusion proof (line n of the proof file for line n of the log) under the latest checkpoint. */
function checkInclusion(log: CheckedLog, text: string | null, latest: Checkpoint, problems: ProofProblem[]): void {
  const file = inclusionFile(log.workflowId);
  const lines = (text ?? '').split('\n');
  log.rows.forEach((row, i) => {
    const where = { file, line: i + 1, seq: row.seq, workflowId: log.workflowId };
    const rowName = `row ${row.id} (seq ${row.seq} of ${log.workflowId}, line ${i + 1} of its log)`;
    let proof: InclusionProof & { rowId?: number; seq?: number };
    try {
      proof = JSON.parse(lines[i]);
    } catch {
      problems.push({ ...where, kind: 'INCLUSION_PROOF_MISSING', message: `No inclusion proof of ${rowName}.` });
      return;
    }
    if (proof.rowId !== row.id || proof.seq !== row.seq || proof.checkpoint !== latest.size) {
      problems.push({
        ...where,
        kind: 'INCLUSION_PROOF_MISMATCH',
        message: `Line ${i + 1} proves row ${proof.rowId} (seq ${proof.seq}) under checkpoint ${proof.checkpoint}, not ${rowName} under ${latest.size}.`,
      });
      return;
    }
    const ok =
      Number.isInteger(proof.leafIndex) &&
      Array.isArray(proof.proof) &&
      verifyInclusion(proof.leafIndex, latest.size, rowLeaf(row.hash), hashes(proof.proof), latest.root);
    if (!ok) {
      problems.push({
        ...where,
        kind: 'INCLUSION_PROOF_INVALID',
        message: `The inclusion proof of ${rowName} does not verify under checkpoint ${latest.size}: the row is not the one the checkpoint signed, or the proof was changed.`,
      });
    }
  });
}

/** base64 hashes read strictly: text that is not canonical base64 gives an empty hash, which no proof accepts. */
function hashes(list: unknown): Buffer[] {
  if (!Array.isArray(list)) return [Buffer.alloc(0)];
  return list.map((h) => {
    const bytes = Buffer.from(String(h), 'base64');
    return bytes.toString('base64') === h ? bytes : Buffer.alloc(0);
  });
}
