import { ApiProperty } from '@nestjs/swagger';
import { VerifyRunProblem } from '../workflow/verify/database-checks';

/** A witness's cosignature of a checkpoint: who, and the time its cosignature line states. */
export class CheckpointCosignatureView {
  @ApiProperty({ example: 'witness-1492' }) witness: string;
  @ApiProperty({ description: 'UTC instant (ISO 8601) the cosignature states' }) cosignedAt: string;
}

/** A checkpoint as the API shows it: the signed note (with every cosignature line) and who cosigned it. */
export class CheckpointView {
  @ApiProperty({ example: 'samverkan.example/log' }) origin: string;
  @ApiProperty({ description: 'The number of log rows (leaves) it covers' }) size: number;
  /** The Merkle root, hex and base64 (the note carries base64). */
  @ApiProperty({ description: 'The Merkle root, hex' }) root: string;
  @ApiProperty({ description: 'The Merkle root, base64 (as the note carries it)' }) rootBase64: string;
  @ApiProperty({ description: 'The id of the last log row it covers' }) lastRowId: number;
  @ApiProperty({ description: 'UTC instant (ISO 8601)' }) createdAt: string;
  /** The C2SP signed note: body, blank line, the log's signature line, then each witness's cosignature line. */
  @ApiProperty({ description: "The C2SP signed note: body, blank line, the log's signature, each cosignature line" })
  note: string;
  @ApiProperty({ type: [CheckpointCosignatureView] }) cosignatures: CheckpointCosignatureView[];
}

export class InclusionProofView {
  @ApiProperty() checkpointSize: number;
  @ApiProperty() rootBase64: string;
  @ApiProperty() rowId: number;
  @ApiProperty() workflowId: string;
  @ApiProperty() seq: number;
  @ApiProperty() leafIndex: number;
  /** The row's hash, hex: the leaf data (the leaf hash is SHA-256(0x00 || these 32 bytes)). */
  @ApiProperty({ description: 'The row hash, hex: the leaf data (leaf hash = SHA-256(0x00 || these bytes))' })
  rowHash: string;
  /** RFC 9162 §2.1.3 inclusion path, base64 hashes, leaf to root. */
  @ApiProperty({ type: [String], description: 'RFC 9162 §2.1.3 inclusion path, base64 hashes, leaf to root' })
  proof: string[];
  /** Whether the proof, made from the current log, verifies against the signed root (a client checks it itself). */
  @ApiProperty({ description: 'Whether the proof, made from the current log, verifies against the signed root' })
  verifies: boolean;
}

export class ConsistencyProofView {
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  /** RFC 9162 §2.1.4 consistency proof, base64 hashes. */
  @ApiProperty({ type: [String], description: 'RFC 9162 §2.1.4 consistency proof, base64 hashes' }) proof: string[];
  @ApiProperty() toRootBase64: string;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'Whether it verifies against checkpoint `from`; null when no checkpoint has that size',
  })
  verifies: boolean | null;
}

export class WitnessView {
  @ApiProperty({ example: 'witness-1492' }) name: string;
  @ApiProperty({ description: 'Its cosignature/v1 vkey' }) vkey: string;
  @ApiProperty({ description: 'UTC instant (ISO 8601)' }) createdAt: string;
  @ApiProperty({ example: 'token:3f0c…' }) createdBy: string;
}

export class LogKeyView {
  /** The log's C2SP vkey: `<name>+<hex key ID>+<base64(0x01 || Ed25519 public key)>`. */
  @ApiProperty({ description: 'The C2SP vkey: <name>+<hex key ID>+<base64(0x01 || Ed25519 public key)>' })
  vkey: string;
  @ApiProperty() name: string;
  @ApiProperty() origin: string;
}

/** What a checkpoint request did: a new checkpoint, or none because the log had not grown since the latest. */
export class CheckpointOutcome {
  @ApiProperty({ description: 'False when the log had not grown: the latest checkpoint is returned' })
  created: boolean;
  @ApiProperty({ type: CheckpointView }) checkpoint: CheckpointView;
}

/** GET /checkpoints/verify: every problem found (none: ok). */
export class CheckpointVerifyView {
  @ApiProperty() ok: boolean;
  @ApiProperty({
    type: [VerifyRunProblem],
    description: 'Each problem: workflowId and seq are null for a problem of a checkpoint',
  })
  problems: VerifyRunProblem[];
}
