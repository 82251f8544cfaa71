import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { COUNCIL_MACHINE_ID } from '../../machines/council/council.machine';
import type { CouncilContext, CouncilEvent } from '../../machines/council/council.types';
import { CollaborationService } from '../collaboration/collaboration.service';
import { plainJson } from '../common/canonical-json';
import { AppError } from '../common/errors';
import { requestFingerprint, uuidFrom } from '../common/sha256';
import { Db } from '../database/db';
import type { Actor } from '../workflow/actor';
import { answerReader } from '../workflow/answer-reader';
import { Clock } from '../workflow/clock';
import { WorkflowEngine } from '../workflow/engine/workflow-engine.service';
import type { WorkflowTx } from '../workflow/engine/workflow-tx';
import { CouncilEntity } from './council.entity';
import {
  councilView,
  recordView,
  type CouncilRecordView,
  type CouncilView,
  type CouncilWriteView,
} from './council.views';
import type { CouncilMeetingDto, CouncilRecordDto, SeatMemberDto } from './dto/council.dto';

/** Thrown inside the creating transaction when another request created the council first. */
const CREATED_BY_ANOTHER = new Error('council created by another request');

/**
 * Samverkansrådet of each collaboration (avsiktsförklaringen §5): its seats, meetings and records, in one council
 * workflow per collaboration, started on the first write. G5: nothing here links a council record as the cause of
 * any event (`wtx.link`), and nothing here sends to another workflow: a record informs, it never moves anything.
 */
@Injectable()
export class CouncilService {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
    private readonly collaborations: CollaborationService,
  ) {}

  async get(slug: string, asOf = this.clock.todayInStockholm()): Promise<CouncilView> {
    const parties = await this.partiesOf(slug);
    const council = await this.db.read((tx) => tx.findOne(CouncilEntity, { where: { collaborationSlug: slug } }));
    const instance = council ? await this.engine.get(council.workflowId) : null;
    return councilView(slug, parties, instance, asOf);
  }

  /** R-E1: a person takes a party's seat; the party must be a party of the collaboration (404 NOT_A_PARTY). */
  async seatMember(slug: string, dto: SeatMemberDto, actor: Actor, idempotencyKey?: string) {
    const parties = await this.partiesOf(slug);
    if (!parties.some((p) => p.code === dto.municipality)) throw notAParty(slug, dto.municipality);
    const { expectedVersion, ...data } = plainJson(dto);
    return this.write(slug, parties, { type: 'MEMBER_SEATED', ...data }, actor, { expectedVersion, idempotencyKey });
  }

  async addMeeting(slug: string, dto: CouncilMeetingDto, actor: Actor, idempotencyKey?: string) {
    const { expectedVersion, ...data } = plainJson(dto);
    const event = (meetingId: string): CouncilEvent => ({ type: 'MEETING_HELD', meetingId, ...data });
    return this.write(slug, await this.partiesOf(slug), event, actor, { expectedVersion, idempotencyKey });
  }

  /** R-E2: the machine refuses a record typed as a decision (COUNCIL_NOT_DECISION_MAKING). */
  async addRecord(slug: string, dto: CouncilRecordDto, actor: Actor, idempotencyKey?: string) {
    const { expectedVersion, ...data } = plainJson(dto);
    const event = (recordId: string): CouncilEvent => ({ type: 'RECORD_ADDED', recordId, ...data });
    return this.write(slug, await this.partiesOf(slug), event, actor, { expectedVersion, idempotencyKey });
  }

  /**
   * A record of the collaboration's council, or null: what another module may name for its reader (the plan's
   * COUNCIL_INFORMED names the record of the occasion). Naming one gives it no effect (G5). `within` a write, read
   * as that write sees it.
   */
  async recordOf(slug: string, recordId: string, within?: WorkflowTx): Promise<CouncilRecordView | null> {
    const read = answerReader(this.db, this.engine, within);
    const council = await read.rows((tx) => tx.findOne(CouncilEntity, { where: { collaborationSlug: slug } }));
    if (!council) return null;
    const context = (await read.views([council.workflowId])).get(council.workflowId)!.context as CouncilContext;
    const record = context.records.find((r) => r.recordId === recordId);
    return record ? recordView(record) : null;
  }

  private async partiesOf(slug: string): Promise<Array<{ code: string; name: string }>> {
    const collaboration = await this.collaborations.describe(slug);
    return collaboration.members.map((m) => m.municipality);
  }

  /**
   * One council event: the council's workflow is started first if the collaboration has none yet. An event that
   * needs an id (a meeting, a record) gets a new one, or with an Idempotency-Key one derived from it, so a retry
   * answers with the first result.
   */
  private async write(
    slug: string,
    parties: Array<{ code: string; name: string }>,
    event: CouncilEvent | ((id: string) => CouncilEvent),
    actor: Actor,
    options: { expectedVersion?: number; idempotencyKey?: string },
  ): Promise<CouncilWriteView> {
    const { expectedVersion, idempotencyKey } = options;
    const eventFor = (workflowId: string) => {
      const id = idempotencyKey ? uuidFrom(`${workflowId}:${idempotencyKey}`) : randomUUID();
      return typeof event === 'function' ? event(id) : event;
    };
    // The fingerprint of what the client sent, before the service adds its id (a retry is the same request).
    const fingerprint = idempotencyKey
      ? requestFingerprint(typeof event === 'function' ? event('') : event)
      : undefined;
    const send = async (wtx: WorkflowTx, workflowId: string, e: CouncilEvent) => {
      const r = await wtx.send(workflowId, structuredClone(e), actor, {
        expectedVersion,
        idempotencyKey,
        requestFingerprint: fingerprint,
      });
      const view = councilView(slug, parties, r.instance, this.clock.todayInStockholm());
      return { ...view, transition: r.transition, replayed: r.replayed };
    };
    const known = await this.councilOf(slug);
    if (!known) {
      // The first write starts the council's workflow in the same transaction: a refused event leaves nothing behind.
      try {
        return await this.engine.transaction(
          async (wtx) => {
            if (await wtx.tx.findOne(CouncilEntity, { where: { collaborationSlug: slug } })) throw CREATED_BY_ANOTHER;
            const workflow = await wtx.create(COUNCIL_MACHINE_ID, { collaboration: slug }, `council:${slug}`, actor);
            await wtx.tx.insert(CouncilEntity, { collaborationSlug: slug, workflowId: workflow.id });
            return send(wtx, workflow.id, eventFor(workflow.id));
          },
          { expectedVersion, idempotencyKey, onUniqueViolation: () => CREATED_BY_ANOTHER },
        );
      } catch (error) {
        if (error !== CREATED_BY_ANOTHER) throw error;
      }
    }
    const workflowId = known ?? (await this.councilOf(slug))!;
    const e = eventFor(workflowId);
    return this.engine.write({ instanceId: workflowId, actor, eventType: e.type }, (wtx) => send(wtx, workflowId, e), {
      expectedVersion,
      idempotencyKey,
    });
  }

  /** The council workflow of a collaboration, or null while nothing is recorded. */
  private async councilOf(slug: string): Promise<string | null> {
    const row = await this.db.read((tx) => tx.findOne(CouncilEntity, { where: { collaborationSlug: slug } }));
    return row?.workflowId ?? null;
  }
}

function notAParty(slug: string, code: string) {
  return new AppError(
    'NOT_FOUND',
    'NOT_A_PARTY',
    `${code} is not a party of ${slug}; a council seat belongs to a party (R-E1).`,
    `${code} är inte part i ${slug}; en plats i rådet tillhör en part (R-E1).`,
    'R-E1',
    { municipalityCode: code },
  );
}
