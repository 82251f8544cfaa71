import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALG_ED25519, decodeSkey, encodeSkey, generateNoteKey, type NoteKey, type NoteVerifier } from './note';

/**
 * The signing key lives in a file outside the database (an attacker with a copy of the database cannot sign), mode
 * 0600 in a 0700 directory. A key file anyone else may read is refused, as ssh refuses such a key.
 */
export function readKeyFile(file: string): NoteKey {
  const stat = fs.statSync(file);
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    throw new Error(`${file} may be read by others (mode ${(stat.mode & 0o777).toString(8)}); chmod 600 it`);
  }
  return decodeSkey(fs.readFileSync(file, 'utf8'));
}

/** Makes a new key pair in `file` (never over an existing file) and answers the key. */
export function createKeyFile(file: string, name: string, alg: number): NoteKey {
  const key = generateNoteKey(name, alg);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  // 'wx' fails when the file exists: a key is never overwritten (its checkpoints or cosignatures would be orphaned).
  fs.writeFileSync(file, encodeSkey(key), { flag: 'wx', mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return key;
}

/**
 * The log's public key from the key file (for `checkpointProblems` where no vkey was given), or null when the file
 * cannot be read. An auditor should rather pass the vkey from their own records.
 */
export function logVerifierFromFile(file: string): NoteVerifier | null {
  try {
    const key = readKeyFile(file);
    return { name: key.name, alg: ALG_ED25519, publicKey: key.publicKey };
  } catch {
    return null;
  }
}
