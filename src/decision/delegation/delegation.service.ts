import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { compareDates } from '../../../machines/calendar/calendar';
import {
  anmalanParagraph,
  anmalanWarnings,
  checkAnmalan,
  checkAnmalanAllowed,
  checkDelegationBody,
  checkOwnNoticeAllowed,
  delegationReport,
  ownNoticeParagraph,
} from '../../../machines/delegation/delegation.rules';
import type { DelegationFacts, DelegationKind } from '../../../machines/delegation/delegation.types';
import { organOfBody } from '../../../machines/protocol/decision.rules';
import { PROTOCOL_MACHINE_ID } from '../../../machines/protocol/protocol.machine';
import type { ProtocolContext, ProtocolInput } from '../../../machines/protocol/protocol.types';
import { registerRecords } from '../../audit/record-register';
import { assertActsFor } from '../../auth/access';
import { AppError, notFound } from '../../common/errors';
import { validationFailed } from '../../common/validation';
import { Db, type Tx } from '../../database/db';
import { delegationScope, PersonalDataService } from '../../personal-data/personal-data.service';
import type { Actor } from '../../workflow/actor';
import { Clock } from '../../workflow/clock';
import { WorkflowEngine } from '../../workflow/engine/workflow-engine.service';
import type { WorkflowTx } from '../../workflow/engine/workflow-tx';
import { DecisionEntity, MeetingEntity, type BodyEntity } from '../decision.entities';
import { meetingFacts } from '../decision.mapping';
import { DecisionRows } from '../decision.repository';
import { DecisionService } from '../decision.service';
import { DelegationDecisionView } from './delegation.views';
import { DelegationDecisionEntity } from './delegation.entity';
import type {
  AnnounceDelegationDecisionDto,
  RecordDelegationDecisionDto,
  ReportDelegationDecisionDto,
} from './delegation.dto';

/**
 * Delegationsbeslut and ordförandebeslut (KL 6 kap. 37–40 §§; R-I9, R-H17): recorded by a clerk (the row is hashed
 * into the log), then reported (anmält) at a meeting of the body the delegationsordning says. The anmälan is a
 * paragraph of that meeting with its own protocol workflow (genesis: the meeting's facts and the delegationsbeslut),
 * so the meeting's justering and anslag reach it like every paragraph (DecisionService.fanOut) and its appeal clock
 * is the protocol machine's, counted from that protocol's anslag.
 */
@Injectable()
export class DelegationService {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
    private readonly personal: PersonalDataService,
    private readonly decisions: DecisionService,
  ) {}

  async record(bodyId: string, dto: RecordDelegationDecisionDto, actor: Actor): Promise<DelegationDecisionView> {
    return this.engine.transaction(async (wtx) => {
      const { tx } = wtx;
      const body = await DecisionRows.body(tx, bodyId);
      assertActsFor(actor, body.municipalityCode);
      throwIfRefused(checkDelegationBody(body.kind, dto.kind));
      const reportTo = dto.reportToBodyId ? await DecisionRows.body(tx, dto.reportToBodyId) : body;
      if (reportTo.municipalityCode !== body.municipalityCode)
        throw validationFailed([
          {
            field: 'reportToBodyId',
            reason: 'a body of the same municipality',
            reasonSv: 'ett organ i samma kommun',
          },
        ]);
      const id = randomUUID();
      const f = await this.personal.markers(tx, delegationScope(id), [dto.delegate.name]);
      const row: DelegationDecisionEntity = {
        id,
        municipalityCode: body.municipalityCode,
        bodyId: body.id,
        reportToBodyId: reportTo.id,
        kind: dto.kind,
        number: dto.number,
        delegate: f(dto.delegate.name),
        delegateTitle: dto.delegate.title ?? null,
        point: dto.point,
        decidedOn: dto.decidedOn,
        matterTitle: dto.matter.title,
        diarienummer: dto.matter.diarienummer ?? null,
        diarium: dto.matter.diarium ?? null,
        decisionText: dto.decision,
        createdAt: this.clock.nowIso(),
      };
      await tx.insert(DelegationDecisionEntity, row);
      await registerRecords(wtx, actor, body.municipalityCode, [{ table: 'delegation_decision', row }]);
      return this.view(row.id, wtx);
    });
  }

  /** The anmälan at a meeting (KL 6 kap. 40 §): a paragraph of it, justerat and anslaget with its protocol (R-I9). */
  async report(id: string, dto: ReportDelegationDecisionDto, actor: Actor): Promise<DelegationDecisionView> {
    return this.engine.transaction(async (wtx) => {
      const { tx } = wtx;
      const row = await rowOf(tx, id);
      assertActsFor(actor, row.municipalityCode);
      const existing = await tx.findOne(DecisionEntity, { where: { id } });
      // R-I9: announced on its own (no meeting), it is not reported as well
      throwIfRefused(checkAnmalanAllowed(!!existing && !existing.meetingId));
      if (existing)
        throw new AppError(
          'CONFLICT',
          'DELEGATION_ALREADY_REPORTED',
          `Delegationsbeslut ${row.number} has been reported already.`,
          `Delegationsbeslut ${row.number} är redan anmält.`,
          undefined,
          { decisionId: id },
        );
      const meeting = await DecisionRows.meeting(tx, dto.meetingId);
      const body = await DecisionRows.body(tx, meeting.bodyId);
      const delegating = await DecisionRows.body(tx, row.bodyId);
      const facts = factsOf(row, delegating);
      const between = await this.meetingsBetween(tx, row, meeting);
      const reporting = {
        id: meeting.id,
        bodyId: meeting.bodyId,
        date: meeting.date,
        justerat: await this.justerat(wtx, meeting.id),
      };
      throwIfRefused(checkAnmalan(facts, reporting, between, dto.lateReason));
      const paragraphNumber = `${dto.paragraphNumber}: ${row.number}`;
      if (await tx.findOne(DecisionEntity, { where: { meetingId: meeting.id, paragraphNumber } }))
        throw new AppError(
          'CONFLICT',
          'PARAGRAPH_EXISTS',
          `${paragraphNumber} is already recorded for this meeting.`,
          `${paragraphNumber} är redan registrerad för detta sammanträde.`,
        );
      const matter = matterOf(row);
      const matterId = await DecisionRows.upsertMatter(tx, row.municipalityCode, matter);
      const warnings = dto.lateReason ? anmalanWarnings(facts, between) : [];
      const input: ProtocolInput = {
        decisionId: id,
        meeting: meetingFacts(meeting, body),
        paragraph: anmalanParagraph(facts, paragraphNumber, matter),
        delegation: delegationReport(facts, dto.lateReason),
        ...(warnings.length ? { warnings } : {}),
      };
      const workflow = await wtx.create(PROTOCOL_MACHINE_ID, input, `decision:${row.municipalityCode}:${id}`, actor);
      await tx.insert(DecisionEntity, {
        id,
        municipalityCode: row.municipalityCode,
        bodyId: body.id,
        meetingId: meeting.id,
        matterId,
        organ: organOfBody(body.kind),
        decidedOn: row.decidedOn,
        paragraphNumber,
        subject: 'OTHER',
        collaboration: null,
        documentVersionId: null,
        minimal: false,
        workflowId: workflow.id,
        createdAt: this.clock.nowIso(),
        continuesDecisionId: null,
      });
      return this.view(id, wtx);
    });
  }

  /**
   * R-I9: the delegationsbeslut protokollfört särskilt and announced on its own on the notice board: a protocol
   * workflow of its own (no meeting; the genesis holds the deciding body dated by the decision) that the notice takes
   * from draft to anslaget, so its appeal period, appeals and laga kraft are the protocol machine's, from this notice.
   */
  async announce(id: string, dto: AnnounceDelegationDecisionDto, actor: Actor): Promise<DelegationDecisionView> {
    return this.engine.transaction(async (wtx) => {
      const { tx } = wtx;
      const row = await rowOf(tx, id);
      assertActsFor(actor, row.municipalityCode);
      const existing = await tx.findOne(DecisionEntity, { where: { id } });
      throwIfRefused(checkOwnNoticeAllowed(!!existing?.meetingId));
      if (existing)
        throw new AppError(
          'CONFLICT',
          'DELEGATION_ALREADY_ANNOUNCED',
          `Delegationsbeslut ${row.number} has been announced on the notice board already.`,
          `Delegationsbeslut ${row.number} är redan tillkännagivet på anslagstavlan.`,
          'R-I9',
          { decisionId: id },
        );
      const body = await DecisionRows.body(tx, row.bodyId);
      const facts = factsOf(row, body);
      const matter = matterOf(row);
      const matterId = await DecisionRows.upsertMatter(tx, row.municipalityCode, matter);
      const input: ProtocolInput = {
        decisionId: id,
        meeting: { ...ownBodyFacts(body), date: row.decidedOn },
        paragraph: ownNoticeParagraph(facts, matter),
        delegation: delegationReport(facts),
        ownNotice: true,
      };
      const workflow = await wtx.create(PROTOCOL_MACHINE_ID, input, `decision:${row.municipalityCode}:${id}`, actor);
      await tx.insert(DecisionEntity, {
        id,
        municipalityCode: row.municipalityCode,
        bodyId: body.id,
        meetingId: null,
        matterId,
        organ: organOfBody(body.kind),
        decidedOn: row.decidedOn,
        // its number in the delegationslista, as the notice's paragraph names it
        paragraphNumber: row.number,
        subject: 'OTHER',
        collaboration: null,
        documentVersionId: null,
        minimal: false,
        workflowId: workflow.id,
        createdAt: this.clock.nowIso(),
        continuesDecisionId: null,
      });
      const event = {
        type: 'DELEGATION_ANNOUNCED',
        postedOn: dto.postedOn,
        ...(dto.keptAt ? { keptAt: dto.keptAt } : {}),
        ...(dto.takenDownOn ? { takenDownOn: dto.takenDownOn } : {}),
      };
      await wtx.send(workflow.id, event, actor);
      return this.view(id, wtx);
    });
  }

  async get(id: string): Promise<DelegationDecisionView> {
    return this.view(id);
  }

  /** The body a page of its delegationsbeslut is of (its name and municipality), 404 if none. */
  async body(id: string): Promise<{ id: string; name: string; municipalityCode: string }> {
    const b = await this.db.read((tx) => DecisionRows.body(tx, id));
    return { id: b.id, name: b.name, municipalityCode: b.municipalityCode };
  }

  /** A body's delegationsbeslut, newest first (those it decided, and those reported to it). */
  async list(bodyId: string): Promise<DelegationDecisionView[]> {
    const ids = await this.db.read(async (tx) => {
      await DecisionRows.body(tx, bodyId);
      const rows = await tx.find(DelegationDecisionEntity, {
        where: [{ bodyId }, { reportToBodyId: bodyId }],
        order: { decidedOn: 'DESC', createdAt: 'DESC' },
      });
      return rows.map((r) => r.id);
    });
    const out: DelegationDecisionView[] = [];
    for (const id of ids) out.push(await this.view(id));
    return out;
  }

  private async view(id: string, within?: WorkflowTx): Promise<DelegationDecisionView> {
    const read = <T>(fn: (tx: Tx) => Promise<T>) => (within ? fn(within.tx) : this.db.read(fn));
    const { row, body, decision } = await read(async (tx) => {
      const row = await rowOf(tx, id);
      return {
        row,
        body: await DecisionRows.body(tx, row.bodyId),
        decision: await tx.findOne(DecisionEntity, { where: { id } }),
      };
    });
    const protocol = decision ? await this.decisions.getDecision(id, within) : null;
    // R-I9: a decision row without a meeting is its own tillkännagivande; with one, the anmälan
    const anmalan = decision?.meetingId ? protocol : null;
    const tillkannagivande = decision && !decision.meetingId ? protocol : null;
    return {
      id: row.id,
      municipalityCode: row.municipalityCode,
      body: { id: body.id, kind: body.kind, name: body.name },
      reportToBodyId: row.reportToBodyId,
      kind: row.kind as DelegationKind,
      number: row.number,
      delegate: { name: row.delegate, title: row.delegateTitle },
      point: row.point,
      decidedOn: row.decidedOn,
      matter: { title: row.matterTitle, diarienummer: row.diarienummer, diarium: row.diarium },
      decision: row.decisionText,
      status: protocol ? protocol.status : 'AWAITING_ANMALAN',
      anmalan,
      tillkannagivande,
    };
  }

  /** R-H17: the meetings of the body reported to, on or after the decision and before this meeting. */
  private async meetingsBetween(tx: Tx, row: DelegationDecisionEntity, meeting: MeetingEntity) {
    const meetings = await tx.find(MeetingEntity, { where: { bodyId: row.reportToBodyId } });
    return meetings
      .filter(
        (m) =>
          m.id !== meeting.id && compareDates(m.date, row.decidedOn) >= 0 && compareDates(m.date, meeting.date) < 0,
      )
      .map((m) => ({ id: m.id, date: m.date }));
  }

  /** Whether the meeting's protocol is justerat (a paragraph justerat with it, not on its own by omedelbar justering). */
  private async justerat(wtx: WorkflowTx, meetingId: string): Promise<boolean> {
    const paragraphs = await wtx.tx.find(DecisionEntity, { where: { meetingId } });
    const views = await wtx.views(paragraphs.map((d) => d.workflowId!).filter(Boolean));
    return [...views.values()].some((v) => {
      const c = v.context as ProtocolContext;
      return !!c.justeradOn && !c.immediate;
    });
  }
}

async function rowOf(tx: Tx, id: string): Promise<DelegationDecisionEntity> {
  const row = await tx.findOne(DelegationDecisionEntity, { where: { id } });
  if (!row) throw notFound(`Delegationsbeslut ${id}`, `Delegationsbeslutet ${id}`);
  return row;
}

function factsOf(row: DelegationDecisionEntity, body: BodyEntity): DelegationFacts {
  return {
    id: row.id,
    kind: row.kind as DelegationKind,
    bodyId: row.bodyId,
    bodyKind: body.kind,
    bodyName: body.name,
    reportToBodyId: row.reportToBodyId,
    number: row.number,
    delegate: row.delegate,
    ...(row.delegateTitle ? { delegateTitle: row.delegateTitle } : {}),
    point: row.point,
    decidedOn: row.decidedOn,
    decision: row.decisionText,
  };
}

function matterOf(row: DelegationDecisionEntity) {
  return {
    title: row.matterTitle,
    ...(row.diarienummer ? { diarienummer: row.diarienummer } : {}),
    ...(row.diarium ? { diarium: row.diarium } : {}),
  };
}

/** R-I9: the own notice has no meeting: the body's facts, with no one present (nothing is decided at it). */
function ownBodyFacts(body: BodyEntity): Omit<ProtocolInput['meeting'], 'date'> {
  return {
    bodyKind: body.kind as ProtocolInput['meeting']['bodyKind'],
    bodyName: body.name,
    memberCount: body.memberCount,
    municipality: body.municipalityCode,
    attendees: [],
  };
}

function throwIfRefused(r: ReturnType<typeof checkDelegationBody>): void {
  if (r) throw new AppError('RULE_REFUSED', r.code, r.message, r.messageSv, r.ruleId, r.details);
}
