import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppError } from '../common/errors';
import { AppConfig } from '../config/app-config';
import { CheckpointService } from './checkpoint.service';

/**
 * Makes a checkpoint every CHECKPOINT_INTERVAL_MS when the log grew (0: off). On PostgreSQL CheckpointService takes
 * the checkpoint lease, so of several processes one signs and the others skip the tick.
 */
@Injectable()
export class CheckpointScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Checkpoints');
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly checkpoints: CheckpointService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.CHECKPOINT_INTERVAL_MS > 0) {
      this.timer = setInterval(() => void this.tick(), this.config.CHECKPOINT_INTERVAL_MS);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One tick: whether a checkpoint was made. A busy lease or an empty log is not an error. */
  async tick(): Promise<boolean> {
    if (this.running) return false;
    this.running = true;
    try {
      const outcome = await this.checkpoints.create();
      if (outcome.created) this.logger.log(`Checkpoint ${outcome.checkpoint.size} signed`);
      return outcome.created;
    } catch (error) {
      const code = error instanceof AppError ? error.code : null;
      if (code !== 'CHECKPOINT_BUSY' && code !== 'LOG_EMPTY') {
        this.logger.error(`Checkpoint failed: ${(error as Error).message}`);
      }
      return false;
    } finally {
      this.running = false;
    }
  }
}
