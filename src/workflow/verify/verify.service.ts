import { Inject, Injectable } from '@nestjs/common';
import { notFound } from '../../common/errors';
import { Db } from '../../database/db';
import { logSql } from '../log/log-sql';
import { WorkflowInstanceEntity } from '../log/workflow-instance.entity';
import type { WorkflowTransitionEntity } from '../log/workflow-transition.entity';
import { MachineRegistry } from '../machine-registry';
import type { VerifyReport } from '../workflow.types';
import { LogReplay, unpackRows, VERIFY_CHUNK_ROWS } from './log-replay';

/** Verify and replay: the log is the source of truth, and this proves that the head and every row agree with it. */
@Injectable()
export class VerifyService {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly registry: MachineRegistry,
  ) {}

  /**
   * Replays the log through the pinned machine version and checks every hash, every prevHash link, every
   * recorded from/to state, and the head row. Reports each problem with its seq; the first is the divergence.
   * The head and the log are read as one consistent snapshot (Db.snapshot), the log in chunks: the next chunk is
   * being read while this one is checked, and only one chunk is held at a time.
   */
  async verify(instanceId: string): Promise<VerifyReport> {
    const sql = logSql(this.db.dataSource, this.db.dialect);
    return this.db.snapshot(async (query) => {
      const [found] = await query(sql.selectHead, [instanceId]);
      if (!found) throw notFound(`Workflow ${instanceId}`, `Arbetsflödet ${instanceId}`);
      const { nextDueOn: _due, ...fields } = found;
      const replay = new LogReplay(this.registry, Object.assign(new WorkflowInstanceEntity(), fields));
      // Each row packed into one string by the database: a driver builds one JS object per row and column, which on a
      // long log costs more than the replay. A chunk that does not unpack (a separator byte in a tampered value) is
      // read again column by column, so verify sees every stored byte either way.
      const chunk = async (fromSeq: number): Promise<WorkflowTransitionEntity[]> => {
        const params = [instanceId, fromSeq, VERIFY_CHUNK_ROWS];
        const packed = await query<{ r: string }>(sql.selectLogPackedFrom, params);
        return unpackRows(packed, sql.rowColumns) ?? (await query<WorkflowTransitionEntity>(sql.selectLogFrom, params));
      };
      let next: Promise<WorkflowTransitionEntity[]> | null = chunk(0);
      while (next) {
        const rows: WorkflowTransitionEntity[] = await next;
        const last = rows[rows.length - 1];
        next = rows.length === VERIFY_CHUNK_ROWS && Number.isFinite(last.seq) ? chunk(last.seq + 1) : null;
        replay.push(rows);
      }
      return replay.finish();
    });
  }
}
