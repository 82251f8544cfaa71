/**
 * Tjänstgöring per paragraph (issue 11 point 1): who serves in this paragraph and for whom (R-H20), the order in
 * which ersättare are called in (R-H21), and jäv with its ground as the body's law has it (R-H4). Pure; one of the
 * paragraph checks of decision.rules.ts. A paragraph without `tjanstgoring` (every record written before) is
 * judged by the meeting's attendance, as it always was.
 */
import { refusal, type Refusal } from '../kernel/refusal';
import { servingAttendees } from './participants.rules';
import type { Attendee, BodyKind, DecisionParagraph, JavGround, MeetingFacts } from './decision.types';

const isErsattare = (a: Attendee) => a.role !== 'LEDAMOT';

/** R-H4: the grounds each kind of body judges jäv by: fullmäktige KL 5 kap., the others KL 6 kap. 28 § with FL 16 §. */
export function javGroundsOf(kind: BodyKind): readonly JavGround[] {
  return kind === 'KF'
    ? ['PERSONLIGEN']
    : ['INTRESSEJAV', 'STALLFORETRADARJAV', 'TVAINSTANSJAV', 'OMBUDSJAV', 'DELIKATESSJAV'];
}

/**
 * R-H4: what a jäv means for the jävig member, as the record says it: in a nämnd the member leaves the room and takes
 * no part; in fullmäktige the member may stay in the room but takes no part.
 */
export function javConsequence(kind: BodyKind): { en: string; sv: string } {
  return kind === 'KF'
    ? {
        en: 'takes no part in the handling of the matter; a member of fullmäktige need not leave the room (KL 5 kap.)',
        sv: 'deltar inte i handläggningen av ärendet; en ledamot i fullmäktige behöver inte lämna salen (KL 5 kap.)',
      }
    : {
        en: 'leaves the meeting while the matter is handled and takes no part in it (KL 6 kap. 28 §)',
        sv: 'lämnar sammanträdet under ärendet och deltar inte i handläggningen (KL 6 kap. 28 §)',
      };
}

/** R-H20, R-H21, R-H4: the paragraph's tjänstgöring, when it records one. */
export function checkTjanstgoring(meeting: MeetingFacts, p: DecisionParagraph): Refusal | null {
  if (!p.tjanstgoring) return null;
  return checkServingNames(meeting, p) ?? checkSeats(meeting, p) ?? checkJav(meeting, p) ?? checkOrder(meeting, p);
}

/** R-H20: each serving member is at the meeting, once; an ersättare serves for one ledamot who does not serve. */
function checkServingNames(meeting: MeetingFacts, p: DecisionParagraph): Refusal | null {
  const entries = p.tjanstgoring ?? [];
  const at = new Map(meeting.attendees.map((a) => [a.name, a]));
  const serving = new Set(entries.map((t) => t.member));
  const seen = new Set<string>();
  const servedFor = new Set<string>();
  for (const t of entries) {
    const a = at.get(t.member);
    if (!a) {
      return refusal(
        'NOT_AT_MEETING',
        'R-H20',
        `${t.member} is named as serving in ${p.paragraphNumber} but is not recorded at the meeting.`,
        `${t.member} anges tjänstgöra i ${p.paragraphNumber} men finns inte med bland de närvarande.`,
        { member: t.member },
      );
    }
    if (seen.has(t.member)) {
      return refusal(
        'SERVES_TWICE',
        'R-H20',
        `${t.member} is named twice in the tjänstgöring of ${p.paragraphNumber}.`,
        `${t.member} anges två gånger i tjänstgöringen för ${p.paragraphNumber}.`,
        { member: t.member },
      );
    }
    seen.add(t.member);
    if (isErsattare(a) && !t.servesFor) {
      return refusal(
        'SERVES_FOR_MISSING',
        'R-H20',
        `${t.member} is an ersättare: the record names the ledamot ${t.member} serves for.`,
        `${t.member} är ersättare: protokollet ska ange vilken ledamot ${t.member} tjänstgör för.`,
        { member: t.member },
      );
    }
    const invalid = t.servesFor ? servesForProblem(t.member, t.servesFor, a, at, serving, servedFor) : null;
    if (invalid) {
      return refusal('SERVES_FOR_INVALID', 'R-H20', invalid.en, invalid.sv, {
        member: t.member,
        servesFor: t.servesFor,
      });
    }
    if (t.servesFor) servedFor.add(t.servesFor);
  }
  return null;
}

/** R-H20: an ersättare serves for a ledamot who does not serve in the paragraph, and one ersättare per ledamot. */
function servesForProblem(
  member: string,
  servesFor: string,
  a: Attendee,
  at: Map<string, Attendee>,
  serving: Set<string>,
  servedFor: Set<string>,
): { en: string; sv: string } | null {
  if (!isErsattare(a))
    return {
      en: `${member} is a ledamot and serves in the own seat, not for ${servesFor}.`,
      sv: `${member} är ledamot och tjänstgör på egen plats, inte för ${servesFor}.`,
    };
  const other = at.get(servesFor);
  if (other && isErsattare(other))
    return {
      en: `${servesFor} is an ersättare; an ersättare serves for a ledamot.`,
      sv: `${servesFor} är ersättare; en ersättare tjänstgör för en ledamot.`,
    };
  if (serving.has(servesFor))
    return {
      en: `${servesFor} serves in this paragraph; ${member} cannot serve for ${servesFor} at the same time.`,
      sv: `${servesFor} tjänstgör i paragrafen; ${member} kan inte samtidigt tjänstgöra för ${servesFor}.`,
    };
  if (servedFor.has(servesFor))
    return {
      en: `Another ersättare already serves for ${servesFor} in this paragraph.`,
      sv: `En annan ersättare tjänstgör redan för ${servesFor} i paragrafen.`,
    };
  return null;
}

/** R-H20: the serving members never outnumber the body's seats. */
function checkSeats(meeting: MeetingFacts, p: DecisionParagraph): Refusal | null {
  const serving = (p.tjanstgoring ?? []).length;
  if (serving <= meeting.memberCount) return null;
  return refusal(
    'TOO_MANY_SERVING',
    'R-H20',
    `${serving} are named as serving in ${p.paragraphNumber}; ${meeting.bodyName} has ${meeting.memberCount} seats.`,
    `${serving} anges tjänstgöra i ${p.paragraphNumber}; ${meeting.bodyName} har ${meeting.memberCount} platser.`,
    { serving, memberCount: meeting.memberCount },
  );
}

/** R-H4: a jäv has its ground, of the body's law; a jävig member does not serve in the paragraph. */
function checkJav(meeting: MeetingFacts, p: DecisionParagraph): Refusal | null {
  const grounds = javGroundsOf(meeting.bodyKind);
  const serving = new Set((p.tjanstgoring ?? []).map((t) => t.member));
  for (const j of p.jav) {
    if (!j.ground) {
      return refusal(
        'JAV_GROUND_MISSING',
        'R-H4',
        `The jäv of ${j.member} needs its ground (jävsgrund).`,
        `Jävet för ${j.member} ska ange sin jävsgrund.`,
        { member: j.member, grounds },
      );
    }
    if (!grounds.includes(j.ground)) {
      return refusal(
        'JAV_GROUND_NOT_FOR_BODY',
        'R-H4',
        `${j.ground} is not a ground of jäv in ${meeting.bodyName} (${meeting.bodyKind}); its grounds are ${grounds.join(', ')}.`,
        `${j.ground} är inte en jävsgrund i ${meeting.bodyName} (${meeting.bodyKind}); jävsgrunderna är ${grounds.join(', ')}.`,
        { member: j.member, ground: j.ground, grounds },
      );
    }
    if (serving.has(j.member)) {
      const c = javConsequence(meeting.bodyKind);
      return refusal(
        'JAVIG_SERVES',
        'R-H4',
        `${j.member} is jävig in ${p.paragraphNumber} and ${c.en}: ${j.member} cannot serve in it.`,
        `${j.member} är jävig i ${p.paragraphNumber} och ${c.sv}: ${j.member} kan inte tjänstgöra i paragrafen.`,
        { member: j.member, bodyKind: meeting.bodyKind },
      );
    }
  }
  return null;
}

/**
 * R-H21: where the body's rules give an order (ersättare with `order`), an ersättare is called in only when every
 * ersättare of the same party before it who is present is serving already or jävig in the matter.
 */
function checkOrder(meeting: MeetingFacts, p: DecisionParagraph): Refusal | null {
  const serving = new Set(servingAttendees(meeting, p).map((a) => a.name));
  const javiga = new Set(p.jav.map((j) => j.member));
  const available = meeting.attendees.filter(
    (a) => isErsattare(a) && a.order !== undefined && !serving.has(a.name) && !javiga.has(a.name),
  );
  for (const called of servingAttendees(meeting, p)) {
    if (!isErsattare(called) || called.order === undefined) continue;
    const passedOver = available.find((a) => a.party === called.party && a.order! < called.order!);
    if (passedOver) {
      return refusal(
        'ERSATTARE_OUT_OF_ORDER',
        'R-H21',
        `${called.name} (${called.party ?? '–'}, place ${called.order}) was called in before ${passedOver.name} (place ${passedOver.order}), who is present and comes first in the order.`,
        `${called.name} (${called.party ?? '–'}, plats ${called.order}) har kallats in före ${passedOver.name} (plats ${passedOver.order}), som är närvarande och står före i ordningen.`,
        { member: called.name, passedOver: passedOver.name, party: called.party ?? null },
      );
    }
  }
  return null;
}
