/**
 * R-H12: a member who will not take part in a decision announces it before the chair puts the question; a later
 * announcement counts for nothing (in an acklamation the member is deemed to have taken part). In myndighetsutövning
 * mot enskild a member who takes part in the handling may not abstain. Pure: one of the paragraph checks of
 * decision.rules.ts, and the count of who took part that the reservations (R-H13) are held to.
 */
import { refusal, type Refusal } from '../kernel/refusal';
import { participants } from './participants.rules';
import type { Attendee, DecisionParagraph, MeetingFacts } from './decision.types';

type Participation = Pick<DecisionParagraph, 'jav' | 'tjanstgoring' | 'notParticipating' | 'method'>;

/** R-H12: the members who stay out of the decision: those who announced it before the chair put the question. */
export function notTakingPart(p: Pick<DecisionParagraph, 'notParticipating'>): Set<string> {
  return new Set((p.notParticipating ?? []).filter((n) => n.announcedBeforeQuestion === true).map((n) => n.member));
}

/**
 * R-H12, R-H13: who took part in the decision: serving and not jävig (R-H3, R-H4), not out by a timely
 * announcement, and not abstaining in the vote. A late announcer, in an acklamation, is among them.
 */
export function tookPart(meeting: MeetingFacts, p: Participation): Attendee[] {
  const out = notTakingPart(p);
  const abstained = new Set((p.method?.votes ?? []).filter((v) => v.vote === 'AVSTAR').map((v) => v.member));
  return participants(meeting, p).filter((a) => !out.has(a.name) && !abstained.has(a.name));
}

/**
 * R-H12: each announcement is a serving, non-jävig member's; none in myndighetsutövning mot enskild, where no such
 * member abstains either; a member who announced in time does not vote ja or nej in the decision.
 */
export function checkParticipation(meeting: MeetingFacts, p: DecisionParagraph): Refusal | null {
  return checkAnnouncers(meeting, p) ?? checkMyndighetsutovning(meeting, p) ?? checkOutVoted(p);
}

function checkAnnouncers(meeting: MeetingFacts, p: DecisionParagraph): Refusal | null {
  const serving = new Set(participants(meeting, p).map((a) => a.name));
  for (const { member } of p.notParticipating ?? []) {
    if (!meeting.attendees.some((a) => a.name === member)) {
      return refusal(
        'NOT_AT_MEETING',
        'R-H12',
        `${member} announced not taking part in the decision but is not recorded at the meeting.`,
        `${member} har anmält att hen inte deltar i beslutet men finns inte med bland de närvarande.`,
        { member },
      );
    }
    if (!serving.has(member)) {
      return refusal(
        'NOT_PARTICIPATING_NOT_SERVING',
        'R-H12',
        `${member} does not serve in ${p.paragraphNumber} (not serving, or jävig): only a member who would take part can announce not taking part in the decision.`,
        `${member} tjänstgör inte i ${p.paragraphNumber} (inte tjänstgörande eller jävig): bara den som annars skulle delta kan anmäla att hen inte deltar i beslutet.`,
        { member },
      );
    }
  }
  return null;
}

/** R-H12: in myndighetsutövning mot enskild, a member who took part in the handling neither abstains nor stays out. */
function checkMyndighetsutovning(meeting: MeetingFacts, p: DecisionParagraph): Refusal | null {
  if (p.myndighetsutovning !== true) return null;
  const handling = new Set(participants(meeting, p).map((a) => a.name));
  const announced = (p.notParticipating ?? []).find((n) => handling.has(n.member));
  const abstained = (p.method?.votes ?? []).find((v) => v.vote === 'AVSTAR' && handling.has(v.member));
  const member = announced?.member ?? abstained?.member;
  if (!member) return null;
  const how = announced
    ? { en: 'announced not taking part in the decision', sv: 'anmält att hen inte deltar i beslutet' }
    : { en: 'abstained (avstår)', sv: 'avstått från att rösta' };
  return refusal(
    'MUST_TAKE_PART_IN_MYNDIGHETSUTOVNING',
    'R-H12',
    `${p.paragraphNumber} is myndighetsutövning mot enskild: ${member}, who took part in the handling, may not abstain, but has ${how.en}.`,
    `${p.paragraphNumber} gäller myndighetsutövning mot enskild: ${member}, som deltagit i handläggningen, får inte avstå men har ${how.sv}.`,
    { member, announced: !!announced },
  );
}

/** R-H12: who announced in time is not in the vote list with ja or nej (avstår is no vote cast, R-H10). */
function checkOutVoted(p: DecisionParagraph): Refusal | null {
  const out = notTakingPart(p);
  const voted = (p.method?.votes ?? []).find((v) => v.vote !== 'AVSTAR' && out.has(v.member));
  if (!voted) return null;
  return refusal(
    'NOT_PARTICIPATING_VOTED',
    'R-H12',
    `${voted.member} announced before the question was put not to take part in the decision, and cannot vote ${voted.vote.toLowerCase()} in it.`,
    `${voted.member} anmälde innan ordföranden ställde proposition att hen inte deltar i beslutet och kan inte rösta ${voted.vote.toLowerCase()}.`,
    { member: voted.member, vote: voted.vote },
  );
}
