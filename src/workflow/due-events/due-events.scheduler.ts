import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { ADVISORY_LOCKS, Db } from '../../database/db';
import { DueEventsService } from './due-events.service';

/**
 * What a tick did: whether this process scanned to the end (it held the lease, and the scan did not fail), and how many
 * due events it recorded.
 */
export interface TickOutcome {
  scanned: boolean;
  fired: number;
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

  constructor(
    private readonly dueEvents: DueEventsService,
    private readonly config: AppConfig,
    @Inject(Db) private readonly db: Db,
  ) {}

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
      if (!outcome.held) return { scanned: false, fired: 0 };
      const { fired } = outcome.value;
      if (fired) this.logger.log(`Fired ${fired} due event(s)`);
      return { scanned: true, fired };
    } catch (error) {
      this.logger.error(`Due events failed: ${(error as Error).message}`);
      return { scanned: false, fired: 0 };
    } finally {
      this.running = false;
    }
  }
}
