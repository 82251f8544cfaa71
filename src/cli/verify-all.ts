import type { Db } from '../database/db';
import { WorkflowInstanceEntity } from '../workflow/log/workflow-instance.entity';
import type { VerifyReport } from '../workflow/workflow.types';
import type { VerifyService } from '../workflow/verify/verify.service';

export interface VerifyAllResult {
  workflows: number;
  /** The reports that are not ok, in the order of the workflows' ids. */
  failed: VerifyReport[];
}

/**
 * VerifyService.verify over every workflow instance (after a restore; at any time). Each instance is verified on its
 * own consistent snapshot, a few at a time; the list of ids is one read, so instances created meanwhile are not in it.
 */
export async function verifyAll(db: Db, verifier: VerifyService, concurrency = 4): Promise<VerifyAllResult> {
  const rows = await db.read((tx) => tx.find(WorkflowInstanceEntity, { select: { id: true }, order: { id: 'ASC' } }));
  const ids = rows.map((r) => r.id);
  const reports: VerifyReport[] = new Array(ids.length);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const i = next++;
      reports[i] = await verifier.verify(ids[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
  return { workflows: ids.length, failed: reports.filter((r) => !r.ok) };
}
