import { randomBytes } from 'node:crypto';
import { canonicalJson } from '../common/canonical-json';
import { sha256Hex } from '../common/sha256';

/** The commitment to a personal datum: SHA-256 over the canonical JSON of its salt and value (issue 10 §9). */
export function commitmentOf(salt: string, value: string): string {
  return sha256Hex(canonicalJson({ salt, value }));
}

/** 32 random bytes: a name is guessable, so without its salt the commitment must not let anyone test a guess. */
export function newSalt(): string {
  return randomBytes(32).toString('hex');
}
