import * as crypto from 'crypto';
import { canonicalJson } from './canonical-json';

/** SHA-256 of a UTF-8 string as hex; crypto.hash (Node 20.12+, 21.7+) avoids a Hash object per call. */
export const sha256Hex: (text: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (text) =>
        (crypto as unknown as { hash(algorithm: string, data: string, encoding: 'hex'): string }).hash(
          'sha256',
          text,
          'hex',
        )
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/** The fingerprint of a request as the client sent it (an Idempotency-Key retry must carry the same one). */
export const requestFingerprint = (request: unknown): string => sha256Hex(canonicalJson(request));

/** A UUID-shaped id derived from a string, for ids that must come out the same on a retry. */
export function uuidFrom(text: string): string {
  const h = sha256Hex(text);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
