/**
 * The anmälan of delegationsbeslut (KL 6 kap. 40 §, R-I9) and of ordförandebeslut (6 kap. 39 §, R-H17): where and
 * when a delegated decision may be reported. Its appeal period is the protocol machine's: the anmälan is a
 * paragraph of the reporting meeting, justerat and anslaget with it (R-I9). Pure functions: null or the Refusal.
 */
import { compareDates } from '../calendar/calendar';
import { refusal, type Refusal, type RuleWarning } from '../kernel/refusal';
import type { DecisionParagraph } from '../protocol/decision.types';
import type { DelegationFacts, DelegationKind, DelegationReport, ReportingMeeting } from './delegation.types';

/** KL 6 kap. 37–39 §§ are a nämnd's (and KS's) delegation; fullmäktige delegates no decisions this way. */
export function checkDelegationBody(bodyKind: string, kind: DelegationKind): Refusal | null {
  if (bodyKind !== 'KF') return null;
  return refusal(
    'DELEGATION_NOT_IN_FULLMAKTIGE',
    kind === 'ORDFORANDEBESLUT' ? 'R-H17' : 'R-I9',
    'Fullmäktige does not delegate decisions under KL 6 kap.; a delegationsbeslut or ordförandebeslut is a nämnd’s or KS’s.',
    'Fullmäktige delegerar inte beslut enligt KL 6 kap.; ett delegationsbeslut eller ordförandebeslut är en nämnds eller KS:s.',
  );
}

/**
 * R-I9: reported to the body the delegationsordning says (its own unless another), at a meeting on or after the
 * decision, before that meeting's protocol is justerat. R-H17: an ordförandebeslut at the next meeting of that body
 * (`between` holds the meetings of the body on or after the decision and before this one); a later one only with the
 * reason it was not reported at the next (then recorded with a warning, anmalanWarnings).
 */
export function checkAnmalan(
  d: Pick<DelegationFacts, 'kind' | 'decidedOn' | 'reportToBodyId'>,
  meeting: ReportingMeeting,
  between: { id: string; date: string }[],
  lateReason?: string,
): Refusal | null {
  if (meeting.bodyId !== d.reportToBodyId) {
    return refusal(
      'DELEGATION_REPORTED_TO_WRONG_BODY',
      'R-I9',
      'A delegationsbeslut is reported to the body the delegationsordning says (its own nämnd unless another is named).',
      'Ett delegationsbeslut anmäls till det organ som delegationsordningen anger (den egna nämnden om inget annat anges).',
      { reportToBodyId: d.reportToBodyId },
    );
  }
  if (compareDates(meeting.date, d.decidedOn) < 0) {
    return refusal(
      'DELEGATION_REPORTED_BEFORE_DECISION',
      'R-I9',
      `The meeting (${meeting.date}) is before the delegationsbeslut (${d.decidedOn}); it is reported at a later meeting.`,
      `Sammanträdet (${meeting.date}) är före delegationsbeslutet (${d.decidedOn}); det anmäls vid ett senare sammanträde.`,
    );
  }
  if (meeting.justerat) {
    return refusal(
      'DELEGATION_REPORT_AFTER_JUSTERING',
      'R-I9',
      'The protocol of this meeting is justerat already; the anmälan goes into a protocol before its justering.',
      'Sammanträdets protokoll är redan justerat; anmälan tas in i ett protokoll före justeringen.',
    );
  }
  const next = nextMeeting(between);
  if (d.kind === 'ORDFORANDEBESLUT' && next && !lateReason?.trim()) {
    return refusal(
      'ORDFORANDEBESLUT_NOT_AT_NEXT_MEETING',
      'R-H17',
      `An ordförandebeslut is reported at the nämnd’s next meeting (${next.date}); a later anmälan states why.`,
      `Ett ordförandebeslut anmäls vid nämndens nästa sammanträde (${next.date}); en senare anmälan anger varför.`,
      { nextMeetingId: next.id, nextMeetingDate: next.date },
    );
  }
  return null;
}

/** R-H17: an ordförandebeslut reported after the next meeting, with its reason: recorded, and flagged. */
export function anmalanWarnings(
  d: Pick<DelegationFacts, 'kind'>,
  between: { id: string; date: string }[],
): RuleWarning[] {
  const next = nextMeeting(between);
  if (d.kind !== 'ORDFORANDEBESLUT' || !next) return [];
  return [
    {
      code: 'ORDFORANDEBESLUT_REPORTED_LATE',
      ruleId: 'R-H17',
      message: `Reported after the nämnd’s next meeting (${next.date}).`,
      messageSv: `Anmält efter nämndens nästa sammanträde (${next.date}).`,
      details: { nextMeetingId: next.id, nextMeetingDate: next.date },
    },
  ];
}

function nextMeeting(between: { id: string; date: string }[]): { id: string; date: string } | undefined {
  return [...between].sort((a, b) => compareDates(a.date, b.date))[0];
}

/** What the anmälan paragraph's protocol workflow holds of the delegationsbeslut (ProtocolInput.delegation). */
export function delegationReport(d: DelegationFacts, lateReason?: string): DelegationReport {
  return {
    delegationId: d.id,
    kind: d.kind,
    number: d.number,
    delegate: d.delegate,
    ...(d.delegateTitle ? { delegateTitle: d.delegateTitle } : {}),
    point: d.point,
    decidedOn: d.decidedOn,
    bodyId: d.bodyId,
    bodyName: d.bodyName,
    ...(lateReason?.trim() ? { lateReason: lateReason.trim() } : {}),
  };
}

/**
 * The anmälan as a paragraph of the reporting meeting: "Anmälan av delegationsbeslut", the nämnd takes note
 * (lägger anmälan till handlingarna). The delegate's decision stands as the delegate took it; the nämnd neither
 * votes on it nor changes it (KL 6 kap. 40 §), so the paragraph has no proposals and no vote.
 */
export function anmalanParagraph(
  d: DelegationFacts,
  paragraphNumber: string,
  matter: DecisionParagraph['matter'],
): DecisionParagraph {
  const what =
    d.kind === 'ORDFORANDEBESLUT' ? 'ordförandebeslut (KL 6 kap. 39 §)' : 'delegationsbeslut (KL 6 kap. 37 §)';
  return {
    paragraphNumber,
    matter,
    subject: 'OTHER',
    summary: `Anmälan av ${what} ${d.number}, fattat ${d.decidedOn} enligt punkt ${d.point} i delegationsordningen.`,
    beslutsunderlag: [],
    proposals: [],
    beslutsgang: [],
    decision: { text: d.decision, attSatser: ['lägga anmälan till handlingarna.'] },
    jav: [],
    reservations: [],
    protokollsanteckningar: [],
    sendTo: [],
  };
}

/**
 * R-I9: a delegationsbeslut is either reported (anmält) at a meeting, its appeal period then counted from the anslag
 * of that protocol, or protokollfört särskilt and announced on its own, counted from that notice (KL 6 kap. 40 §
 * andra stycket, 8 kap.). Never both: two notices would give two appeal periods for one decision.
 */
export function checkOwnNoticeAllowed(reportedAtMeeting: boolean): Refusal | null {
  if (!reportedAtMeeting) return null;
  return refusal(
    'DELEGATION_NOTICE_AFTER_ANMALAN',
    'R-I9',
    'The delegationsbeslut is reported at a meeting: its appeal period runs from the anslag of that protocol, not from a notice of its own.',
    'Delegationsbeslutet är anmält vid ett sammanträde: överklagandetiden räknas från anslaget av det protokollet, inte från ett eget tillkännagivande.',
  );
}

/** R-I9: the other way round: announced on its own already, it is not reported at a meeting as well. */
export function checkAnmalanAllowed(announcedOnItsOwn: boolean): Refusal | null {
  if (!announcedOnItsOwn) return null;
  return refusal(
    'DELEGATION_ANNOUNCED_SEPARATELY',
    'R-I9',
    'The delegationsbeslut was announced on its own on the notice board: its appeal period runs from that notice, and it is not reported at a meeting as well.',
    'Delegationsbeslutet är tillkännagivet för sig på anslagstavlan: överklagandetiden räknas från det tillkännagivandet, och det anmäls inte även vid ett sammanträde.',
  );
}

/**
 * The own tillkännagivande's "paragraph" (R-I9): the delegationsbeslut protokollfört särskilt, numbered by its number
 * in the delegationslista; the delegate's decision stands as taken (no proposals, no vote).
 */
export function ownNoticeParagraph(d: DelegationFacts, matter: DecisionParagraph['matter']): DecisionParagraph {
  const what =
    d.kind === 'ORDFORANDEBESLUT' ? 'Ordförandebeslut (KL 6 kap. 39 §)' : 'Delegationsbeslut (KL 6 kap. 37 §)';
  return {
    paragraphNumber: d.number,
    matter,
    subject: 'OTHER',
    summary: `${what} ${d.number}, fattat ${d.decidedOn} enligt punkt ${d.point} i delegationsordningen, tillkännagivet på anslagstavlan.`,
    beslutsunderlag: [],
    proposals: [],
    beslutsgang: [],
    decision: { text: d.decision, attSatser: [] },
    jav: [],
    reservations: [],
    protokollsanteckningar: [],
    sendTo: [],
  };
}
