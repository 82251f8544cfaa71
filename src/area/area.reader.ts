import { Inject, Injectable } from '@nestjs/common';
import { agreementParties, insideOn, insideReason, isActiveParty, waitingFor } from '../../machines/area/area.status';
import { AREA_STAGE_SOURCE, AREA_STAGES_ALL, AREA_STAGES_V1, stageOf } from '../../machines/area/area.stages';
import { AREA_PURPOSES, type AreaContext } from '../../machines/area/area.types';
import type { Refusal } from '../../machines/kernel/refusal';
import { CollaborationService } from '../collaboration/collaboration.service';
import { notFound } from '../common/errors';
import { Db, type Tx } from '../database/db';
import { DecisionService } from '../decision/decision.service';
import { MunicipalityService } from '../municipality/municipality.service';
import { answerReader } from '../workflow/answer-reader';
import { Clock } from '../workflow/clock';
import { WorkflowEngine } from '../workflow/engine/workflow-engine.service';
import type { WorkflowTx } from '../workflow/engine/workflow-tx';
import type { InstanceView } from '../workflow/workflow.types';
import { AreaEntity } from './area.entity';
import type { AreaListView, AreaParticipantView, AreaReasonView, AreaStageView, AreaView } from './area.views';

/** Each party's membership status on a date, by municipality code (what insideOn judges with, R-F1). */
export type PartyStatuses = Record<string, string>;

/**
 * The reads of areas and the views of the answers: the area's workflow as the engine has it, the parties' statuses
 * on `asOf` from the memberships, the decisions' protocol status from the decision records. `within` a write, as
 * that write sees them (answer-reader.ts).
 */
@Injectable()
export class AreaReader {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
    private readonly collaborations: CollaborationService,
    private readonly municipalities: MunicipalityService,
    private readonly decisions: DecisionService,
  ) {}

  /** The area's index row; 404 for an unknown id. */
  async row(tx: Tx, id: string): Promise<AreaEntity> {
    const area = await tx.findOne(AreaEntity, { where: { id } });
    if (!area) throw notFound(`Area ${id}`, `Samverkansområdet ${id}`);
    return area;
  }

  /**
   * The parties of an area's agreement, whom its cost rule may invoice (R-G4: the participants still taking part), in
   * the caller's transaction; 404 for an area that is not one of this collaboration.
   */
  async agreementParties(wtx: WorkflowTx, slug: string, workflowId: string): Promise<string[]> {
    const area = await wtx.tx.findOne(AreaEntity, { where: { workflowId, collaborationSlug: slug } });
    if (!area) throw notFound(`Area ${workflowId} of ${slug}`, `Samverkansområdet ${workflowId} i ${slug}`);
    const view = (await wtx.views([workflowId])).get(workflowId)!;
    return agreementParties(view.context as AreaContext);
  }

  /** Membership status on `asOf` of every party of the collaboration (404 for an unknown collaboration). */
  async partyStatuses(slug: string, asOf: string, within?: WorkflowTx): Promise<PartyStatuses> {
    const c = await this.collaborations.describe(slug, asOf, within);
    return Object.fromEntries(c.members.map((m) => [m.municipality.code, m.status]));
  }

  async get(id: string, asOf = this.clock.todayInStockholm()): Promise<AreaView> {
    const area = await this.db.read((tx) => this.row(tx, id));
    return this.view(area, await this.engine.get(area.workflowId), asOf);
  }

  async list(slug: string, q: { stage?: string; waitingOn?: string; asOf?: string }): Promise<AreaListView> {
    const asOf = q.asOf ?? this.clock.todayInStockholm();
    const statuses = await this.partyStatuses(slug, asOf);
    const rows = await this.db.read((tx) =>
      tx.find(AreaEntity, { where: { collaborationSlug: slug }, order: { createdAt: 'ASC' } }),
    );
    const instances = await this.engine.getMany(rows.map((r) => r.workflowId));
    const views: AreaView[] = [];
    for (const r of rows) views.push(await this.view(r, instances.get(r.workflowId)!, asOf, undefined, statuses));
    const shown = views.filter(
      (v) =>
        (!q.stage || v.stage.key === q.stage) &&
        (!q.waitingOn || v.waitingFor.some((w) => w.municipalityCode === q.waitingOn)),
    );
    return {
      collaboration: slug,
      asOf,
      // v1's stages, and a stage of area v2 only when a migrated area is in it (h-versions).
      stages: AREA_STAGES_ALL.filter(
        (s) =>
          (!q.stage || s.key === q.stage) && (AREA_STAGES_V1.includes(s) || shown.some((v) => v.stage.key === s.key)),
      ).map((s) => ({
        stage: stageView(s.key),
        areas: shown.filter((v) => v.stage.key === s.key),
      })),
    };
  }

  /** An area as the API shows it on `asOf`. */
  async view(
    area: AreaEntity,
    instance: InstanceView,
    asOf: string,
    within?: WorkflowTx,
    known?: PartyStatuses,
  ): Promise<AreaView> {
    const context = instance.context as AreaContext;
    const statuses = known ?? (await this.partyStatuses(area.collaborationSlug, asOf, within));
    const codes = [
      ...new Set([
        ...context.participants.map((p) => p.code),
        ...(context.formalisation?.hostMunicipality ? [context.formalisation.hostMunicipality] : []),
      ]),
    ];
    const read = answerReader(this.db, this.engine, within);
    const names = new Map(
      (await read.rows((tx) => this.municipalities.known(tx, codes))).map((m) => [m.code, m.name] as const),
    );
    const participants = await this.participantViews(context, statuses, names, within);
    const inside = insideOn(context, statuses, asOf);
    const view: AreaView = {
      id: area.id,
      collaboration: area.collaborationSlug,
      title: context.title ?? '',
      purposes: context.purposes.map((key) => ({ key, ...AREA_PURPOSES[key] })),
      stage: stageView(instance.state),
      state: instance.state,
      stageSince: context.stageSince ?? null,
      flags: context.flags,
      inside: { ...inside, reason: reasonView(inside.reason) },
      participants,
      waitingFor: waitingFor(context, instance.state).map((w) => ({
        ...w,
        ...(w.municipalityCode ? { municipalityName: names.get(w.municipalityCode) ?? w.municipalityCode } : {}),
      })),
      record: recordOf(context),
      allowedEvents: instance.allowedEvents,
      version: instance.version,
      workflowId: instance.id,
    };
    if (context.description) view.description = context.description;
    if (context.outcome) {
      const { parties: _p, ...o } = context.outcome;
      view.outcome = { ...o, reason: reasonView(insideReason(context.outcome)) };
    }
    return view;
  }
  /** The participants with their membership status on asOf and their decisions linked to the decision records. */
  private async participantViews(
    context: AreaContext,
    statuses: PartyStatuses,
    names: Map<string, string>,
    within?: WorkflowTx,
  ): Promise<AreaParticipantView[]> {
    const participants: AreaParticipantView[] = [];
    for (const p of context.participants) {
      const membershipStatus = statuses[p.code] ?? 'NOT_MEMBER';
      const view: AreaParticipantView = {
        code: p.code,
        name: names.get(p.code) ?? p.code,
        status: p.registeredExisting ? 'REGISTERED_EXISTING' : (p.answer ?? 'UNDECIDED'),
        activePartyOnAsOf: isActiveParty(membershipStatus),
        membershipStatus,
      };
      if (p.decision) {
        const d = await this.decisions.getDecision(p.decision.decisionId, within);
        view.decision = {
          decisionId: p.decision.decisionId,
          href: `/api/v1/decisions/${p.decision.decisionId}`,
          organ: p.decision.organ,
          date: p.decision.date,
          ...(p.decision.paragraph ? { paragraph: p.decision.paragraph } : {}),
          protocolStatus: d.status,
          ...(d.appealLastDay ? { appealLastDay: d.appealLastDay } : {}),
        };
      }
      participants.push(view);
    }
    return participants;
  }
}

function stageView(state: string): AreaStageView {
  // Every version's names (an area migrated to v2 is in 'beredning' or 'genomforande'; h-versions).
  const s = stageOf(state, AREA_STAGES_ALL);
  return { key: s.key, number: s.number, sv: s.sv, en: s.en, proposal: s.proposal, source: AREA_STAGE_SOURCE };
}

function reasonView(r: Refusal | null): AreaReasonView | null {
  return r ? { ...r } : null;
}

/** The facts recorded in the log, stage by stage (everything in them has its legal date). */
function recordOf(c: AreaContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = [
    'proposedOn',
    'assignment',
    'councilInformedOn',
    'report',
    'formalisation',
    'signatures',
    'followUps',
    'revision',
    'paused',
    'closed',
    'woundDown',
    'compensations',
    'previous',
  ] as const;
  for (const k of keys) {
    const v = c[k];
    if (v !== undefined && !(Array.isArray(v) && v.length === 0)) out[k] = v;
  }
  return out;
}
