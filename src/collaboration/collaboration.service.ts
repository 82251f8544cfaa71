import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import {
  COLLABORATION_MACHINE_ID,
  DEFAULT_SETTINGS,
  type CollaborationInput,
} from '../../machines/collaboration/collaboration.machine';
import { collaborationRulesOf, type CollaborationSettings } from '../../machines/collaboration/collaboration.rules';
import { plainJson } from '../common/canonical-json';
import { AppError } from '../common/errors';
import { Db, type Tx } from '../database/db';
import { countsAsSignatory, type OrganisationParty } from '../../machines/collaboration/collaboration.rules';
import { MunicipalityService } from '../municipality/municipality.service';
import type { Actor } from '../workflow/actor';
import { Clock } from '../workflow/clock';
import { answerReader } from '../workflow/answer-reader';
import { WorkflowEngine } from '../workflow/engine/workflow-engine.service';
import type { WorkflowTx } from '../workflow/engine/workflow-tx';
import { CollaborationEntity } from './collaboration.entity';
import { CollaborationRows, exampleOfRow } from './collaboration.repository';
import type { CollaborationSummaryView, CollaborationView } from './collaboration.views';
import type { DeclarationSource } from './declaration-source';
import type {
  ChangeSettingsDto,
  CreateCollaborationDto,
  RecordOrganisationSignatureDto,
} from './dto/collaboration.dto';
import { MembershipService } from './membership.service';
import { predecessorView } from './predecessor-view';
import type { Predecessor } from '../../machines/collaboration/predecessor.rules';

/** Collaborations under a declaration of intent, their settings (D1) and their parties. */
@Injectable()
export class CollaborationService {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
    private readonly municipalities: MunicipalityService,
    private readonly memberships: MembershipService,
  ) {}

  async create(dto: CreateCollaborationDto, actor: Actor): Promise<CollaborationView> {
    const parties = [...new Set(dto.parties)];
    // Plain JSON first: a setting the client left out is an undefined member of the DTO and must not hide its default.
    const given = plainJson(dto.settings ?? {}) as Partial<CollaborationSettings>;
    const settings: CollaborationSettings = { ...DEFAULT_SETTINGS, ...given };
    return this.engine.transaction(
      async (wtx) => {
        if (await wtx.tx.findOne(CollaborationEntity, { where: { slug: dto.slug } })) throw slugTaken(dto.slug);
        await this.municipalities.requireKnown(wtx.tx, [
          ...dto.parties.map((code, i) => ({ code, field: `parties[${i}]` })),
          ...(dto.predecessor?.parties ?? []).map((code, i) => ({ code, field: `predecessor.parties[${i}]` })),
        ]);
        const declaration = { version: dto.declarationVersion, effectiveDate: dto.declarationEffectiveDate };
        const input: CollaborationInput = {
          slug: dto.slug,
          name: dto.name,
          parties,
          declarationVersion: declaration.version,
          declarationEffectiveDate: declaration.effectiveDate,
          settings,
          ...(dto.example ? { example: plainJson(dto.example) } : {}),
          ...(dto.predecessor ? { predecessor: plainJson(dto.predecessor) as Predecessor } : {}),
        };
        const workflow = await wtx.create(COLLABORATION_MACHINE_ID, input, `collaboration:${dto.slug}`, actor);
        const id = randomUUID();
        await wtx.tx.insert(CollaborationEntity, {
          id,
          slug: dto.slug,
          name: dto.name,
          declarationVersion: declaration.version,
          declarationEffectiveDate: declaration.effectiveDate,
          settings: JSON.stringify(settings),
          example: input.example ? JSON.stringify(input.example) : null,
          workflowId: workflow.id,
          createdAt: this.clock.nowIso(),
        });
        await this.memberships.createParties(wtx, { id, slug: dto.slug, declaration }, parties, actor);
        return this.describe(dto.slug, undefined, wtx);
      },
      { onUniqueViolation: () => slugTaken(dto.slug) },
    );
  }

  async list(): Promise<CollaborationSummaryView[]> {
    const { rows, counts } = await this.db.read(async (tx) => ({
      rows: await tx.find(CollaborationEntity, { order: { slug: 'ASC' } }),
      counts: await this.memberships.partyCounts(tx),
    }));
    return rows.map((c) => ({
      slug: c.slug,
      name: c.name,
      declaration: { version: c.declarationVersion, effectiveDate: c.declarationEffectiveDate },
      parties: counts.get(c.id) ?? 0,
      example: exampleOfRow(c),
    }));
  }

  private declarationSource?: DeclarationSource;

  /** The amendment module registers where a collaboration's amendments are read from (declaration-source.ts). */
  useDeclarationSource(source: DeclarationSource): void {
    this.declarationSource = source;
  }

  /**
   * A collaboration with its parties on `asOf`: the municipalities' memberships, the organisations that signed (shown,
   * never counted, R-F1), its rules as data, and the declaration version in force on `asOf` with its amendments
   * (R-D9, D3); `within` a write, as that write sees it (answer-reader.ts).
   */
  async describe(slug: string, asOf = this.clock.todayInStockholm(), within?: WorkflowTx): Promise<CollaborationView> {
    const read = answerReader(this.db, this.engine, within);
    const collaboration = await read.rows((tx) => CollaborationRows.bySlug(tx, slug));
    const settings = JSON.parse(collaboration.settings) as CollaborationSettings;
    const declaration = {
      version: collaboration.declarationVersion,
      effectiveDate: collaboration.declarationEffectiveDate,
    };
    const own = (await read.views([collaboration.workflowId])).get(collaboration.workflowId);
    const organisations = ((own?.context.organisations ?? []) as OrganisationParty[]).map((o) => ({
      ...o,
      countsAsSignatory: countsAsSignatory(o),
    }));
    const members = await this.memberships.membersOf(collaboration, asOf, within);
    const predecessor = own?.context.predecessor as Predecessor | undefined;
    const history = this.declarationSource
      ? await this.declarationSource.historyOf(read, { id: collaboration.id, slug, declaration }, asOf)
      : {
          declarationInForce: { version: declaration.version, inForceFrom: declaration.effectiveDate },
          amendments: [],
        };
    return {
      slug: collaboration.slug,
      name: collaboration.name,
      declaration,
      settings,
      example: exampleOfRow(collaboration),
      workflowId: collaboration.workflowId,
      asOf,
      members,
      organisations,
      rules: collaborationRulesOf(settings),
      declarationInForce: history.declarationInForce,
      amendments: history.amendments,
      predecessor: predecessor
        ? await read.rows((tx) =>
            predecessorView(tx, this.municipalities, predecessor, members, declaration.effectiveDate),
          )
        : null,
    };
  }

  /** What another module needs of a collaboration, in its transaction: identity, declaration and settings in force. */
  async findIn(tx: Tx, slug: string) {
    const c = await CollaborationRows.bySlug(tx, slug);
    return {
      entity: c,
      id: c.id,
      slug: c.slug,
      name: c.name,
      declaration: { version: c.declarationVersion, effectiveDate: c.declarationEffectiveDate },
      settings: JSON.parse(c.settings) as CollaborationSettings,
    };
  }

  /** SEED-VM: an organisation (an association, a company) signs the declaration; logged in the collaboration's workflow. */
  async recordOrganisationSignature(
    slug: string,
    dto: RecordOrganisationSignatureDto,
    actor: Actor,
  ): Promise<CollaborationView> {
    const collaboration = await this.db.read((tx) => CollaborationRows.bySlug(tx, slug));
    const event = plainJson({ type: 'ORGANISATION_SIGNED', ...dto }) as { type: string; [k: string]: unknown };
    return this.engine.write({ instanceId: collaboration.workflowId, actor, eventType: event.type }, async (wtx) => {
      await wtx.send(collaboration.workflowId, event, actor);
      return this.describe(slug, undefined, wtx);
    });
  }

  async changeSettings(slug: string, dto: ChangeSettingsDto, actor: Actor): Promise<CollaborationView> {
    const collaboration = await this.db.read((tx) => CollaborationRows.bySlug(tx, slug));
    // The DTO was validated by the global pipe; plain JSON so it hashes canonically.
    const event = JSON.parse(
      JSON.stringify({
        type: 'SETTINGS_CHANGED',
        settings: dto.settings,
        reason: dto.reason,
        changedOn: dto.changedOn,
      }),
    );
    return this.engine.write({ instanceId: collaboration.workflowId, actor, eventType: event.type }, async (wtx) => {
      const result = await wtx.send(collaboration.workflowId, event, actor);
      await wtx.tx.update(
        CollaborationEntity,
        { id: collaboration.id },
        { settings: JSON.stringify(result.instance.context.settings) },
      );
      return this.describe(slug, undefined, wtx);
    });
  }
}

function slugTaken(slug: string) {
  return new AppError(
    'CONFLICT',
    'SLUG_TAKEN',
    `A collaboration '${slug}' already exists.`,
    `Samverkan '${slug}' finns redan.`,
  );
}
