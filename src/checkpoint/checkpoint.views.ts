/** A checkpoint as the API shows it: the signed note (with every cosignature line) and who cosigned it. */
export interface CheckpointView {
  origin: string;
  size: number;
  /** The Merkle root, hex and base64 (the note carries base64). */
  root: string;
  rootBase64: string;
  lastRowId: number;
  createdAt: string;
  /** The C2SP signed note: body, blank line, the log's signature line, then each witness's cosignature line. */
  note: string;
  cosignatures: Array<{ witness: string; cosignedAt: string }>;
}

export interface InclusionProofView {
  checkpointSize: number;
  rootBase64: string;
  rowId: number;
  workflowId: string;
  seq: number;
  leafIndex: number;
  /** The row's hash, hex: the leaf data (the leaf hash is SHA-256(0x00 || these 32 bytes)). */
  rowHash: string;
  /** RFC 9162 §2.1.3 inclusion path, base64 hashes, leaf to root. */
  proof: string[];
  /** Whether the proof, made from the current log, verifies against the signed root (a client checks it itself). */
  verifies: boolean;
}

export interface ConsistencyProofView {
  from: number;
  to: number;
  /** RFC 9162 §2.1.4 consistency proof, base64 hashes. */
  proof: string[];
  toRootBase64: string;
  verifies: boolean | null;
}

export interface WitnessView {
  name: string;
  vkey: string;
  createdAt: string;
  createdBy: string;
}

export interface LogKeyView {
  /** The log's C2SP vkey: `<name>+<hex key ID>+<base64(0x01 || Ed25519 public key)>`. */
  vkey: string;
  name: string;
  origin: string;
}
