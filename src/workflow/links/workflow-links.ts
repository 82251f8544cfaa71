import { ApiProperty } from '@nestjs/swagger';
import type { Tx } from '../../database/tx';
import { WorkflowLinkEntity } from './workflow-link.entity';

export class LinkView {
  @ApiProperty({ description: 'The workflow the cause drove' }) workflowId: string;
  @ApiProperty({ description: 'The event it sent there' }) eventType: string;
  @ApiProperty({ description: 'The log row (seq) of that workflow the cause wrote' }) seq: number;
}

/** The rows of "this caused that" (see WorkflowLinkEntity); written by the engine in the transaction of the effect. */
export const WorkflowLinks = {
  async record(tx: Tx, link: Omit<WorkflowLinkEntity, 'id'>): Promise<void> {
    await tx.insert(WorkflowLinkEntity, link);
  },

  /** What a cause led to, in the order it happened. */
  async from(tx: Tx, causeKey: string, kind: WorkflowLinkEntity['kind']): Promise<LinkView[]> {
    const rows = await tx.find(WorkflowLinkEntity, { where: { causeKey, kind }, order: { id: 'ASC' } });
    return rows.map((r) => ({ workflowId: r.effectWorkflowId, eventType: r.eventType, seq: r.effectSeq }));
  },
};
