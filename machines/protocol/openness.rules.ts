/**
 * R-H18: fullmäktige meets in public; a nämnd (KS, utskott) meets behind closed doors unless fullmäktige has allowed
 * it to meet in public (KL 6 kap. 25 §), and never in public for myndighetsutövning mot enskild or a matter under
 * secrecy. Pure: the service checks a meeting before it records it; the views and the extract say what holds.
 */
import { compareDates } from '../calendar/calendar';
import { refusal, type Refusal } from '../kernel/refusal';
import type { BodyKind, DecisionParagraph, OpenMeetingsDecision } from './decision.types';

/**
 * R-H18: whether the meeting is open to the public. Fullmäktige's always is (also when a meeting recorded before
 * says nothing); another body's only when recorded so (a meeting recorded before says nothing: closed).
 */
export function meetingIsPublic(bodyKind: BodyKind | string, recorded: boolean | null | undefined): boolean {
  return bodyKind === 'KF' ? true : recorded === true;
}

/**
 * R-H18: a fullmäktige meeting is not recorded as closed; another body's meeting is recorded as open only when the
 * body records fullmäktige's decision that allows it, and the meeting is not before that decision.
 */
export function checkMeetingOpenness(
  body: { kind: BodyKind | string; name: string; openMeetingsDecision?: OpenMeetingsDecision | null },
  isPublic: boolean | undefined,
  meetingDate?: string,
): Refusal | null {
  if (body.kind === 'KF' && isPublic === false) {
    return refusal(
      'FULLMAKTIGE_MEETS_IN_PUBLIC',
      'R-H18',
      `${body.name} is fullmäktige: its meetings are public and cannot be recorded as closed.`,
      `${body.name} är fullmäktige: dess sammanträden är offentliga och kan inte registreras som slutna.`,
      { bodyKind: body.kind },
    );
  }
  if (body.kind !== 'KF' && isPublic === true && !body.openMeetingsDecision) {
    return refusal(
      'OPEN_MEETING_NOT_ALLOWED',
      'R-H18',
      `${body.name} meets behind closed doors: a meeting is open to the public only when fullmäktige has allowed it, and no such decision is recorded for the body.`,
      `${body.name} sammanträder inom stängda dörrar: ett sammanträde får vara offentligt bara om fullmäktige har medgett det, och något sådant beslut är inte registrerat för nämnden.`,
      { bodyKind: body.kind },
    );
  }
  const allowed = body.openMeetingsDecision;
  if (
    body.kind !== 'KF' &&
    isPublic === true &&
    allowed &&
    meetingDate &&
    compareDates(meetingDate, allowed.decidedOn) < 0
  ) {
    return refusal(
      'OPEN_MEETING_NOT_ALLOWED',
      'R-H18',
      `${body.name} may meet in public from ${allowed.decidedOn}, when fullmäktige allowed it (${allowed.reference}); a meeting on ${meetingDate} was before that and met behind closed doors.`,
      `${body.name} får sammanträda offentligt från ${allowed.decidedOn}, då fullmäktige medgav det (${allowed.reference}); ett sammanträde den ${meetingDate} var före det och hölls inom stängda dörrar.`,
      { bodyKind: body.kind, allowedFrom: allowed.decidedOn, meetingDate },
    );
  }
  return null;
}

/**
 * R-H18: fullmäktige's decision to let a body meet in public is a nämnd's (KS, utskott): fullmäktige itself always
 * meets in public and needs none.
 */
export function checkOpenMeetingsDecision(body: { kind: BodyKind | string; name: string }): Refusal | null {
  if (body.kind !== 'KF') return null;
  return refusal(
    'FULLMAKTIGE_MEETS_IN_PUBLIC',
    'R-H18',
    `${body.name} is fullmäktige: it always meets in public, and a decision allowing it to is a nämnd's.`,
    `${body.name} är fullmäktige: det sammanträder alltid offentligt, och ett beslut som medger det gäller en nämnd.`,
    { bodyKind: body.kind },
  );
}

export type ClosedDoorsReason = 'MYNDIGHETSUTOVNING' | 'SECRECY';

/**
 * R-H18: at a public meeting of a nämnd (KS, utskott), a paragraph of myndighetsutövning mot enskild, or one with a
 * secrecy marking in force, is handled behind closed doors; null when the paragraph was handled as the meeting was.
 */
export function closedDoorsReason(
  bodyKind: BodyKind | string,
  meetingPublic: boolean,
  p: Pick<DecisionParagraph, 'myndighetsutovning'>,
  secrecyMarked: boolean,
): ClosedDoorsReason | null {
  if (bodyKind === 'KF' || !meetingPublic) return null;
  if (p.myndighetsutovning === true) return 'MYNDIGHETSUTOVNING';
  return secrecyMarked ? 'SECRECY' : null;
}

/** R-H18: how the meeting and the paragraph read in a protocol, in both languages. */
export function opennessSentence(isPublic: boolean): { en: string; sv: string } {
  return isPublic
    ? { en: 'Public meeting', sv: 'Offentligt sammanträde' }
    : { en: 'The meeting is not public', sv: 'Sammanträdet är inte offentligt' };
}

export function closedDoorsSentence(reason: ClosedDoorsReason): { en: string; sv: string } {
  return reason === 'MYNDIGHETSUTOVNING'
    ? {
        en: 'Handled behind closed doors: the matter is myndighetsutövning mot enskild.',
        sv: 'Ärendet behandlades inom stängda dörrar (myndighetsutövning mot enskild).',
      }
    : {
        en: 'Handled behind closed doors: the matter is under secrecy.',
        sv: 'Ärendet behandlades inom stängda dörrar (sekretess).',
      };
}
