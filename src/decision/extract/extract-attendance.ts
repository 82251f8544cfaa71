/**
 * Attendance per paragraph in the protocol extract (issue 11 points 1 and 3; R-H2, R-H4, R-H20, R-H22): who serves in
 * the paragraph and for whom an ersättare serves ("tjänstgör för"), jäv with its ground and what it meant in this body
 * (in a nämnd the jävig member left the room), and the paragraphs the matter continues from and in. Kept apart from
 * extract-sections.ts so that its other parts change without touching these.
 *
 * Who serves is the protocol rules' answer (servingAttendees, quorumOf, javConsequence): the extract counts nothing of
 * its own. A paragraph recorded without `tjanstgoring` (the meeting's attendance serves, as before issue 11) gets no
 * tjänstgöring section, and a jäv recorded without its ground keeps the sentence it always had.
 */
import { javConsequence } from '../../../machines/protocol/attendance.rules';
import type { BodyKind, DecisionParagraph, JavGround, MeetingFacts } from '../../../machines/protocol/decision.types';
import { quorumOf, servingAttendees } from '../../../machines/protocol/participants.rules';
import type { DecisionView, ParagraphLink } from '../decision.views';
import type { ExtractLine } from './extract-model';
import { paragraphLabel, type People } from './extract-swedish';

/** R-H4: the jävsgrund as a Swedish protocol writes it, with its source. */
export const JAV_GROUND_TEXT: Record<JavGround, string> = {
  PERSONLIGEN: 'ärendet angår ledamoten personligen eller en närstående (KL 5 kap.)',
  INTRESSEJAV: 'intressejäv (förvaltningslagen 16 § 1)',
  STALLFORETRADARJAV: 'ställföreträdarjäv (förvaltningslagen 16 § 2)',
  TVAINSTANSJAV: 'tvåinstansjäv (förvaltningslagen 16 § 3)',
  OMBUDSJAV: 'ombudsjäv (förvaltningslagen 16 § 4)',
  DELIKATESSJAV: 'delikatessjäv (förvaltningslagen 16 § 5)',
};

/** The meeting's facts the protocol rules count from, as the decision view holds them. */
function meetingFacts(view: DecisionView): MeetingFacts | null {
  if (!view.meeting || !view.body) return null;
  return {
    bodyKind: view.body.kind as BodyKind,
    bodyName: view.body.name,
    memberCount: view.body.memberCount,
    municipality: view.municipality.code,
    date: view.meeting.date,
    attendees: view.meeting.attendees,
  };
}

/** R-H20, R-H2: the members serving in this paragraph, an ersättare with whom it serves for, and the quorum. */
export function tjanstgoringLines(view: DecisionView, p: DecisionParagraph, people: People): ExtractLine[] {
  const meeting = meetingFacts(view);
  if (!p.tjanstgoring || !meeting) return [];
  const servesFor = new Map(p.tjanstgoring.map((t) => [t.member, t.servesFor]));
  const serving = servingAttendees(meeting, p);
  const items = serving.map((a) => {
    const roles = [a.chair ? 'ordförande' : '', a.role !== 'LEDAMOT' ? 'ersättare' : ''].filter(Boolean);
    const forWhom = servesFor.get(a.name);
    const text = `${people.label(a)}${roles.length ? `, ${roles.join(', ')}` : ''}`;
    return { marker: '', text: forWhom ? `${text}, tjänstgör för ${people.label({ name: forWhom })}` : text };
  });
  return [
    { kind: 'text', text: `I ${paragraphLabel(p.paragraphNumber) ?? 'paragrafen'} tjänstgör:` },
    { kind: 'list', style: 'bullet', items },
    {
      kind: 'text',
      text: `${serving.length} av ${meeting.memberCount} ledamöters platser är besatta i paragrafen; ${view.body!.name} är beslutför med ${quorumOf(meeting.memberCount)}.`,
    },
  ];
}

/**
 * R-H4: each jäv with its ground and what it meant in this body: in a nämnd the jävig member left the meeting while
 * the matter was handled; in fullmäktige the member could stay but took no part.
 */
export function javLines(view: DecisionView, p: DecisionParagraph, people: People): ExtractLine[] {
  const kind = view.body?.kind as BodyKind | undefined;
  return p.jav.map((j): ExtractLine => {
    const said = `anmäler jäv och deltar inte i handläggningen av ärendet. Skäl: ${j.reason}`;
    if (!j.ground) return { kind: 'text', lead: `${people.label({ name: j.member })}:`, text: said };
    const consequence = kind ? ` ${capitalise(javConsequence(kind).sv)}.` : '';
    return {
      kind: 'text',
      lead: `${people.label({ name: j.member })}:`,
      text: `${said}${/[.!?]$/.test(said.trim()) ? '' : '.'} Jävsgrund: ${JAV_GROUND_TEXT[j.ground] ?? j.ground}.${consequence}`,
    };
  });
}

/**
 * R-H12: who announced not taking part in the decision: "X (S) deltar inte i beslutet."; an announcement after the
 * question was put counts for nothing, and the protocol says that the member is deemed to have taken part.
 */
export function notParticipatingLines(p: DecisionParagraph, people: People): ExtractLine[] {
  return (p.notParticipating ?? []).map((n): ExtractLine => {
    const who = people.label({ name: n.member });
    return n.announcedBeforeQuestion
      ? { kind: 'text', text: `${who} deltar inte i beslutet.` }
      : {
          kind: 'text',
          text: `${who} anmälde först efter att ordföranden ställt proposition att hen inte deltar i beslutet och anses ha deltagit i beslutet.`,
        };
  });
}

/** R-H18: whether the meeting was open to the public, and a paragraph handled behind closed doors at an open one. */
export function opennessLines(view: DecisionView): ExtractLine[] {
  if (!view.meeting?.openness) return [];
  const lines: ExtractLine[] = [{ kind: 'text', text: `${view.meeting.openness.sv}.` }];
  if (view.closedDoors) lines.push({ kind: 'text', tone: 'notice', text: view.closedDoors.sv });
  return lines;
}

/** R-H22: the paragraph the matter continues from, and the one it continues in, each linked to its extract. */
export function continuationLines(view: DecisionView): ExtractLine[] {
  const lines: ExtractLine[] = [];
  if (view.continuesFrom) lines.push(linkLine('Ärendet kommer från', view.continuesFrom));
  if (view.continuedBy) lines.push(linkLine('Ärendet fortsätter i', view.continuedBy));
  else if (view.matterStatus === 'AWAITING_CONTINUATION')
    lines.push({
      kind: 'text',
      text: `Ärendet är ${view.matterOutcome === 'BORDLAGD' ? 'bordlagt' : 'återremitterat'} och fortsätter vid ett senare sammanträde under samma diarienummer.`,
    });
  return lines;
}

function linkLine(lead: string, link: ParagraphLink): ExtractLine {
  return {
    kind: 'text',
    lead: `${lead}:`,
    text: `${paragraphLabel(link.paragraphNumber) ?? 'paragrafen'}, sammanträdet ${link.decidedOn}`,
    href: `/beslut/${link.decisionId}`,
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
