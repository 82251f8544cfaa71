/**
 * Who takes part in a decision, and whether enough do (RULEBOOK H: R-H2 quorum, R-H3 who serves, R-H4 jäv).
 * Pure: the paragraph checks (decision.rules.ts) and the vote checks (votes.rules.ts) both count from here.
 */
import { refusal, type Refusal } from '../kernel/refusal';
import type { Attendee, DecisionParagraph, MeetingFacts } from './decision.types';

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
