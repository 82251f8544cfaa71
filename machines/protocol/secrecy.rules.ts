/**
 * Secrecy and openness of the protocol (issue 11 §8; R-K1, R-K7, R-K10, R-K12, R-I11). Every text of a paragraph
 * that can be marked secret (sekretessmarkering, OSL 5 kap.) is written into the log as a marker `sk:<commitment>`,
 * the commitment being the SHA-256 of a random salt and the text; the text and its salt are kept beside the log
 * (src/personal-data, like a name). A marking, when the paragraph is recorded or later, is a logged record of its own
 * and never rewrites a log row: the log and every export of it hold the marker only, so the evidence package verifies
 * with a secret text absent from it, and a reader is shown the text or, without the right, that it was withheld.
 */
import { refusal, type Refusal } from '../kernel/refusal';
import type { DecisionParagraph } from './decision.types';
import type { ProtocolEvent } from './protocol.types';

/** A marker anywhere in a text (a payload, a view, a page). */
export const SECRET_MARKER = /sk:[0-9a-f]{64}/g;

export function secretMarkerOf(commitment: string): string {
  return `sk:${commitment}`;
}

/** Every commitment whose secret marker occurs in a text, once each. */
export function secretCommitmentsIn(text: string): string[] {
  return [...new Set(text.match(SECRET_MARKER) ?? [])].map((m) => m.slice('sk:'.length));
}

/** Maps one markable text of a paragraph, named by its field path ('summary', 'proposals[1].text', ...). */
export type TextMap = (field: string, text: string) => string;

/** The field of a written motivation that arrives after the paragraph was recorded (R-H14 c). */
export const LATER_MOTIVATION_FIELD = 'motivations';

/**
 * The texts of a paragraph that can carry a secrecy marking: the summary, each beslutsunderlag (an attachment), each
 * proposal's text, the decision text and each reservation's motivation. The matter's title, the diarienummer and the
 * att-satser stay open: a register entry shows them (R-K3), so the clerk words them without revealing what is secret.
 */
export function mapParagraphTexts(p: DecisionParagraph, f: TextMap): DecisionParagraph {
  const out: DecisionParagraph = {
    ...p,
    beslutsunderlag: p.beslutsunderlag.map((u, i) => f(`beslutsunderlag[${i}]`, u)),
    proposals: p.proposals.map((x, i) => ({ ...x, text: f(`proposals[${i}].text`, x.text) })),
    reservations: p.reservations.map((r, i) =>
      r.motivation
        ? { ...r, motivation: { ...r.motivation, text: f(`reservations[${i}].motivation.text`, r.motivation.text) } }
        : r,
    ),
  };
  if (p.summary !== undefined) out.summary = f('summary', p.summary);
  if (p.decision.text !== undefined) out.decision = { ...p.decision, text: f('decision.text', p.decision.text) };
  return out;
}

/** The markable texts of a protocol event: an amended paragraph's, a later motivation's. */
export function mapEventTexts(e: ProtocolEvent, f: TextMap): ProtocolEvent {
  switch (e.type) {
    case 'PARAGRAPH_AMENDED':
      return { ...e, paragraph: mapParagraphTexts(e.paragraph, f) };
    case 'RESERVATION_MOTIVATION_SUBMITTED':
      return { ...e, text: f(LATER_MOTIVATION_FIELD, e.text) };
    default:
      return e;
  }
}

/** The fields a paragraph can be marked in (besides the whole paragraph, `field` absent). */
export function markableFields(p: DecisionParagraph): string[] {
  const fields: string[] = [];
  mapParagraphTexts(p, (field, text) => (fields.push(field), text));
  return [...fields, LATER_MOTIVATION_FIELD];
}

/** A secrecy marking: the whole paragraph (no field) or one of its texts, with the provision of OSL it rests on. */
export interface SecrecyMarking {
  field: string | null;
  provision: string;
}

/** Whether a marking covers the text in `field` (a marking of the whole paragraph covers every text). */
export function markingCovers(marking: Pick<SecrecyMarking, 'field'>, field: string): boolean {
  return marking.field === null || marking.field === field;
}

/** "OSL 26 kap. 1 §", "OSL 21 kap. 7 §", "Offentlighets- och sekretesslagen (2009:400) 26 kap. 1 §". */
const PROVISION = /^(OSL|offentlighets- och sekretesslagen( \(2009:400\))?) \d+ kap\. \d+ [a-z]? ?§/i;

/**
 * R-K7: a marking names its provision of OSL (chapter and section), is made in a text the paragraph holds, and covers
 * what no earlier marking of it covers yet. `committed` is false for a paragraph recorded before its texts were
 * committed: those are in the log itself, and a marking would promise a secrecy that the log cannot keep.
 */
export function checkSecrecyMarking(
  p: DecisionParagraph,
  marking: SecrecyMarking,
  earlier: SecrecyMarking[],
  committed: boolean,
): Refusal | null {
  if (!PROVISION.test(marking.provision.trim()))
    return refusal(
      'SECRECY_PROVISION_INVALID',
      'R-K7',
      `A secrecy marking names its provision of OSL with chapter and section ("OSL 26 kap. 1 §"), not "${marking.provision}".`,
      `En sekretessmarkering anger sin bestämmelse i OSL med kapitel och paragraf ("OSL 26 kap. 1 §"), inte "${marking.provision}".`,
      { provision: marking.provision },
    );
  if (marking.field !== null && !markableFields(p).includes(marking.field))
    return refusal(
      'SECRECY_FIELD_UNKNOWN',
      'R-K7',
      `The paragraph has no text "${marking.field}" that can be marked secret (the matter's title, diarienummer and att-satser stay open, R-K3).`,
      `Paragrafen har ingen text "${marking.field}" som kan sekretessmarkeras (ärendemening, diarienummer och att-satser är öppna, R-K3).`,
      { field: marking.field, markable: markableFields(p) },
    );
  const covering = earlier.find((m) => m.field === null || m.field === marking.field);
  if (covering)
    return refusal(
      'SECRECY_ALREADY_MARKED',
      'R-K7',
      `This is already marked secret under ${covering.provision}.`,
      `Detta är redan sekretessmarkerat enligt ${covering.provision}.`,
      { field: marking.field, markedBy: covering },
    );
  if (!committed)
    return refusal(
      'SECRECY_TEXT_IN_CHAIN',
      'R-K7',
      'The paragraph was recorded before its texts were kept beside the log; they are in the log itself, so a marking cannot keep them secret.',
      'Paragrafen registrerades innan dess texter hölls vid sidan av loggen; de finns i själva loggen, så en markering kan inte hålla dem hemliga.',
    );
  return null;
}

/** R-K7: the markings given with a paragraph when it is recorded, each checked against it and those before it. */
export function checkSecrecyMarkings(
  p: DecisionParagraph,
  markings: SecrecyMarking[],
  committed: boolean,
): Refusal | null {
  for (let i = 0; i < markings.length; i++) {
    const r = checkSecrecyMarking(p, markings[i], markings.slice(0, i), committed);
    if (r) return r;
  }
  return null;
}

/** A marking as given (a request's field may be absent: the whole paragraph). */
export function secrecyMarkingOf(given: { field?: string | null; provision: string }): SecrecyMarking {
  return { field: given.field ?? null, provision: given.provision.trim() };
}

/** A reader of a marked text: an actor's role and municipality, or nobody (the public). */
export interface SecretReader {
  role: string;
  municipality: string | null;
}

/**
 * R-K12: who may read a text marked secret. The myndighet that holds it: its municipality's clerks, and the admin who
 * runs the register for the municipalities. The auditors (revisorer) too: KL 12 kap. gives them access to what the
 * nämnder hold, and the secrecy follows the information to them (OSL 11 kap.). Not a coordinator of the
 * collaboration, not a clerk of another municipality (another myndighet), not the public. A protocol extract, a public
 * page and an export are handed out, so they never show it (withheldText), whoever asks.
 */
export function mayReadSecret(reader: SecretReader | null, holder: string): boolean {
  if (!reader) return false;
  if (reader.role === 'admin' || reader.role === 'auditor') return true;
  return reader.role === 'clerk' && reader.municipality === holder;
}

/** What stands in place of a withheld text: that something was withheld and under which provision, never what. */
export function withheldText(provision: string): string {
  return `[Sekretess enligt ${provision} / Secret under ${provision}]`;
}

/** The line of a register entry or extract saying what of a paragraph is withheld (R-K3, R-K7). */
export function withheldNotice(marking: SecrecyMarking): string {
  return marking.field === null
    ? `Paragrafen omfattas av sekretess enligt ${marking.provision}; dess texter lämnas inte ut.`
    : `Uppgift (${marking.field}) omfattas av sekretess enligt ${marking.provision} och har utelämnats.`;
}

/**
 * R-K10, R-I11: an extract is handed out to anyone who asks once the protocol is justerat (an allmän handling); a
 * paragraph not yet justerat is a draft, and is not handed out as if it were one.
 */
export function checkPublicExtract(justeradOn: string | undefined): Refusal | null {
  if (justeradOn) return null;
  return refusal(
    'EXTRACT_NOT_JUSTERAT',
    'R-K10',
    'The paragraph is not justerat yet: its protocol is a draft and is not an allmän handling until it is justerat.',
    'Paragrafen är inte justerad ännu: protokollet är ett utkast och blir allmän handling först när det har justerats.',
  );
}
