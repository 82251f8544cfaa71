import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { AMENDMENT_MACHINE_ID } from '../../machines/amendment/amendment.machine';
import { countsForAmendment, currentAdoption, declarationInForceOn } from '../../machines/amendment/amendment.rules';
import type { AmendmentContext, AmendmentInput, CountingParty } from '../../machines/amendment/amendment.types';
import { amendmentOrganOf } from '../../machines/collaboration/collaboration.rules';
import { decisionCauseKey } from '../../machines/protocol/protocol.rules';
import { assertActsFor } from '../auth/access';
import { CollaborationService } from '../collaboration/collaboration.service';
import type { DeclarationHistory } from '../collaboration/declaration-source';
import { MembershipService } from '../collaboration/membership.service';
import { AppError, notFound } from '../common/errors';
import { parseEventBody } from '../common/event-body';
import { requestFingerprint, uuidFrom } from '../common/sha256';
import { validationFailed } from '../common/validation';
import { Db, type Tx } from '../database/db';
import { DecisionReferences } from '../decision/decision-references.service';
import { DocumentService } from '../document/document.service';
import { MunicipalityService } from '../municipality/municipality.service';
import type { Actor } from '../workflow/actor';
import type { AnswerReader } from '../workflow/answer-reader';
import { Clock } from '../workflow/clock';
import { WorkflowEngine } from '../workflow/engine/workflow-engine.service';
import type { WorkflowTx } from '../workflow/engine/workflow-tx';
import type { InstanceView } from '../workflow/workflow.types';
import { AmendmentEntity } from './amendment.entity';
import { amendmentView, type AmendmentEventResultView, type AmendmentView } from './amendment.views';
import { AMENDMENT_EVENT_DTOS, type CreateAmendmentDto } from './dto/amendment.dto';

type Collaboration = Awaited<ReturnType<CollaborationService['findIn']>>;

/**
 * Amendments of a collaboration's declaration (avsiktsförklaringen §15; R-D1..R-D5; DECISIONS D2..D4): the text as a
 * new document version, the approvals of the parties counted on each approval's date, and (D4) the party an
 * amendment in force adds. The rules are the amendment machine's; this service only gathers what they judge.
 */
@Injectable()
export class AmendmentService implements OnModuleInit {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
    private readonly collaborations: CollaborationService,
    private readonly memberships: MembershipService,
    private readonly municipalities: MunicipalityService,
    private readonly documents: DocumentService,
    private readonly decisions: DecisionReferences,
  ) {}

  /** The collaboration's view shows its declaration in force and its amendments (declaration-source.ts). */
  onModuleInit(): void {
    this.collaborations.useDeclarationSource({ historyOf: (read, c, asOf) => this.historyOf(read, c, asOf) });
  }

  async create(slug: string, dto: CreateAmendmentDto, actor: Actor): Promise<AmendmentView> {
    return this.engine.transaction(async (wtx) => {
      const c = await this.collaborations.findIn(wtx.tx, slug);
      const today = this.clock.todayInStockholm();
      if (dto.addsParty) await this.assertNewParty(wtx, c, dto.addsParty, today);
      const key = dto.documentKey ?? `${slug}-avsiktsforklaring`;
      await this.documents.ensureDocumentIn(wtx, actor, {
        key,
        title: `Avsiktsförklaring ${c.name}`,
        collaboration: slug,
      });
      const text = await this.documents.addVersionIn(wtx, actor, key, { version: dto.version, text: dto.text });
      const id = randomUUID();
      const input: AmendmentInput = {
        amendmentId: id,
        collaboration: slug,
        title: dto.title,
        document: { key, versionId: text.id, version: text.version, sha256: text.sha256 },
        registeredOn: today,
      };
      if (dto.statedEffectiveDate) input.statedEffectiveDate = dto.statedEffectiveDate;
      if (dto.addsParty) input.addsParty = dto.addsParty;
      if (dto.note) input.note = dto.note;
      const workflow = await wtx.create(AMENDMENT_MACHINE_ID, input, `amendment:${slug}:${id}`, actor);
      await wtx.tx.insert(AmendmentEntity, {
        id,
        collaborationId: c.id,
        workflowId: workflow.id,
        createdAt: this.clock.nowIso(),
      });
      return amendmentView(id, workflow, today, await this.countingOn(c, today, wtx));
    });
  }

  async get(id: string, asOf = this.clock.todayInStockholm()): Promise<AmendmentView> {
    const row = await this.db.read((tx) => this.rowOf(tx, id));
    const instance = await this.engine.get(row.workflowId);
    const c = await this.db.read((tx) =>
      this.collaborations.findIn(tx, (instance.context as AmendmentContext).collaboration),
    );
    return amendmentView(id, instance, asOf, await this.countingOn(c, asOf));
  }

  async list(slug: string, asOf = this.clock.todayInStockholm()): Promise<AmendmentView[]> {
    const { c, rows } = await this.db.read(async (tx) => {
      const c = await this.collaborations.findIn(tx, slug);
      return { c, rows: await this.rowsOf(tx, c.id) };
    });
    const views = await this.engine.getMany(rows.map((r) => r.workflowId));
    const counting = await this.countingOn(c, asOf);
    return rows.map((r) => amendmentView(r.id, views.get(r.workflowId)!, asOf, counting));
  }

  /**
   * One amendment event from a client: an approval (the decision recorded or minimal, the parties counted on its
   * date with their organs, D2 and R-D4), or a joint body's "approval" (always refused, R-D5). When the approval puts
   * the amendment in force and it adds a party, that party's membership is created in the same transaction (D4).
   */
  async recordEvent(
    id: string,
    body: unknown,
    actor: Actor,
    idempotencyKey?: string,
  ): Promise<AmendmentEventResultView> {
    const row = await this.db.read((tx) => this.rowOf(tx, id));
    const parsed = parseEventBody(body, AMENDMENT_EVENT_DTOS);
    const { expectedVersion, ...event } = parsed as typeof parsed & { expectedVersion?: number };
    if (event.type === 'AMENDMENT_APPROVED') assertActsFor(actor, event.party as string);
    if (event.decision && event.decisionId) {
      throw validationFailed([
        {
          field: 'decisionId',
          reason: 'give either decision or decisionId, not both',
          reasonSv: 'ange antingen decision eller decisionId, inte båda',
        },
      ]);
    }
    const requestHash = idempotencyKey ? requestFingerprint(event) : undefined;
    const options = { expectedVersion, idempotencyKey, requestFingerprint: requestHash };
    return this.engine.write(
      { instanceId: row.workflowId, actor, eventType: event.type },
      async (wtx) => {
        const e = structuredClone(event) as Record<string, any>;
        const before = (await wtx.views([row.workflowId])).get(row.workflowId)!;
        const context = before.context as AmendmentContext;
        const c = await this.collaborations.findIn(wtx.tx, context.collaboration);
        let decisionId: string | undefined;
        if (e.type === 'AMENDMENT_APPROVED') {
          decisionId = await this.resolveDecision(wtx.tx, e, c.slug, row.workflowId, idempotencyKey);
          e.countingParties = await this.countingOn(c, e.decision.date, wtx);
        }
        const r = await wtx.send(row.workflowId, e as typeof event, actor, options);
        if (decisionId) await wtx.link(decisionCauseKey(decisionId), r);
        const addedParty = r.replayed ? undefined : await this.addPartyIfInForce(wtx, c, context, r.instance, actor);
        const today = this.clock.todayInStockholm();
        const view = amendmentView(id, r.instance, today, await this.countingOn(c, today, wtx));
        return { ...view, transition: r.transition, replayed: r.replayed, ...(addedParty ? { addedParty } : {}) };
      },
      { expectedVersion, idempotencyKey },
    );
  }

  /** The declaration in force on asOf and the amendments, for the collaboration's view (R-D9, D3). */
  private async historyOf(
    read: AnswerReader,
    c: { id: string; slug: string; declaration: { version: string; effectiveDate: string } },
    asOf: string,
  ): Promise<DeclarationHistory> {
    const rows = await read.rows((tx) => this.rowsOf(tx, c.id));
    const views = await read.views(rows.map((r) => r.workflowId));
    const instances = rows.map((r) => ({ id: r.id, instance: views.get(r.workflowId)! }));
    const original = { version: c.declaration.version, inForceFrom: c.declaration.effectiveDate };
    return {
      declarationInForce: declarationInForceOn(
        original,
        instances.map((i) => i.instance.context as AmendmentContext),
        asOf,
      ),
      amendments: instances.map((i) => {
        const { allowedEvents: _a, ...summary } = amendmentView(i.id, i.instance, asOf, []);
        const { awaitingApprovalOf: _w, ...rest } = summary;
        return rest;
      }),
    };
  }

  /** R-D4, D2: the parties counted on `date`, each with the organ that approves for it. */
  private async countingOn(c: Collaboration, date: string, within?: WorkflowTx): Promise<CountingParty[]> {
    const members = within
      ? await this.memberships.statusesOn(c.entity, date, within)
      : (await this.memberships.membersOf(c.entity, date)).map((m) => ({
          code: m.municipality.code,
          status: m.status,
        }));
    return members
      .filter((m) => countsForAmendment(m.status))
      .map((m) => ({ code: m.code, organ: amendmentOrganOf(c.settings, m.code) }));
  }

  /** D4: when this transition put the amendment in force (adopted now, not before), the party it adds gets its membership. */
  private async addPartyIfInForce(
    wtx: WorkflowTx,
    c: Collaboration,
    before: AmendmentContext,
    after: InstanceView,
    actor: Actor,
  ): Promise<string | undefined> {
    const context = after.context as AmendmentContext;
    const adoption = currentAdoption(context);
    if (!context.addsParty || !adoption || currentAdoption(before)) return undefined;
    const declaration = { version: context.document.version, effectiveDate: adoption.from };
    const added = await this.memberships.addParty(wtx, c, context.addsParty, declaration, actor);
    return added ? context.addsParty : undefined;
  }

  /** D4: the municipality an amendment adds exists and is not a party already. */
  private async assertNewParty(wtx: WorkflowTx, c: Collaboration, code: string, today: string): Promise<void> {
    await this.municipalities.get(wtx.tx, code, { field: 'addsParty' });
    const parties = await this.memberships.statusesOn(c.entity, today, wtx);
    if (parties.some((p) => p.code === code)) {
      throw new AppError(
        'CONFLICT',
        'ALREADY_A_PARTY',
        `${code} is a party of ${c.slug} already; an amendment adds only a municipality that is not (D4). A party that left re-enters without one (D5).`,
        `${code} är redan part i ${c.slug}; en ändring lägger bara till en kommun som inte är det (D4). En part som har lämnat träder in på nytt utan ändring (D5).`,
        undefined,
        { addsParty: code },
      );
    }
  }

  /** The decision an approval rests on: a recorded one (decisionId), or a minimal record of the inline form. */
  private async resolveDecision(
    tx: Tx,
    e: Record<string, any>,
    slug: string,
    workflowId: string,
    idempotencyKey?: string,
  ): Promise<string> {
    if (e.decisionId) {
      const decisionId = e.decisionId as string;
      e.decision = await this.decisions.resolveForEvent(tx, decisionId, e.party, slug, 'AMENDMENT_APPROVED');
      delete e.decisionId;
      return decisionId;
    }
    const stableId = idempotencyKey ? uuidFrom(`${workflowId}:${idempotencyKey}`) : undefined;
    const decisionId = await this.decisions.createMinimal(
      tx,
      e.party,
      slug,
      'AMENDMENT_APPROVED',
      e.decision,
      stableId,
    );
    e.decision = { ...e.decision, decisionId };
    return decisionId;
  }

  private async rowOf(tx: Tx, id: string): Promise<AmendmentEntity> {
    const row = await tx.findOne(AmendmentEntity, { where: { id } });
    if (!row) throw notFound(`Amendment ${id}`, `Ändringen ${id}`);
    return row;
  }

  private rowsOf(tx: Tx, collaborationId: string): Promise<AmendmentEntity[]> {
    return tx.find(AmendmentEntity, { where: { collaborationId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
