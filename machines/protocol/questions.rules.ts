/**
 * Several questions in one paragraph, and a matter that goes on (issue 11 points 2 and 3): återremiss and
 * bordläggning tried before the matter (R-H6), the minority right of fullmäktige (R-H16), the
 * kontrapropositionsvotering before the huvudvotering (R-H8), and the paragraph that continues a matter sent on
 * (R-H22). Pure: checkQuestions is one of the paragraph checks of decision.rules.ts; the checks that need the
 * matter's earlier paragraphs (checkMinorityOnce, checkContinuation) are asked by the service with them.
 */
import { refusal, type Refusal } from '../kernel/refusal';
import { participants } from './participants.rules';
import { checkMethod } from './votes.rules';
import type {
  DecisionMethod,
  DecisionParagraph,
  FormalMotion,
  FormalQuestion,
  MeetingFacts,
  ParagraphOutcome,
} from './decision.types';

/** How a formal question is put to a vote: ja grants the motion, nej decides the matter today. */
const GRANTED = 'GRANTED';
const REFUSED = 'REFUSED';

const MOTION_SV: Record<FormalMotion, string> = { ATERREMISS: 'återremiss', BORDLAGGNING: 'bordläggning' };

/** R-H22: what became of the matter: the granted motion sends it on; otherwise it was decided. */
export function paragraphOutcome(p: Pick<DecisionParagraph, 'formalQuestions'>): ParagraphOutcome {
  const granted = (p.formalQuestions ?? []).find((q) => q.outcome === GRANTED);
  if (!granted) return 'DECIDED';
  return granted.kind === 'ATERREMISS' ? 'ATERREMITTERAD' : 'BORDLAGD';
}

/** R-H16: a third of the members present and serving: ceil(n/3). */
export function minorityOf(present: number): number {
  return Math.ceil(present / 3);
}

/** R-H6, R-H16, R-H8, R-H22, R-H5: the questions of the paragraph, in the order the chair puts them. */
export function checkQuestions(meeting: MeetingFacts, p: DecisionParagraph): Refusal | null {
  for (const [i, q] of (p.formalQuestions ?? []).entries()) {
    const r = checkFormalQuestion(meeting, p, q, i);
    if (r) return r;
  }
  if (paragraphOutcome(p) !== 'DECIDED') return checkSentOn(p);
  if (!p.method) {
    return refusal(
      'DECISION_METHOD_MISSING',
      'R-H5',
      `${p.paragraphNumber} decides the matter: the record says how (acklamation or the vote).`,
      `${p.paragraphNumber} avgör ärendet: protokollet ska ange hur (acklamation eller omröstning).`,
    );
  }
  return checkKontraproposition(meeting, p, p.method);
}

/** R-H6, R-H16: one formal question: moved by members who take part, decided by a majority or a minority. */
function checkFormalQuestion(
  meeting: MeetingFacts,
  p: DecisionParagraph,
  q: FormalQuestion,
  index: number,
): Refusal | null {
  const taking = new Set(participants(meeting, p).map((a) => a.name));
  const stranger = q.movedBy.find((m) => !taking.has(m.name));
  if (stranger) {
    return refusal(
      'MOVER_NOT_PARTICIPANT',
      'R-H6',
      `${stranger.name} does not take part in ${p.paragraphNumber} and cannot move ${q.kind.toLowerCase()}.`,
      `${stranger.name} deltar inte i ${p.paragraphNumber} och kan inte yrka ${MOTION_SV[q.kind]}.`,
      { member: stranger.name },
    );
  }
  const later = (p.formalQuestions ?? []).slice(index + 1);
  if (q.outcome === GRANTED && later.length) {
    return refusal(
      'DECIDED_AFTER_GRANTED_MOTION',
      'R-H6',
      `The ${q.kind.toLowerCase()} was granted: the matter went on, and no question of it follows in ${p.paragraphNumber}.`,
      `Yrkandet om ${MOTION_SV[q.kind]} bifölls: ärendet gick vidare, och ingen fråga i ärendet följer i ${p.paragraphNumber}.`,
    );
  }
  if (q.decidedBy === 'MINORITY') return checkMinority(meeting, p, q, taking);
  // Marked like the kontrapropositionsvotering's, so that a form can say which question's vote it concerns.
  const vote = checkMajority(meeting, p, q);
  return vote && { ...vote, details: { ...vote.details, votering: 'FORMAL_QUESTION', question: index } };
}

/** R-H6: a majority decides the motion like any question: acklamation or a vote, ja = the motion. */
function checkMajority(meeting: MeetingFacts, p: DecisionParagraph, q: FormalQuestion): Refusal | null {
  if (!q.method) {
    return refusal(
      'DECISION_METHOD_MISSING',
      'R-H5',
      `The question of ${q.kind.toLowerCase()} was decided by the majority: the record says how.`,
      `Frågan om ${MOTION_SV[q.kind]} avgjordes av majoriteten: protokollet ska ange hur.`,
    );
  }
  const put: DecisionMethod =
    q.method.kind === 'ACKLAMATION'
      ? { ...q.method, adopted: q.outcome }
      : { ...q.method, adopted: q.outcome, ja: GRANTED, nej: REFUSED };
  return checkMethod(meeting, p, put);
}

/** R-H16: fullmäktige only, not in elections, a third of those present, granted, an återremiss with its reason. */
function checkMinority(
  meeting: MeetingFacts,
  p: DecisionParagraph,
  q: FormalQuestion,
  taking: Set<string>,
): Refusal | null {
  if (meeting.bodyKind !== 'KF') {
    return refusal(
      'MINORITY_RIGHT_ONLY_IN_FULLMAKTIGE',
      'R-H16',
      `${meeting.bodyName} is not fullmäktige: a minority cannot have a matter sent back or tabled there; the majority decides.`,
      `${meeting.bodyName} är inte fullmäktige: där kan en minoritet inte få ett ärende återremitterat eller bordlagt; majoriteten beslutar.`,
      { bodyKind: meeting.bodyKind },
    );
  }
  if (p.election || p.method?.election) {
    return refusal(
      'MINORITY_RIGHT_NOT_IN_ELECTIONS',
      'R-H16',
      'The minority right of återremiss and bordläggning does not apply to elections (val).',
      'Minoritetens rätt till återremiss och bordläggning gäller inte val.',
    );
  }
  const present = taking.size;
  const supporters = new Set((q.supporters ?? []).filter((s) => taking.has(s)));
  const required = minorityOf(present);
  if (supporters.size < required) {
    return refusal(
      'MINORITY_TOO_FEW',
      'R-H16',
      `${supporters.size} of the ${present} members present asked for ${q.kind.toLowerCase()}; a minority needs a third: ${required}.`,
      `${supporters.size} av de ${present} närvarande ledamöterna begärde ${MOTION_SV[q.kind]}; minoriteten måste vara en tredjedel: ${required}.`,
      { supporters: supporters.size, present, required },
    );
  }
  if (q.outcome !== GRANTED) {
    return refusal(
      'MINORITY_REQUEST_NOT_GRANTED',
      'R-H16',
      `A third of the members present asked for ${q.kind.toLowerCase()}: it is granted, not put to the majority.`,
      `En tredjedel av de närvarande ledamöterna begärde ${MOTION_SV[q.kind]}: den ska bifallas, inte prövas av majoriteten.`,
    );
  }
  if (q.kind === 'ATERREMISS' && !q.reason?.trim()) {
    return refusal(
      'ATERREMISS_REASON_MISSING',
      'R-H16',
      'A minority återremiss is motivated: the record carries the reason its requesters give.',
      'En minoritetsåterremiss ska vara motiverad: protokollet för den motivering som de som begär den anger.',
    );
  }
  return null;
}

/** R-H22: a matter sent on is not decided in the paragraph, and goes on under its diarienummer. */
function checkSentOn(p: DecisionParagraph): Refusal | null {
  if (p.method || p.kontraproposition) {
    return refusal(
      'DECIDED_AFTER_GRANTED_MOTION',
      'R-H6',
      `The matter of ${p.paragraphNumber} was ${paragraphOutcome(p).toLowerCase()}: it is not also decided in the paragraph.`,
      `Ärendet i ${p.paragraphNumber} ${paragraphOutcome(p) === 'BORDLAGD' ? 'bordlades' : 'återremitterades'}: det avgörs inte också i paragrafen.`,
    );
  }
  if (!p.matter.diarienummer) {
    return refusal(
      'CONTINUED_MATTER_NEEDS_DIARIENUMMER',
      'R-H22',
      'A matter sent back or tabled continues at a later meeting under its diarienummer: the paragraph names it.',
      'Ett återremitterat eller bordlagt ärende fortsätter vid ett senare sammanträde under sitt diarienummer: paragrafen ska ange det.',
    );
  }
  return null;
}

/**
 * R-H8: with more than two proposals and a vote on the matter, a kontrapropositionsvotering picks the motförslag
 * first; the huvudvotering then puts the huvudförslag against it. Each is checked as the vote it is (R-H9..R-H11).
 */
function checkKontraproposition(meeting: MeetingFacts, p: DecisionParagraph, main: DecisionMethod): Refusal | null {
  const k = p.kontraproposition;
  if (!k) {
    if (p.proposals.length > 2 && main.kind !== 'ACKLAMATION') {
      return refusal(
        'KONTRAPROPOSITION_MISSING',
        'R-H8',
        `${p.paragraphNumber} has ${p.proposals.length} proposals and a vote: the record needs the kontrapropositionsvotering that picked the motförslag.`,
        `${p.paragraphNumber} har ${p.proposals.length} förslag och omröstning: protokollet ska visa kontrapropositionsvoteringen som utsåg motförslaget.`,
        { proposals: p.proposals.length },
      );
    }
    return null;
  }
  const ids = new Set(p.proposals.map((x) => x.id));
  const counter = k.method.adopted;
  const invalid =
    p.proposals.length < 3 ||
    !ids.has(k.huvudforslag) ||
    !ids.has(counter) ||
    counter === k.huvudforslag ||
    [k.method.ja, k.method.nej].includes(k.huvudforslag);
  if (invalid) {
    return refusal(
      'KONTRAPROPOSITION_INVALID',
      'R-H8',
      'A kontrapropositionsvotering is held with three or more proposals, among the proposals other than the huvudförslag, and picks one of them.',
      'En kontrapropositionsvotering hålls när det finns tre eller fler förslag, mellan de andra förslagen än huvudförslaget, och utser ett av dem.',
      { huvudforslag: k.huvudforslag, motforslag: counter, proposals: p.proposals.length },
    );
  }
  const kontra = checkMethod(meeting, p, k.method);
  if (kontra) return { ...kontra, details: { ...kontra.details, votering: 'KONTRAPROPOSITION' } };
  const put = main.kind === 'ACKLAMATION' ? [main.adopted] : [main.ja, main.nej];
  const allowed = new Set([k.huvudforslag, counter]);
  if (!put.every((x) => x !== undefined && allowed.has(x))) {
    return refusal(
      'HUVUDVOTERING_WRONG_PROPOSALS',
      'R-H8',
      `The huvudvotering puts the huvudförslag '${k.huvudforslag}' against the motförslag '${counter}'.`,
      `Huvudvoteringen ställer huvudförslaget '${k.huvudforslag}' mot motförslaget '${counter}'.`,
      { huvudforslag: k.huvudforslag, motforslag: counter },
    );
  }
  return null;
}

/** An earlier paragraph of the same matter, as the service finds it. */
export interface EarlierParagraph {
  decisionId: string;
  paragraphNumber: string;
  meetingDate: string;
  formalQuestions: FormalQuestion[];
}

/** R-H16: the minority right is used once per matter; after that, only a majority can send it back or table it. */
export function checkMinorityOnce(earlier: EarlierParagraph[], p: DecisionParagraph): Refusal | null {
  const used = earlier.find((e) => e.formalQuestions.some((q) => q.decidedBy === 'MINORITY' && q.outcome === GRANTED));
  const again = (p.formalQuestions ?? []).find((q) => q.decidedBy === 'MINORITY');
  if (!used || !again) return null;
  return refusal(
    'MINORITY_RIGHT_USED',
    'R-H16',
    `A minority already sent this matter on in ${used.paragraphNumber} (${used.meetingDate}); a further ${again.kind.toLowerCase()} needs a majority.`,
    `En minoritet har redan fått ärendet återremitterat eller bordlagt i ${used.paragraphNumber} (${used.meetingDate}); ytterligare ${MOTION_SV[again.kind]} kräver majoritet.`,
    { earlierDecisionId: used.decisionId },
  );
}

/** R-H22: the paragraph that continues a matter sent on is at a later meeting than the one that sent it on. */
export function checkContinuation(earlier: EarlierParagraph, meetingDate: string): Refusal | null {
  if (meetingDate > earlier.meetingDate) return null;
  return refusal(
    'CONTINUATION_NOT_LATER',
    'R-H22',
    `The matter was sent on in ${earlier.paragraphNumber} on ${earlier.meetingDate}; it continues at a later meeting, not on ${meetingDate}.`,
    `Ärendet gick vidare i ${earlier.paragraphNumber} den ${earlier.meetingDate}; det fortsätter vid ett senare sammanträde, inte den ${meetingDate}.`,
    { earlierDecisionId: earlier.decisionId, earlierMeetingDate: earlier.meetingDate, meetingDate },
  );
}
