import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { notFound } from '../../common/errors';
import { Db, type Tx } from '../../database/db';
import { toTransitionView } from '../engine/transition-checks';
import { WorkflowLinkEntity } from '../links/workflow-link.entity';
import { WorkflowLog } from '../log/workflow-log';
import type { WorkflowTransitionEntity } from '../log/workflow-transition.entity';
import { MachineRegistry } from '../machine-registry';
import { ActorDirectory, tokenIdOf } from './actor-directory';
import { allowingRules } from './fired-rules';
import { linksOf, type HistoryLink } from './history-links';
import type { HistoryEntryView, HistoryView, StopReader, WorkflowStop } from './history.views';

/**
 * A workflow's history as a record reads (issue 10, point 7): every log row with the person behind its token, the
 * rule that allowed it and links to the records behind it. Everything beyond the row is derived at read time, so the
 * write path pays nothing and the chain holds only what it held.
 */
@Injectable()
export class WorkflowHistory {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly log: WorkflowLog,
    private readonly registry: MachineRegistry,
    private readonly actors: ActorDirectory,
  ) {}

  private stopReader: StopReader | null = null;

  /** The decision module registers who says whether a decision stops what it drove (R-I13, inhibition). */
  useStopReader(reader: StopReader): void {
    this.stopReader = reader;
  }

  async history(instanceId: string): Promise<HistoryView> {
    return this.db.read(async (tx) => {
      const [head] = await this.log.heads(tx, [instanceId]);
      if (!head) throw notFound(`Workflow ${instanceId}`, `Arbetsflödet ${instanceId}`);
      const rows = await this.log.rows(tx, instanceId);
      const { machineId, machineVersion } = head.instance;
      const view: HistoryView = { workflowId: instanceId, machineId, machineVersion, transitions: [] };
      view.transitions = await this.entries(tx, rows);
      const stoppedBy = await this.stopsOf(tx, instanceId);
      if (stoppedBy.length) view.stoppedBy = stoppedBy;
      return view;
    });
  }

  /** R-I13: the causes that drove this workflow and stop it now (read side). */
  async stopsOf(tx: Tx, workflowId: string): Promise<WorkflowStop[]> {
    if (!this.stopReader) return [];
    const links = await tx.find(WorkflowLinkEntity, { where: { effectWorkflowId: workflowId, kind: 'drives' } });
    const keys = [...new Set(links.map((l) => l.causeKey))];
    return keys.length ? this.stopReader(tx, keys) : [];
  }

  /** The same for a workflow read on its own (GET /workflows/:id). */
  stoppedBy(workflowId: string): Promise<WorkflowStop[]> {
    return this.db.read((tx) => this.stopsOf(tx, workflowId));
  }

  private async entries(tx: Tx, rows: WorkflowTransitionEntity[]): Promise<HistoryEntryView[]> {
    if (rows.length === 0) return [];
    const names = await this.actors.namesOf(
      tx,
      rows.map((r) => r.actorId),
    );
    const causes = await this.causesOf(tx, rows[0].instanceId);
    const rules = allowingRules(this.registry, rows);
    return rows.map((row, i) => {
      const t = toTransitionView(row);
      return {
        ...t,
        actor: { ...t.actor, tokenId: tokenIdOf(row.actorId), name: names.get(row.actorId) ?? null },
        rule: rules[i],
        links: [...linksOf(t.payload, causes.drove.get(row.seq)), ...(causes.compensated.get(row.seq) ?? [])],
      };
    });
  }

  /** What caused rows of this workflow (workflow_link): a decision that drove one (D10), an event that compensated. */
  private async causesOf(tx: Tx, workflowId: string) {
    const links = await tx.find(WorkflowLinkEntity, {
      where: { effectWorkflowId: workflowId, kind: In(['drives', 'compensates']) },
      order: { id: 'ASC' },
    });
    const drove = new Map<number, string[]>();
    const compensated = new Map<number, HistoryLink[]>();
    for (const l of links) {
      if (l.kind === 'drives') drove.set(l.effectSeq, [...(drove.get(l.effectSeq) ?? []), l.causeKey]);
      else if (l.causeWorkflowId)
        compensated.set(l.effectSeq, [
          ...(compensated.get(l.effectSeq) ?? []),
          { rel: 'caused-by', id: l.causeWorkflowId, href: `/api/v1/workflows/${l.causeWorkflowId}/history` },
        ]);
    }
    return { drove, compensated };
  }
}
