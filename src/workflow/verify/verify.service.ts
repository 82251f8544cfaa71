import { Inject, Injectable } from '@nestjs/common';
import { notFound } from '../../common/errors';
import { Db } from '../../database/db';
import { logSql } from '../log/log-sql';
import { MachineRegistry } from '../machine-registry';
import type { VerifyReport } from '../workflow.types';
import { replayOne } from './replay-one';

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
   * The head and the log are read as one consistent snapshot (Db.snapshot), the log in chunks (replay-one.ts).
   */
  async verify(instanceId: string): Promise<VerifyReport> {
    const sql = logSql(this.db.dataSource, this.db.dialect);
    return this.db.snapshot(async (query) => {
      const [found] = await query(sql.selectHead, [instanceId]);
      if (!found) throw notFound(`Workflow ${instanceId}`, `Arbetsflödet ${instanceId}`);
      return replayOne(query, sql, this.registry, found);
    });
  }
}
