import * as fs from 'node:fs';
import * as path from 'node:path';
import { verifyConsistency } from '../checkpoint/merkle';
import {
  ALG_COSIGNATURE_V1,
  cosign,
  parseCheckpointBody,
  parseVkey,
  splitNote,
  verifyNote,
  type NoteKey,
} from '../checkpoint/note';

/** What the witness keeps between runs: the log it follows and the largest tree it has cosigned. */
export interface WitnessState {
  origin: string;
  /** The log's vkey, pinned at the first run (from --log-key, else trusted on first use). */
  logKey: string;
  size: number;
  /** The root of that tree, base64. */
  root: string;
}

/** The two calls the witness makes, so that a test can run it against the app in-process. */
export interface WitnessHttp {
  get(path: string): Promise<{ status: number; body: any }>;
  post(path: string, body: unknown): Promise<{ status: number; body: any }>;
}

export type WitnessOutcome =
  { ok: true; cosigned: number; state: WitnessState; message: string } | { ok: false; reason: string };

const refuse = (reason: string): WitnessOutcome => ({ ok: false, reason });

/**
 * One run of a witness (C2SP tlog-witness semantics): fetch the latest checkpoint, verify the log's signature, and
 * unless it is the first checkpoint it sees, verify a consistency proof from the size it last cosigned. A smaller tree,
 * another root at the same size, or a failing proof is refused: nothing is signed or sent. Otherwise the state moves
 * to the new tree (saved before the cosignature is sent: the witness never cosigns two views of one size) and the
 * cosignature/v1 goes to the server.
 */
export async function witnessOnce(
  http: WitnessHttp,
  key: NoteKey,
  state: WitnessState | null,
  options: { logKey?: string; now?: () => number; save: (state: WitnessState) => void },
): Promise<WitnessOutcome> {
  const pinned = state?.logKey ?? options.logKey ?? (await http.get('/checkpoints/key')).body?.vkey;
  const logKey = typeof pinned === 'string' ? parseVkey(pinned) : null;
  if (!logKey) return refuse('no usable log key (give --log-key VKEY)');
  if (state && options.logKey && options.logKey !== state.logKey)
    return refuse('--log-key differs from the pinned log key');
  const latest = await http.get('/checkpoints/latest');
  if (latest.status !== 200) return refuse(`GET /checkpoints/latest answered ${latest.status}`);
  const note = splitNote(String(latest.body.note ?? ''));
  const checkpoint = note && parseCheckpointBody(note.body);
  if (!note || !checkpoint) return refuse('the latest checkpoint is not a signed note');
  if (!verifyNote(note, logKey)) return refuse('the log’s signature of the checkpoint does not verify');
  if (state && checkpoint.origin !== state.origin)
    return refuse(`the origin changed (${state.origin} → ${checkpoint.origin})`);
  if (state && checkpoint.size < state.size) {
    return refuse(`the tree shrank: ${checkpoint.size} leaves, after ${state.size} were cosigned`);
  }
  if (state && checkpoint.size === state.size && checkpoint.root.toString('base64') !== state.root) {
    return refuse(`another root for size ${state.size} than the one cosigned: a split view`);
  }
  if (state && state.size > 0 && checkpoint.size > state.size) {
    const res = await http.get(`/checkpoints/consistency?from=${state.size}&to=${checkpoint.size}`);
    if (res.status !== 200)
      return refuse(`no consistency proof from ${state.size} to ${checkpoint.size} (${res.status})`);
    const proof = (res.body.proof as string[]).map((h) => Buffer.from(h, 'base64'));
    if (!verifyConsistency(state.size, checkpoint.size, proof, Buffer.from(state.root, 'base64'), checkpoint.root)) {
      return refuse(`checkpoint ${checkpoint.size} is not consistent with ${state.size}, the last one cosigned`);
    }
  }
  const next: WitnessState = {
    origin: checkpoint.origin,
    logKey: pinned as string,
    size: checkpoint.size,
    root: checkpoint.root.toString('base64'),
  };
  options.save(next);
  const witnessKey: NoteKey = { ...key, alg: ALG_COSIGNATURE_V1 };
  const now = Math.floor((options.now ?? Date.now)() / 1000);
  const sent = await http.post(`/checkpoints/${checkpoint.size}/cosignatures`, {
    cosignature: cosign(note.body, witnessKey, now),
  });
  if (sent.status !== 200) {
    return refuse(`the server refused the cosignature (${sent.status} ${sent.body?.code ?? ''})`);
  }
  return { ok: true, cosigned: checkpoint.size, state: next, message: `cosigned checkpoint ${checkpoint.size}` };
}

export function readWitnessState(file: string): WitnessState | null {
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as WitnessState;
}

/** Written to a new file and renamed over the old: a crash leaves the old state or the new, never half of one. */
export function writeWitnessState(file: string, state: WitnessState): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** The witness's HTTP over fetch, with its bearer token, against `${api}/api/v1`. */
export function fetchHttp(api: string, token: string): WitnessHttp {
  const base = `${api.replace(/\/+$/, '')}/api/v1`;
  const call = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${base}${p}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { status: res.status, body: parsed };
  };
  return { get: (p) => call('GET', p), post: (p, b) => call('POST', p, b) };
}
