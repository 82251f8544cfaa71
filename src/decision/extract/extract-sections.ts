/**
 * The sections of the protocol extract, in the order of a Swedish protocol: what each part of the paragraph becomes
 * as lines (text, subheadings, lists, the omröstningslista). Recorded text is carried verbatim (R-H19); the wording
 * around it is extract-swedish.ts's.
 */
import { markingsInForce } from '../../../machines/protocol/secrecy-lifting.rules';
import { withheldNotice } from '../../../machines/protocol/secrecy.rules';
import type { DecisionParagraph, Proposal, Reservation, Vote } from '../../../machines/protocol/decision.types';
import type { DecisionView } from '../decision.views';
import type { ExtractLine, ExtractSection, SectionKey } from './extract-model';
import {
  continuationLines,
  javLines,
  notParticipatingLines,
  opennessLines,
  tjanstgoringLines,
} from './extract-attendance';
import {
  count,
  joinSv,
  ORGAN_NAMES,
  paragraphLabel,
  People,
  proposalRef,
  SECTION_HEADINGS,
  statusText,
  SUBJECTS,
} from './extract-swedish';

/** R-K10: anything not justerat is a draft (a minimal record, which has no protocol lifecycle, is not). */
export function isDraft(view: DecisionView): boolean {
  if (view.status === 'DRAFT') return true;
  return !view.minimal && !view.justeradOn;
}

/** R-K7, R-K3: what is withheld, and under which provision, first; the texts stand as "[Sekretess enligt …]". */
function secrecyLines(view: DecisionView): ExtractLine[] {
  // R-K13: a lifted marking withholds nothing, so the extract (handed out) no longer says so.
  return markingsInForce(view.secrecy ?? []).map((m) => ({ kind: 'text', tone: 'notice', text: withheldNotice(m) }));
}

/** The ordered sections of the extract. */
export function extractSections(view: DecisionView): ExtractSection[] {
  const sections: ExtractSection[] = [];
  const add = (key: SectionKey, lines: ExtractLine[]) => {
    if (lines.length) sections.push({ key, heading: SECTION_HEADINGS[key], lines });
  };
  const p = view.paragraph;
  const people = new People(view.meeting?.attendees ?? []);
  add('sekretess', secrecyLines(view));
  // R-H18: an open or a closed meeting; a paragraph behind closed doors at an open one
  add('offentlighet', opennessLines(view));

  if (p) {
    add('sammanfattning', summaryLines(p, view));
    add('beslutsunderlag', p.beslutsunderlag.length ? [list('bullet', p.beslutsunderlag)] : []);
    add(
      'forslag',
      p.proposals.flatMap((x) => proposalLines(x, people)),
    );
    // R-H20, R-H4: who serves in this paragraph, and jäv with its ground (extract-attendance.ts)
    add('tjanstgoring', tjanstgoringLines(view, p, people));
    add('jav', javLines(view, p, people));
    add('beslutsgang', [
      ...p.beslutsgang.map((s) => text(s)),
      // R-H12: who announced not taking part in the decision
      ...notParticipatingLines(p, people),
      ...formalQuestionLines(p, people),
      // R-H8: the kontrapropositionsvotering, then the huvudvotering, each with its vote list
      ...(p.kontraproposition ? votingLines(p, people, p.kontraproposition.method, 'Kontrapropositionsvotering') : []),
      ...votingLines(p, people, p.method, p.kontraproposition ? 'Huvudvotering' : 'Omröstning'),
    ]);
    add('beslut', decisionLines(p, view));
    // R-H22: the paragraphs the matter continues from and in (extract-attendance.ts)
    add('fortsattning', continuationLines(view));
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
  add('exempel', exampleLines(view));
  return sections;
}

/** The summary; for the anmälan of a delegationsbeslut, who decided it and under which point (R-I9, R-H17). */
function summaryLines(p: DecisionParagraph, view: DecisionView): ExtractLine[] {
  const lines = p.summary && p.summary.trim() ? [text(p.summary)] : [];
  const d = view.delegation;
  if (d)
    lines.push({
      kind: 'text',
      lead: d.kind === 'ORDFORANDEBESLUT' ? 'Ordförandebeslut av:' : 'Delegationsbeslut av:',
      text: `${d.delegate}${d.delegateTitle ? `, ${d.delegateTitle}` : ''} (${d.bodyName}, punkt ${d.point} i delegationsordningen), ${d.decidedOn}`,
    });
  return lines;
}

/** Example (demo) data: the mark, which facts are invented and which source text was corrected. */
function exampleLines(view: DecisionView): ExtractLine[] {
  const mark = view.example;
  if (!mark) return [];
  const lines: ExtractLine[] = [text(mark.note, 'notice')];
  if (mark.sources?.length) lines.push({ kind: 'text', lead: 'Källor:', text: mark.sources.join(', ') });
  if (mark.fictitious.length) {
    lines.push({ kind: 'subheading', text: 'Fiktiva uppgifter (finns inte i källorna)' });
    lines.push(list('bullet', mark.fictitious));
  }
  if (mark.corrected?.length) {
    lines.push({ kind: 'subheading', text: 'Rättat från källan' });
    lines.push(
      list(
        'bullet',
        mark.corrected.map((c) => `${c.field}: ${c.note}`),
      ),
    );
  }
  return lines;
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
function votingLines(
  p: DecisionParagraph,
  people: People,
  m: DecisionParagraph['method'],
  heading: string,
): ExtractLine[] {
  // A matter sent on undecided has no vote on the matter (R-H22).
  if (!m || m.kind === 'ACKLAMATION') return [];
  const votes: Vote[] = m.votes ?? [];
  // A formal question puts the motion (GRANTED) against deciding the matter today (REFUSED), R-H6.
  const FORMAL: Record<string, string> = { GRANTED: 'yrkandet', REFUSED: 'att ärendet avgörs i dag' };
  const ref = (id: string | undefined) => (id ? (FORMAL[id] ?? proposalRef(p, id)) : 'förslaget');
  const lines: ExtractLine[] = [{ kind: 'subheading', text: heading }];
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

/** R-H6, R-H16: each question on återremiss or bordläggning, tried before the matter, and how it went. */
function formalQuestionLines(p: DecisionParagraph, people: People): ExtractLine[] {
  return (p.formalQuestions ?? []).flatMap((q): ExtractLine[] => {
    const what = q.kind === 'ATERREMISS' ? 'återremiss' : 'bordläggning';
    const how =
      q.decidedBy === 'MINORITY'
        ? `Minst en tredjedel av de närvarande ledamöterna begär ${what}; ärendet ska därmed ${q.kind === 'ATERREMISS' ? 'återremitteras' : 'bordläggas'} (minoritets${what}).`
        : `Fullmäktige/nämnden ${q.outcome === 'GRANTED' ? 'bifaller' : 'avslår'} yrkandet om ${what}.`;
    return [
      {
        kind: 'text',
        lead: `${people.list(q.movedBy)}:`,
        text: `yrkar ${what}.${q.reason ? ` Motivering: ${q.reason}` : ''}`,
      },
      text(how),
      ...(q.decidedBy === 'MAJORITY' && q.method && q.method.kind !== 'ACKLAMATION'
        ? votingLines(
            p,
            people,
            { ...q.method, adopted: q.outcome, ja: 'GRANTED', nej: 'REFUSED' },
            `Omröstning om ${what}`,
          )
        : []),
    ];
  });
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
    // R-I2: the chair signs beside the justerare (a record from before issue 11 §5 lists the signers together)
    const signers = view.chair ? [`ordföranden ${view.chair}`, ...(view.justerare ?? [])] : (view.justerare ?? []);
    const by = signers.length ? ` av ${joinSv(signers)}` : '';
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
    // R-I4: where the protocol is kept, and the day the anslag comes down
    if (view.keptAt) lines.push({ kind: 'text', lead: 'Förvaringsplats för protokollet:', text: view.keptAt });
    if (view.anslagTakenDownOn)
      lines.push({ kind: 'text', lead: 'Datum då anslaget tas ned:', text: view.anslagTakenDownOn });
  }
  lines.push({ kind: 'text', lead: 'Status:', text: statusText(view) });
  return lines;
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
