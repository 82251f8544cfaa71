/**
 * How a decision was reached (RULEBOOK H: R-H7 acklamation, R-H9 an open vote with each member's vote, R-H10 the
 * majority, R-H11 ties: the chair's utslagsröst, lottning in elections). Pure: checkMethod is one of the paragraph
 * checks of decision.rules.ts, and each step below is a rule check returning null or its Refusal, taken in the
 * order the rulebook reads so that the first refusal is always the same one.
 */
import { refusal, type Refusal } from '../kernel/refusal';
import { participants } from './participants.rules';
import type { DecisionMethod, DecisionParagraph, MeetingFacts, Vote } from './decision.types';

/** A method put to a vote: R-H9 has found one proposal put as "ja" and another as "nej". */
type VotedMethod = DecisionMethod & { ja: string; nej: string };

/** The count of a vote: abstentions (AVSTAR) are not votes cast (R-H10). */
interface VoteCount {
  ja: number;
  nej: number;
  /** The proposal with more votes, or null on a tie. */
  winner: string | null;
  /** What every vote refusal reports. */
  details: { ja: number; nej: number; abstained: number };
}

/**
 * R-H7..R-H11: acklamation, open vote with each member's vote, the chair's casting vote, lottning in elections. The
 * paragraph's vote on the matter by default; `method` for another question of it (R-H6, R-H8). A paragraph whose
 * matter went on without a decision has none (R-H22; decision.rules.ts asks for it where it is needed).
 */
export function checkMethod(meeting: MeetingFacts, p: DecisionParagraph, method = p.method): Refusal | null {
  const m = method;
  if (!m) return null;
  const votes = m.votes ?? [];
  if (m.kind === 'ACKLAMATION') return checkAcklamation(m, votes);
  if (!isPutToVote(m)) return voteQuestionMissing();
  const wrongVoter = checkVoters(meeting, p, votes);
  if (wrongVoter) return wrongVoter;
  const count = countVotes(m, votes);
  if (m.kind === 'OPEN_VOTE') return checkOpenVote(m, count);
  // The chair's casting vote and lottning only ever decide a tie.
  return (
    checkTie(count) ??
    (m.kind === 'CASTING_VOTE' ? checkCastingVote(meeting, m, votes, count) : checkLottning(m, count))
  );
}

/** R-H7: a member who asks for a vote gets one; a decision by acklamation records no votes. */
function checkAcklamation(m: DecisionMethod, votes: Vote[]): Refusal | null {
  if (m.voteRequestedBy) {
    return refusal(
      'VOTE_REQUESTED',
      'R-H7',
      `${m.voteRequestedBy} asked for a vote, so the matter must be decided by an open vote, not by acklamation.`,
      `${m.voteRequestedBy} begärde omröstning; ärendet ska då avgöras genom omröstning, inte med acklamation.`,
    );
  }
  if (votes.length) {
    return refusal(
      'VOTES_WITHOUT_VOTE',
      'R-H7',
      'Votes are recorded for a decision by acklamation.',
      'Röster är registrerade för ett beslut med acklamation.',
    );
  }
  return null;
}

/** R-H9: a vote puts one proposal as "ja" and another as "nej". */
function isPutToVote(m: DecisionMethod): m is VotedMethod {
  return !!m.ja && !!m.nej && m.ja !== m.nej;
}

function voteQuestionMissing(): Refusal {
  return refusal(
    'VOTE_QUESTION_MISSING',
    'R-H9',
    'A vote needs the proposal put as "ja" and the one put as "nej".',
    'En omröstning kräver ett ja-förslag och ett nej-förslag.',
  );
}

/** R-H9: each vote is cast by a serving, non-jävig member, once; the first wrong vote is the one refused. */
function checkVoters(meeting: MeetingFacts, p: DecisionParagraph, votes: Vote[]): Refusal | null {
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
    if (seen.has(v.member)) {
      return refusal('DUPLICATE_VOTE', 'R-H9', `${v.member} voted twice.`, `${v.member} har röstat två gånger.`, {
        member: v.member,
      });
    }
    seen.add(v.member);
  }
  return null;
}

/** R-H10: the proposal with more ja or nej votes wins; equal counts are a tie. */
function countVotes(m: VotedMethod, votes: Vote[]): VoteCount {
  const { ja, nej } = tally(votes);
  const winner = ja > nej ? m.ja : nej > ja ? m.nej : null;
  return { ja, nej, winner, details: { ja, nej, abstained: votes.length - ja - nej } };
}

function tally(votes: Vote[]) {
  return { ja: votes.filter((v) => v.vote === 'JA').length, nej: votes.filter((v) => v.vote === 'NEJ').length };
}

/** R-H10, R-H11: an open vote adopts its majority; a tie needs the casting vote, or lottning in an election. */
function checkOpenVote(m: VotedMethod, { ja, nej, winner, details }: VoteCount): Refusal | null {
  if (!winner) {
    return m.election
      ? tieRefusal(
          'TIE_NEEDS_LOTTNING',
          `The vote is tied ${ja}–${nej}; in an election a tie is decided by lottning.`,
          `Omröstningen slutade lika ${ja}–${nej}; vid val avgörs lika röstetal genom lottning.`,
          details,
        )
      : tieRefusal(
          'TIE_NEEDS_CASTING_VOTE',
          `The vote is tied ${ja}–${nej}; the chair's casting vote (utslagsröst) decides.`,
          `Omröstningen slutade lika ${ja}–${nej}; ordförandens utslagsröst avgör.`,
          details,
        );
  }
  return winner === m.adopted ? null : voteMismatch(m.adopted, winner, details);
}

/** R-H11: a casting vote or a lot is only for a tie; when the count has a majority, the majority decides (R-H10). */
function checkTie({ ja, nej, winner, details }: VoteCount): Refusal | null {
  if (winner) {
    return tieRefusal(
      'NOT_A_TIE',
      `The vote was ${ja}–${nej}, not a tie: the majority decides (R-H10).`,
      `Omröstningen slutade ${ja}–${nej}, inte lika: majoriteten avgör (R-H10).`,
      details,
    );
  }
  return null;
}

/** R-H11: outside elections the chair's utslagsröst decides a tie, so the chair must have voted ja or nej. */
function checkCastingVote(meeting: MeetingFacts, m: VotedMethod, votes: Vote[], count: VoteCount): Refusal | null {
  if (m.election) {
    return tieRefusal(
      'CASTING_VOTE_IN_ELECTION',
      'In an election a tie is decided by lottning, not by the chair.',
      'Vid val avgörs lika röstetal genom lottning, inte av ordföranden.',
    );
  }
  const chair = meeting.attendees.find((a) => a.chair);
  const chairVote = chair && votes.find((v) => v.member === chair.name);
  if (!chairVote || chairVote.vote === 'AVSTAR') {
    return tieRefusal(
      'CHAIR_DID_NOT_VOTE',
      'The casting vote is the chair’s: the chair must have voted ja or nej.',
      'Utslagsrösten är ordförandens: ordföranden ska ha röstat ja eller nej.',
    );
  }
  const decided = chairVote.vote === 'JA' ? m.ja : m.nej;
  return decided === m.adopted ? null : voteMismatch(m.adopted, decided, count.details);
}

/** R-H11: lottning decides a tie only in an election, and the proposal the lot fell on is the one adopted. */
function checkLottning(m: VotedMethod, count: VoteCount): Refusal | null {
  if (!m.election) {
    return tieRefusal(
      'LOTTNING_ONLY_IN_ELECTIONS',
      'Lottning decides ties only in elections; in other matters the chair has the casting vote.',
      'Lottning avgör lika röstetal endast vid val; i andra ärenden har ordföranden utslagsröst.',
    );
  }
  if (!m.lotFellOn || m.lotFellOn !== m.adopted) {
    return voteMismatch(m.adopted, m.lotFellOn ?? null, count.details);
  }
  return null;
}

/**
 * R-H11: RULEBOOK marks the source of the tie rules as still to be verified (KL 5 kap. on omröstning and its
 * application to nämnder in 6 kap., "[§ unverified]"). Every refusal under R-H11 says so in its details, so that a
 * client does not present the paragraph number as law.
 */
export const TIE_RULE_SOURCE = {
  sourceToBeVerified: true,
  source: 'KL 5 kap. (omröstning), 6 kap. for nämnder: § unverified (RULEBOOK R-H11)',
} as const;

function tieRefusal(code: Parameters<typeof refusal>[0], en: string, sv: string, details?: Record<string, unknown>) {
  return refusal(code, 'R-H11', en, sv, { ...details, ...TIE_RULE_SOURCE });
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
