import { Inject, Injectable, Logger } from '@nestjs/common';
import { Db } from '../../database/db';
import { Clock } from '../clock';
import { WorkflowEngine } from '../engine/workflow-engine.service';
import { DueEventRows, type OverdueItem } from './due-event-rows';
import { fireDue } from './fire-due';

/** Fires everything that is due (the scheduler's tick, and the admin's `due-events/run`). */
@Injectable()
export class DueEventsService {
  private readonly logger = new Logger('DueEvents');

  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
  ) {}

  /** Fires every due event up to `today` (Stockholm); returns how many transitions were recorded. */
  async fireDueEvents(today = this.clock.todayInStockholm()): Promise<{ fired: number; refused: number }> {
    const due = await this.db.read((tx) => DueEventRows.due(tx, today));
    let fired = 0;
    let refused = 0;
    for (const d of due)
      (await fireDue(d, (id, e, a) => this.engine.sendNow(id, e, a), this.db, this.logger)) ? fired++ : refused++;
    return { fired, refused };
  }

  /** The oldest due event that has not fired by `today`, or null (the health page). */
  oldestOverdue(today = this.clock.todayInStockholm()): Promise<OverdueItem | null> {
    return this.db.read((tx) => DueEventRows.oldestDue(tx, today));
  }
}
