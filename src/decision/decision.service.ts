import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { justeringDeadline } from '../../machines/calendar/calendar';
import { checkParagraph, organOfBody, withoutLateMotivations } from '../../machines/protocol/decision.rules';
import type { Attendee, DecisionParagraph } from '../../machines/protocol/decision.types';
import { PROTOCOL_MACHINE_ID } from '../../machines/protocol/protocol.machine';
import { appealClockRuns } from '../../machines/protocol/protocol.v2.rules';
import { decisionCauseKey, justeringSigners, protocolStatusOf } from '../../machines/protocol/protocol.rules';
import { assertActsFor } from '../auth/access';
import { plainJson } from '../common/canonical-json';
import { AppError, notFound, ruleRefused } from '../common/errors';
import { exampleViewOf } from '../common/example-view';
import { parseEventBody } from '../common/event-body';
import { requestFingerprint } from '../common/sha256';
import { Db, type Tx } from '../database/db';
import { MunicipalityService } from '../municipality/municipality.service';
import type { Actor } from '../workflow/actor';
import { Clock } from '../workflow/clock';
import { answerReader } from '../workflow/answer-reader';
import { WorkflowEngine } from '../workflow/engine/workflow-engine.service';
import type { WorkflowTx } from '../workflow/engine/workflow-tx';
import { WorkflowLinks } from '../workflow/links/workflow-links';
import { BodyEntity, DecisionEntity, MatterEntity, MeetingEntity } from './decision.entities';
import { DecisionRead } from './decision-read';
import { bodyView, decisionView, meetingFacts, meetingOpenness, withClosedDoors } from './decision.mapping';
import {
  checkMeetingOpenness,
  checkOpenMeetingsDecision,
  meetingIsPublic,
} from '../../machines/protocol/openness.rules';
import { DecisionRows } from './decision.repository';
import type { DecisionEventResultView, DecisionView } from './decision.views';
import type { BodyView, DecisionListItemView, MeetingView } from './meeting.views';
import { assertAttendees, bodyExists, minimalRecord, paragraphOf, throwIfRefused } from './decision-checks';
import type { CreateBodyDto, CreateMeetingDto, MeetingAnslagDto, MeetingJusteringDto } from './dto/decision.dto';
import type { RecordParagraphRequestDto } from './dto/secrecy.dto';
import { SecretTextService } from '../personal-data/secret-text.service';
import { checkSecrecyMarkings, secrecyMarkingOf } from '../../machines/protocol/secrecy.rules';
import { PROTOCOL_EVENT_DTOS } from './dto/protocol-event.dto';
import { DecisionReferences } from './decision-references.service';
import { registerRecords } from '../audit/record-register';
import { DecisionPersons } from './decision-persons';
import { assertMinorityOnce, continuationLinks, continuationOf } from './matter-continuation';

/**
 * Decision records as the clerks keep them: bodies, meetings, paragraphs with their protocol lifecycle. What a
 * decision drives and how an annulment compensates it (D10, R-C11) is the engine's (links, MachineDefinition.causes).
 */
@Injectable()
export class DecisionService {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
    private readonly municipalities: MunicipalityService,
    private readonly references: DecisionReferences,
    private readonly persons: DecisionPersons,
    private readonly secrets: SecretTextService,
  ) {}

  private reader: DecisionRead | undefined;

  // ------------------------------------------------------------ bodies and meetings

  async createBody(code: string, dto: CreateBodyDto, actor: Actor): Promise<BodyView> {
    assertActsFor(actor, code);
    // A body's member count decides quorum: its row is registered in the log (src/audit/record-register.ts).
    return this.engine.transaction(async (wtx) => {
      const { tx } = wtx;
      await this.municipalities.get(tx, code);
      if (await tx.findOne(BodyEntity, { where: { municipalityCode: code, name: dto.name } })) {
        throw bodyExists(dto.name, code);
      }
      if (dto.openMeetingsDecision) throwIfRefused(checkOpenMeetingsDecision(dto));
      const body = Object.assign(new BodyEntity(), {
        id: randomUUID(),
        municipalityCode: code,
        kind: dto.kind,
        name: dto.name,
        memberCount: dto.memberCount,
        createdAt: this.clock.nowIso(),
        openMeetingsDecidedOn: dto.openMeetingsDecision?.decidedOn ?? null,
        openMeetingsReference: dto.openMeetingsDecision?.reference ?? null,
      });
      await tx.insert(BodyEntity, body);
      await registerRecords(wtx, actor, code, [{ table: 'body', row: body }]);
      return bodyView(body);
    });
  }

  async listBodies(code: string): Promise<BodyView[]> {
    return this.db.read(async (tx) => {
      await this.municipalities.get(tx, code);
      return (await tx.find(BodyEntity, { where: { municipalityCode: code }, order: { name: 'ASC' } })).map(bodyView);
    });
  }

  async createMeeting(bodyId: string, dto: CreateMeetingDto, actor: Actor): Promise<MeetingView> {
    return this.engine.transaction(async (wtx) => {
      const { tx } = wtx;
      const body = await DecisionRows.body(tx, bodyId);
      assertActsFor(actor, body.municipalityCode);
      assertAttendees(dto);
      // R-H18: fullmäktige meets in public; another body only with fullmäktige's decision
      throwIfRefused(checkMeetingOpenness(bodyView(body), dto.public, dto.date));
      const id = randomUUID();
      const named = await this.persons.meeting(tx, id, plainJson(dto.attendees), dto.secretary ?? null);
      const meeting = {
        id,
        bodyId,
        municipalityCode: body.municipalityCode,
        date: dto.date,
        place: dto.place ?? null,
        attendees: JSON.stringify(named.attendees),
        closedAt: dto.closedAt ?? null,
        justeringAt: dto.justeringAt ?? null,
        secretary: named.secretary,
        example: dto.example ? JSON.stringify(plainJson(dto.example)) : null,
        createdAt: this.clock.nowIso(),
        isPublic: meetingIsPublic(body.kind, dto.public),
      };
      await tx.insert(MeetingEntity, meeting);
      await registerRecords(wtx, actor, body.municipalityCode, [{ table: 'meeting', row: meeting }]);
      return this.getMeeting(meeting.id, wtx);
    });
  }

  /** A meeting with its paragraphs; `within` a write, as that write sees it (its answer, see answer-reader.ts). */
  async getMeeting(id: string, within?: WorkflowTx): Promise<MeetingView> {
    const read = answerReader(this.db, this.engine, within);
    const { meeting, body, decisions } = await read.rows(async (tx) => {
      const meeting = await DecisionRows.meeting(tx, id);
      const body = await DecisionRows.body(tx, meeting.bodyId);
      const decisions = await tx.find(DecisionEntity, { where: { meetingId: id }, order: { createdAt: 'ASC' } });
      return { meeting, body, decisions };
    });
    const views = await read.views(decisions.map((d) => d.workflowId!).filter(Boolean));
    const facts = meetingFacts(meeting, body);
    return {
      id: meeting.id,
      body: bodyView(body),
      municipalityCode: meeting.municipalityCode,
      date: meeting.date,
      place: meeting.place,
      secretary: meeting.secretary,
      closedAt: meeting.closedAt,
      justeringAt: meeting.justeringAt,
      ...meetingOpenness(meeting, body),
      attendees: facts.attendees,
      example: exampleViewOf({ example: meeting.example ? JSON.parse(meeting.example) : undefined }),
      deadlines: { justeringDeadline: justeringDeadline(meeting.date).date },
      paragraphs: decisions.map((d) => {
        const v = d.workflowId ? views.get(d.workflowId) : undefined;
        return {
          id: d.id,
          paragraphNumber: d.paragraphNumber,
          subject: d.subject,
          status: v ? protocolStatusOf(v.state) : 'RECORDED',
          workflowId: d.workflowId,
          example: exampleViewOf(paragraphOf(v?.context)),
        };
      }),
    };
  }

  /** A municipality's decisions, newest first, with their protocol status. */
  async listDecisions(code: string): Promise<DecisionListItemView[]> {
    const decisions = await this.db.read(async (tx) => {
      await this.municipalities.get(tx, code);
      return tx.find(DecisionEntity, {
        where: { municipalityCode: code },
        order: { decidedOn: 'DESC', createdAt: 'DESC' },
      });
    });
    const views = await this.engine.getMany(decisions.map((d) => d.workflowId!).filter(Boolean));
    return decisions.map((d) => {
      const v = d.workflowId ? views.get(d.workflowId) : undefined;
      const { id, organ, decidedOn, paragraphNumber, subject, collaboration, minimal, meetingId, workflowId } = d;
      return {
        id,
        organ,
        decidedOn,
        paragraphNumber,
        subject,
        collaboration,
        minimal,
        status: v ? protocolStatusOf(v.state) : 'RECORDED',
        meetingId,
        workflowId,
        example: exampleViewOf(paragraphOf(v?.context)),
      };
    });
  }

  // ------------------------------------------------------------ paragraphs

  /** Records a paragraph (§) of a meeting, after every rule of RULEBOOK H holds (quorum, votes, reservations). */
  async recordParagraph(meetingId: string, dto: RecordParagraphRequestDto, actor: Actor): Promise<DecisionView> {
    return this.engine.transaction(async (wtx) => {
      const { tx } = wtx;
      const meeting = await DecisionRows.meeting(tx, meetingId);
      const body = await DecisionRows.body(tx, meeting.bodyId);
      assertActsFor(actor, body.municipalityCode);
      const facts = meetingFacts(meeting, body);
      // Issue 11 §8: the markings are records of their own (never in the paragraph the log holds), its texts markers.
      const { secrecy, ...asRecorded } = plainJson(dto) as RecordParagraphRequestDto;
      const decisionId = randomUUID();
      const recorded = await this.persons.paragraph(tx, meeting, asRecorded as DecisionParagraph, decisionId);
      throwIfRefused(checkParagraph(facts, recorded));
      const markings = (secrecy ?? []).map(secrecyMarkingOf);
      throwIfRefused(checkSecrecyMarkings(recorded, markings, await this.persons.committedAt(tx, meetingId)));
      const { paragraph, warnings } = withoutLateMotivations(facts, recorded);
      await this.references.assertVersionExists(tx, dto.documentVersionId);
      await this.assertParagraphFree(tx, meetingId, dto.paragraphNumber);
      const matterId = await DecisionRows.upsertMatter(tx, body.municipalityCode, paragraph.matter);
      // R-H22: a matter sent on continues under its diarienummer; the genesis names the paragraph it continues.
      const continues = (await continuationOf(wtx, matterId, meeting.date, paragraph))?.decisionId;
      const input = {
        decisionId,
        meeting: facts,
        paragraph,
        ...(warnings.length ? { warnings } : {}),
        ...(continues ? { continues } : {}),
        // R-I15: beredning or verkställighet gets no appeal clock (protocol version 2).
        ...(appealClockRuns({ paragraph }) ? {} : { appealable: false }),
      };
      const workflow = await wtx.create(
        PROTOCOL_MACHINE_ID,
        input,
        `decision:${body.municipalityCode}:${decisionId}`,
        actor,
      );
      await tx.insert(DecisionEntity, {
        id: decisionId,
        municipalityCode: body.municipalityCode,
        bodyId: body.id,
        meetingId,
        matterId,
        organ: organOfBody(body.kind),
        decidedOn: meeting.date,
        paragraphNumber: dto.paragraphNumber,
        subject: dto.subject,
        collaboration: dto.collaboration ?? null,
        documentVersionId: dto.documentVersionId ?? null,
        minimal: false,
        workflowId: workflow.id,
        createdAt: this.clock.nowIso(),
        continuesDecisionId: continues ?? null,
      });
      const at = { municipalityCode: body.municipalityCode, decisionId };
      for (const m of markings) await this.secrets.mark(wtx, actor, at, m);
      return this.getDecision(decisionId, wtx);
    });
  }

  /**
   * A decision; `within` a write, as that write sees it (its answer, see answer-reader.ts); else read in two prepared
   * statements on a read connection (decision-read.ts).
   */
  async getDecision(id: string, within?: WorkflowTx): Promise<DecisionView> {
    if (!within) {
      const view = await (this.reader ??= new DecisionRead(this.db, this.engine)).get(id);
      return withClosedDoors({ ...view, secrecy: await this.secrets.markingsOf(id) });
    }
    const read = answerReader(this.db, this.engine, within);
    const rows = await read.rows(async (tx) => {
      const decision = await tx.findOne(DecisionEntity, { where: { id } });
      if (!decision) throw notFound(`Decision ${id}`, `Beslutet ${id}`);
      return {
        decision,
        municipality: await this.municipalities.get(tx, decision.municipalityCode),
        body: decision.bodyId ? await tx.findOne(BodyEntity, { where: { id: decision.bodyId } }) : null,
        meeting: decision.meetingId ? await tx.findOne(MeetingEntity, { where: { id: decision.meetingId } }) : null,
        matter: decision.matterId ? await tx.findOne(MatterEntity, { where: { id: decision.matterId } }) : null,
        drove: await WorkflowLinks.from(tx, decisionCauseKey(id), 'drives'),
        ...(await continuationLinks(tx, decision)),
      };
    });
    const workflowId = rows.decision.workflowId;
    const instance = workflowId ? ((await read.views([workflowId])).get(workflowId) ?? null) : null;
    if (workflowId && !instance) throw notFound(`Workflow ${workflowId}`, `Arbetsflödet ${workflowId}`);
    return withClosedDoors({ ...decisionView(rows, instance), secrecy: await this.secrets.markingsOf(id, within.tx) });
  }

  /**
   * A protocol event for one paragraph. When the court annuls the decision (APPEAL_DECIDED ANNULLED), the engine
   * compensates every workflow it drove in the same transaction (the protocol machine's `causes`, R-C11).
   */
  async recordProtocolEvent(
    decisionId: string,
    body: unknown,
    actor: Actor,
    idempotencyKey?: string,
  ): Promise<DecisionEventResultView> {
    const decision = await this.db.read((tx) => tx.findOne(DecisionEntity, { where: { id: decisionId } }));
    if (!decision) throw notFound(`Decision ${decisionId}`, `Beslutet ${decisionId}`);
    assertActsFor(actor, decision.municipalityCode);
    if (!decision.workflowId) throw minimalRecord();
    const workflowId = decision.workflowId;
    const parsed = parseEventBody(body, PROTOCOL_EVENT_DTOS);
    const { expectedVersion, ...event } = parsed as typeof parsed & { expectedVersion?: number };
    const fingerprint = idempotencyKey ? requestFingerprint(event) : undefined;
    const options = { expectedVersion, idempotencyKey, requestFingerprint: fingerprint };
    return this.engine.write(
      { instanceId: workflowId, actor, eventType: event.type },
      async (wtx) => {
        const named = await this.signed(
          wtx,
          decision,
          await this.persons.event(wtx.tx, decision.meetingId, event, decision.id),
        );
        const r = await wtx.send(workflowId, named, actor, options);
        if (event.type === 'PARAGRAPH_AMENDED' && !r.replayed)
          await this.applyAmendment(wtx, decision, (named as unknown as { paragraph: DecisionParagraph }).paragraph);
        return { ...(await this.getDecision(decisionId, wtx)), compensations: r.caused };
      },
      { expectedVersion, idempotencyKey },
    );
  }

  /** R-I2: an omedelbar justering of one paragraph is signed like the meeting's (justeringSigners). */
  private async signed<E extends { type: string }>(wtx: WorkflowTx, decision: DecisionEntity, event: E): Promise<E> {
    if (event.type !== 'JUSTERAT' || !decision.meetingId) return event;
    const meeting = await DecisionRows.meeting(wtx.tx, decision.meetingId);
    const given = event as unknown as { chair?: string; justerare: string[] };
    const signers = justeringSigners(JSON.parse(meeting.attendees) as Attendee[], given);
    if ('code' in signers) throw ruleRefused(signers);
    return { ...event, ...signers };
  }

  /** An amended draft: the decision row follows the paragraph (number, subject, collaboration, document version, matter). */
  private async applyAmendment(wtx: WorkflowTx, decision: DecisionEntity, p: DecisionParagraph): Promise<void> {
    const { tx } = wtx;
    await this.references.assertVersionExists(tx, p.documentVersionId);
    if (p.paragraphNumber !== decision.paragraphNumber)
      await this.assertParagraphFree(tx, decision.meetingId!, p.paragraphNumber);
    await tx.update(
      DecisionEntity,
      { id: decision.id },
      {
        paragraphNumber: p.paragraphNumber,
        subject: p.subject,
        collaboration: p.collaboration ?? null,
        documentVersionId: p.documentVersionId ?? null,
        matterId: await this.amendedMatter(wtx, decision, p),
      },
    );
  }

  /** The amended paragraph's matter, held to the minority right of that matter (R-H16). */
  private async amendedMatter(wtx: WorkflowTx, decision: DecisionEntity, p: DecisionParagraph) {
    const matterId = await DecisionRows.upsertMatter(wtx.tx, decision.municipalityCode, p.matter);
    await assertMinorityOnce(wtx, matterId, decision.id, p);
    return matterId;
  }

  /** Fans a meeting's justering out to each paragraph waiting for it (omedelbart justerade ones already are). */
  async justeraMeeting(meetingId: string, dto: MeetingJusteringDto, actor: Actor): Promise<MeetingView> {
    const event = plainJson({
      type: 'JUSTERAT',
      justeradOn: dto.justeradOn,
      justerare: dto.justerare,
      chair: dto.chair,
      example: dto.example,
    });
    return this.fanOut(
      meetingId,
      actor,
      event,
      'NOTHING_TO_JUSTERA',
      'No paragraph of this meeting is waiting for justering.',
      'Ingen paragraf i detta sammanträde väntar på justering.',
      // R-I2: the chair signs beside the justerare (as the attendees name them: markers where committed)
      (named, attendees) => {
        const signers = justeringSigners(attendees, named as unknown as { chair?: string; justerare: string[] });
        if ('code' in signers) throw ruleRefused(signers);
        return { ...named, ...signers };
      },
    );
  }

  /** Fans the anslag of the justerat protocol out to each justerat paragraph. */
  async anslaMeeting(meetingId: string, dto: MeetingAnslagDto, actor: Actor): Promise<MeetingView> {
    const event = plainJson({
      type: 'ANSLAG_POSTED',
      anslagOn: dto.anslagOn,
      noticeBoard: dto.noticeBoard,
      // R-I4: where the protocol is kept, and the day the anslag comes down (the appeal period's last day unless given)
      keptAt: dto.keptAt,
      takenDownOn: dto.takenDownOn,
      example: dto.example,
    });
    return this.fanOut(
      meetingId,
      actor,
      event,
      'NOTHING_TO_ANSLA',
      'No justerat paragraph of this meeting is waiting for its anslag.',
      'Ingen justerad paragraf i detta sammanträde väntar på anslag.',
    );
  }

  /** The event goes to every paragraph of the meeting whose protocol machine takes it in its state now; answers the meeting. */
  private async fanOut(
    meetingId: string,
    actor: Actor,
    event: { type: string; [k: string]: unknown },
    emptyCode: 'NOTHING_TO_JUSTERA' | 'NOTHING_TO_ANSLA',
    emptyEn: string,
    emptySv: string,
    prepare: (named: typeof event, attendees: Attendee[]) => typeof event = (named) => named,
  ): Promise<MeetingView> {
    const meeting = await this.db.read((tx) => DecisionRows.meeting(tx, meetingId));
    assertActsFor(actor, meeting.municipalityCode);
    return this.engine.transaction(async (wtx: WorkflowTx) => {
      const decisions = await wtx.tx.find(DecisionEntity, { where: { meetingId }, order: { createdAt: 'ASC' } });
      const views = await wtx.views(decisions.map((d) => d.workflowId!).filter(Boolean));
      const waiting = decisions.filter(
        (d) => d.workflowId && views.get(d.workflowId)?.allowedEvents.includes(event.type),
      );
      if (!waiting.length) throw new AppError('CONFLICT', emptyCode, emptyEn, emptySv);
      const named = prepare(
        await this.persons.event(wtx.tx, meetingId, event),
        JSON.parse(meeting.attendees) as Attendee[],
      );
      for (const d of waiting) await wtx.send(d.workflowId!, named, actor);
      return this.getMeeting(meetingId, wtx);
    });
  }

  // ------------------------------------------------------------ helpers

  private async assertParagraphFree(tx: Tx, meetingId: string, paragraphNumber: string): Promise<void> {
    if (await tx.findOne(DecisionEntity, { where: { meetingId, paragraphNumber } })) {
      throw new AppError(
        'CONFLICT',
        'PARAGRAPH_EXISTS',
        `${paragraphNumber} is already recorded for this meeting.`,
        `${paragraphNumber} är redan registrerad för detta sammanträde.`,
      );
    }
  }
}
