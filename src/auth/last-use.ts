import { Logger } from '@nestjs/common';
import type { Db } from '../database/db';
import type { Clock } from '../workflow/clock';
import { ApiTokenEntity } from './api-token.entity';

/** How stale a token's last_used_at may be. */
export const LAST_USE_RESOLUTION_MS = 60_000;

/**
 * A token's `last_used_at`, written at most once a minute per token by this process, in its own small write that the
 * request does not wait for. Why not on every request: authentication is the hot path of every call and a read of
 * committed data on a read-only connection (Db.lookupShared); a write per request would put every read request in the
 * write queue and cost an fsync. Why not one batch on a timer: the first use after a quiet time (what an officer
 * looks for) is on record at once, and there is no timer to start, stop and flush. What it costs: the column is
 * accurate to a minute, at most one write per token per minute per process, and a use in the last minute before a
 * crash may be lost. Several processes (PostgreSQL) each write at most once a minute.
 */
export class LastUseRecorder {
  private readonly writtenAt = new Map<string, number>();
  private readonly pending = new Set<Promise<void>>();
  private readonly logger = new Logger('Tokens');

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly resolutionMs = LAST_USE_RESOLUTION_MS,
  ) {}

  /** Notes a use of token `id` now; writes it unless this process wrote it less than a minute ago. */
  note(id: string): void {
    const now = Date.now();
    const last = this.writtenAt.get(id);
    if (last !== undefined && now - last < this.resolutionMs) return;
    this.writtenAt.set(id, now);
    const at = this.clock.nowIso();
    const write: Promise<void> = this.db
      .write((tx) => tx.update(ApiTokenEntity, { id }, { lastUsedAt: at }))
      .catch((error: unknown) => {
        this.writtenAt.delete(id); // the next request tries again
        this.logger.warn(`last_used_at of token ${id} not written: ${(error as Error).message}`);
      })
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  /** Resolves when every write begun so far has ended (before the database closes; tests). */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }
}
