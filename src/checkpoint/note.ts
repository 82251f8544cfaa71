import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

/**
 * C2SP signed notes (c2sp.org/signed-note), tlog checkpoints (c2sp.org/tlog-checkpoint) and Ed25519 cosignatures
 * (c2sp.org/tlog-cosignature, cosignature/v1). Pure: keys are given, nothing is read or written.
 */

/** The signature types of signed-note: 0x01 Ed25519 (the log's own signature), 0x04 a timestamped cosignature. */
export const ALG_ED25519 = 0x01;
export const ALG_COSIGNATURE_V1 = 0x04;
const EM_DASH = '\u2014';

/** An Ed25519 key pair of a note signer: its name, signature type, raw public key and the private key object. */
export interface NoteKey {
  name: string;
  alg: number;
  publicKey: Buffer;
  privateKey: KeyObject;
}

/** A verifier: a name, the signature type and the raw public key (what a vkey string carries). */
export interface NoteVerifier {
  name: string;
  alg: number;
  publicKey: Buffer;
}

/** A key name of signed-note: non-empty, no whitespace, no '+'. */
export function isKeyName(name: string): boolean {
  return /^[\x21-\x2a\x2c-\x7e]+$/.test(name) && name.length <= 255;
}

/** SHA-256(name || 0x0A || alg || public key)[:4]: the key ID a signature line starts with. */
export function keyId(name: string, alg: number, publicKey: Buffer): Buffer {
  return createHash('sha256')
    .update(Buffer.from(`${name}\n`, 'utf8'))
    .update(Buffer.from([alg]))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

/** `<name>+<hex key ID>+<base64(alg || public key)>`: the vkey of signed-note. */
export function vkeyOf(v: NoteVerifier): string {
  const id = keyId(v.name, v.alg, v.publicKey).toString('hex');
  return `${v.name}+${id}+${Buffer.concat([Buffer.from([v.alg]), v.publicKey]).toString('base64')}`;
}

/** A vkey string read back, or null when it is not one (or its key ID does not match its key). */
export function parseVkey(vkey: string): NoteVerifier | null {
  const parts = splitPlus(vkey.trim(), 3);
  if (!parts || !isKeyName(parts[0]) || !/^[0-9a-f]{8}$/.test(parts[1])) return null;
  const raw = Buffer.from(parts[2], 'base64');
  if (raw.length !== 33 || raw.toString('base64') !== parts[2]) return null;
  const v = { name: parts[0], alg: raw[0], publicKey: raw.subarray(1) };
  if (![ALG_ED25519, ALG_COSIGNATURE_V1].includes(v.alg)) return null;
  return keyId(v.name, v.alg, v.publicKey).toString('hex') === parts[1] ? v : null;
}

/** `count` fields separated by '+', the last one taking the rest (base64 has '+' in it). */
function splitPlus(text: string, count: number): string[] | null {
  const parts = text.split('+');
  if (parts.length < count) return null;
  return [...parts.slice(0, count - 1), parts.slice(count - 1).join('+')];
}

/** A new Ed25519 key of `alg` (0x01 for a log, 0x04 for a witness). */
export function generateNoteKey(name: string, alg: number): NoteKey {
  if (!isKeyName(name)) throw new Error(`'${name}' is not a key name (no spaces, no '+')`);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { name, alg, privateKey, publicKey: rawPublicKey(publicKey) };
}

function rawPublicKey(key: KeyObject): Buffer {
  return Buffer.from(key.export({ format: 'jwk' }).x as string, 'base64url');
}

/**
 * The key file's text: `PRIVATE+KEY+<name>+<hex key ID>+<base64(alg || 32-byte seed)>`, the skey form of Go's
 * golang.org/x/mod/sumdb/note, so the key also works with that ecosystem's tools.
 */
export function encodeSkey(key: NoteKey): string {
  const seed = Buffer.from(key.privateKey.export({ format: 'jwk' }).d as string, 'base64url');
  const id = keyId(key.name, key.alg, key.publicKey).toString('hex');
  return `PRIVATE+KEY+${key.name}+${id}+${Buffer.concat([Buffer.from([key.alg]), seed]).toString('base64')}\n`;
}

export function decodeSkey(text: string): NoteKey {
  const parts = splitPlus(text.trim(), 5);
  if (!parts || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY' || !isKeyName(parts[2])) {
    throw new Error('not a signed-note private key (PRIVATE+KEY+name+id+key)');
  }
  const raw = Buffer.from(parts[4], 'base64');
  if (raw.length !== 33) throw new Error('the private key is not an Ed25519 seed');
  const seed = raw.subarray(1);
  const privateKey = createPrivateKey({
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const key: NoteKey = {
    name: parts[2],
    alg: raw[0],
    privateKey,
    publicKey: rawPublicKey(createPublicKey(privateKey)),
  };
  if (keyId(key.name, key.alg, key.publicKey).toString('hex') !== parts[3])
    throw new Error('the key ID does not match');
  return key;
}

/** The text of a checkpoint (the note body, ending in a newline): origin, size, base64 root, extension lines. */
export function checkpointBody(origin: string, size: number, root: Buffer, extensions: string[] = []): string {
  return [origin, String(size), root.toString('base64'), ...extensions].map((l) => `${l}\n`).join('');
}

export interface ParsedCheckpoint {
  origin: string;
  size: number;
  root: Buffer;
  extensions: string[];
}

export function parseCheckpointBody(body: string): ParsedCheckpoint | null {
  if (!body.endsWith('\n')) return null;
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3 || !lines[0] || !/^(0|[1-9][0-9]*)$/.test(lines[1])) return null;
  const root = Buffer.from(lines[2], 'base64');
  if (root.length !== 32 || root.toString('base64') !== lines[2]) return null;
  if (lines.slice(3).some((l) => l === '')) return null;
  return { origin: lines[0], size: Number(lines[1]), root, extensions: lines.slice(3) };
}

/** A note split into its body (with the final newline) and its signature lines (without the em dash prefix). */
export interface SplitNote {
  body: string;
  signatures: Array<{ name: string; keyId: Buffer; signature: Buffer; line: string }>;
}

export function splitNote(text: string): SplitNote | null {
  const at = text.lastIndexOf('\n\n');
  if (at < 0 || !text.endsWith('\n')) return null;
  const body = text.slice(0, at + 1);
  const signatures: SplitNote['signatures'] = [];
  for (const line of text.slice(at + 2, -1).split('\n')) {
    const m = new RegExp(`^${EM_DASH} (\\S+) ([A-Za-z0-9+/=]+)$`).exec(line);
    if (!m) return null;
    const raw = Buffer.from(m[2], 'base64');
    if (raw.length < 5) return null;
    signatures.push({ name: m[1], keyId: raw.subarray(0, 4), signature: raw.subarray(4), line });
  }
  return signatures.length ? { body, signatures } : null;
}

/** The note's signature line of the log key: `— <name> base64(key ID || Ed25519(body))`. */
export function signNote(body: string, key: NoteKey): string {
  const sig = sign(null, Buffer.from(body, 'utf8'), key.privateKey);
  return signatureLine(key, sig);
}

function signatureLine(key: NoteVerifier, sig: Buffer): string {
  return `${EM_DASH} ${key.name} ${Buffer.concat([keyId(key.name, key.alg, key.publicKey), sig]).toString('base64')}`;
}

/** A note: its body, a blank line, and its signature lines. */
export function noteText(body: string, lines: string[]): string {
  return `${body}\n${lines.map((l) => `${l}\n`).join('')}`;
}

function edPublic(raw: Buffer): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

/** Whether one of the note's signatures is a valid Ed25519 (0x01) signature of `verifier` over the body. */
export function verifyNote(note: SplitNote, verifier: NoteVerifier): boolean {
  const id = keyId(verifier.name, verifier.alg, verifier.publicKey);
  return note.signatures.some(
    (s) =>
      s.name === verifier.name &&
      s.keyId.equals(id) &&
      s.signature.length === 64 &&
      verify(null, Buffer.from(note.body, 'utf8'), edPublic(verifier.publicKey), s.signature),
  );
}

/** cosignature/v1's signed message: the header line, the time line, then the whole checkpoint body. */
function cosignedMessage(body: string, timestamp: number): Buffer {
  return Buffer.from(`cosignature/v1\ntime ${timestamp}\n${body}`, 'utf8');
}

/** A witness's cosignature line over the checkpoint body at `timestamp` (POSIX seconds). */
export function cosign(body: string, key: NoteKey, timestamp: number): string {
  const ts = Buffer.alloc(8);
  ts.writeBigUInt64BE(BigInt(timestamp));
  const sig = sign(null, cosignedMessage(body, timestamp), key.privateKey);
  return signatureLine(key, Buffer.concat([ts, sig]));
}

/** The time (POSIX seconds) of a valid cosignature/v1 of `verifier` among the signature lines, or null. */
export function cosignatureTime(body: string, line: string, verifier: NoteVerifier): number | null {
  const parsed = splitNote(noteText(body, [line]));
  const s = parsed?.signatures[0];
  if (!s || s.name !== verifier.name || verifier.alg !== ALG_COSIGNATURE_V1) return null;
  if (!s.keyId.equals(keyId(verifier.name, verifier.alg, verifier.publicKey)) || s.signature.length !== 72) return null;
  const timestamp = s.signature.readBigUInt64BE(0);
  if (timestamp > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const ok = verify(
    null,
    cosignedMessage(body, Number(timestamp)),
    edPublic(verifier.publicKey),
    s.signature.subarray(8),
  );
  return ok ? Number(timestamp) : null;
}
