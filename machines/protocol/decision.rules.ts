/**
 * What makes a decision paragraph recordable (RULEBOOK H: Kommunallagen on meetings, votes and reservations).
 * Pure: the service calls checkParagraph before it records anything, and refuses with the first failing rule.
 */
import { refusal, type Refusal, type RuleWarning } from '../kernel/refusal';
import { instantToEpochMillis } from '../calendar/calendar';
import type { Attendee, DecisionParagraph, MeetingFacts, Person, Vote } from './decision.types';

/** R-H2: quorate when more than half of the ledamöter are present and serving: floor(n/2) + 1. */
export function quorumOf(memberCount: number): number {
  return Math.floor(memberCount / 2) + 1;
}

/** R-H3: ledamöter and tjänstgörande ersättare serve; other ersättare do not. */
export function servingAttendees(meeting: MeetingFacts): Attendee[] {
  return meeting.attendees.filter((a) => a.role === 'LEDAMOT' || a.role === 'TJANSTGORANDE_ERSATTARE');
}

/** R-H2, R-H3, R-H4: the members who may take part in this matter: serving, present, not jäviga. */
export function participants(meeting: MeetingFacts, paragraph: Pick<DecisionParagraph, 'jav'>): Attendee[] {
  const javiga = new Set(paragraph.jav.map((j) => j.member));
  return servingAttendees(meeting).filter((a) => !javiga.has(a.name));
}

export function checkQuorum(meeting: MeetingFacts, paragraph: Pick<DecisionParagraph, 'jav'>): Refusal | null {
  const present = participants(meeting, paragraph).length;
  const required = quorumOf(meeting.memberCount);
  if (present < required) {
    return refusal(
      'NOT_QUORATE',
      'R-H2',
      `${meeting.bodyName} has ${meeting.memberCount} members: ${required} must take part to decide; ${present} did.`,
      `${meeting.bodyName} har ${meeting.memberCount} ledamöter: ${required} måste delta för att nämnden ska vara beslutför; ${present} deltog.`,
      { memberCount: meeting.memberCount, required, present },
    );
  }
  return null;
}

const names = (people: Person[]) => people.map((p) => p.name).join(', ');

/** Every check of a paragraph against its meeting; null when it may be recorded. */
export function checkParagraph(meeting: MeetingFacts, p: DecisionParagraph): Refusal | null {
  return (
    checkAttendeeNames(meeting, p) ??
    checkQuorum(meeting, p) ??
    checkProposals(p) ??
    checkMethod(meeting, p) ??
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
  const refs = [
    p.method.adopted,
    p.method.ja,
    p.method.nej,
    p.method.lotFellOn,
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

/** R-H7..R-H11: acklamation, open vote with each member's vote, the chair's casting vote, lottning in elections. */
export function checkMethod(meeting: MeetingFacts, p: DecisionParagraph): Refusal | null {
  const m = p.method;
  const votes = m.votes ?? [];
  if (m.kind === 'ACKLAMATION') {
    if (m.voteRequestedBy) {
      return refusal(
        'VOTE_REQUESTED',
        'R-H7',
        `${m.voteRequestedBy} asked for a vote, so the matter must be decided by an open vote, not by acklamation.`,
        `${m.voteRequestedBy} begärde omröstning; ärendet ska då avgöras genom omröstning, inte med acklamation.`,
      );
    }
    if (votes.length)
      return refusal(
        'VOTES_WITHOUT_VOTE',
        'R-H7',
        'Votes are recorded for a decision by acklamation.',
        'Röster är registrerade för ett beslut med acklamation.',
      );
    return null;
  }
  if (!m.ja || !m.nej || m.ja === m.nej) {
    return refusal(
      'VOTE_QUESTION_MISSING',
      'R-H9',
      'A vote needs the proposal put as "ja" and the one put as "nej".',
      'En omröstning kräver ett ja-förslag och ett nej-förslag.',
    );
  }
  const allowed = new Map(participants(meeting, p).map((a) => [a.name, a]));
  const seen = new Set<string>();
  for (const v of votes) {
    if (!allowed.has(v.member)) {
      return refusal(
        'VOTER_NOT_PARTICIPANT',
        'R-H9',
        `${v.member} is not a serving, non-jävig member at this meeting and cannot vote.`,
        `${v.member} är inte tjänstgörande (eller är jävig) vid sammanträdet och kan inte rösta.`,
        { member: v.member },
      );
    }
    if (seen.has(v.member))
      return refusal('DUPLICATE_VOTE', 'R-H9', `${v.member} voted twice.`, `${v.member} har röstat två gånger.`, {
        member: v.member,
      });
    seen.add(v.member);
  }
  const { ja, nej } = tally(votes);
  const winner = ja > nej ? m.ja : nej > ja ? m.nej : null;
  const details = { ja, nej, abstained: votes.length - ja - nej };
  if (m.kind === 'OPEN_VOTE') {
    if (!winner) {
      return m.election
        ? refusal(
            'TIE_NEEDS_LOTTNING',
            'R-H11',
            `The vote is tied ${ja}–${nej}; in an election a tie is decided by lottning.`,
            `Omröstningen slutade lika ${ja}–${nej}; vid val avgörs lika röstetal genom lottning.`,
            details,
          )
        : refusal(
            'TIE_NEEDS_CASTING_VOTE',
            'R-H11',
            `The vote is tied ${ja}–${nej}; the chair's casting vote (utslagsröst) decides.`,
            `Omröstningen slutade lika ${ja}–${nej}; ordförandens utslagsröst avgör.`,
            details,
          );
    }
    return winner === m.adopted ? null : voteMismatch(m.adopted, winner, details);
  }
  if (winner) {
    return refusal(
      'NOT_A_TIE',
      'R-H11',
      `The vote was ${ja}–${nej}, not a tie: the majority decides (R-H10).`,
      `Omröstningen slutade ${ja}–${nej}, inte lika: majoriteten avgör (R-H10).`,
      details,
    );
  }
  if (m.kind === 'CASTING_VOTE') {
    if (m.election) {
      return refusal(
        'CASTING_VOTE_IN_ELECTION',
        'R-H11',
        'In an election a tie is decided by lottning, not by the chair.',
        'Vid val avgörs lika röstetal genom lottning, inte av ordföranden.',
      );
    }
    const chair = meeting.attendees.find((a) => a.chair);
    const chairVote = chair && votes.find((v) => v.member === chair.name);
    if (!chairVote || chairVote.vote === 'AVSTAR') {
      return refusal(
        'CHAIR_DID_NOT_VOTE',
        'R-H11',
        'The casting vote is the chair’s: the chair must have voted ja or nej.',
        'Utslagsrösten är ordförandens: ordföranden ska ha röstat ja eller nej.',
      );
    }
    const decided = chairVote.vote === 'JA' ? m.ja : m.nej;
    return decided === m.adopted ? null : voteMismatch(m.adopted, decided, details);
  }
  // LOTTNING
  if (!m.election) {
    return refusal(
      'LOTTNING_ONLY_IN_ELECTIONS',
      'R-H11',
      'Lottning decides ties only in elections; in other matters the chair has the casting vote.',
      'Lottning avgör lika röstetal endast vid val; i andra ärenden har ordföranden utslagsröst.',
    );
  }
  if (!m.lotFellOn || m.lotFellOn !== m.adopted) {
    return voteMismatch(m.adopted, m.lotFellOn ?? null, details);
  }
  return null;
}

function tally(votes: Vote[]) {
  return { ja: votes.filter((v) => v.vote === 'JA').length, nej: votes.filter((v) => v.vote === 'NEJ').length };
}

function voteMismatch(adopted: string, result: string | null, details: Record<string, unknown>): Refusal {
  return refusal(
    'VOTE_RESULT_MISMATCH',
    'R-H10',
    `The recorded result does not follow from the votes: '${adopted}' is recorded as adopted, the count gives '${result}'.`,
    `Det registrerade beslutet följer inte av rösterna: '${adopted}' anges som bifallet, rösträkningen ger '${result}'.`,
    { ...details, adopted, result },
  );
}

/** R-H13, R-H14: only those who took part reserve; announced before the meeting closed; motivation before justering. */
export function checkReservations(meeting: MeetingFacts, p: DecisionParagraph): Refusal | null {
  const eligible = new Set(participants(meeting, p).map((a) => a.name));
  const abstained = new Set((p.method.votes ?? []).filter((v) => v.vote === 'AVSTAR').map((v) => v.member));
  for (const r of p.reservations) {
    const ineligible = r.members.find((x) => !eligible.has(x.name) || abstained.has(x.name));
    if (ineligible) {
      return refusal(
        'NOT_ELIGIBLE_TO_RESERVE',
        'R-H13',
        `${ineligible.name} did not take part in the decision (not serving, jävig or abstained) and cannot enter a reservation.`,
        `${ineligible.name} deltog inte i beslutet (inte tjänstgörande, jävig eller avstod) och kan inte reservera sig.`,
        { member: ineligible.name },
      );
    }
    if (r.inFavourOf && r.inFavourOf === p.method.adopted) {
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

/** R-H15: a protokollsanteckning is made by someone present; it is not a reservation. */
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

/** The subject a membership event needs of the decision that drives it. */
export const SUBJECT_OF_MEMBERSHIP_EVENT: Record<string, string> = {
  FULLMAKTIGE_ADOPTED_DECLARATION: 'DECLARATION_ADOPTION',
  FULLMAKTIGE_REQUESTED_EXIT: 'EXIT_REQUEST',
  EXIT_REQUEST_WITHDRAWN: 'EXIT_WITHDRAWAL',
};

/** Protocol states in which a decision is justerat and stands (D10: it may drive its workflow). */
const STANDING = new Set(['justerat', 'anslaget', 'presumedFinal', 'appealed', 'final']);

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
  decision: { municipalityCode: string; collaboration: string | null; subject: string; protocolState: string | null },
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
  const subject = SUBJECT_OF_MEMBERSHIP_EVENT[target.eventType];
  if (subject && decision.subject !== subject) {
    return refusal(
      'DECISION_WRONG_SUBJECT',
      target.eventType === 'FULLMAKTIGE_ADOPTED_DECLARATION' ? 'R-B1' : 'R-C1',
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
  return null;
}
