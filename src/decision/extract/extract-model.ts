/**
 * The protocol extract (protokollsutdrag) as data: one pure mapping from a DecisionView to a header, an ordered list
 * of sections (heading, lines) and a footer. Both renderers (extract-html.ts, extract-pdf.ts) draw this model and add
 * no wording of their own, so the HTML and the PDF say the same thing.
 *
 * Text recorded in the paragraph (proposals, beslutsgång, att-satser, motivations, corrections) is carried verbatim
 * (R-H19); the model only adds the fixed Swedish protocol phrases around it. A DRAFT is marked "UTKAST – ej justerat"
 * and never shows a justering (R-K10); the footer is the secretary's certification (R-I12). Example (demo) data is
 * marked "EXEMPEL – fiktiva uppgifter" at the top, lists what is invented, and is never certified: the mark stands where
 * the certification would.
 */
import type { DecisionView } from '../decision.views';
import { extractSections, isDraft } from './extract-sections';
import {
  CERTIFICATION,
  courtRef,
  DRAFT_BANNER,
  EXAMPLE_BANNER,
  EXAMPLE_CERTIFICATION,
  EXAMPLE_FOOTER_NOTE,
  municipalityName,
  ORGAN_NAMES,
  paragraphLabel,
  SUBJECTS,
} from './extract-swedish';

// The wording and the sections live in their own files; their exported names stay importable from here.
export { extractSections, isDraft } from './extract-sections';
export {
  CERTIFICATION,
  DRAFT_BANNER,
  EXAMPLE_BANNER,
  EXAMPLE_CERTIFICATION,
  genitive,
  joinSv,
  municipalityName,
  paragraphLabel,
  SECTION_HEADINGS,
  statusText,
} from './extract-swedish';

export type SectionKey =
  | 'sammanfattning'
  | 'beslutsunderlag'
  | 'forslag'
  | 'jav'
  | 'beslutsgang'
  | 'beslut'
  // attendance per paragraph and a matter that goes on (issue 11 points 1 and 3: extract-attendance.ts)
  | 'tjanstgoring'
  | 'fortsattning'
  | 'reservationer'
  | 'protokollsanteckningar'
  | 'skickas'
  | 'justering'
  | 'rattelser'
  | 'exempel'
  | 'sekretess'
  // R-H18: whether the meeting was open to the public
  | 'offentlighet';

/** One line (block) of a section. Renderers escape and wrap, but never reword. */
export type ExtractLine =
  /**
   * A paragraph of text; `lead` is a bold prefix such as "Ordföranden Daniel Jensen (KD):". Newlines are kept. `href`
   * makes the text a link in the HTML (another paragraph's extract, R-H22); the PDF prints the text.
   */
  | { kind: 'text'; text: string; lead?: string; tone?: 'normal' | 'quote' | 'notice'; href?: string }
  /** A heading inside a section ("Omröstning", "Rättelse 1 – avser § 45"). */
  | { kind: 'subheading'; text: string }
  /** A list; `marker` is the visible number ("1.") for numbered lists, '' otherwise. */
  | { kind: 'list'; style: 'numbered' | 'bullet' | 'plain'; items: { marker: string; text: string }[] }
  /** A table (the omröstningslista); the first column is left-aligned, the others centred. */
  | { kind: 'table'; columns: string[]; rows: string[][]; footer?: string[] };

export interface ExtractSection {
  key: SectionKey;
  heading: string;
  lines: ExtractLine[];
}

export interface ProtocolExtract {
  /** The document title (HTML <title>, PDF info Title). */
  title: string;
  /** True unless the protocol is justerat (R-K10); a draft never shows a justering. */
  draft: boolean;
  /** Example (demo) data: marked on every page, never certified. */
  example: boolean;
  /** Shown at the top of the document (and of every PDF page): "UTKAST – ej justerat", or the annulment. */
  banner: string | null;
  header: {
    municipality: string;
    documentKind: 'PROTOKOLLSUTDRAG';
    body: string;
    dateLabel: string;
    date: string;
    place: string | null;
  };
  paragraph: { number: string | null; title: string; dnr: string | null };
  sections: ExtractSection[];
  /** `dated`: the day the certification is given (the extract is made), null when the caller gives none (the page). */
  footer: { certification: string; secretary: string | null; role: string; note: string | null; dated: string | null };
}

/** The whole extract of one decision, certified on `issuedOn` when given. Pure: the same input gives the same model. */
export function buildExtract(view: DecisionView, issuedOn: string | null = null): ProtocolExtract {
  const p = view.paragraph;
  const draft = isDraft(view);
  const municipality = municipalityName(view.municipality.name);
  const body = view.body?.name ?? ORGAN_NAMES[view.organ] ?? view.organ;
  const number = paragraphLabel(p?.paragraphNumber ?? view.paragraphNumber);
  const title = p?.matter.title ?? view.matter?.title ?? SUBJECTS[view.subject] ?? view.subject;
  const dnrRaw = p?.matter.diarienummer ?? view.matter?.diarienummer ?? null;
  const dnr = dnrRaw ? (/^dnr\b/i.test(dnrRaw.trim()) ? dnrRaw : `Dnr ${dnrRaw}`) : null;
  const date = view.meeting?.date ?? view.decidedOn;

  const example = view.example !== null && view.example !== undefined;
  const prefix = [example ? EXAMPLE_BANNER : '', draft ? DRAFT_BANNER : ''].filter(Boolean).join(' · ');
  const docTitle = `${prefix ? `${prefix}: ` : ''}Protokollsutdrag${number ? ` ${number}` : ''} – ${body}, ${municipality}, ${date}`;
  const statusBanner = draft
    ? DRAFT_BANNER
    : view.status === 'ANNULLED'
      ? `UPPHÄVT – beslutet har upphävts${view.outcome?.on ? ` ${view.outcome.on}` : ''}${courtRef(view.outcome)}`
      : null;

  return {
    title: docTitle,
    draft,
    example,
    banner: [example ? EXAMPLE_BANNER : null, statusBanner].filter(Boolean).join(' · ') || null,
    header: {
      municipality,
      documentKind: 'PROTOKOLLSUTDRAG',
      body,
      dateLabel: view.meeting ? 'Sammanträdesdatum' : 'Beslutsdatum',
      date,
      place: view.meeting?.place ?? null,
    },
    paragraph: { number, title, dnr },
    sections: extractSections(view),
    footer: example
      ? // Example data is never certified (R-I12 certifies a real protocol): the mark stands in its place.
        {
          certification: EXAMPLE_CERTIFICATION,
          secretary: null,
          role: 'Ej bestyrkt',
          note: EXAMPLE_FOOTER_NOTE,
          dated: null,
        }
      : {
          certification: CERTIFICATION,
          secretary: view.meeting?.secretary ?? null,
          role: 'Sekreterare',
          note: draft ? 'Utdraget är hämtat ur ett utkast. Protokollet är inte justerat.' : null,
          dated: issuedOn,
        },
  };
}
