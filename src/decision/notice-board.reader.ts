import { Inject, Injectable } from '@nestjs/common';
import { In, MoreThanOrEqual } from 'typeorm';
import { meetingNoticeIsUp, noticeIsUp } from '../../machines/protocol/notice-board.rules';
import { anslagTakenDownOn } from '../../machines/protocol/protocol.rules';
import type { ProtocolContext } from '../../machines/protocol/protocol.types';
import { Db } from '../database/db';
import { MunicipalityService, type MunicipalityView } from '../municipality/municipality.service';
import { Clock } from '../workflow/clock';
import { WorkflowEngine } from '../workflow/engine/workflow-engine.service';
import { WorkflowTransitionEntity } from '../workflow/log/workflow-transition.entity';
import { BodyEntity, DecisionEntity, MeetingEntity } from './decision.entities';

/**
 * One tillkännagivande: that the protocol of a meeting was justerat, or a delegationsbeslut announced on its own
 * (R-I9, `delegation`; then no meeting and no justering), where it is kept, and when the appeal ends.
 */
export interface NoticeView {
  /** Stable over time (the feed's entry id): the meeting (or `delegation-<id>`) and the day of its anslag. */
  id: string;
  /** null for a delegationsbeslut announced on its own. */
  meetingId: string | null;
  body: { kind: string; name: string };
  meetingDate: string | null;
  justeradOn: string | null;
  /** R-I9: the delegationsbeslut this notice announces on its own (protokollfört särskilt), else null. */
  delegation: { decisionId: string; kind: string; number: string; decidedOn: string; point: string } | null;
  /** The day of the anslag (the appeal period counts from it, R-I5, R-I6). */
  anslagOn: string;
  /** The instant the clerk recorded the anslag: when the notice went up on this board. */
  postedAt: string;
  appealLastDay: string;
  /** R-I4: where the protocol is kept (the anslag's keptAt; before issue 11 §5 its noticeBoard field), if given. */
  keptAt: string | null;
  /** R-I4: the day the notice is taken down: as the anslag recorded it, else the appeal period's last day. */
  takenDownOn: string;
  paragraphs: Array<{ decisionId: string; paragraphNumber: string | null; title: string }>;
  /** On the board today (R-I4); false: in the archive only. */
  up: boolean;
  example: boolean;
}

/** A coming meeting of kommunfullmäktige (its kungörelse): the day and the place the meeting record holds. */
export interface MeetingNoticeView {
  meetingId: string;
  bodyName: string;
  date: string;
  place: string | null;
}

export interface NoticeBoardView {
  municipality: MunicipalityView;
  today: string;
  /** Newest anslag first. */
  notices: NoticeView[];
  meetings: MeetingNoticeView[];
}

/**
 * The official notice board of a municipality (KL 8 kap. 9 §, R-I4), read from the decision records and the protocol
 * workflows: a notice is there because the clerk recorded the anslag, and leaves by the calendar (noticeIsUp), so
 * the board needs no job that takes notices down, and the archive is the same list on other days.
 */
@Injectable()
export class NoticeBoardReader {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly engine: WorkflowEngine,
    private readonly municipalities: MunicipalityService,
    private readonly clock: Clock,
  ) {}

  /** Every municipality: each has a board. */
  async municipalitiesWithBoards(): Promise<MunicipalityView[]> {
    return this.municipalities.list();
  }

  async board(code: string): Promise<NoticeBoardView> {
    const today = this.clock.todayInStockholm();
    const rows = await this.rows(code, today);
    const contexts = await this.engine.getMany(rows.posted.map((r) => r.instanceId));
    const bodyOf = new Map(rows.bodies.map((b) => [b.id, b]));
    const meetingOf = new Map(rows.meetings.map((m) => [m.id, m]));
    const decisionOf = new Map(rows.decisions.map((d) => [d.workflowId, d]));
    const notices = new Map<string, NoticeView>();
    for (const row of rows.posted) {
      const c = contexts.get(row.instanceId)?.context as ProtocolContext | undefined;
      const decision = decisionOf.get(row.instanceId);
      if (row.eventType === 'DELEGATION_ANNOUNCED') {
        const own = c && decision ? ownNotice(c, decision, bodyOf, row.recordedAt, today) : null;
        if (own) notices.set(own.id, own);
        continue;
      }
      const meeting = decision?.meetingId ? meetingOf.get(decision.meetingId) : undefined;
      const body = meeting ? bodyOf.get(meeting.bodyId) : undefined;
      if (!c?.anslagOn || !c.appealLastDay || !c.justeradOn || !decision || !meeting || !body) continue;
      // A meeting's paragraphs anslagna the same day share one notice; an omedelbart justerad one has its own (R-I3).
      const id = `${meeting.id}:${c.anslagOn}`;
      const notice = notices.get(id) ?? {
        id,
        meetingId: meeting.id,
        body: { kind: body.kind, name: body.name },
        meetingDate: meeting.date,
        justeradOn: c.justeradOn,
        delegation: null,
        anslagOn: c.anslagOn,
        postedAt: row.recordedAt,
        appealLastDay: c.appealLastDay,
        keptAt: c.keptAt ?? c.noticeBoard ?? null,
        takenDownOn: anslagTakenDownOn(c) ?? c.appealLastDay,
        paragraphs: [],
        up: noticeIsUp({ anslagOn: c.anslagOn, appealLastDay: c.appealLastDay }, today),
        example: Boolean(c.paragraph.example),
      };
      notice.paragraphs.push({
        decisionId: decision.id,
        paragraphNumber: decision.paragraphNumber,
        title: c.paragraph.matter.title,
      });
      notices.set(id, notice);
    }
    const meetingNotices = rows.coming
      .filter((m) => bodyOf.get(m.bodyId)?.kind === 'KF' && meetingNoticeIsUp(m.date, today))
      .map((m) => ({ meetingId: m.id, bodyName: bodyOf.get(m.bodyId)!.name, date: m.date, place: m.place }));
    return { municipality: rows.municipality, today, notices: [...notices.values()], meetings: meetingNotices };
  }
  /** What the board is read from, in one read: the decisions, their notices' log rows, bodies and meetings. */
  private rows(code: string, today: string) {
    return this.db.read(async (tx) => {
      const municipality = await this.municipalities.get(tx, code);
      const decisions = await tx.find(DecisionEntity, { where: { municipalityCode: code } });
      const workflowIds = decisions.filter((d) => d.workflowId).map((d) => d.workflowId!);
      // The instant of each anslag is its log row's: when the clerk's recording put it up. Newest first.
      // R-I9: a delegationsbeslut's own tillkännagivande is its DELEGATION_ANNOUNCED row (protocol@3).
      const posted = workflowIds.length
        ? await tx.find(WorkflowTransitionEntity, {
            where: { instanceId: In(workflowIds), eventType: In(['ANSLAG_POSTED', 'DELEGATION_ANNOUNCED']) },
            order: { recordedAt: 'DESC' },
          })
        : [];
      const bodies = await tx.find(BodyEntity, { where: { municipalityCode: code } });
      const meetings = await tx.find(MeetingEntity, { where: { municipalityCode: code } });
      const coming = await tx.find(MeetingEntity, {
        where: { municipalityCode: code, date: MoreThanOrEqual(today) },
        order: { date: 'ASC' },
      });
      return { municipality, decisions, posted, bodies, meetings, coming };
    });
  }
}

/** R-I9: a delegationsbeslut announced on its own: its notice, from its protocol@3 workflow (no meeting, no justering). */
function ownNotice(
  c: ProtocolContext,
  decision: DecisionEntity,
  bodyOf: Map<string, BodyEntity>,
  postedAt: string,
  today: string,
): NoticeView | null {
  const body = decision.bodyId ? bodyOf.get(decision.bodyId) : undefined;
  if (!c.anslagOn || !c.appealLastDay || !c.delegation || !body) return null;
  const d = c.delegation;
  return {
    id: `delegation-${decision.id}:${c.anslagOn}`,
    meetingId: null,
    body: { kind: body.kind, name: body.name },
    meetingDate: null,
    justeradOn: null,
    delegation: { decisionId: decision.id, kind: d.kind, number: d.number, decidedOn: d.decidedOn, point: d.point },
    anslagOn: c.anslagOn,
    postedAt,
    appealLastDay: c.appealLastDay,
    keptAt: c.keptAt ?? null,
    takenDownOn: anslagTakenDownOn(c) ?? c.appealLastDay,
    paragraphs: [{ decisionId: decision.id, paragraphNumber: d.number, title: c.paragraph.matter.title }],
    up: noticeIsUp({ anslagOn: c.anslagOn, appealLastDay: c.appealLastDay }, today),
    example: Boolean(c.paragraph.example),
  };
}
