import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { EntityManager, In } from 'typeorm';
import { DEFAULT_SETTINGS, type CollaborationInput } from '../../machines/collaboration/collaboration.machine';
import { currentWarnings, EVENTS_JUDGED_BY_SETTINGS, statusOn } from '../../machines/membership/membership.rules';
import type { MembershipContext, MembershipSettings } from '../../machines/membership/membership.types';
import { membershipDefinition } from '../../machines/membership/membership.machine';
import { assertActsFor, assertMayRecordStandIn, assertMaySend } from '../auth/access';
import { requestFingerprint, uuidFrom } from '../common/sha256';
import { AppError, notFound } from '../common/errors';
import { parseEventBody } from '../common/event-body';
import { validationFailed } from '../common/validation';
import { Db, isUniqueViolation } from '../database/db';
import { DecisionService } from '../decision/decision.service';
import { SignatureService } from '../document/signature.service';
import type { Actor } from '../workflow/actor';
import { Clock } from '../workflow/clock';
import { WorkflowEngine } from '../workflow/workflow-engine.service';
import type { InstanceView, SendOptions } from '../workflow/workflow.types';
import { CollaborationEntity } from './collaboration.entity';
import type { ChangeSettingsDto, CreateCollaborationDto, CreateMunicipalityDto } from './dto/collaboration.dto';
import { MEMBERSHIP_EVENT_DTOS } from './dto/membership-event.dto';
import { MembershipEntity } from './membership.entity';
import { MunicipalityEntity } from './municipality.entity';


export interface MembershipView {
  collaboration: string;
  municipality: { code: string; name: string };
  asOf: string;
  status: string;
  state: string;
  version: number;
  memberFrom?: string;
  exitRequestedOn?: string;
  exitEffectiveOn?: string;
  pendingEntry?: { decisionOn?: string; signedOn?: string };
  councilInformedOn?: string;
  warnings: unknown[];
  allowedEvents: string[];
  workflowId: string;
}

@Injectable()
export class CollaborationService {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
    private readonly decisions: DecisionService,
    private readonly signatures: SignatureService,
  ) {}

  // ------------------------------------------------------------ collaborations

  async create(dto: CreateCollaborationDto, actor: Actor) {
    const parties = [...new Set(dto.parties)];
    // Plain JSON first: a setting the client left out is an undefined member of the DTO and must not hide its default.
    const given = JSON.parse(JSON.stringify(dto.settings ?? {})) as Partial<MembershipSettings>;
    const settings: MembershipSettings = { ...DEFAULT_SETTINGS, ...given };
    try {
      await this.db.write(async (m) => {
        if (await m.findOne(CollaborationEntity, { where: { slug: dto.slug } })) throw slugTaken(dto.slug);
        const known = await m.createQueryBuilder(MunicipalityEntity, 'mu').where('mu.code IN (:...parties)', { parties }).getMany();
        const unknown = parties.filter((c) => !known.some((k) => k.code === c));
        if (unknown.length) {
          throw validationFailed(
            unknown.map((c) => ({ field: `parties[${dto.parties.indexOf(c)}]`, reason: `unknown municipality code ${c}`, reasonSv: `okänd kommunkod ${c}` })),
          );
        }
        const input: CollaborationInput = {
          slug: dto.slug,
          name: dto.name,
          parties,
          declarationVersion: dto.declarationVersion,
          declarationEffectiveDate: dto.declarationEffectiveDate,
          settings,
        };
        const workflow = await this.engine.create('collaboration', input, `collaboration:${dto.slug}`, actor, m);
        const collaboration = m.create(CollaborationEntity, {
          id: randomUUID(),
          slug: dto.slug,
          name: dto.name,
          declarationVersion: dto.declarationVersion,
          declarationEffectiveDate: dto.declarationEffectiveDate,
          settings: JSON.stringify(settings),
          workflowId: workflow.id,
          createdAt: this.clock.nowIso(),
        });
        await m.insert(CollaborationEntity, collaboration);
        for (const code of parties) {
          const membership = await this.engine.create(
            membershipDefinition.id,
            { collaboration: dto.slug, municipality: code, declarationVersion: dto.declarationVersion, declarationEffectiveDate: dto.declarationEffectiveDate },
            `membership:${dto.slug}:${code}`,
            actor,
            m,
          );
          await m.insert(MembershipEntity, { id: randomUUID(), collaborationId: collaboration.id, municipalityCode: code, workflowId: membership.id });
        }
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw slugTaken(dto.slug);
      throw error;
    }
    return this.describe(dto.slug);
  }

  async list() {
    const rows = await this.db.read((m) => m.find(CollaborationEntity, { order: { slug: 'ASC' } }));
    const counts = await this.db.read((m) =>
      m.createQueryBuilder(MembershipEntity, 'ms').select('ms.collaboration_id', 'id').addSelect('COUNT(*)', 'n').groupBy('ms.collaboration_id').getRawMany(),
    );
    return rows.map((c) => ({
      slug: c.slug,
      name: c.name,
      declaration: { version: c.declarationVersion, effectiveDate: c.declarationEffectiveDate },
      parties: Number(counts.find((r) => r.id === c.id)?.n ?? 0),
    }));
  }

  async describe(slug: string, asOf = this.clock.todayInStockholm()) {
    const { collaboration, memberships, municipalities } = await this.db.read(async (m) => {
      const collaboration = await this.findCollaboration(m, slug);
      const memberships = await m.find(MembershipEntity, { where: { collaborationId: collaboration.id }, order: { municipalityCode: 'ASC' } });
      const municipalities = memberships.length ? await m.find(MunicipalityEntity, { where: { code: In(memberships.map((ms) => ms.municipalityCode)) } }) : [];
      return { collaboration, memberships, municipalities };
    });
    const views = await this.engine.getMany(memberships.map((ms) => ms.workflowId));
    return {
      slug: collaboration.slug,
      name: collaboration.name,
      declaration: { version: collaboration.declarationVersion, effectiveDate: collaboration.declarationEffectiveDate },
      settings: JSON.parse(collaboration.settings),
      workflowId: collaboration.workflowId,
      asOf,
      members: memberships.map((ms) =>
        this.membershipView(slug, municipalities.find((mu) => mu.code === ms.municipalityCode)!, views.get(ms.workflowId)!, asOf),
      ),
    };
  }

  async changeSettings(slug: string, dto: ChangeSettingsDto, actor: Actor) {
    await this.db.write(async (m) => {
      const collaboration = await this.findCollaboration(m, slug);
      // The DTO was validated by the global pipe; plain JSON so it hashes canonically.
      const event = JSON.parse(JSON.stringify({ type: 'SETTINGS_CHANGED', settings: dto.settings, reason: dto.reason, changedOn: dto.changedOn }));
      const result = await this.engine.sendInTransaction(m, collaboration.workflowId, event, actor);
      await m.update(CollaborationEntity, { id: collaboration.id }, { settings: JSON.stringify(result.instance.context.settings) });
    });
    return this.describe(slug);
  }

  async createMunicipality(dto: CreateMunicipalityDto) {
    await this.db.write(async (m) => {
      if (await m.findOne(MunicipalityEntity, { where: { code: dto.code } })) {
        throw new AppError('CONFLICT', 'MUNICIPALITY_EXISTS', `Municipality ${dto.code} already exists.`, `Kommunen ${dto.code} finns redan.`);
      }
      await m.insert(MunicipalityEntity, { code: dto.code, name: dto.name });
    });
    return { code: dto.code, name: dto.name };
  }

  listMunicipalities() {
    return this.db.read((m) => m.find(MunicipalityEntity, { order: { code: 'ASC' } }));
  }

  // ------------------------------------------------------------ memberships

  async getMembership(slug: string, code: string, asOf = this.clock.todayInStockholm()): Promise<MembershipView> {
    const { membership, municipality } = await this.db.read((m) => this.findMembership(m, slug, code));
    return this.membershipView(slug, municipality, await this.engine.get(membership.workflowId), asOf);
  }

  /**
   * Records one membership event from a client: validate the body against its type's DTO (400), check the role and
   * the clerk's municipality (403), add the settings in force, and hand it to the engine (409/422 from the rules).
   */
  async recordMembershipEvent(slug: string, code: string, body: unknown, actor: Actor, idempotencyKey?: string) {
    const { membership, municipality, collaboration } = await this.partyOf(slug, code);
    const parsed = parseEventBody(body, MEMBERSHIP_EVENT_DTOS);
    const { expectedVersion, ...event } = parsed as typeof parsed & { expectedVersion?: number };
    assertMaySend(actor, membershipDefinition.eventRoles, event.type);
    assertActsFor(actor, code);
    assertMayRecordStandIn(actor, (event as { standIn?: unknown }).standIn);
    if ((event as any).decision && (event as any).decisionId) {
      throw validationFailed([{ field: 'decisionId', reason: 'give either decision or decisionId, not both', reasonSv: 'ange antingen decision eller decisionId, inte båda' }]);
    }
    if ((event as any).signatureId && ((event as any).signedOn || (event as any).signatory)) {
      throw validationFailed([{ field: 'signatureId', reason: 'give either signatureId or signedOn and signatory, not both', reasonSv: 'ange antingen signatureId eller signedOn och signatory, inte båda' }]);
    }
    // The fingerprint of what the client sent, before the service adds the settings in force (a retry is the same request).
    const fingerprint = idempotencyKey ? requestFingerprint(event) : undefined;
    const options: SendOptions = { expectedVersion, idempotencyKey, requestFingerprint: fingerprint };
    // The decision record (referenced or minimal), the transition and the link between them commit together.
    const result = await this.engine.writeFor(membership.workflowId, async (m) => {
      // A fresh copy each time: the unit of work may run twice (a racing retry with the same Idempotency-Key).
      const e = structuredClone(event) as Record<string, any>;
      if (EVENTS_JUDGED_BY_SETTINGS.has(event.type)) e.settings = await this.settingsInForce(m, collaboration.id);
      let decisionId: string | undefined;
      if (e.decisionId) {
        e.decision = await this.decisions.resolveForMembership(m, e.decisionId, code, slug, event.type);
        decisionId = e.decisionId;
        delete e.decisionId;
      } else if (e.decision) {
        // With an Idempotency-Key the minimal record's id is derived from it, so a retry is recognised as the same request.
        const stableId = idempotencyKey ? uuidFrom(`${membership.workflowId}:${idempotencyKey}`) : undefined;
        decisionId = await this.decisions.createMinimal(m, code, slug, event.type, e.decision, stableId);
        e.decision = { ...e.decision, decisionId };
      }
      if (e.signatureId) Object.assign(e, await this.signatures.resolveForMembership(m, e.signatureId, code));
      const r = await this.engine.sendInTransaction(m, membership.workflowId, e as typeof event, actor, options);
      if (decisionId && !r.replayed) await this.decisions.recordEffect(m, decisionId, membership.workflowId, event.type, r.transition.seq);
      return r;
    }, expectedVersion, idempotencyKey);
    const view = this.membershipView(slug, municipality, result.instance, this.clock.todayInStockholm());
    return { ...view, transition: result.transition, replayed: result.replayed };
  }

  membershipView(slug: string, municipality: MunicipalityEntity, instance: InstanceView, asOf: string): MembershipView {
    const context = instance.context as MembershipContext;
    const status = statusOn(context, asOf);
    const view: MembershipView = {
      collaboration: slug,
      municipality: { code: municipality.code, name: municipality.name },
      asOf,
      status: status.status,
      state: instance.state,
      version: instance.version,
      warnings: currentWarnings(context),
      allowedEvents: instance.allowedEvents,
      workflowId: instance.id,
    };
    if (status.memberFrom) view.memberFrom = status.memberFrom;
    if (status.exitRequestedOn) view.exitRequestedOn = status.exitRequestedOn;
    if (status.exitEffectiveOn) view.exitEffectiveOn = status.exitEffectiveOn;
    if (context.pendingEntry.decision || context.pendingEntry.signature) {
      view.pendingEntry = { decisionOn: context.pendingEntry.decision?.date, signedOn: context.pendingEntry.signature?.signedOn };
    }
    const period = context.periods[context.periods.length - 1];
    const informed = period?.exitRequests.filter((r) => r.councilInformedOn && !r.withdrawnOn).pop()?.councilInformedOn;
    if (informed) view.councilInformedOn = informed;
    return view;
  }

  /** The settings in force, read in the writing transaction (they may have changed since the party was cached). */
  private async settingsInForce(m: EntityManager, collaborationId: string): Promise<MembershipSettings> {
    const rows = await this.db.select<{ settings: string }>(m, this.settingsSql(m), [collaborationId]);
    return JSON.parse(rows[0].settings);
  }

  private settingsSql(m: EntityManager): string {
    const p = m.connection.driver.options.type === 'postgres' ? '$1' : '?';
    return `SELECT settings FROM collaboration WHERE id = ${p}`;
  }

  /**
   * Which workflow is a party's membership: fixed once the collaboration exists (parties and their workflows are
   * never re-pointed), so it is remembered; the settings are not taken from here.
   */
  private readonly parties = new Map<string, { membership: MembershipEntity; municipality: MunicipalityEntity; collaboration: CollaborationEntity }>();

  private async partyOf(slug: string, code: string) {
    const key = `${slug}\u0000${code}`;
    const known = this.parties.get(key);
    if (known) return known;
    const found = await this.db.read((m) => this.findMembership(m, slug, code));
    if (this.parties.size > 10_000) this.parties.clear();
    this.parties.set(key, found);
    return found;
  }

  private async findCollaboration(m: EntityManager, slug: string): Promise<CollaborationEntity> {
    const collaboration = await m.findOne(CollaborationEntity, { where: { slug } });
    if (!collaboration) throw notFound(`Collaboration '${slug}'`, `Samverkan '${slug}'`);
    return collaboration;
  }

  async findMembership(m: EntityManager, slug: string, code: string) {
    const collaboration = await this.findCollaboration(m, slug);
    const municipality = await m.findOne(MunicipalityEntity, { where: { code } });
    if (!municipality) {
      throw new AppError('NOT_FOUND', 'UNKNOWN_MUNICIPALITY', `No municipality with code ${code}.`, `Ingen kommun med kod ${code}.`, undefined, { municipalityCode: code });
    }
    const membership = await m.findOne(MembershipEntity, { where: { collaborationId: collaboration.id, municipalityCode: code } });
    if (!membership) {
      throw new AppError('NOT_FOUND', 'NOT_A_PARTY', `${municipality.name} (${code}) is not a party of ${slug}.`, `${municipality.name} (${code}) är inte part i ${slug}.`, undefined, { municipalityCode: code });
    }
    return { collaboration, municipality, membership };
  }
}


function slugTaken(slug: string) {
  return new AppError('CONFLICT', 'SLUG_TAKEN', `A collaboration '${slug}' already exists.`, `Samverkan '${slug}' finns redan.`);
}
