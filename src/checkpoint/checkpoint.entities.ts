import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A signed checkpoint of the whole log (docs/checkpoints.md): the Merkle root of the first `size` rows in the order of
 * their id, and the C2SP signed note that says so. Written once, never changed.
 */
@Entity('checkpoint')
export class CheckpointEntity {
  @PrimaryColumn({ type: 'integer' })
  size: number;

  /** The Merkle root, hex. */
  @Column({ type: 'varchar', length: 64 })
  root: string;

  /** The id of the last row the tree covers (rows with a higher id came after the checkpoint). */
  @Column({ name: 'last_row_id', type: 'integer' })
  lastRowId: number;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  /** The signed note as the log signed it: body, blank line, the log's signature line. */
  @Column({ type: 'text' })
  note: string;
}

/**
 * The 256 consecutive leaves from leaf 256·tile as the checkpoints covered them, one line each:
 * `<row id> <workflow id> <seq> <row hash>`. A copy kept to name the first row that differs (or is missing) when the
 * log no longer gives a signed root; it is trusted only as far as it reproduces that root itself.
 */
@Entity('checkpoint_tile')
export class CheckpointTileEntity {
  @PrimaryColumn({ type: 'integer' })
  tile: number;

  @Column({ type: 'text' })
  leaves: string;
}

/** A witness the service accepts cosignatures from, registered by an admin with its cosignature vkey. */
@Entity('checkpoint_witness')
export class CheckpointWitnessEntity {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'varchar', length: 400 })
  vkey: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ name: 'created_by', type: 'varchar', length: 80 })
  createdBy: string;
}

/** A witness's cosignature/v1 of a checkpoint: its signature line, verified when it was received. */
@Entity('checkpoint_cosignature')
export class CheckpointCosignatureEntity {
  @PrimaryColumn({ name: 'checkpoint_size', type: 'integer' })
  checkpointSize: number;

  @PrimaryColumn({ name: 'witness_name', type: 'varchar', length: 255 })
  witnessName: string;

  /** The cosignature's own time (POSIX seconds in the signature), as an ISO instant. */
  @Column({ name: 'cosigned_at', type: 'varchar', length: 30 })
  cosignedAt: string;

  @Column({ type: 'text' })
  line: string;
}

export const CHECKPOINT_ENTITIES = [
  CheckpointEntity,
  CheckpointTileEntity,
  CheckpointWitnessEntity,
  CheckpointCosignatureEntity,
];
