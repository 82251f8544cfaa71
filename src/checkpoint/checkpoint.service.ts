import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { AppError, notFound } from '../common/errors';
import { ADVISORY_LOCKS, Db } from '../database/db';
import { Clock } from '../workflow/clock';
import { CheckpointCosignatureEntity, CheckpointEntity, CheckpointTileEntity } from './checkpoint.entities';
import { firstDifference } from './checkpoint-problems';
import type {
  CheckpointOutcome,
  CheckpointView,
  ConsistencyProofView,
  InclusionProofView,
  LogKeyView,
} from './checkpoint.views';
import { readKeyFile } from './key-file';
import { leavesOf, logRows, stableExtent, tileLine } from './log-leaves';
import {
  CompactRange,
  consistencyRanges,
  inclusionRanges,
  rangeRoots,
  verifyConsistency,
  verifyInclusion,
} from './merkle';
import { ALG_ED25519, checkpointBody, noteText, signNote, splitNote, vkeyOf, type NoteKey } from './note';
import { rowLeaf } from './log-leaves';

/** Leaves to a tile (as in C2SP tlog-tiles); tiles are written this many at a time. */
export const TILE_WIDTH = 256;
const TILES_PER_WRITE = 64;

/**
 * Signed checkpoints of the whole log (docs/checkpoints.md): the Merkle root of every row in the order of its id,
 * signed as a C2SP checkpoint with the key of CHECKPOINT_KEY_FILE. Proofs are computed from the log on demand: one
 * streaming pass per proof, O(log n) memory (no stored interior nodes to trust or to keep in step).
 */
@Injectable()
export class CheckpointService {
  /** One checkpoint at a time in this process; on PostgreSQL also across processes (an advisory lease). */
  private making: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The log's signing key, read from its file at each use (a rotated or removed key takes effect at once). */
  private signingKey(): NoteKey {
    try {
      const key = readKeyFile(this.config.CHECKPOINT_KEY_FILE);
      if (key.alg !== ALG_ED25519) throw new Error('the key is not a log (Ed25519, 0x01) key');
      return key;
    } catch (error) {
      throw new AppError(
        'CONFLICT',
        'CHECKPOINT_KEY_MISSING',
        `No checkpoint signing key could be read (${(error as Error).message}).`,
        `Ingen nyckel för att signera kontrollpunkter kunde läsas (${(error as Error).message}).`,
      );
    }
  }

  logKey(): LogKeyView {
    const key = this.signingKey();
    return { vkey: vkeyOf(key), name: key.name, origin: this.config.CHECKPOINT_ORIGIN };
  }

  /**
   * For an evidence package: the log's public key, once a checkpoint covers the log as it is now (one is made when
   * the log grew since the latest, or when there is none). With no readable key the package is refused: it could
   * neither prove its rows nor carry the key that checks them.
   */
  async covering(): Promise<LogKeyView> {
    let key: LogKeyView;
    try {
      key = this.logKey();
    } catch (error) {
      const reason = (error as AppError).message;
      throw new AppError(
        'CONFLICT',
        'CHECKPOINT_KEY_MISSING',
        `An evidence package proves every row under a signed checkpoint and carries the log's public key. ${reason}`,
        `Ett bevispaket bevisar varje rad under en signerad kontrollpunkt och bär loggens publika nyckel. ${(error as AppError).messageSv}`,
      );
    }
    // Another process making one (PostgreSQL) is waited for: its checkpoint may already cover the log.
    for (let attempt = 0; ; attempt++) {
      try {
        await this.create();
        return key;
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'CHECKPOINT_BUSY') || attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  /** Makes a checkpoint of the log as it is now, unless it has not grown since the latest one. */
  async create(): Promise<CheckpointOutcome> {
    const run = this.making.then(
      () => this.underLease(),
      () => this.underLease(),
    );
    this.making = run.catch(() => undefined);
    return run;
  }

  private async underLease(): Promise<CheckpointOutcome> {
    const outcome = await this.db.underLease(ADVISORY_LOCKS.checkpoints, () => this.make());
    if (!outcome.held) {
      throw new AppError(
        'CONFLICT',
        'CHECKPOINT_BUSY',
        'Another process is making a checkpoint; try again.',
        'En annan process gör en kontrollpunkt just nu; försök igen.',
      );
    }
    return outcome.value;
  }

  private async make(): Promise<CheckpointOutcome> {
    const key = this.signingKey();
    const latest = await this.latestEntity();
    const extent = await stableExtent(this.db);
    if (!extent.count) {
      throw new AppError('CONFLICT', 'LOG_EMPTY', 'The log has no rows yet.', 'Loggen har inga rader ännu.');
    }
    if (latest && latest.size === extent.count && latest.lastRowId === extent.lastRowId) {
      return { created: false, checkpoint: await this.view(latest) };
    }
    const root = await this.scan(latest, extent);
    const createdAt = this.clock.nowIso();
    const body = checkpointBody(this.config.CHECKPOINT_ORIGIN, extent.count, root, [`time ${createdAt}`]);
    const entity = Object.assign(new CheckpointEntity(), {
      size: extent.count,
      root: root.toString('hex'),
      lastRowId: extent.lastRowId,
      createdAt,
      note: noteText(body, [signNote(body, key)]),
    });
    await this.db.write((tx) => tx.insert(CheckpointEntity, entity));
    return { created: true, checkpoint: await this.view(entity) };
  }

  /**
   * One pass over the log up to the extent: its root, refusing when it no longer gives the latest checkpoint's root
   * at that size, and the tiles from the latest checkpoint's last tile on, written a batch at a time.
   */
  private scan(latest: CheckpointEntity | null, extent: { lastRowId: number; count: number }): Promise<Buffer> {
    return this.db.snapshot(async (query) => {
      const range = new CompactRange();
      const firstTile = latest ? Math.floor(latest.size / TILE_WIDTH) : 0;
      let pending: CheckpointTileEntity[] = [];
      let tile: string[] = [];
      const flush = async () => {
        const tiles = pending;
        pending = [];
        if (tiles.length) await this.db.write(async (tx) => this.writeTiles(tx, tiles));
      };
      for await (const row of logRows(query, this.db.dialect, extent.lastRowId)) {
        const index = range.size;
        range.push(rowLeaf(row.hash));
        if (latest && range.size === latest.size && range.root().toString('hex') !== latest.root) {
          await this.refuseDiverged(latest);
        }
        if (Math.floor(index / TILE_WIDTH) < firstTile) continue;
        tile.push(tileLine(row));
        if (tile.length === TILE_WIDTH) {
          pending.push(
            Object.assign(new CheckpointTileEntity(), { tile: Math.floor(index / TILE_WIDTH), leaves: tile.join('') }),
          );
          tile = [];
          if (pending.length >= TILES_PER_WRITE) await flush();
        }
      }
      if (latest && range.size < latest.size) await this.refuseDiverged(latest);
      if (tile.length) {
        pending.push(
          Object.assign(new CheckpointTileEntity(), {
            tile: Math.floor((range.size - 1) / TILE_WIDTH),
            leaves: tile.join(''),
          }),
        );
      }
      await flush();
      if (range.size !== extent.count)
        throw new Error(`the log changed under the checkpoint (${range.size} ≠ ${extent.count} rows)`);
      return range.root();
    });
  }

  private async writeTiles(
    tx: Parameters<Parameters<Db['write']>[0]>[0],
    tiles: CheckpointTileEntity[],
  ): Promise<void> {
    for (const t of tiles) {
      await tx.delete(CheckpointTileEntity, { tile: t.tile });
      await tx.insert(CheckpointTileEntity, t);
    }
  }

  /** The service never signs a log that does not extend what it signed before (docs/checkpoints.md). */
  private async refuseDiverged(latest: CheckpointEntity): Promise<never> {
    const diff = await this.db.snapshot((query) => firstDifference(query, this.db.dialect, latest.size));
    const details = diff?.row
      ? {
          checkpointSize: latest.size,
          leafIndex: diff.index,
          workflowId: diff.row.instanceId,
          seq: diff.row.seq,
          rowId: diff.row.id,
        }
      : { checkpointSize: latest.size, leafIndex: diff?.index ?? null };
    throw new AppError(
      'CONFLICT',
      'CHECKPOINT_LOG_DIVERGED',
      `The log no longer extends checkpoint ${latest.size}; no new checkpoint is signed. Run verify-checkpoints.`,
      `Loggen bygger inte längre vidare på kontrollpunkt ${latest.size}; ingen ny kontrollpunkt signeras. Kör verify-checkpoints.`,
      undefined,
      details,
    );
  }

  private async latestEntity(): Promise<CheckpointEntity | null> {
    const [latest] = await this.db.read((tx) => tx.find(CheckpointEntity, { order: { size: 'DESC' }, take: 1 }));
    return latest ?? null;
  }

  private async entity(size: number): Promise<CheckpointEntity> {
    const found = await this.db.read((tx) => tx.findOne(CheckpointEntity, { where: { size } }));
    if (!found) throw notFound(`Checkpoint ${size}`, `Kontrollpunkten ${size}`);
    return found;
  }

  async latest(): Promise<CheckpointView> {
    const latest = await this.latestEntity();
    if (!latest) throw notFound('A checkpoint', 'En kontrollpunkt');
    return this.view(latest);
  }

  async get(size: number): Promise<CheckpointView> {
    return this.view(await this.entity(size));
  }

  /** Checkpoints in the order of their size, after `afterSize`, at most `limit`. */
  async list(afterSize = -1, limit = 50): Promise<CheckpointView[]> {
    const p = this.db.dialect.param;
    const rows = await this.db.read((tx) =>
      tx.select<Record<string, unknown>>(
        `SELECT size, root, last_row_id, created_at, note FROM checkpoint WHERE size > ${p(1)} ORDER BY size LIMIT ${p(2)}`,
        [afterSize, limit],
      ),
    );
    const entities = rows.map((r) =>
      Object.assign(new CheckpointEntity(), {
        size: Number(r.size),
        root: String(r.root),
        lastRowId: Number(r.last_row_id),
        createdAt: String(r.created_at),
        note: String(r.note),
      }),
    );
    return Promise.all(entities.map((e) => this.view(e)));
  }

  private async view(c: CheckpointEntity): Promise<CheckpointView> {
    const cosignatures = await this.db.read((tx) =>
      tx.find(CheckpointCosignatureEntity, { where: { checkpointSize: c.size }, order: { witnessName: 'ASC' } }),
    );
    const root = Buffer.from(c.root, 'hex');
    return {
      origin: splitNote(c.note)?.body.split('\n')[0] ?? this.config.CHECKPOINT_ORIGIN,
      size: c.size,
      root: c.root,
      rootBase64: root.toString('base64'),
      lastRowId: c.lastRowId,
      createdAt: c.createdAt,
      note: `${c.note}${cosignatures.map((s) => `${s.line}\n`).join('')}`,
      cosignatures: cosignatures.map((s) => ({ witness: s.witnessName, cosignedAt: s.cosignedAt })),
    };
  }

  /** The inclusion proof of one row under the root of checkpoint `size`. */
  async inclusion(size: number, rowId: number): Promise<InclusionProofView> {
    const checkpoint = await this.entity(size);
    const p = this.db.dialect.param;
    return this.db.snapshot(async (query) => {
      const [row] = await query<Record<string, unknown>>(
        `SELECT id, instance_id, seq, hash FROM workflow_transition WHERE id = ${p(1)}`,
        [rowId],
      );
      if (!row) throw notFound(`Log row ${rowId}`, `Loggraden ${rowId}`);
      const [before] = await query<{ n: number }>(`SELECT COUNT(*) AS n FROM workflow_transition WHERE id < ${p(1)}`, [
        rowId,
      ]);
      const index = Number(before.n);
      if (rowId > checkpoint.lastRowId || index >= size) {
        throw new AppError(
          'CONFLICT',
          'ROW_NOT_IN_CHECKPOINT',
          `Row ${rowId} came after checkpoint ${size}.`,
          `Raden ${rowId} kom efter kontrollpunkt ${size}.`,
        );
      }
      const proof = await rangeRoots(leavesOf(logRows(query, this.db.dialect)), inclusionRanges(index, size));
      const hash = String(row.hash);
      return {
        checkpointSize: size,
        rootBase64: Buffer.from(checkpoint.root, 'hex').toString('base64'),
        rowId,
        workflowId: String(row.instance_id),
        seq: Number(row.seq),
        leafIndex: index,
        rowHash: hash,
        proof: proof.map((h) => h.toString('base64')),
        verifies: verifyInclusion(index, size, rowLeaf(hash), proof, Buffer.from(checkpoint.root, 'hex')),
      };
    });
  }

  /** The consistency proof from a tree of `from` leaves to checkpoint `to` (a witness's last size to the latest). */
  async consistency(from: number, to: number): Promise<ConsistencyProofView> {
    const target = await this.entity(to);
    if (from > to) {
      throw new AppError(
        'BAD_INPUT',
        'VALIDATION_FAILED',
        'from: must not be greater than to',
        'from: får inte vara större än to',
        undefined,
        { fields: [{ field: 'from', reason: 'must not be greater than to', reasonSv: 'får inte vara större än to' }] },
      );
    }
    const proof = await this.db.snapshot((query) =>
      rangeRoots(leavesOf(logRows(query, this.db.dialect, target.lastRowId)), consistencyRanges(from, to)),
    );
    const fromCheckpoint = await this.db.read((tx) => tx.findOne(CheckpointEntity, { where: { size: from } }));
    const toRoot = Buffer.from(target.root, 'hex');
    return {
      from,
      to,
      proof: proof.map((h) => h.toString('base64')),
      toRootBase64: toRoot.toString('base64'),
      verifies: fromCheckpoint
        ? verifyConsistency(from, to, proof, Buffer.from(fromCheckpoint.root, 'hex'), toRoot)
        : null,
    };
  }
}
