/**
 * Who takes part in a decision, and whether enough do (RULEBOOK H: R-H2 quorum, R-H3 who serves, R-H4 jäv, R-H20
 * tjänstgöring per paragraph). Pure: the paragraph checks (decision.rules.ts) and the vote checks (votes.rules.ts)
 * both count from here.
 */
import { refusal, type Refusal } from '../kernel/refusal';
import type { Attendee, DecisionParagraph, MeetingFacts } from './decision.types';

/** R-H2: quorate when more than half of the ledamöter are present and serving: floor(n/2) + 1. */
export function quorumOf(memberCount: number): number {
  return Math.floor(memberCount / 2) + 1;
}

/**
 * R-H3, R-H20: who serves. A paragraph that records its tjänstgöring serves those it names (an ersättare who serves
 * for a jävig ledamot in this paragraph only); otherwise the meeting's ledamöter and tjänstgörande ersättare serve.
 */
export function servingAttendees(
  meeting: MeetingFacts,
  paragraph?: Pick<DecisionParagraph, 'tjanstgoring'>,
): Attendee[] {
  if (paragraph?.tjanstgoring) {
    const named = new Set(paragraph.tjanstgoring.map((t) => t.member));
    return meeting.attendees.filter((a) => named.has(a.name));
  }
  return meeting.attendees.filter((a) => a.role === 'LEDAMOT' || a.role === 'TJANSTGORANDE_ERSATTARE');
}

/** R-H2, R-H3, R-H4: the members who may take part in this matter: serving, present, not jäviga. */
export function participants(
  meeting: MeetingFacts,
  paragraph: Pick<DecisionParagraph, 'jav' | 'tjanstgoring'>,
): Attendee[] {
  const javiga = new Set(paragraph.jav.map((j) => j.member));
  return servingAttendees(meeting, paragraph).filter((a) => !javiga.has(a.name));
}

/** R-H2 (judged per paragraph, R-H20): enough of the body's ledamöter take part in this decision. */
export function checkQuorum(
  meeting: MeetingFacts,
  paragraph: Pick<DecisionParagraph, 'jav' | 'tjanstgoring'>,
): Refusal | null {
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
