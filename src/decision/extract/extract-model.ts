/**
 * The protocol extract (protokollsutdrag) as data: one pure mapping from a DecisionView to a header, an ordered list
 * of sections (heading, lines) and a footer. Both renderers (extract-html.ts, extract-pdf.ts) draw this model and add
 * no wording of their own, so the HTML and the PDF say the same thing.
 *
 * Text recorded in the paragraph (proposals, beslutsgång, att-satser, motivations, corrections) is carried verbatim
 * (R-H19); the model only adds the fixed Swedish protocol phrases around it. A DRAFT is marked "UTKAST – ej justerat"
 * and never shows a justering (R-K10); the footer is the secretary's certification (R-I12).
 */
import type {
  Attendee,
  DecisionParagraph,
  Person,
  Proposal,
  Reservation,
  Vote,
} from '../../../machines/protocol/decision.types';
import type { DecisionView } from '../decision.views';

export type SectionKey =
  | 'sammanfattning'
  | 'beslutsunderlag'
  | 'forslag'
  | 'jav'
  | 'beslutsgang'
  | 'beslut'
  | 'reservationer'
  | 'protokollsanteckningar'
  | 'skickas'
  | 'justering'
  | 'rattelser';

/** One line (block) of a section. Renderers escape and wrap, but never reword. */
export type ExtractLine =
  /** A paragraph of text; `lead` is a bold prefix such as "Ordföranden Daniel Jensen (KD):". Newlines are kept. */
  | { kind: 'text'; text: string; lead?: string; tone?: 'normal' | 'quote' | 'notice' }
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
  footer: { certification: string; secretary: string | null; role: string; note: string | null };
}

export const DRAFT_BANNER = 'UTKAST – ej justerat';
export const CERTIFICATION = 'Protokollsutdrag – rätt utdraget intygar';

export const SECTION_HEADINGS: Record<SectionKey, string> = {
  sammanfattning: 'Sammanfattning av ärendet',
  beslutsunderlag: 'Beslutsunderlag',
  forslag: 'Förslag till beslut på sammanträdet',
  jav: 'Jäv',
  beslutsgang: 'Beslutsgång',
  beslut: 'Beslut',
  reservationer: 'Reservationer',
  protokollsanteckningar: 'Protokollsanteckningar',
  skickas: 'Beslutet skickas till',
  justering: 'Justering och anslag',
  rattelser: 'Rättelser',
};

const ORGAN_NAMES: Record<string, string> = {
  KF: 'Kommunfullmäktige',
  KS: 'Kommunstyrelsen',
  NAMND: 'Nämnden',
  UTSKOTT: 'Utskottet',
};

const SUBJECTS: Record<string, string> = {
  DECLARATION_ADOPTION: 'Antagande av avsiktsförklaring',
  EXIT_REQUEST: 'Begäran om utträde',
  EXIT_WITHDRAWAL: 'Återkallelse av begäran om utträde',
  AMENDMENT_APPROVAL: 'Godkännande av ändringar och tillägg',
  OTHER: 'Beslut',
};

/** The whole extract of one decision. Pure: the same view gives the same model. */
export function buildExtract(view: DecisionView): ProtocolExtract {
  const p = view.paragraph;
  const draft = isDraft(view);
  const municipality = municipalityName(view.municipality.name);
  const body = view.body?.name ?? ORGAN_NAMES[view.organ] ?? view.organ;
  const number = paragraphLabel(p?.paragraphNumber ?? view.paragraphNumber);
  const title = p?.matter.title ?? view.matter?.title ?? SUBJECTS[view.subject] ?? view.subject;
  const dnrRaw = p?.matter.diarienummer ?? view.matter?.diarienummer ?? null;
  const dnr = dnrRaw ? (/^dnr\b/i.test(dnrRaw.trim()) ? dnrRaw : `Dnr ${dnrRaw}`) : null;
  const date = view.meeting?.date ?? view.decidedOn;

  const docTitle = `${draft ? `${DRAFT_BANNER}: ` : ''}Protokollsutdrag${number ? ` ${number}` : ''} – ${body}, ${municipality}, ${date}`;

  return {
    title: docTitle,
    draft,
    banner: draft
      ? DRAFT_BANNER
      : view.status === 'ANNULLED'
        ? `UPPHÄVT – beslutet har upphävts${view.outcome?.on ? ` ${view.outcome.on}` : ''}${courtRef(view.outcome)}`
        : null,
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
    footer: {
      certification: CERTIFICATION,
      secretary: view.meeting?.secretary ?? null,
      role: 'Sekreterare',
      note: draft ? 'Utdraget är hämtat ur ett utkast. Protokollet är inte justerat.' : null,
    },
  };
}

/** R-K10: anything not justerat is a draft (a minimal record, which has no protocol lifecycle, is not). */
export function isDraft(view: DecisionView): boolean {
  if (view.status === 'DRAFT') return true;
  return !view.minimal && !view.justeradOn;
}

/** The ordered sections of the extract. */
export function extractSections(view: DecisionView): ExtractSection[] {
  const sections: ExtractSection[] = [];
  const add = (key: SectionKey, lines: ExtractLine[]) => {
    if (lines.length) sections.push({ key, heading: SECTION_HEADINGS[key], lines });
  };
  const p = view.paragraph;
  const people = new People(view.meeting?.attendees ?? []);

  if (p) {
    if (p.summary && p.summary.trim()) add('sammanfattning', [text(p.summary)]);
    add('beslutsunderlag', p.beslutsunderlag.length ? [list('bullet', p.beslutsunderlag)] : []);
    add(
      'forslag',
      p.proposals.flatMap((x) => proposalLines(x, people)),
    );
    add(
      'jav',
      p.jav.map((j) => ({
        kind: 'text',
        lead: `${people.label({ name: j.member })}:`,
        text: `anmäler jäv och deltar inte i handläggningen av ärendet. Skäl: ${j.reason}`,
      })),
    );
    add('beslutsgang', [...p.beslutsgang.map((s) => text(s)), ...votingLines(p, people)]);
    add('beslut', decisionLines(p, view));
    add(
      'reservationer',
      p.reservations.flatMap((r) => reservationLines(r, p, view, people)),
    );
    add(
      'protokollsanteckningar',
      p.protokollsanteckningar.map((a) => ({ kind: 'text', lead: `${people.label(a.member)}:`, text: a.text })),
    );
    add('skickas', p.sendTo.length ? [list('plain', p.sendTo)] : []);
  } else {
    add('beslut', [
      text(
        `${ORGAN_NAMES[view.organ] ?? view.organ} beslutade ${view.decidedOn}: ${SUBJECTS[view.subject] ?? view.subject}.`,
      ),
      text('Paragrafens fullständiga text finns inte registrerad i systemet; se kommunens protokoll.', 'notice'),
    ]);
  }

  add('justering', justeringLines(view));

  const ref = paragraphLabel(p?.paragraphNumber ?? view.paragraphNumber) ?? 'paragrafen';
  add(
    'rattelser',
    [...view.corrections]
      .sort((a, b) => a.index - b.index)
      .flatMap((c): ExtractLine[] => [
        { kind: 'subheading', text: `Rättelse ${c.index} – avser ${ref}` },
        { kind: 'text', lead: 'Datum:', text: c.correctedOn },
        { kind: 'text', lead: 'Skäl:', text: c.reason },
        text(c.text, 'quote'),
      ]),
  );
  return sections;
}

// ---- the paragraph's parts ---------------------------------------------------------------------------------------

function proposalLines(x: Proposal, people: People): ExtractLine[] {
  const lines: ExtractLine[] = [{ kind: 'text', lead: `${people.proposers(x.by)}:`, text: x.text }];
  if (x.attSatser?.length) lines.push(numbered(x.attSatser));
  return lines;
}

function decisionLines(p: DecisionParagraph, view: DecisionView): ExtractLine[] {
  const lines: ExtractLine[] = [];
  const lead =
    p.decision.text ??
    (p.decision.attSatser.length
      ? `${view.body?.name ?? ORGAN_NAMES[view.organ] ?? view.organ} beslutar att:`
      : undefined);
  if (lead) lines.push(text(lead));
  if (p.decision.attSatser.length) lines.push(numbered(p.decision.attSatser));
  return lines;
}

/** R-H5 (3), (5), R-H9..R-H11: how the vote went; nothing more for acklamation (the beslutsgång says it). */
function votingLines(p: DecisionParagraph, people: People): ExtractLine[] {
  const m = p.method;
  if (m.kind === 'ACKLAMATION') return [];
  const votes: Vote[] = m.votes ?? [];
  const ref = (id: string | undefined) => (id ? proposalRef(p, id) : 'förslaget');
  const lines: ExtractLine[] = [{ kind: 'subheading', text: 'Omröstning' }];
  if (m.voteRequestedBy) lines.push(text(`Omröstning begärs av ${people.label({ name: m.voteRequestedBy })}.`));
  if (m.ja && m.nej) lines.push(text(`Ja-röst för ${ref(m.ja)}, nej-röst för ${ref(m.nej)}.`));
  const ja = votes.filter((v) => v.vote === 'JA').length;
  const nej = votes.filter((v) => v.vote === 'NEJ').length;
  const avstar = votes.filter((v) => v.vote === 'AVSTAR').length;
  // Elections may be held with closed ballots (R-H9): for lottning only the count is shown, never who voted how.
  if (m.kind !== 'LOTTNING' && votes.length) {
    lines.push({
      kind: 'table',
      columns: ['Ledamot', 'Ja', 'Nej', 'Avstår'],
      rows: votes.map((v) => [
        people.voter(v.member),
        v.vote === 'JA' ? 'X' : '',
        v.vote === 'NEJ' ? 'X' : '',
        v.vote === 'AVSTAR' ? 'X' : '',
      ]),
      footer: ['Summa', String(ja), String(nej), String(avstar)],
    });
  }
  if (votes.length)
    lines.push(
      text(
        `Omröstningsresultat: ${count(ja, 'ja-röst', 'ja-röster')}, ${count(nej, 'nej-röst', 'nej-röster')}, ${avstar} avstår.`,
      ),
    );
  if (m.kind === 'OPEN_VOTE') {
    lines.push(text(`Därmed är ${ref(m.adopted)} bifallet.`));
  } else if (m.kind === 'CASTING_VOTE') {
    const chair = people.chair;
    const chairVote = chair ? votes.find((v) => v.member === chair.name)?.vote : undefined;
    const how =
      chair && chairVote && chairVote !== 'AVSTAR'
        ? ` (ordföranden ${people.label(chair)} röstade ${chairVote === 'JA' ? 'ja' : 'nej'})`
        : '';
    lines.push(text(`Röstetalet är lika. Ordförandens utslagsröst avgör${how}; därmed är ${ref(m.adopted)} bifallet.`));
  } else {
    lines.push(
      text(
        `Röstetalet är lika och lotten avgör (lottning). Lotten föll på ${ref(m.lotFellOn ?? m.adopted)}; därmed är ${ref(m.adopted)} bifallet.`,
      ),
    );
  }
  return lines;
}

/** R-H14: "reserverar sig mot beslutet" (blank), "till förmån för eget förslag" or "till förmån för Xs förslag". */
function reservationLines(r: Reservation, p: DecisionParagraph, view: DecisionView, people: People): ExtractLine[] {
  let phrase = 'reserverar sig mot beslutet';
  if (r.inFavourOf) {
    const proposal = p.proposals.find((x) => x.id === r.inFavourOf);
    const own =
      !!proposal && r.members.length > 0 && r.members.every((m) => proposal.by.some((b) => b.name === m.name));
    phrase += own ? ' till förmån för eget förslag' : ` till förmån för ${proposalRef(p, r.inFavourOf)}`;
  }
  const lines: ExtractLine[] = [{ kind: 'text', lead: `${people.list(r.members)}:`, text: `${phrase}.` }];
  const names = new Set(r.members.map((m) => m.name));
  const motivations = [r.motivation?.text, ...view.motivations.filter((m) => names.has(m.member)).map((m) => m.text)];
  const seen = new Set<string>();
  for (const t of motivations) {
    if (!t || !t.trim() || seen.has(t.trim())) continue;
    seen.add(t.trim());
    lines.push(text(t, 'quote'));
  }
  return lines;
}

function justeringLines(view: DecisionView): ExtractLine[] {
  const lines: ExtractLine[] = [];
  if (isDraft(view) || !view.justeradOn) {
    lines.push(text('Ej justerat', isDraft(view) ? 'notice' : 'normal'));
  } else {
    const by = view.justerare?.length ? ` av ${joinSv(view.justerare)}` : '';
    lines.push(text(`Justerat ${view.justeradOn}${by}${view.immediate ? ' (omedelbar justering)' : ''}`));
  }
  // Never announce the anslag of a draft (R-K10); a draft has none.
  if (view.anslagOn && !isDraft(view)) {
    lines.push(
      text(
        `Anslaget på kommunens anslagstavla ${view.anslagOn}${view.appealLastDay ? `; överklagandetiden löper till och med ${view.appealLastDay}` : ''}`,
      ),
    );
    if (view.noticeBoard) lines.push({ kind: 'text', lead: 'Anslagstavla:', text: view.noticeBoard });
  }
  lines.push({ kind: 'text', lead: 'Status:', text: statusText(view) });
  return lines;
}

/** The status in words (R-I7, R-K10). */
export function statusText(view: DecisionView): string {
  const court = courtRef;
  switch (view.status) {
    case 'DRAFT':
      return DRAFT_BANNER;
    case 'JUSTERAT':
      return 'Justerat, ännu inte anslaget';
    case 'ANSLAGET':
      return view.appealLastDay
        ? `Anslaget; överklagandetiden löper till och med ${view.appealLastDay}`
        : 'Anslaget; överklagandetiden löper';
    case 'PRESUMED_FINAL':
      return 'Överklagandetiden har gått ut; att inget överklagande har kommit in är ännu inte bekräftat';
    case 'APPEALED':
      return view.appeal
        ? `Överklagat; överklagandet kom in ${view.appeal.receivedOn}${court(view.appeal)}`
        : 'Överklagat';
    case 'FINAL': {
      const on = view.outcome?.on ?? view.finalFrom;
      return `Vunnit laga kraft${on ? ` ${on}` : ''}${view.appeal ? ` (överklagandet avslaget${court(view.outcome)})` : ''}`;
    }
    case 'ANNULLED':
      return `Upphävt${view.outcome?.on ? ` ${view.outcome.on}` : ''}${court(view.outcome)}`;
    case 'RECORDED':
      return 'Registrerat beslut utan protokollsförlopp i systemet';
    default:
      return view.status;
  }
}

function courtRef(o: { court?: string; caseNumber?: string } | undefined): string {
  return `${o?.court ? ` av ${o.court}` : ''}${o?.caseNumber ? `, mål nr ${o.caseNumber}` : ''}`;
}

// ---- names ------------------------------------------------------------------------------------------------------

class People {
  readonly chair: Attendee | undefined;
  constructor(private readonly attendees: Attendee[]) {
    this.chair = attendees.find((a) => a.chair);
  }

  /** "Daniel Jensen (KD)"; the party from the attendee list when the person does not carry it. */
  label(p: Person): string {
    const party = p.party ?? this.attendees.find((a) => a.name === p.name)?.party;
    return party ? `${p.name} (${party})` : p.name;
  }

  list(people: Person[]): string {
    return joinSv(people.map((x) => this.label(x)));
  }

  /** "Ordföranden Daniel Jensen (KD)" for the chair's proposal. */
  proposers(by: Person[]): string {
    return joinSv(
      by.map((x, i) =>
        this.chair && x.name === this.chair.name
          ? `${i === 0 ? 'Ordföranden' : 'ordföranden'} ${this.label(x)}`
          : this.label(x),
      ),
    );
  }

  /** A row of the omröstningslista. */
  voter(name: string): string {
    const a = this.attendees.find((x) => x.name === name);
    const roles = [
      a?.chair ? 'ordförande' : '',
      a?.role === 'TJANSTGORANDE_ERSATTARE' ? 'tjänstgörande ersättare' : '',
    ].filter(Boolean);
    return `${this.label({ name })}${roles.length ? `, ${roles.join(', ')}` : ''}`;
  }
}

/** "Daniel Jensens förslag", "Marianne Sand Wallin och Sara Kanyindas förslag" (group genitive). */
function proposalRef(p: DecisionParagraph, id: string): string {
  const proposal = p.proposals.find((x) => x.id === id);
  if (!proposal || !proposal.by.length) return `förslag ${id}`;
  return `${genitive(joinSv(proposal.by.map((x) => x.name)))} förslag`;
}

/** "a", "a och b", "a, b och c". */
export function joinSv(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}

/** Swedish genitive: an -s, except after s, x or z. */
export function genitive(name: string): string {
  return /[sxz]$/i.test(name) ? name : `${name}s`;
}

/** "Mellerud" → "Melleruds kommun", "Bengtsfors" → "Bengtsfors kommun", "Arboga" → "Arboga kommun". */
export function municipalityName(name: string): string {
  const n = name.trim();
  if (/\b(kommun|stad|region)$/i.test(n)) return n;
  return /[aeiouyåäö]$/i.test(n) ? `${n} kommun` : `${genitive(n)} kommun`;
}

/** "45" → "§ 45"; "§ 45" stays. */
export function paragraphLabel(n: string | null | undefined): string | null {
  if (!n || !n.trim()) return null;
  return n.trim().startsWith('§') ? n.trim() : `§ ${n.trim()}`;
}

function text(t: string, tone?: 'normal' | 'quote' | 'notice'): ExtractLine {
  return tone && tone !== 'normal' ? { kind: 'text', text: t, tone } : { kind: 'text', text: t };
}

function list(style: 'bullet' | 'plain', items: string[]): ExtractLine {
  return { kind: 'list', style, items: items.map((t) => ({ marker: '', text: t })) };
}

function numbered(items: string[]): ExtractLine {
  return { kind: 'list', style: 'numbered', items: items.map((t, i) => ({ marker: `${i + 1}.`, text: t })) };
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
