/**
 * What makes a decision paragraph recordable (RULEBOOK H: Kommunallagen on meetings, votes and reservations).
 * Pure: the service calls checkParagraph before it records anything, and refuses with the first failing rule.
 *
 * The module callers import. Who takes part and the quorum (R-H2..R-H4) are in participants.rules.ts, how the
 * decision was reached (acklamation, votes, ties, R-H7..R-H11) in votes.rules.ts; both are re-exported here.
 */
import { refusal, type Refusal, type RuleWarning } from '../kernel/refusal';
import { instantToEpochMillis } from '../calendar/calendar';
import { checkQuorum } from './participants.rules';
import { checkMethod } from './votes.rules';
import { checkTjanstgoring } from './attendance.rules';
import { checkQuestions } from './questions.rules';
import { checkParticipation, notTakingPart, tookPart } from './participation.rules';
import type { Attendee, DecisionParagraph, MeetingFacts, ParagraphOutcome, Person } from './decision.types';
import type { Inhibition } from './protocol.types';

export { checkQuorum, participants, quorumOf, servingAttendees } from './participants.rules';
export { checkMethod } from './votes.rules';
export { checkTjanstgoring, javConsequence, javGroundsOf } from './attendance.rules';
export { checkContinuation, checkMinorityOnce, checkQuestions, paragraphOutcome } from './questions.rules';
export { checkParticipation, notTakingPart, tookPart } from './participation.rules';

const names = (people: Person[]) => people.map((p) => p.name).join(', ');

/** Every check of a paragraph against its meeting; null when it may be recorded. */
export function checkParagraph(meeting: MeetingFacts, p: DecisionParagraph): Refusal | null {
  return (
    checkAttendeeNames(meeting, p) ??
    checkTjanstgoring(meeting, p) ??
    checkQuorum(meeting, p) ??
    checkProposals(p) ??
    checkParticipation(meeting, p) ??
    checkMethod(meeting, p) ??
    checkQuestions(meeting, p) ??
    checkReservations(meeting, p) ??
    checkProtokollsanteckningar(meeting, p)
  );
}

function present(meeting: MeetingFacts, name: string): Attendee | undefined {
  return meeting.attendees.find((a) => a.name === name);
}

/** R-H4: a jäv declaration names someone at the meeting. */
function checkAttendeeNames(meeting: MeetingFacts, p: DecisionParagraph): Refusal | null {
  const stranger = p.jav.find((j) => !present(meeting, j.member));
  if (stranger) {
    return refusal(
      'NOT_AT_MEETING',
      'R-H4',
      `${stranger.member} declared jäv but is not recorded at the meeting.`,
      `${stranger.member} har anmält jäv men finns inte med bland de närvarande.`,
      { member: stranger.member },
    );
  }
  return null;
}

/** R-H5: the beslutsgång and method refer to proposals that were made. */
function checkProposals(p: DecisionParagraph): Refusal | null {
  const ids = new Set(p.proposals.map((x) => x.id));
  if (ids.size !== p.proposals.length) {
    return refusal(
      'DUPLICATE_PROPOSAL_ID',
      'R-H5',
      'Two proposals have the same id.',
      'Två förslag har samma beteckning.',
    );
  }
  const k = p.kontraproposition;
  const refs = [
    p.method?.adopted,
    p.method?.ja,
    p.method?.nej,
    p.method?.lotFellOn,
    k?.huvudforslag,
    k?.method.adopted,
    k?.method.ja,
    k?.method.nej,
    k?.method.lotFellOn,
    ...p.reservations.map((r) => r.inFavourOf),
  ].filter((x): x is string => x !== undefined);
  const missing = refs.find((r) => !ids.has(r));
  if (missing) {
    return refusal(
      'UNKNOWN_PROPOSAL',
      'R-H5',
      `Proposal '${missing}' is referred to but was not made.`,
      `Förslag '${missing}' hänvisas till men finns inte bland förslagen.`,
      { proposal: missing },
    );
  }
  return null;
}

/**
 * R-H13, R-H14: only those who took part reserve (R-H12: not who announced in time that they stay out; a late
 * announcer in an acklamation took part); announced before the meeting closed; motivation before justering.
 */
export function checkReservations(meeting: MeetingFacts, p: DecisionParagraph): Refusal | null {
  const eligible = new Set(tookPart(meeting, p).map((a) => a.name));
  const out = notTakingPart(p);
  for (const r of p.reservations) {
    const ineligible = r.members.find((x) => !eligible.has(x.name));
    if (ineligible && out.has(ineligible.name)) {
      return refusal(
        'NOT_ELIGIBLE_TO_RESERVE',
        'R-H13',
        `${ineligible.name} announced before the question was put not to take part in the decision (R-H12) and cannot enter a reservation.`,
        `${ineligible.name} anmälde innan ordföranden ställde proposition att hen inte deltar i beslutet (R-H12) och kan inte reservera sig.`,
        { member: ineligible.name, notParticipating: true },
      );
    }
    if (ineligible) {
      return refusal(
        'NOT_ELIGIBLE_TO_RESERVE',
        'R-H13',
        `${ineligible.name} did not take part in the decision (not serving, jävig or abstained) and cannot enter a reservation.`,
        `${ineligible.name} deltog inte i beslutet (inte tjänstgörande, jävig eller avstod) och kan inte reservera sig.`,
        { member: ineligible.name },
      );
    }
    if (r.inFavourOf && r.inFavourOf === p.method?.adopted) {
      return refusal(
        'RESERVATION_FOR_ADOPTED',
        'R-H14',
        'A reservation cannot be in favour of the proposal that was adopted.',
        'En reservation kan inte vara till förmån för det förslag som bifölls.',
      );
    }
    if (
      r.announcedAt &&
      meeting.closedAt &&
      instantToEpochMillis(r.announcedAt) > instantToEpochMillis(meeting.closedAt)
    ) {
      return refusal(
        'RESERVATION_TOO_LATE',
        'R-H14',
        `The reservation of ${names(r.members)} was announced after the meeting closed; a reservation must be announced before.`,
        `Reservationen från ${names(r.members)} anmäldes efter att sammanträdet avslutats; en reservation ska anmälas innan dess.`,
      );
    }
  }
  return null;
}

/**
 * R-H14 c: motivations that arrived after the time set for justering are refused while their reservations stand:
 * the paragraph is recorded without them, and each refusal travels with the record as a warning.
 */
export function withoutLateMotivations(
  meeting: MeetingFacts,
  p: DecisionParagraph,
): { paragraph: DecisionParagraph; warnings: RuleWarning[] } {
  const warnings: RuleWarning[] = [];
  const reservations = p.reservations.map((r) => {
    const late = r.motivation
      ? checkMotivationTime(meeting.justeringAt, r.motivation.submittedAt, names(r.members))
      : null;
    if (!late) return r;
    warnings.push(late);
    const { motivation: _refused, ...kept } = r;
    return kept;
  });
  return warnings.length ? { paragraph: { ...p, reservations }, warnings } : { paragraph: p, warnings };
}

/** R-H14 c: a written motivation must arrive before the time set for justering; a late one is refused, the reservation stands. */
export function checkMotivationTime(
  justeringAt: string | undefined,
  submittedAt: string | undefined,
  who: string,
): Refusal | null {
  if (justeringAt && submittedAt && instantToEpochMillis(submittedAt) > instantToEpochMillis(justeringAt)) {
    return refusal(
      'MOTIVATION_TOO_LATE',
      'R-H14',
      `The written motivation of ${who} arrived after the time set for justering (${justeringAt}); the motivation is refused, the reservation stands.`,
      `Den skriftliga motiveringen från ${who} kom in efter tiden för justering (${justeringAt}); motiveringen avvisas, reservationen står kvar.`,
      { justeringAt, submittedAt },
    );
  }
  return null;
}

/**
 * R-H15: a protokollsanteckning is made by someone present, and only when the chair allowed it (Kommunallagen does
 * not regulate it; the chair decides); it is not a reservation.
 */
function checkProtokollsanteckningar(meeting: MeetingFacts, p: DecisionParagraph): Refusal | null {
  const stranger = p.protokollsanteckningar.find((a) => !present(meeting, a.member.name));
  if (stranger) {
    return refusal(
      'NOT_AT_MEETING',
      'R-H15',
      `${stranger.member.name} is not recorded at the meeting and cannot make a protokollsanteckning.`,
      `${stranger.member.name} finns inte med bland de närvarande och kan inte göra en protokollsanteckning.`,
      { member: stranger.member.name },
    );
  }
  const refused = p.protokollsanteckningar.find((a) => a.allowedByChair !== true);
  if (refused) {
    return refusal(
      'PROTOKOLLSANTECKNING_NOT_ALLOWED',
      'R-H15',
      `The chair did not allow the protokollsanteckning of ${refused.member.name}; only one the chair allowed is recorded.`,
      `Ordföranden har inte medgett protokollsanteckningen från ${refused.member.name}; endast en medgiven protokollsanteckning förs till protokollet.`,
      { member: refused.member.name, allowedByChair: refused.allowedByChair ?? null },
    );
  }
  return null;
}

/** The workflow organ of a body: fullmäktige, kommunstyrelse, or (nämnd and utskott alike) a nämnd. */
export function organOfBody(kind: string): 'KF' | 'KS' | 'NAMND' {
  return kind === 'KF' ? 'KF' : kind === 'KS' ? 'KS' : 'NAMND';
}

/** R-K5, R-K6: common diarienummer shapes, parsed where recognisable; the string itself stays the identity. */
export function parseDiarienummer(dnr: string): {
  series?: string;
  year?: number;
  serial?: number;
  classification?: string;
} {
  // R-K6's observed shapes include "Dnr: 2013.296.103" (the label is not part of the number) and "KS/2014/0073".
  const s = dnr.replace(/^\s*dnr\b\.?\s*:?\s*/i, '');
  const a = s.match(/^\s*([A-ZÅÄÖa-zåäö]{1,10})\s*[./]?\s*(\d{4})\s*[/:-]\s*(\d{1,6})(?:[.:](\S+))?\s*$/);
  if (a)
    return {
      series: a[1].toUpperCase(),
      year: Number(a[2]),
      serial: Number(a[3]),
      ...(a[4] ? { classification: a[4] } : {}),
    };
  const b = s.match(/^\s*(\d{4})[./-](\d{1,6})(?:[./-](\S+))?\s*$/);
  if (b) return { year: Number(b[1]), serial: Number(b[2]), ...(b[3] ? { classification: b[3] } : {}) };
  return {};
}

/** The subject an event (of any workflow) needs of the decision that drives it: one table for every machine. */
export const SUBJECT_OF_EVENT: Record<string, string> = {
  FULLMAKTIGE_ADOPTED_DECLARATION: 'DECLARATION_ADOPTION',
  FULLMAKTIGE_REQUESTED_EXIT: 'EXIT_REQUEST',
  EXIT_REQUEST_WITHDRAWN: 'EXIT_WITHDRAWAL',
  // Amendments and each collaboration's own rules (h-amend)
  ENTRY_DECIDED: 'DECLARATION_ADOPTION',
  AMENDMENT_APPROVED: 'AMENDMENT_APPROVAL',
  // Collaboration areas: a municipality's decision whether it takes part (R-F2)
  PARTICIPATION_DECIDED: 'AREA_PARTICIPATION',
};

/**
 * The rule that asks for a decision of that subject, named when a decision of another subject is offered: entry
 * rests on the adoption of the declaration (R-B1), an exit request and its withdrawal on fullmäktige's decision about
 * the exit (R-C1), an amendment on each party's approval of that text (R-D1), an area on each municipality's own
 * decision to take part (R-F2).
 */
const RULE_OF_SUBJECT: Record<string, string> = {
  DECLARATION_ADOPTION: 'R-B1',
  EXIT_REQUEST: 'R-C1',
  EXIT_WITHDRAWAL: 'R-C1',
  AMENDMENT_APPROVAL: 'R-D1',
  AREA_PARTICIPATION: 'R-F2',
};

/** Protocol states in which a decision is justerat and stands (D10: it may drive its workflow). */
const STANDING = new Set(['justerat', 'anslaget', 'presumedFinal', 'appealed', 'final', 'unappealable']);

/** D10, R-C11: a decision stands once justerat and until annulled; a minimal record (no protocol, null) stands. */
export function decisionStands(protocolState: string | null): boolean {
  return protocolState === null || STANDING.has(protocolState);
}

/**
 * D10, R-C11: whether a recorded decision may drive a membership event: taken in that municipality, about that
 * collaboration and the event's subject, justerat and not annulled. `protocolState` is null for a minimal record.
 * (The organ is left to the membership rules: WRONG_DECISION_ORGAN, R-B2 and R-C1.)
 */
export function checkDecisionDrives(
  decision: {
    municipalityCode: string;
    collaboration: string | null;
    subject: string;
    protocolState: string | null;
    /** R-H22: what became of the matter in the paragraph (absent for a minimal record: decided). */
    matterOutcome?: ParagraphOutcome;
    /** R-I13: the court's inhibition in force, if any (protocol version 2). */
    inhibition?: Inhibition | null;
  },
  target: { municipalityCode: string; collaboration: string; eventType: string },
): Refusal | null {
  if (decision.municipalityCode !== target.municipalityCode) {
    return refusal(
      'DECISION_WRONG_MUNICIPALITY',
      'R-B1',
      `The decision was taken in municipality ${decision.municipalityCode}, not in ${target.municipalityCode}.`,
      `Beslutet är fattat i kommun ${decision.municipalityCode}, inte i ${target.municipalityCode}.`,
    );
  }
  if (decision.collaboration && decision.collaboration !== target.collaboration) {
    return refusal(
      'DECISION_WRONG_COLLABORATION',
      'R-B1',
      `The decision concerns ${decision.collaboration}, not ${target.collaboration}.`,
      `Beslutet gäller ${decision.collaboration}, inte ${target.collaboration}.`,
    );
  }
  const subject = Object.hasOwn(SUBJECT_OF_EVENT, target.eventType) ? SUBJECT_OF_EVENT[target.eventType] : undefined;
  if (subject && decision.subject !== subject) {
    return refusal(
      'DECISION_WRONG_SUBJECT',
      RULE_OF_SUBJECT[subject],
      `${target.eventType} needs a decision about ${subject}; this decision is about ${decision.subject}.`,
      `${target.eventType} kräver ett beslut om ${subject}; detta beslut gäller ${decision.subject}.`,
    );
  }
  if (decision.protocolState === 'annulled') {
    return refusal(
      'DECISION_ANNULLED',
      'R-C11',
      'The decision has been annulled (upphävt) by the court; no decision exists any more.',
      'Beslutet har upphävts av domstolen; något beslut finns inte längre.',
    );
  }
  if (!decisionStands(decision.protocolState)) {
    return refusal(
      'DECISION_NOT_JUSTERAT',
      'R-I8',
      'A decision drives its workflow once its protocol is justerat (D10); this one is not yet.',
      'Ett beslut får verkställas först när protokollet är justerat (D10); detta är det ännu inte.',
    );
  }
  return checkDecisionInSubstance(decision, target.eventType);
}

/** R-H22, R-I13: a decision in substance, not stopped by the court's inhibition (protocol version 2). */
function checkDecisionInSubstance(
  decision: { matterOutcome?: ParagraphOutcome; inhibition?: Inhibition | null },
  eventType: string,
): Refusal | null {
  if (decision.matterOutcome && decision.matterOutcome !== 'DECIDED') {
    const sent = decision.matterOutcome === 'BORDLAGD' ? 'bordlagt' : 'återremitterat';
    return refusal(
      'DECISION_NOT_IN_SUBSTANCE',
      'R-H22',
      `The matter was ${sent} in this paragraph: there is no decision in substance to drive ${eventType}.`,
      `Ärendet ${sent === 'bordlagt' ? 'bordlades' : 'återremitterades'} i paragrafen: något beslut i sak finns inte som kan driva ${eventType}.`,
      { matterOutcome: decision.matterOutcome },
    );
  }
  if (decision.inhibition) {
    const i = decision.inhibition;
    return refusal(
      'DECISION_INHIBITED',
      'R-I13',
      `${i.court} ordered inhibition on ${i.orderedOn}: the decision must not be carried out until the court has judged.`,
      `${i.court} beslutade inhibition ${i.orderedOn}: beslutet får inte verkställas förrän domstolen har prövat det.`,
      { inhibition: i },
    );
  }
  return null;
}
