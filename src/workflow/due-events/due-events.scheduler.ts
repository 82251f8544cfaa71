import { ApiProperty } from '@nestjs/swagger';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { ADVISORY_LOCKS, Db } from '../../database/db';
import { Clock } from '../clock';
import { DueEventsService } from './due-events.service';

/**
 * What a tick did: whether this process scanned to the end (it held the lease, and the scan did not fail), and how many
 * due events it recorded.
 */
export interface TickOutcome {
  scanned: boolean;
  fired: number;
}

/** The last tick of this process, as `GET /health` shows it. */
/** A class, not an interface, so the OpenAPI document can describe `GET /health` from this one declaration. */
export class LastRun {
  /** When the tick ended (ISO instant). */
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() fired!: number;
  /** Whether this process held the due-events lease for that tick (on SQLite always: one process per file). */
  @ApiProperty() heldLease!: boolean;
  /** False when the scan failed (the rows stay and fire on a later tick). */
  @ApiProperty() ok!: boolean;
}

/**
 * Fires due events (an exit taking effect on 1 January) at start and then every DUE_EVENTS_INTERVAL_MS. Several
 * processes on one PostgreSQL database would all scan the same rows (each due event is still recorded once: the
 * head's lock and compare-and-set let only one through), so a tick first takes the due-events lease (`Db.underLease`,
 * an advisory lock): when another process holds it, that one is scanning, and this tick is skipped.
 */
@Injectable()
export class DueEventsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DueEvents');
  private timer?: NodeJS.Timeout;
  private running = false;
  private last: LastRun | null = null;

  constructor(
    private readonly dueEvents: DueEventsService,
    private readonly config: AppConfig,
    @Inject(Db) private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** This process's last tick, null before the first. */
  get lastRun(): LastRun | null {
    return this.last;
  }

  onApplicationBootstrap(): void {
    if (this.config.DUE_EVENTS_INTERVAL_MS > 0) {
      this.timer = setInterval(() => void this.tick(), this.config.DUE_EVENTS_INTERVAL_MS);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async tick(): Promise<TickOutcome> {
    if (this.running) return { scanned: false, fired: 0 };
    this.running = true;
    try {
      const outcome = await this.db.underLease(ADVISORY_LOCKS.dueEvents, () => this.dueEvents.fireDueEvents());
      if (!outcome.held) {
        this.last = { at: this.clock.nowIso(), fired: 0, heldLease: false, ok: true };
        return { scanned: false, fired: 0 };
      }
      const { fired } = outcome.value;
      if (fired) this.logger.log(`Fired ${fired} due event(s)`);
      this.last = { at: this.clock.nowIso(), fired, heldLease: true, ok: true };
      return { scanned: true, fired };
    } catch (error) {
      this.logger.error(`Due events failed: ${(error as Error).message}`);
      this.last = { at: this.clock.nowIso(), fired: 0, heldLease: false, ok: false };
      return { scanned: false, fired: 0 };
    } finally {
      this.running = false;
    }
  }
}
