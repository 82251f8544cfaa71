import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { AsOfPoint, asOfPoint } from '../as-of/as-of-instant';
import { logRowsAt, replayAt } from '../as-of/replay-at';
import { Db } from '../database/db';
import { Clock } from '../workflow/clock';
import { WorkflowEngine } from '../workflow/engine/workflow-engine.service';
import { MachineRegistry } from '../workflow/machine-registry';
import { DecisionRead } from './decision-read';
import { DecisionView } from './decision.views';

/** The point an as-of answer was read at, and where the appeal period stood on that date (R-I7). */
export class DecisionAsOfPoint extends AsOfPoint {
  @ApiProperty({ enum: ['RUNNING', 'ENDED'], nullable: true, description: 'R-I7: null without an anslag by then' })
  appealPeriod: 'RUNNING' | 'ENDED' | null;
}

/** A decision as it stood on a date, with the point read and where its appeal period was on that date. */
export class DecisionAsOfView extends DecisionView {
  @ApiProperty({ type: DecisionAsOfPoint }) asOf: DecisionAsOfPoint;
}

/**
 * `GET /decisions/{id}?asOf=`: its status then (draft, justerat, anslaget, presumed final, annulled …) from the
 * protocol workflow's log up to the end of that Stockholm day, replayed through the pinned machine. Read side only.
 */
@Injectable()
export class DecisionAsOf {
  private readonly reader: DecisionRead;

  constructor(
    @Inject(Db) private readonly db: Db,
    engine: WorkflowEngine,
    private readonly registry: MachineRegistry,
    private readonly clock: Clock,
  ) {
    this.reader = new DecisionRead(db, engine);
  }

  async get(id: string, date: string): Promise<DecisionAsOfView> {
    const point = asOfPoint({ date }, this.clock.nowIso());
    const view = await this.reader.get(id, {
      instant: point.instant,
      replay: async (workflowId) => {
        const rows = await this.db.read((tx) => logRowsAt(tx, [workflowId], point.instant));
        const w = replayAt(this.registry, rows).get(workflowId);
        if (!w) return null;
        return {
          id: w.workflowId,
          machineId: w.machineId,
          machineVersion: w.machineVersion,
          subject: '',
          state: w.state,
          version: w.version,
          context: w.context,
          allowedEvents: [],
        };
      },
    });
    return { ...view, asOf: { ...point, appealPeriod: appealPeriodOn(view, date) } };
  }
}

/**
 * R-I7: on `date`, the appeal period runs from the anslag until the day before finalFrom, and has ended from
 * finalFrom on (by the legal date, even when APPEAL_PERIOD_ENDED was recorded later); null without an anslag.
 */
function appealPeriodOn(view: DecisionView, date: string): 'RUNNING' | 'ENDED' | null {
  if (!view.anslagOn || view.anslagOn > date) return null;
  return view.finalFrom && date >= view.finalFrom ? 'ENDED' : 'RUNNING';
}
