import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { AREA_MACHINE_ID } from '../../machines/area/area.machine';
import { isActiveParty } from '../../machines/area/area.status';
import type { DocumentRef, PartiesOn } from '../../machines/area/area.types';
import { checkFocusAreaLink, focusAreaNamed } from '../../machines/plan/plan.rules';
import { decisionCauseKey } from '../../machines/protocol/protocol.rules';
import { assertActsFor } from '../auth/access';
import { notFound, ruleRefused } from '../common/errors';
import { parseEventBody } from '../common/event-body';
import { requestFingerprint } from '../common/sha256';
import { validationFailed } from '../common/validation';
import { Db, type Tx } from '../database/db';
import { DecisionReferences } from '../decision/decision-references.service';
import { DocumentService } from '../document/document.service';
import { MunicipalityService } from '../municipality/municipality.service';
import { PlanService } from '../plan/plan.service';
import type { Actor } from '../workflow/actor';
import { Clock } from '../workflow/clock';
import { WorkflowEngine } from '../workflow/engine/workflow-engine.service';
import type { WorkflowTx } from '../workflow/engine/workflow-tx';
import type { SendOptions, SendResult } from '../workflow/workflow.types';
// History that reads like a record (h-history)
import { WorkflowHistory } from '../workflow/history/workflow-history';
import type { HistoryView } from '../workflow/history/history.views';
import { AreaEntity } from './area.entity';
import { AreaReader } from './area.reader';
import type { AreaRecordedView } from './area.views';
import { AREA_CREATION_DTOS, AREA_STEP_DTOS } from './dto/area-event.dto';

type EventData = Record<string, any> & { type: string };

/**
 * Collaboration areas through the collaboration process (SEED-AF §11, §12, §14). The service turns what a client
 * names into the facts the area machine judges, in the writing transaction: the decision a participation rests on
 * (resolved and linked, so an annulment compensates it, D10, R-C11), document versions with their hashes, and which
 * municipalities are active parties on the event's date (from the memberships, R-F1). The rules are the machine's.
 */
@Injectable()
export class AreaService {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
    private readonly reader: AreaReader,
    private readonly municipalities: MunicipalityService,
    private readonly decisions: DecisionReferences,
    private readonly documents: DocumentService,
    private readonly plans: PlanService,
    private readonly workflowHistory: WorkflowHistory,
  ) {}

  /** Proposes an area, or registers an existing collaboration straight into operation (G6). */
  async create(slug: string, body: unknown, actor: Actor): Promise<AreaRecordedView> {
    const parsed = parseEventBody(body, AREA_CREATION_DTOS);
    const { expectedVersion: _ignored, ...event } = parsed as typeof parsed & { expectedVersion?: number };
    return this.engine.transaction(async (wtx) => {
      // A fresh copy each run: the unit of work may run again (group commit).
      const e = structuredClone(event) as EventData;
      await this.assertKnown(wtx.tx, e.participants, 'participants');
      if (e.hostMunicipality) await this.assertKnown(wtx.tx, [e.hostMunicipality], 'hostMunicipality');
      e.parties = await this.partiesOn(slug, e.type === 'AREA_PROPOSED' ? e.proposedOn : e.registeredOn, wtx);
      if (e.documentVersionIds) {
        e.documents = await this.documentRefs(wtx.tx, e.documentVersionIds);
        delete e.documentVersionIds;
      }
      const id = randomUUID();
      const instance = await wtx.create(
        AREA_MACHINE_ID,
        { areaId: id, collaboration: slug },
        `area:${slug}:${id}`,
        actor,
      );
      const row: AreaEntity = { id, collaborationSlug: slug, workflowId: instance.id, createdAt: this.clock.nowIso() };
      await wtx.tx.insert(AreaEntity, row);
      return this.answer(row, await wtx.send(instance.id, e, actor), wtx);
    });
  }

  /**
   * Records one later step: validate the body against its type's DTO (400), check a clerk's municipality (403), and
   * hand it to the engine, which checks the role (403) and the rules (409/422). The resolved facts, the transition
   * and the decision's link commit together.
   */
  async recordEvent(id: string, body: unknown, actor: Actor, idempotencyKey?: string): Promise<AreaRecordedView> {
    const area = await this.db.read((tx) => this.reader.row(tx, id));
    const parsed = parseEventBody(body, AREA_STEP_DTOS);
    const { expectedVersion, ...event } = parsed as typeof parsed & { expectedVersion?: number };
    for (const code of actsFor(event)) assertActsFor(actor, code);
    const fingerprint = idempotencyKey ? requestFingerprint(event) : undefined;
    const options: SendOptions = { expectedVersion, idempotencyKey, requestFingerprint: fingerprint };
    const target = { instanceId: area.workflowId, actor, eventType: event.type };
    return this.engine.write(
      target,
      async (wtx) => {
        const e = structuredClone(event) as EventData;
        const decisionId = await this.resolve(wtx, area, e);
        const r = await wtx.send(area.workflowId, e, actor, options);
        if (decisionId) await wtx.link(decisionCauseKey(decisionId), r);
        return this.answer(area, r, wtx);
      },
      { expectedVersion, idempotencyKey },
    );
  }

  /**
   * R-D8: a KDG assignment naming a focus area names one of the plan in force on its date; the event records that
   * plan and the focus area's stable key (a name is accepted and resolved to its key).
   */
  private async linkFocusArea(wtx: WorkflowTx, area: AreaEntity, e: EventData): Promise<void> {
    const on = e.assignedOn as string;
    const inForce = await this.plans.planInForce(area.collaborationSlug, on, wtx);
    const refused = checkFocusAreaLink(inForce, { focusArea: e.focusArea, planId: e.planId, on });
    if (refused) throw ruleRefused(refused);
    e.planId = inForce!.planId;
    e.focusArea = focusAreaNamed(inForce!.focusAreas, e.focusArea)!.key;
  }

  /** GET /areas/{id}/history: the area's workflow log. */
  async history(id: string): Promise<HistoryView> {
    const area = await this.db.read((tx) => this.reader.row(tx, id));
    return this.workflowHistory.history(area.workflowId);
  }

  /** References → facts: the decision (D10), document versions with their hashes, the parties on the decision's date. */
  private async resolve(wtx: WorkflowTx, area: AreaEntity, e: EventData): Promise<string | undefined> {
    if (e.type === 'PARTICIPATION_DECIDED') {
      const decisionId = e.decisionId as string;
      const ref = await this.decisions.resolveForEvent(
        wtx.tx,
        decisionId,
        e.municipalityCode,
        area.collaborationSlug,
        e.type,
      );
      delete e.decisionId;
      e.decision = {
        decisionId,
        organ: ref.organ,
        date: ref.date,
        ...(ref.paragraph ? { paragraph: ref.paragraph } : {}),
        ...(ref.diarienummer ? { diarienummer: ref.diarienummer } : {}),
        // resolveForEvent refuses a decision that is not justerat or was annulled (D10, R-I8, R-C11).
        justerat: true,
      };
      e.parties = await this.partiesOn(area.collaborationSlug, ref.date, wtx);
      return decisionId;
    }
    if (e.type === 'KDG_ASSIGNED' && e.focusArea) await this.linkFocusArea(wtx, area, e);
    if (e.type === 'AREA_FORMALISED') {
      await this.assertKnown(wtx.tx, [e.hostMunicipality], 'hostMunicipality');
      e.documents = withKinds(await this.documentRefs(wtx.tx, e.documentVersionIds), e.documentKinds);
      delete e.documentVersionIds;
      delete e.documentKinds;
    }
    if (e.documentVersionId) {
      e.document = (await this.documentRefs(wtx.tx, [e.documentVersionId]))[0];
      delete e.documentVersionId;
    }
    return undefined;
  }

  /** The collaboration's active parties on a date, as its memberships say (R-F1; 404 for an unknown collaboration). */
  private async partiesOn(slug: string, on: string, wtx: WorkflowTx): Promise<PartiesOn> {
    const statuses = await this.reader.partyStatuses(slug, on, wtx);
    return {
      on,
      codes: Object.entries(statuses)
        .filter(([, status]) => isActiveParty(status))
        .map(([code]) => code),
    };
  }

  private async documentRefs(tx: Tx, ids: string[]): Promise<DocumentRef[]> {
    const refs: DocumentRef[] = [];
    for (const id of ids) {
      const v = await this.documents.versionById(tx, id);
      if (!v) throw notFound(`Document version ${id}`, `Dokumentversionen ${id}`);
      refs.push({ documentVersionId: v.id, documentKey: v.documentKey, version: v.version, sha256: v.sha256 });
    }
    return refs;
  }

  /** 400 naming each unknown municipality code: `participants[i]`, or the one field named. */
  private assertKnown(tx: Tx, codes: string[], field: string): Promise<void> {
    const fieldOf = (i: number) => (field === 'participants' ? `participants[${i}]` : field);
    return this.municipalities.requireKnown(
      tx,
      codes.map((code, i) => ({ code, field: fieldOf(i) })),
    );
  }

  /** The answer of a write, built inside its unit (an error here rolls the write back, answer-reader.ts). */
  private async answer(area: AreaEntity, r: SendResult, wtx: WorkflowTx): Promise<AreaRecordedView> {
    const view = await this.reader.view(area, r.instance, this.clock.todayInStockholm(), wtx);
    return { ...view, transition: r.transition, replayed: r.replayed };
  }
}

/** area@3 (R-J1..R-J4, R-J6): each document with its kind, given in the order of documentVersionIds (400 otherwise). */
function withKinds(refs: DocumentRef[], kinds: DocumentRef['kind'][] | undefined): DocumentRef[] {
  if (!kinds) return refs;
  if (kinds.length !== refs.length) {
    throw validationFailed([
      {
        field: 'documentKinds',
        reason: `one kind per document version: ${kinds.length} kinds for ${refs.length} versions`,
        reasonSv: `en sort per dokumentversion: ${kinds.length} sorter för ${refs.length} versioner`,
      },
    ]);
  }
  return refs.map((r, i) => ({ ...r, kind: kinds[i] }));
}

/** The municipalities a clerk must act for to send this event: its own decision, its own signature. */
function actsFor(event: Record<string, unknown>): string[] {
  if (event.type === 'PARTICIPATION_DECIDED') return [event.municipalityCode as string];
  if (event.type === 'AGREEMENT_SIGNED') return event.municipalityCodes as string[];
  return [];
}
