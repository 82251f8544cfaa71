import { anslagDeadline, justeringDeadline, type Deadline } from '../../machines/calendar/calendar';
import type { BodyKind, MeetingFacts, OpenMeetingsDecision } from '../../machines/protocol/decision.types';
import {
  closedDoorsReason,
  closedDoorsSentence,
  meetingIsPublic,
  opennessSentence,
} from '../../machines/protocol/openness.rules';
import { markingsInForce } from '../../machines/protocol/secrecy-lifting.rules';
import { javConsequence, paragraphOutcome } from '../../machines/protocol/decision.rules';
import { anslagTakenDownOn, protocolStatusOf } from '../../machines/protocol/protocol.rules';
import { noAppealClockReason, stopOf } from '../../machines/protocol/protocol.v2.rules';
import type { ProtocolContext } from '../../machines/protocol/protocol.types';
import { exampleViewOf } from '../common/example-view';
import type { LinkView } from '../workflow/links/workflow-links';
import type { InstanceView } from '../workflow/workflow.types';
import type { BodyEntity, DecisionEntity, MatterEntity, MeetingEntity } from './decision.entities';
import type { DecisionView, ParagraphLink } from './decision.views';
import type { BodyView } from './meeting.views';

export function bodyView(b: BodyEntity): BodyView {
  const { id, municipalityCode, kind, name, memberCount } = b;
  return { id, municipalityCode, kind, name, memberCount, openMeetingsDecision: openMeetingsDecisionOf(b) };
}

/** R-H18: fullmäktige's decision that allows the body to meet in public, when the body records one. */
function openMeetingsDecisionOf(b: BodyEntity): OpenMeetingsDecision | null {
  return b.openMeetingsDecidedOn && b.openMeetingsReference
    ? { decidedOn: b.openMeetingsDecidedOn, reference: b.openMeetingsReference }
    : null;
}

/** R-H18: whether the meeting is open to the public, and how a protocol says so. */
export function meetingOpenness(meeting: MeetingEntity, body: Pick<BodyEntity, 'kind'> | null) {
  const isPublic = meetingIsPublic(body?.kind ?? '', meeting.isPublic);
  return { public: isPublic, openness: opennessSentence(isPublic) };
}

/**
 * R-H18: at an open nämnd meeting, a paragraph of myndighetsutövning mot enskild or with a secrecy marking in force is
 * handled behind closed doors; the view says so (needs the view's secrecy markings, added after decisionView).
 */
export function withClosedDoors(view: DecisionView): DecisionView {
  if (!view.paragraph || !view.meeting || !view.body) return view;
  const marked = markingsInForce(view.secrecy ?? []).length > 0;
  const reason = closedDoorsReason(view.body.kind, view.meeting.public === true, view.paragraph, marked);
  return { ...view, closedDoors: reason ? { reason, ...closedDoorsSentence(reason) } : null };
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

/** The rows one decision is read from (the decision, where it was taken, its matter, the links it drove). */
export interface DecisionRows {
  decision: DecisionEntity;
  municipality: { code: string; name: string };
  body: BodyEntity | null;
  meeting: MeetingEntity | null;
  matter: MatterEntity | null;
  drove: LinkView[];
  /** R-H22: the paragraphs of the same matter this one continues and is continued by. */
  continuesFrom: ParagraphLink | null;
  continuedBy: ParagraphLink | null;
}

export function decisionView(rows: DecisionRows, instance: InstanceView | null): DecisionView {
  const c = instance?.context as ProtocolContext | undefined;
  const view = baseView(rows, instance, c);
  if (c) {
    copyProtocolFields(view, c);
    addDeadlines(view, c);
    // R-I4: the day the anslag comes down (recorded, else the appeal period's last day)
    const down = anslagTakenDownOn(c);
    if (down) view.anslagTakenDownOn = down;
    // R-I13, R-I15 (protocol version 2; a version 1 context has no inhibition and always its clock).
    if (c.inhibitions) view.inhibition = stopOf(c);
    const reason = noAppealClockReason(c);
    if (reason) view.appealClock = { runs: false, reason };
  }
  return view;
}

/** Everything but the protocol's dates: the record itself, and what its workflow instance (if any) holds. */
function baseView(rows: DecisionRows, instance: InstanceView | null, c: ProtocolContext | undefined): DecisionView {
  const { decision, municipality, body, meeting, matter, drove, continuesFrom, continuedBy } = rows;
  const matterOutcome = c ? paragraphOutcome(c.paragraph) : null;
  return {
    id: decision.id,
    municipality: { code: municipality.code, name: municipality.name },
    body: body ? bodyView(body) : null,
    meeting: meeting ? meetingView(meeting, body) : null,
    organ: decision.organ,
    decidedOn: decision.decidedOn,
    paragraphNumber: decision.paragraphNumber,
    subject: decision.subject,
    collaboration: decision.collaboration,
    matter: matterView(matter, c),
    documentVersionId: decision.documentVersionId,
    minimal: decision.minimal,
    status: instance ? protocolStatusOf(instance.state) : 'RECORDED',
    state: instance?.state ?? null,
    version: instance?.version ?? null,
    workflowId: decision.workflowId,
    paragraph: c?.paragraph ?? null,
    example: exampleViewOf(c?.paragraph),
    corrections: c?.corrections ?? [],
    motivations: c?.motivations ?? [],
    warnings: c?.warnings ?? [],
    deadlines: {},
    allowedEvents: instance?.allowedEvents ?? [],
    drove,
    matterOutcome,
    matterStatus: !matterOutcome
      ? null
      : matterOutcome === 'DECIDED'
        ? 'DECIDED'
        : continuedBy
          ? 'CONTINUED'
          : 'AWAITING_CONTINUATION',
    continuesFrom,
    continuedBy,
    javConsequence: c?.paragraph.jav.length ? javConsequence(c.meeting.bodyKind as BodyKind) : null,
  };
}

/** A decision row as a link from another paragraph of its matter (R-H22). */
export function paragraphLink(d: Pick<DecisionEntity, 'id' | 'paragraphNumber' | 'decidedOn' | 'meetingId'>) {
  return { decisionId: d.id, paragraphNumber: d.paragraphNumber, decidedOn: d.decidedOn, meetingId: d.meetingId };
}

function meetingView(meeting: MeetingEntity, body: BodyEntity | null): DecisionView['meeting'] {
  return {
    id: meeting.id,
    date: meeting.date,
    place: meeting.place,
    secretary: meeting.secretary,
    attendees: JSON.parse(meeting.attendees),
    ...meetingOpenness(meeting, body),
  };
}

/** The registered matter; without one, the matter title the recorded paragraph names. */
function matterView(matter: MatterEntity | null, c: ProtocolContext | undefined): DecisionView['matter'] {
  if (matter)
    return {
      title: matter.title,
      diarienummer: matter.diarienummer,
      diarium: matter.diarium,
      parsed: JSON.parse(matter.parsed),
    };
  return c ? { title: c.paragraph.matter.title } : null;
}

const PROTOCOL_FIELDS = [
  'justeradOn',
  'justerare',
  'chair',
  'immediate',
  'anslagOn',
  'noticeBoard',
  'keptAt',
  'delegation',
  'appealLastDay',
  'finalFrom',
  'appeal',
  'outcome',
  'late',
  'inhibitions',
  'lateAppeals',
] as const;

/** The protocol's dates and outcome, only those the context has (an absent key stays absent in the answer). */
function copyProtocolFields(view: DecisionView, c: ProtocolContext): void {
  for (const key of PROTOCOL_FIELDS) {
    if (c[key] !== undefined) (view as any)[key] = c[key];
  }
}

/** A deadline the calendar can compute; null for a date at the end of its range (only records from before the
 * input limits of src/common/input-limits.ts can carry one), so such a record still reads. */
function computable(deadline: () => Deadline): Deadline | null {
  try {
    return deadline();
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** D8, R-L7: a deadline that falls on a non-vardag moves to the next vardag (lag 1930:173 2 §); the move is noted. */
function addDeadlines(view: DecisionView, c: ProtocolContext): void {
  const deadlines: Array<readonly ['justeringDeadline' | 'anslagDeadline', Deadline | null]> = [
    ['justeringDeadline', computable(() => justeringDeadline(c.meeting.date))],
    ...(c.justeradOn ? [['anslagDeadline', computable(() => anslagDeadline(c.justeradOn!))] as const] : []),
  ];
  for (const [key, d] of deadlines) {
    if (!d) continue;
    view.deadlines[key] = d.date;
    if (d.warning)
      (view.deadlines.notes ??= []).push({
        deadline: key,
        date: d.date,
        code: d.warning.code,
        ruleId: 'R-L7',
        message: d.warning.en,
        messageSv: d.warning.sv,
      });
  }
}
