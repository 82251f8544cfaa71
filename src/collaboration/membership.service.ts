import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { EVENT_NAME_IN_VERSION, MEMBERSHIP_MACHINE_ID } from '../../machines/membership/membership.machine';
import { EVENTS_JUDGED_BY_SETTINGS } from '../../machines/membership/membership.rules';
import { decisionCauseKey } from '../../machines/protocol/protocol.rules';
import { assertActsFor, assertMayRecordStandIn } from '../auth/access';
import { AppError, notFound } from '../common/errors';
import { parseEventBody } from '../common/event-body';
import { requestFingerprint, uuidFrom } from '../common/sha256';
import { validationFailed } from '../common/validation';
import { Db, type Tx } from '../database/db';
import { DecisionReferences } from '../decision/decision-references.service';
import { SignatureService } from '../signature/signature.service';
import { MunicipalityService, unknownMunicipality, type MunicipalityView } from '../municipality/municipality.service';
import type { Actor } from '../workflow/actor';
import { Clock } from '../workflow/clock';
import { answerReader } from '../workflow/answer-reader';
import { WorkflowEngine } from '../workflow/engine/workflow-engine.service';
import type { WorkflowTx } from '../workflow/engine/workflow-tx';
import type { SendOptions } from '../workflow/workflow.types';
import type { CollaborationEntity } from './collaboration.entity';
import { CollaborationRows, exampleOfRow, unknownCollaboration } from './collaboration.repository';
import { MEMBERSHIP_EVENT_DTOS } from './dto/membership-event.dto';
import { MembershipEntity } from './membership.entity';
import { membershipReadSql, type MembershipRow } from './membership-read';
import { membershipView, type MembershipRecordedView, type MembershipView } from './membership.views';

interface Party {
  membership: MembershipEntity;
  municipality: MunicipalityView;
  collaboration: CollaborationEntity;
}

/** The parties of a collaboration and their membership workflows (avsiktsförklaringen §9, §13). */
@Injectable()
export class MembershipService {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
    private readonly municipalities: MunicipalityService,
    private readonly decisions: DecisionReferences,
    private readonly signatures: SignatureService,
  ) {}

  /** The membership workflows of a new collaboration's parties, in its transaction. */
  async createParties(
    wtx: WorkflowTx,
    c: { id: string; slug: string; declaration: { version: string; effectiveDate: string } },
    codes: string[],
    actor: Actor,
  ) {
    for (const code of codes) {
      const input = {
        collaboration: c.slug,
        municipality: code,
        declarationVersion: c.declaration.version,
        declarationEffectiveDate: c.declaration.effectiveDate,
      };
      const membership = await wtx.create(MEMBERSHIP_MACHINE_ID, input, `membership:${c.slug}:${code}`, actor);
      await wtx.tx.insert(MembershipEntity, {
        id: randomUUID(),
        collaborationId: c.id,
        municipalityCode: code,
        workflowId: membership.id,
      });
    }
  }

  /**
   * D4: a party added by an amendment in force, in the amendment's transaction: its membership workflow, under the
   * amended declaration (in force from the amendment's date, R-B4). Nothing when it is a party already.
   */
  async addParty(
    wtx: WorkflowTx,
    c: { id: string; slug: string },
    code: string,
    declaration: { version: string; effectiveDate: string },
    actor: Actor,
  ): Promise<boolean> {
    if (await wtx.tx.findOne(MembershipEntity, { where: { collaborationId: c.id, municipalityCode: code } }))
      return false;
    await this.municipalities.get(wtx.tx, code, { municipalityCode: code });
    await this.createParties(wtx, { ...c, declaration }, [code], actor);
    return true;
  }

  /** Each party's membership status on `date` (R-D4 asks who was a party then), as the write `within` sees it. */
  async statusesOn(
    collaboration: CollaborationEntity,
    date: string,
    within: WorkflowTx,
  ): Promise<Array<{ code: string; status: MembershipView['status'] }>> {
    const members = await this.membersOf(collaboration, date, within);
    return members.map((m) => ({ code: m.municipality.code, status: m.status }));
  }

  /** How many parties each collaboration has, by collaboration id. */
  async partyCounts(tx: Tx): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const ms of await tx.find(MembershipEntity, { select: { collaborationId: true } }))
      counts.set(ms.collaborationId, (counts.get(ms.collaborationId) ?? 0) + 1);
    return counts;
  }

  /** Every party of a collaboration with its status on `asOf`; `within` a write, as it sees them (answer-reader.ts). */
  async membersOf(collaboration: CollaborationEntity, asOf: string, within?: WorkflowTx): Promise<MembershipView[]> {
    const read = answerReader(this.db, this.engine, within);
    const { memberships, municipalities } = await read.rows(async (tx) => {
      const memberships = await tx.find(MembershipEntity, {
        where: { collaborationId: collaboration.id },
        order: { municipalityCode: 'ASC' },
      });
      return {
        memberships,
        municipalities: await this.municipalities.known(
          tx,
          memberships.map((ms) => ms.municipalityCode),
        ),
      };
    });
    const views = await read.views(memberships.map((ms) => ms.workflowId));
    return memberships.map((ms) =>
      membershipView(
        collaboration.slug,
        municipalities.find((mu) => mu.code === ms.municipalityCode)!,
        views.get(ms.workflowId)!,
        asOf,
        exampleOfRow(collaboration),
        JSON.parse(collaboration.settings),
      ),
    );
  }

  /**
   * A party's membership on `asOf`: collaboration, municipality, membership and workflow head in one prepared
   * statement on a read connection (Db.lookup: committed data only), answering the same 404s as the write path.
   */
  async getMembership(slug: string, code: string, asOf = this.clock.todayInStockholm()): Promise<MembershipView> {
    const sql = (this.membershipSql ??= membershipReadSql(this.db.dialect));
    const [row] = await this.db.lookup<MembershipRow>(sql, [slug, code]);
    if (!row?.collaborationId) throw unknownCollaboration(slug);
    if (row.municipalityName === null) throw unknownMunicipality(code, { municipalityCode: code });
    const municipality = { code, name: row.municipalityName };
    if (row.workflowId === null) throw notAParty(municipality, slug);
    if (row.id === null) throw notFound(`Workflow ${row.workflowId}`, `Arbetsflödet ${row.workflowId}`);
    const example = exampleOfRow({ example: row.collaborationExample });
    const settings = row.collaborationSettings ? JSON.parse(row.collaborationSettings) : undefined;
    return membershipView(slug, municipality, this.engine.viewOfRow(row), asOf, example, settings);
  }

  private membershipSql: string | undefined;

  /**
   * Records one membership event from a client: validate the body against its type's DTO (400), check the clerk's
   * municipality (403), and hand it to the engine, which checks the role (403) and the rules (409/422). The settings
   * in force, the decision record (referenced or minimal), the transition and the link commit together.
   */
  async recordMembershipEvent(
    slug: string,
    code: string,
    body: unknown,
    actor: Actor,
    idempotencyKey?: string,
  ): Promise<MembershipRecordedView> {
    const { membership, municipality, collaboration } = await this.partyOf(slug, code);
    const parsed = parseEventBody(body, MEMBERSHIP_EVENT_DTOS);
    const { expectedVersion, ...event } = parsed as typeof parsed & { expectedVersion?: number };
    assertActsFor(actor, code);
    assertMayRecordStandIn(actor, (event as { standIn?: unknown }).standIn);
    assertOneForm(event);
    // The fingerprint of what the client sent, before the service adds the settings in force (a retry is the same request).
    const fingerprint = idempotencyKey ? requestFingerprint(event) : undefined;
    const options: SendOptions = { expectedVersion, idempotencyKey, requestFingerprint: fingerprint };
    // The write policy's check before the unit: the neutral entry event has the old one's roles in every version.
    const target = {
      instanceId: membership.workflowId,
      actor,
      eventType: EVENT_NAME_IN_VERSION[1][event.type] ?? event.type,
    };
    return this.engine.write(
      target,
      async (wtx) => {
        // A fresh copy each run: the unit of work may run again (group commit, a racing retry with the same key).
        const e = structuredClone(event) as Record<string, any>;
        if (EVENTS_JUDGED_BY_SETTINGS.has(event.type))
          e.settings = await CollaborationRows.settingsInForce(wtx.tx, collaboration.id);
        const decisionId = await this.resolveDecision(wtx.tx, e, {
          code,
          slug,
          eventType: event.type,
          workflowId: membership.workflowId,
          idempotencyKey,
        });
        if (e.signatureId) Object.assign(e, await this.signatures.resolveForMembership(wtx.tx, e.signatureId, code));
        // A membership pinned to version 1 knows the neutral entry event by its old name (EVENT_NAME_IN_VERSION).
        const pinned = (await wtx.views([membership.workflowId])).get(membership.workflowId)!.machineVersion;
        e.type = EVENT_NAME_IN_VERSION[pinned]?.[e.type] ?? e.type;
        const r = await wtx.send(membership.workflowId, e as typeof event, actor, options);
        if (decisionId) await wtx.link(decisionCauseKey(decisionId), r);
        // The answer is built inside the unit: an error here rolls the write back (answer-reader.ts).
        const today = this.clock.todayInStockholm();
        const settings = JSON.parse(collaboration.settings);
        const view = membershipView(slug, municipality, r.instance, today, exampleOfRow(collaboration), settings);
        return { ...view, transition: r.transition, replayed: r.replayed };
      },
      { expectedVersion, idempotencyKey },
    );
  }

  /** The decision the event rests on: a recorded one (decisionId), or a minimal record of the inline form. */
  private async resolveDecision(
    tx: Tx,
    e: Record<string, any>,
    at: { code: string; slug: string; eventType: string; workflowId: string; idempotencyKey?: string },
  ): Promise<string | undefined> {
    if (e.decisionId) {
      const decisionId = e.decisionId as string;
      e.decision = await this.decisions.resolveForEvent(tx, decisionId, at.code, at.slug, at.eventType);
      delete e.decisionId;
      return decisionId;
    }
    if (!e.decision) return undefined;
    // With an Idempotency-Key the minimal record's id is derived from it, so a retry is recognised as the same request.
    const stableId = at.idempotencyKey ? uuidFrom(`${at.workflowId}:${at.idempotencyKey}`) : undefined;
    const decisionId = await this.decisions.createMinimal(tx, at.code, at.slug, at.eventType, e.decision, stableId);
    e.decision = { ...e.decision, decisionId };
    return decisionId;
  }

  /**
   * Which workflow is a party's membership: fixed once the collaboration exists (parties and their workflows are
   * never re-pointed), so it is remembered; the settings are not taken from here.
   */
  private readonly parties = new Map<string, Party>();

  private async partyOf(slug: string, code: string): Promise<Party> {
    const key = `${slug}\u0000${code}`;
    const known = this.parties.get(key);
    if (known) return known;
    const found = await this.db.read((tx) => this.findParty(tx, slug, code));
    if (this.parties.size > 10_000) this.parties.clear();
    this.parties.set(key, found);
    return found;
  }

  private async findParty(tx: Tx, slug: string, code: string): Promise<Party> {
    const collaboration = await CollaborationRows.bySlug(tx, slug);
    const municipality = await this.municipalities.get(tx, code, { municipalityCode: code });
    const membership = await tx.findOne(MembershipEntity, {
      where: { collaborationId: collaboration.id, municipalityCode: code },
    });
    if (!membership) throw notAParty(municipality, slug);
    return { collaboration, municipality, membership };
  }
}

function notAParty(municipality: MunicipalityView, slug: string): AppError {
  const { code, name } = municipality;
  return new AppError(
    'NOT_FOUND',
    'NOT_A_PARTY',
    `${name} (${code}) is not a party of ${slug}.`,
    `${name} (${code}) är inte part i ${slug}.`,
    undefined,
    { municipalityCode: code },
  );
}

function assertOneForm(event: Record<string, unknown>): void {
  if (event.decision && event.decisionId) {
    throw validationFailed([
      {
        field: 'decisionId',
        reason: 'give either decision or decisionId, not both',
        reasonSv: 'ange antingen decision eller decisionId, inte båda',
      },
    ]);
  }
  if (event.signatureId && (event.signedOn || event.signatory)) {
    throw validationFailed([
      {
        field: 'signatureId',
        reason: 'give either signatureId or signedOn and signatory, not both',
        reasonSv: 'ange antingen signatureId eller signedOn och signatory, inte båda',
      },
    ]);
  }
}
