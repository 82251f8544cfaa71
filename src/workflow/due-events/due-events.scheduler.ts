import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { DueEventsService } from './due-events.service';

/** Fires due events (an exit taking effect on 1 January) at start and then every DUE_EVENTS_INTERVAL_MS. */
@Injectable()
export class DueEventsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DueEvents');
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly dueEvents: DueEventsService,
    private readonly config: AppConfig,
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

  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const { fired } = await this.dueEvents.fireDueEvents();
      if (fired) this.logger.log(`Fired ${fired} due event(s)`);
    } catch (error) {
      this.logger.error(`Due events failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
