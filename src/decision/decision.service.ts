import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { EntityManager } from 'typeorm';
import { anslagDeadline, justeringDeadline } from '../../machines/calendar/calendar';
import { checkDecisionDrives, checkParagraph, organOfBody, parseDiarienummer, SUBJECT_OF_MEMBERSHIP_EVENT, withoutLateMotivations } from '../../machines/protocol/decision.rules';
import type { DecisionParagraph, MeetingFacts } from '../../machines/protocol/decision.types';
import type { DecisionRef } from '../../machines/membership/membership.types';
import { protocolDefinition } from '../../machines/protocol/protocol.machine';
import { protocolStatusOf } from '../../machines/protocol/protocol.rules';
import type { ProtocolContext } from '../../machines/protocol/protocol.types';
import { requestFingerprint } from '../common/sha256';
import { assertActsFor, assertMaySend } from '../auth/access';
import { AppError, notFound } from '../common/errors';
import { parseEventBody } from '../common/event-body';
import { MunicipalityEntity } from '../collaboration/municipality.entity';
import { Db } from '../database/db';
import { DocumentVersionEntity } from '../document/document.entities';
import { SYSTEM_ACTOR, type Actor } from '../workflow/actor';
import { Clock } from '../workflow/clock';
import { WorkflowEngine } from '../workflow/workflow-engine.service';
import { WorkflowInstanceEntity } from '../workflow/workflow-instance.entity';
import type { InstanceView } from '../workflow/workflow.types';
import { BodyEntity, DecisionEffectEntity, DecisionEntity, MatterEntity, MeetingEntity } from './decision.entities';
import type { DecisionView } from './decision.views';
import type { CreateBodyDto, CreateMeetingDto, MeetingAnslagDto, MeetingJusteringDto, RecordParagraphDto } from './dto/decision.dto';
import { PROTOCOL_EVENT_DTOS } from './dto/protocol-event.dto';


const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/**
 * Decision records as the clerks keep them (issue 3): bodies, meetings, paragraphs with their protocol lifecycle,
 * and the link from a decision to the workflows it drives (D10) and their compensation when it is annulled (R-C11).
 */
@Injectable()
export class DecisionService {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
  ) {}

  // ------------------------------------------------------------ bodies and meetings

  async createBody(code: string, dto: CreateBodyDto, actor: Actor) {
    assertActsFor(actor, code);
    return this.engine.write(async (m) => {
      await this.findMunicipality(m, code);
      if (await m.findOne(BodyEntity, { where: { municipalityCode: code, name: dto.name } })) {
        throw new AppError('CONFLICT', 'BODY_EXISTS', `${dto.name} already exists in ${code}.`, `${dto.name} finns redan i ${code}.`);
      }
      const body = m.create(BodyEntity, { id: randomUUID(), municipalityCode: code, kind: dto.kind, name: dto.name, memberCount: dto.memberCount, createdAt: this.clock.nowIso() });
      await m.insert(BodyEntity, body);
      return bodyView(body);
    });
  }

  async listBodies(code: string) {
    return this.db.read(async (m) => {
      await this.findMunicipality(m, code);
      return (await m.find(BodyEntity, { where: { municipalityCode: code }, order: { name: 'ASC' } })).map(bodyView);
    });
  }

  async createMeeting(bodyId: string, dto: CreateMeetingDto, actor: Actor) {
    const id = await this.engine.write(async (m) => {
      const body = await this.findBody(m, bodyId);
      assertActsFor(actor, body.municipalityCode);
      const names = dto.attendees.map((a) => a.name);
      const dup = names.find((n, i) => names.indexOf(n) !== i);
      if (dup) throw new AppError('BAD_INPUT', 'VALIDATION_FAILED', `attendees: ${dup} is listed twice`, `attendees: ${dup} finns med två gånger`, undefined, { fields: [{ field: 'attendees', reason: `${dup} is listed twice`, reasonSv: `${dup} finns med två gånger` }] });
      if (dto.attendees.filter((a) => a.chair).length > 1) {
        throw new AppError('BAD_INPUT', 'VALIDATION_FAILED', 'attendees: only one chair', 'attendees: endast en ordförande', undefined, { fields: [{ field: 'attendees', reason: 'only one chair', reasonSv: 'endast en ordförande' }] });
      }
      const meeting = m.create(MeetingEntity, {
        id: randomUUID(),
        bodyId,
        municipalityCode: body.municipalityCode,
        date: dto.date,
        place: dto.place ?? null,
        attendees: JSON.stringify(plain(dto.attendees)),
        closedAt: dto.closedAt ?? null,
        justeringAt: dto.justeringAt ?? null,
        secretary: dto.secretary ?? null,
        createdAt: this.clock.nowIso(),
      });
      await m.insert(MeetingEntity, meeting);
      return meeting.id;
    });
    return this.getMeeting(id);
  }

  async getMeeting(id: string) {
    const { meeting, body, decisions } = await this.db.read(async (m) => {
      const meeting = await this.findMeeting(m, id);
      const body = await this.findBody(m, meeting.bodyId);
      const decisions = await m.find(DecisionEntity, { where: { meetingId: id }, order: { createdAt: 'ASC' } });
      return { meeting, body, decisions };
    });
    const views = await this.engine.getMany(decisions.map((d) => d.workflowId!).filter(Boolean));
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
      attendees: facts.attendees,
      deadlines: { justeringDeadline: justeringDeadline(meeting.date).date },
      paragraphs: decisions.map((d) => {
        const v = d.workflowId ? views.get(d.workflowId) : undefined;
        return { id: d.id, paragraphNumber: d.paragraphNumber, subject: d.subject, status: v ? protocolStatusOf(v.state) : 'RECORDED', workflowId: d.workflowId };
      }),
    };
  }

  /** A municipality's decisions, newest first, with their protocol status. */
  async listDecisions(code: string) {
    const decisions = await this.db.read(async (m) => {
      await this.findMunicipality(m, code);
      return m.find(DecisionEntity, { where: { municipalityCode: code }, order: { decidedOn: 'DESC', createdAt: 'DESC' } });
    });
    const views = await this.engine.getMany(decisions.map((d) => d.workflowId!).filter(Boolean));
    return decisions.map((d) => {
      const v = d.workflowId ? views.get(d.workflowId) : undefined;
      return {
        id: d.id,
        organ: d.organ,
        decidedOn: d.decidedOn,
        paragraphNumber: d.paragraphNumber,
        subject: d.subject,
        collaboration: d.collaboration,
        minimal: d.minimal,
        status: v ? protocolStatusOf(v.state) : 'RECORDED',
        meetingId: d.meetingId,
        workflowId: d.workflowId,
      };
    });
  }

  // ------------------------------------------------------------ paragraphs

  /** Records a paragraph (§) of a meeting, after every rule of RULEBOOK H holds (quorum, votes, reservations). */
  async recordParagraph(meetingId: string, dto: RecordParagraphDto, actor: Actor): Promise<DecisionView> {
    const id = await this.engine.write(async (m) => {
      const meeting = await this.findMeeting(m, meetingId);
      const body = await this.findBody(m, meeting.bodyId);
      assertActsFor(actor, body.municipalityCode);
      const facts = meetingFacts(meeting, body);
      const recorded = plain(dto) as DecisionParagraph;
      throwIfRefused(checkParagraph(facts, recorded));
      const { paragraph, warnings } = withoutLateMotivations(facts, recorded);
      if (dto.documentVersionId && !(await m.findOne(DocumentVersionEntity, { where: { id: dto.documentVersionId } }))) {
        throw notFound(`Document version ${dto.documentVersionId}`, `Dokumentversionen ${dto.documentVersionId}`);
      }
      if (await m.findOne(DecisionEntity, { where: { meetingId, paragraphNumber: dto.paragraphNumber } })) {
        throw new AppError('CONFLICT', 'PARAGRAPH_EXISTS', `${dto.paragraphNumber} is already recorded for this meeting.`, `${dto.paragraphNumber} är redan registrerad för detta sammanträde.`);
      }
      const matterId = await this.upsertMatter(m, body.municipalityCode, paragraph.matter);
      const decisionId = randomUUID();
      const input = warnings.length ? { decisionId, meeting: facts, paragraph, warnings } : { decisionId, meeting: facts, paragraph };
      const workflow = await this.engine.create(protocolDefinition.id, input, `decision:${body.municipalityCode}:${decisionId}`, actor, m);
      await m.insert(DecisionEntity, {
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
      });
      return decisionId;
    });
    return this.getDecision(id);
  }

  async getDecision(id: string): Promise<DecisionView> {
    const rows = await this.db.read(async (m) => {
      const decision = await m.findOne(DecisionEntity, { where: { id } });
      if (!decision) throw notFound(`Decision ${id}`, `Beslutet ${id}`);
      const municipality = (await m.findOne(MunicipalityEntity, { where: { code: decision.municipalityCode } }))!;
      const body = decision.bodyId ? await m.findOne(BodyEntity, { where: { id: decision.bodyId } }) : null;
      const meeting = decision.meetingId ? await m.findOne(MeetingEntity, { where: { id: decision.meetingId } }) : null;
      const matter = decision.matterId ? await m.findOne(MatterEntity, { where: { id: decision.matterId } }) : null;
      const effects = await m.find(DecisionEffectEntity, { where: { decisionId: id }, order: { id: 'ASC' } });
      return { decision, municipality, body, meeting, matter, effects };
    });
    const instance = rows.decision.workflowId ? await this.engine.get(rows.decision.workflowId) : null;
    return decisionView(rows, instance);
  }

  /**
   * A protocol event for one paragraph. When the court annuls the decision (APPEAL_DECIDED ANNULLED), every
   * workflow it drove gets a compensating DECISION_ANNULLED in the same transaction, naming the annulment (R-C11).
   */
  async recordProtocolEvent(decisionId: string, body: unknown, actor: Actor, idempotencyKey?: string) {
    const decision = await this.db.read((m) => m.findOne(DecisionEntity, { where: { id: decisionId } }));
    if (!decision) throw notFound(`Decision ${decisionId}`, `Beslutet ${decisionId}`);
    assertActsFor(actor, decision.municipalityCode);
    if (!decision.workflowId) {
      throw new AppError('CONFLICT', 'MINIMAL_RECORD', 'This decision was recorded only minimally (inline in a membership event) and has no protocol lifecycle; record its paragraph in full.', 'Beslutet är bara minimalt registrerat (direkt i en medlemskapshändelse) och saknar protokollförlopp; registrera paragrafen i sin helhet.');
    }
    const parsed = parseEventBody(body, PROTOCOL_EVENT_DTOS);
    const { expectedVersion, ...event } = parsed as typeof parsed & { expectedVersion?: number };
    assertMaySend(actor, protocolDefinition.eventRoles, event.type);
    const fingerprint = idempotencyKey ? requestFingerprint(event) : undefined;
    const compensations = await this.engine.writeFor(decision.workflowId, async (m) => {
      const head = await m.findOne(WorkflowInstanceEntity, { where: { id: decision.workflowId! } });
      // A draft's amendment is checked like a new paragraph; after justering the machine refuses it (PARAGRAPH_JUSTERAD).
      if (event.type === 'PARAGRAPH_AMENDED' && head?.state === 'draft') {
        const meeting = await this.findMeeting(m, decision.meetingId!);
        const facts = meetingFacts(meeting, await this.findBody(m, meeting.bodyId));
        const amended = (event as any).paragraph as DecisionParagraph;
        throwIfRefused(checkParagraph(facts, amended) ?? withoutLateMotivations(facts, amended).warnings[0] ?? null);
      }
      const result = await this.engine.sendInTransaction(m, decision.workflowId!, event, actor, { expectedVersion, idempotencyKey, requestFingerprint: fingerprint });
      if (event.type === 'PARAGRAPH_AMENDED' && !result.replayed) await this.applyAmendment(m, decision, (event as any).paragraph);
      if (result.instance.state !== 'annulled' || result.replayed) return [];
      return this.compensate(m, decision, result.transition.seq, event as any);
    }, expectedVersion, idempotencyKey);
    return { ...(await this.getDecision(decisionId)), compensations };
  }

  /** An amended draft: the decision row follows the paragraph (number, subject, collaboration, document version, matter). */
  private async applyAmendment(m: EntityManager, decision: DecisionEntity, p: DecisionParagraph): Promise<void> {
    if (p.documentVersionId && !(await m.findOne(DocumentVersionEntity, { where: { id: p.documentVersionId } }))) {
      throw notFound(`Document version ${p.documentVersionId}`, `Dokumentversionen ${p.documentVersionId}`);
    }
    if (p.paragraphNumber !== decision.paragraphNumber && (await m.findOne(DecisionEntity, { where: { meetingId: decision.meetingId!, paragraphNumber: p.paragraphNumber } }))) {
      throw new AppError('CONFLICT', 'PARAGRAPH_EXISTS', `${p.paragraphNumber} is already recorded for this meeting.`, `${p.paragraphNumber} är redan registrerad för detta sammanträde.`);
    }
    await m.update(DecisionEntity, { id: decision.id }, {
      paragraphNumber: p.paragraphNumber,
      subject: p.subject,
      collaboration: p.collaboration ?? null,
      documentVersionId: p.documentVersionId ?? null,
      matterId: await this.upsertMatter(m, decision.municipalityCode, p.matter),
    });
  }

  /** R-C11: every workflow this decision drove gets a compensating transition that names the annulment. */
  private async compensate(m: EntityManager, decision: DecisionEntity, annulmentSeq: number, event: { decidedOn: string; court?: string; caseNumber?: string }) {
    const effects = await m.find(DecisionEffectEntity, { where: { decisionId: decision.id }, order: { id: 'ASC' } });
    const done = new Set<string>();
    const out: { workflowId: string; seq?: number; refused?: { code: string; message: string; messageSv: string } }[] = [];
    for (const effect of effects) {
      if (done.has(effect.workflowId)) continue;
      done.add(effect.workflowId);
      const cause = `Upphävt av ${event.court ?? 'förvaltningsrätten'}${event.caseNumber ? ` (${event.caseNumber})` : ''} ${event.decidedOn}: protokollförlopp ${decision.workflowId} seq ${annulmentSeq}`;
      try {
        const r = await this.engine.sendInTransaction(m, effect.workflowId, { type: 'DECISION_ANNULLED', decisionId: decision.id, annulledOn: event.decidedOn, cause }, SYSTEM_ACTOR);
        out.push({ workflowId: effect.workflowId, seq: r.transition.seq });
      } catch (error) {
        // The annulment stands even if the workflow has moved on; the answer says which could not be compensated.
        if (!(error instanceof AppError)) throw error;
        out.push({ workflowId: effect.workflowId, refused: { code: error.code, message: error.message, messageSv: error.messageSv } });
      }
    }
    return out;
  }

  /** Fans a meeting's justering out to each paragraph still in draft (omedelbart justerade ones already are). */
  async justeraMeeting(meetingId: string, dto: MeetingJusteringDto, actor: Actor) {
    await this.fanOut(meetingId, actor, 'draft', { type: 'JUSTERAT', justeradOn: dto.justeradOn, justerare: dto.justerare }, 'NOTHING_TO_JUSTERA', 'No paragraph of this meeting is waiting for justering.', 'Ingen paragraf i detta sammanträde väntar på justering.');
    return this.getMeeting(meetingId);
  }

  /** Fans the anslag of the justerat protocol out to each justerat paragraph. */
  async anslåMeeting(meetingId: string, dto: MeetingAnslagDto, actor: Actor) {
    await this.fanOut(meetingId, actor, 'justerat', plain({ type: 'ANSLAG_POSTED', anslagOn: dto.anslagOn, noticeBoard: dto.noticeBoard }), 'NOTHING_TO_ANSLÅ', 'No justerat paragraph of this meeting is waiting for its anslag.', 'Ingen justerad paragraf i detta sammanträde väntar på anslag.');
    return this.getMeeting(meetingId);
  }

  private async fanOut(meetingId: string, actor: Actor, fromState: string, event: { type: string; [k: string]: unknown }, emptyCode: string, emptyEn: string, emptySv: string) {
    const meeting = await this.db.read((m) => this.findMeeting(m, meetingId));
    assertActsFor(actor, meeting.municipalityCode);
    assertMaySend(actor, protocolDefinition.eventRoles, event.type);
    await this.engine.write(async (m) => {
      const decisions = await m.find(DecisionEntity, { where: { meetingId }, order: { createdAt: 'ASC' } });
      const views = await this.engine.getMany(decisions.map((d) => d.workflowId!).filter(Boolean), m);
      const waiting = decisions.filter((d) => d.workflowId && views.get(d.workflowId)?.state === fromState);
      if (!waiting.length) throw new AppError('CONFLICT', emptyCode, emptyEn, emptySv);
      for (const d of waiting) await this.engine.sendInTransaction(m, d.workflowId!, event, actor);
    });
  }

  // ------------------------------------------------------------ decisions driving workflows (D10)

  /**
   * The decision a membership event references: the right municipality, collaboration and subject, justerat (D10)
   * and not annulled (R-C11). The organ is left to the membership rules (WRONG_DECISION_ORGAN, R-B2, R-C1).
   */
  async resolveForMembership(m: EntityManager, decisionId: string, code: string, slug: string, eventType: string): Promise<DecisionRef> {
    const decision = await m.findOne(DecisionEntity, { where: { id: decisionId } });
    if (!decision) throw notFound(`Decision ${decisionId}`, `Beslutet ${decisionId}`);
    const protocolState = decision.workflowId ? (await m.findOne(WorkflowInstanceEntity, { where: { id: decision.workflowId }, select: { state: true } }))!.state : null;
    const refused = checkDecisionDrives(
      { municipalityCode: decision.municipalityCode, collaboration: decision.collaboration, subject: decision.subject, protocolState },
      { municipalityCode: code, collaboration: slug, eventType },
    );
    if (refused) throw new AppError('RULE_REFUSED', refused.code, refused.message, refused.messageSv, refused.ruleId, { decisionId });
    let documentHash: string | undefined;
    if (decision.documentVersionId) documentHash = (await m.findOne(DocumentVersionEntity, { where: { id: decision.documentVersionId } }))?.sha256;
    const ref: DecisionRef = { organ: decision.organ as DecisionRef['organ'], date: decision.decidedOn, decisionId: decision.id };
    if (decision.paragraphNumber) ref.paragraph = decision.paragraphNumber;
    if (decision.matterId) ref.diarienummer = (await m.findOne(MatterEntity, { where: { id: decision.matterId } }))?.diarienummer;
    if (documentHash) ref.documentHash = documentHash;
    return plain(ref);
  }

  /** The inline form keeps working: it creates a minimal decision record (no protocol lifecycle). */
  async createMinimal(m: EntityManager, code: string, slug: string, eventType: string, decision: DecisionRef, stableId?: string): Promise<string> {
    const id = stableId ?? randomUUID();
    if (stableId && (await m.findOne(DecisionEntity, { where: { id } }))) return id;
    const matterId = decision.diarienummer ? await this.upsertMatter(m, code, { title: `${eventType} (${slug})`, diarienummer: decision.diarienummer }) : null;
    await m.insert(DecisionEntity, {
      id,
      municipalityCode: code,
      bodyId: null,
      meetingId: null,
      matterId,
      organ: decision.organ,
      decidedOn: decision.date,
      paragraphNumber: decision.paragraph ?? null,
      subject: SUBJECT_OF_MEMBERSHIP_EVENT[eventType] ?? 'OTHER',
      collaboration: slug,
      documentVersionId: null,
      minimal: true,
      workflowId: null,
      createdAt: this.clock.nowIso(),
    });
    return id;
  }

  async recordEffect(m: EntityManager, decisionId: string, workflowId: string, eventType: string, seq: number): Promise<void> {
    await m.insert(DecisionEffectEntity, { decisionId, workflowId, eventType, seq });
  }

  // ------------------------------------------------------------ helpers

  private async upsertMatter(m: EntityManager, code: string, matter: { title: string; diarienummer?: string; diarium?: string }): Promise<string | null> {
    if (!matter.diarienummer) return null;
    const diarium = matter.diarium ?? 'main';
    const existing = await m.findOne(MatterEntity, { where: { municipalityCode: code, diarium, diarienummer: matter.diarienummer } });
    if (existing) return existing.id;
    const id = randomUUID();
    await m.insert(MatterEntity, { id, municipalityCode: code, diarium, diarienummer: matter.diarienummer, parsed: JSON.stringify(parseDiarienummer(matter.diarienummer)), title: matter.title });
    return id;
  }

  private async findMunicipality(m: EntityManager, code: string) {
    const municipality = await m.findOne(MunicipalityEntity, { where: { code } });
    if (!municipality) throw new AppError('NOT_FOUND', 'UNKNOWN_MUNICIPALITY', `No municipality with code ${code}.`, `Ingen kommun med kod ${code}.`);
    return municipality;
  }

  private async findBody(m: EntityManager, id: string) {
    const body = await m.findOne(BodyEntity, { where: { id } });
    if (!body) throw notFound(`Body ${id}`, `Organet ${id}`);
    return body;
  }

  private async findMeeting(m: EntityManager, id: string) {
    const meeting = await m.findOne(MeetingEntity, { where: { id } });
    if (!meeting) throw notFound(`Meeting ${id}`, `Sammanträdet ${id}`);
    return meeting;
  }
}


function throwIfRefused(r: ReturnType<typeof checkParagraph>): void {
  if (r) throw new AppError('RULE_REFUSED', r.code, r.message, r.messageSv, r.ruleId, r.details);
}

function bodyView(b: BodyEntity) {
  return { id: b.id, municipalityCode: b.municipalityCode, kind: b.kind, name: b.name, memberCount: b.memberCount };
}

export function meetingFacts(meeting: MeetingEntity, body: BodyEntity): MeetingFacts {
  const facts: MeetingFacts = {
    bodyKind: body.kind as MeetingFacts['bodyKind'],
    bodyName: body.name,
    memberCount: body.memberCount,
    municipality: body.municipalityCode,
    date: meeting.date,
    attendees: JSON.parse(meeting.attendees),
  };
  if (meeting.closedAt) facts.closedAt = meeting.closedAt;
  if (meeting.justeringAt) facts.justeringAt = meeting.justeringAt;
  return facts;
}

function decisionView(
  rows: { decision: DecisionEntity; municipality: MunicipalityEntity; body: BodyEntity | null; meeting: MeetingEntity | null; matter: MatterEntity | null; effects: DecisionEffectEntity[] },
  instance: InstanceView | null,
): DecisionView {
  const { decision, municipality, body, meeting, matter, effects } = rows;
  const c = instance?.context as ProtocolContext | undefined;
  const view: DecisionView = {
    id: decision.id,
    municipality: { code: municipality.code, name: municipality.name },
    body: body ? bodyView(body) : null,
    meeting: meeting ? { id: meeting.id, date: meeting.date, place: meeting.place, secretary: meeting.secretary, attendees: JSON.parse(meeting.attendees) } : null,
    organ: decision.organ,
    decidedOn: decision.decidedOn,
    paragraphNumber: decision.paragraphNumber,
    subject: decision.subject,
    collaboration: decision.collaboration,
    matter: matter ? { title: matter.title, diarienummer: matter.diarienummer, diarium: matter.diarium, parsed: JSON.parse(matter.parsed) } : c ? { title: c.paragraph.matter.title } : null,
    documentVersionId: decision.documentVersionId,
    minimal: decision.minimal,
    status: instance ? protocolStatusOf(instance.state) : 'RECORDED',
    state: instance?.state ?? null,
    version: instance?.version ?? null,
    workflowId: decision.workflowId,
    paragraph: c?.paragraph ?? null,
    corrections: c?.corrections ?? [],
    motivations: c?.motivations ?? [],
    warnings: c?.warnings ?? [],
    deadlines: {},
    allowedEvents: instance?.allowedEvents ?? [],
    drove: effects.map((e) => ({ workflowId: e.workflowId, eventType: e.eventType, seq: e.seq })),
  };
  if (c) {
    for (const key of ['justeradOn', 'justerare', 'immediate', 'anslagOn', 'noticeBoard', 'appealLastDay', 'finalFrom', 'appeal', 'outcome'] as const) {
      if (c[key] !== undefined) (view as any)[key] = c[key];
    }
    // D8, R-L7: plain calendar days, never moved; a deadline on a non-vardag is noted, not extended.
    const deadlines = [['justeringDeadline', justeringDeadline(c.meeting.date)], ...(c.justeradOn ? [['anslagDeadline', anslagDeadline(c.justeradOn)] as const] : [])] as const;
    for (const [key, d] of deadlines) {
      view.deadlines[key] = d.date;
      if (d.warning) (view.deadlines.notes ??= []).push({ deadline: key, date: d.date, code: d.warning.code, ruleId: 'R-L7', message: d.warning.en, messageSv: d.warning.sv });
    }
  }
  return view;
}

