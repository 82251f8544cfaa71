/**
 * The protocol extract (protokollsutdrag): the shared model, the HTML and the PDF renderers
 * (src/decision/extract/). Views are built by hand, no database, except in the last block: there the extract is
 * rendered from the decision the demo seed records (src/seed/demo-seed.ts), read through DecisionService from a real
 * database (the medium kit, ./kit.ts).
 *
 * The fixture is SEED-MEL (shared/seeds/002_668f89969719be29.txt, R-H19): Melleruds kommun, socialnämnden, revised
 * "Avsiktsförklaring version 1.2". Proposals, beslutsgång, decision, reservation, motivation, beslutsunderlag,
 * summary and "Beslutet skickas till" are taken from the seed (OCR errors corrected: "Reseruationer", "fucialdemokrater",
 * "Nellentds KommunfullmäktEe", "auslag", "fungtsfors" ...). The seed does not give the meeting date, paragraph number,
 * diarienummer, secretary, the other attendees or the justering and anslag dates: those below are invented for the
 * test, and the people other than Daniel Jensen, Marianne Sand Wallin and Sara Kanyinda are fictitious.
 */
import type { DecisionParagraph, Vote } from '../../machines/protocol/decision.types';
import { DecisionService } from '../../src/decision/decision.service';
import type { DecisionView } from '../../src/decision/decision.views';
import { renderExtractHtml } from '../../src/decision/extract/extract-html';
import {
  buildExtract,
  CERTIFICATION,
  DRAFT_BANNER,
  EXAMPLE_BANNER,
  EXAMPLE_CERTIFICATION,
  genitive,
  joinSv,
  municipalityName,
  paragraphLabel,
} from '../../src/decision/extract/extract-model';
import { pdfText, renderExtractPdf } from '../../src/decision/extract/extract-pdf';
import { MELLERUD_PARAGRAPH } from '../../src/seed/mellerud-example';
import { ExtractDocuments } from '../../src/decision/extract/extract-documents';
import { PersonalDataService } from '../../src/personal-data/personal-data.service';
import { SecretTextService } from '../../src/personal-data/secret-text.service';
import { pdfTextRuns } from '../e2e/kit/pdf';
import { useMediumApp } from './kit';

const BESLUTSGANG =
  'Ordföranden ställer förslagen mot varandra och finner att socialnämnden bifaller Daniel Jensens förslag.';
const ATT_SATSER = [
  'anta reviderad avsiktsförklaring.',
  'föreslå kommunstyrelsen ställa sig bakom den reviderade avsiktsförklaringen.',
];
const UNDERLAG = [
  'Tjänsteskrivelse',
  'Tjänsteanteckning Avsiktsförklaring version 1.2 för ett gemensamt socialt verksamhetsområde Mellerud och Bengtsfors kommun',
];
const MOTIVATION = [
  'Vi socialdemokrater anser att Socialnämndens verksamhet lyder under mål och budget som beslutats i Melleruds Kommunfullmäktige. Utöver det har nämnden beslutat om att framtida samverkan inom sociala området skall ske inom ramen Dalslandssamverkan.',
  "Syftet med avtalssamverkan som formuleras måste vara mycket tydligt och mätbart - inte så svepande som det står i dokumentet 'att uppnå högre kvalitet till lägre kostnader'; hur skall vi i nämnden kunna granska om detta skett - vilka är nyckeltalen som skall uppnås?",
  'Vi yrkar avslag till att i det läget i nämnden besluta om utvidgning av avsiktsförklaring för samverkan med enbart Bengtsfors.',
].join('\n');
const SUMMARY = [
  'Socialförvaltningen i Mellerud och sociala området i Bengtsfors har sedan tre år tillbaka haft en gemensam socialchef och en gemensam organisation.',
  'Samarbetet började på strategisk nivå där de båda kommunerna initialt delade socialchef och verksamhetschefer. Under åren har samarbetet utvecklats av sig själv när chefer och även i vissa fall medarbetare träffats och samverkat över gränserna. Allt fler har sett möjligheterna med samverkan och idag finns fyra enhetschefer som tjänstgör i båda kommunerna samt specialister tex socialt ansvarig samordnare och digitaliseringsstrateg.',
  'Utifrån detta har den avsiktsförklaring som skrevs och antogs under 2021 reviderats för att matcha nuvarande samverkansformer. Ändringarna är gulmarkerade. Under hösten 2024 planeras en forskningsutvärdering göras av samarbetet.',
].join(' ');

const JENSEN = { name: 'Daniel Jensen', party: 'KD' };
const SAND_WALLIN = { name: 'Marianne Sand Wallin', party: 'S' };
const KANYINDA = { name: 'Sara Kanyinda', party: 'S' };

function paragraph(over: Partial<DecisionParagraph> = {}): DecisionParagraph {
  return {
    paragraphNumber: '§ 45',
    matter: { title: 'Avsiktsförklaring sociala området version 1.2', diarienummer: 'SN 2024/15', diarium: 'SN' },
    subject: 'OTHER',
    summary: SUMMARY,
    beslutsunderlag: [...UNDERLAG],
    proposals: [
      { id: 'A', by: [JENSEN], text: 'Socialnämnden beslutar att:', attSatser: [...ATT_SATSER] },
      { id: 'B', by: [SAND_WALLIN, KANYINDA], text: 'Socialnämnden avslår reviderad avsiktsförklaring.' },
    ],
    beslutsgang: [BESLUTSGANG],
    method: { kind: 'ACKLAMATION', adopted: 'A' },
    decision: { text: 'Socialnämnden beslutar att:', attSatser: [...ATT_SATSER] },
    jav: [],
    reservations: [
      {
        members: [SAND_WALLIN, KANYINDA],
        inFavourOf: 'B',
        announcedAt: '2024-04-23T10:40:00Z',
        motivation: { text: MOTIVATION, submittedAt: '2024-04-25T08:00:00Z' },
      },
    ],
    protokollsanteckningar: [],
    sendTo: ['Kommunstyrelsen'],
    ...over,
  };
}

/** SEED-MEL as a final (laga kraft) decision. */
function view(over: Partial<DecisionView> = {}, p: Partial<DecisionParagraph> = {}): DecisionView {
  return {
    id: '7b0c1c52-7f4e-4e7e-9d1c-2f3a4b5c6d7e',
    municipality: { code: '1461', name: 'Mellerud' },
    body: {
      id: 'b-sn',
      municipalityCode: '1461',
      kind: 'NAMND',
      name: 'Socialnämnden',
      memberCount: 9,
      openMeetingsDecision: null,
    },
    meeting: {
      id: 'm-1',
      date: '2024-04-23',
      public: false,
      openness: { en: 'The meeting is not public', sv: 'Sammanträdet är inte offentligt' },
      place: 'Kommunhuset, Mellerud',
      secretary: 'Eva Exempelsson',
      attendees: [
        { name: 'Daniel Jensen', party: 'KD', role: 'LEDAMOT', chair: true },
        { name: 'Marianne Sand Wallin', party: 'S', role: 'LEDAMOT' },
        { name: 'Sara Kanyinda', party: 'S', role: 'LEDAMOT' },
        { name: 'Anna Exempel', party: 'M', role: 'LEDAMOT' },
        { name: 'Bo Prov', party: 'C', role: 'LEDAMOT' },
        { name: 'Cecilia Test', party: 'SD', role: 'TJANSTGORANDE_ERSATTARE' },
        { name: 'David Fiktiv', party: 'L', role: 'ERSATTARE' },
      ],
    },
    organ: 'NAMND',
    decidedOn: '2024-04-23',
    paragraphNumber: '§ 45',
    subject: 'OTHER',
    collaboration: null,
    matter: { title: 'Avsiktsförklaring sociala området version 1.2', diarienummer: 'SN 2024/15', diarium: 'SN' },
    documentVersionId: null,
    minimal: false,
    status: 'FINAL',
    state: 'final',
    version: 6,
    workflowId: 'wf-1',
    paragraph: paragraph(p),
    example: null,
    justeradOn: '2024-04-30',
    justerare: ['Daniel Jensen', 'Anna Exempel'],
    immediate: false,
    anslagOn: '2024-05-02',
    appealLastDay: '2024-05-23',
    finalFrom: '2024-05-24',
    outcome: { kind: 'FINAL', on: '2024-05-24' },
    corrections: [],
    motivations: [],
    warnings: [],
    deadlines: {},
    allowedEvents: [],
    drove: [],
    matterOutcome: 'DECIDED',
    matterStatus: 'DECIDED',
    continuesFrom: null,
    continuedBy: null,
    javConsequence: null,
    ...over,
  };
}

const draftView = (over: Partial<DecisionView> = {}, p: Partial<DecisionParagraph> = {}) => {
  const v = view({ status: 'DRAFT', state: 'draft', outcome: undefined, ...over }, p);
  for (const k of ['justeradOn', 'justerare', 'immediate', 'anslagOn', 'appealLastDay', 'finalFrom'] as const)
    if (!(k in over)) delete v[k];
  return v;
};

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The HTML of one section (by its key), or undefined. */
function sectionOf(html: string, key: string): string | undefined {
  return html.match(new RegExp(`<section class="section section-${key}"[\\s\\S]*?</section>`))?.[0];
}

/** Visible text of an HTML fragment (tags dropped, entities decoded), whitespace collapsed. */
function textOf(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('extract model helpers', () => {
  it('names the municipality as Swedish protocols do', () => {
    expect(municipalityName('Mellerud')).toBe('Melleruds kommun');
    expect(municipalityName('Bengtsfors')).toBe('Bengtsfors kommun');
    expect(municipalityName('Dals-Ed')).toBe('Dals-Eds kommun');
    expect(municipalityName('Färgelanda')).toBe('Färgelanda kommun');
    expect(municipalityName('Åmål')).toBe('Åmåls kommun');
    expect(municipalityName('Arboga')).toBe('Arboga kommun');
    expect(municipalityName('Melleruds kommun')).toBe('Melleruds kommun');
  });

  it('joins names and makes genitives', () => {
    expect(joinSv(['a'])).toBe('a');
    expect(joinSv(['a', 'b'])).toBe('a och b');
    expect(joinSv(['a', 'b', 'c'])).toBe('a, b och c');
    expect(genitive('Daniel Jensen')).toBe('Daniel Jensens');
    expect(genitive('Sara Kanyinda')).toBe('Sara Kanyindas');
    expect(genitive('Lars Ross')).toBe('Lars Ross');
    expect(paragraphLabel('45')).toBe('§ 45');
    expect(paragraphLabel('§ 45')).toBe('§ 45');
    expect(paragraphLabel(null)).toBeNull();
  });

  it('orders the sections as a protocol extract does, and the HTML follows the model', () => {
    const v = view(
      { corrections: [{ correctedOn: '2024-05-06', reason: 'Skrivfel', text: 'Rättat', index: 1 }] },
      {
        jav: [{ member: 'Bo Prov', reason: 'Närstående' }],
        protokollsanteckningar: [{ member: { name: 'Anna Exempel' }, text: 'Anteckning.', allowedByChair: true }],
      },
    );
    const model = buildExtract(v);
    expect(model.sections.map((s) => s.key)).toEqual([
      'offentlighet',
      'sammanfattning',
      'beslutsunderlag',
      'forslag',
      'jav',
      'beslutsgang',
      'beslut',
      'reservationer',
      'protokollsanteckningar',
      'skickas',
      'justering',
      'rattelser',
    ]);
    const html = renderExtractHtml(v);
    const positions = model.sections.map((s) => html.indexOf(`<h2>${esc(s.heading)}</h2>`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html.indexOf('Sammanfattning av ärendet')).toBeLessThan(html.indexOf('<h2>Beslutsunderlag</h2>'));
    expect(html.indexOf(CERTIFICATION)).toBeGreaterThan(html.indexOf('<h2>Rättelser</h2>'));
  });

  it('leaves out the sections that have nothing to say', () => {
    const keys = buildExtract(view({}, { summary: undefined })).sections.map((s) => s.key);
    expect(keys).toEqual([
      'offentlighet',
      'beslutsunderlag',
      'forslag',
      'beslutsgang',
      'beslut',
      'reservationer',
      'skickas',
      'justering',
    ]);
  });
});

describe('renderExtractHtml: SEED-MEL (R-H19)', () => {
  const html = renderExtractHtml(view());
  const text = textOf(html);

  it('is a complete standalone Swedish document', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
    expect(html).toContain('<title>Protokollsutdrag § 45 – Socialnämnden, Melleruds kommun, 2024-04-23</title>');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).not.toMatch(/<(link|script|img)\b/i); // nothing external
  });

  it('has the header block and the § heading with the matter and the Dnr', () => {
    const head = html.match(/<header class="head">[\s\S]*?<\/header>/)![0];
    expect(head).toContain('Melleruds kommun');
    expect(head).toContain('PROTOKOLLSUTDRAG');
    expect(head).toContain('Socialnämnden');
    expect(head).toContain('Sammanträdesdatum');
    expect(head).toContain('2024-04-23');
    expect(html).toMatch(
      /<h1 class="paragraph"><span class="num">§ 45<\/span><span class="title">Avsiktsförklaring sociala området version 1\.2<\/span><\/h1>/,
    );
    expect(html).toContain('<p class="dnr">Dnr SN 2024/15</p>');
    expect(html.indexOf('</header>')).toBeLessThan(html.indexOf('<h1'));
  });

  it('has the summary and the beslutsunderlag', () => {
    expect(textOf(sectionOf(html, 'sammanfattning')!)).toBe(`Sammanfattning av ärendet ${SUMMARY}`);
    const underlag = sectionOf(html, 'beslutsunderlag')!;
    expect(underlag).toContain('<li>Tjänsteskrivelse</li>');
    expect(underlag).toContain(
      '<li>Tjänsteanteckning Avsiktsförklaring version 1.2 för ett gemensamt socialt verksamhetsområde Mellerud och Bengtsfors kommun</li>',
    );
  });

  it('has both proposals with their proposers and parties, the chair as Ordföranden', () => {
    const s = textOf(sectionOf(html, 'forslag')!);
    expect(s).toBe(
      'Förslag till beslut på sammanträdet ' +
        'Ordföranden Daniel Jensen (KD): Socialnämnden beslutar att: 1. anta reviderad avsiktsförklaring. 2. föreslå kommunstyrelsen ställa sig bakom den reviderade avsiktsförklaringen. ' +
        'Marianne Sand Wallin (S) och Sara Kanyinda (S): Socialnämnden avslår reviderad avsiktsförklaring.',
    );
  });

  it('has the beslutsgång verbatim and, for acklamation, no omröstning', () => {
    const s = sectionOf(html, 'beslutsgang')!;
    expect(s).toContain(`<p>${BESLUTSGANG}</p>`);
    expect(s).not.toContain('Omröstning');
    expect(html).not.toContain('<table');
  });

  it('has the decision with numbered att-satser', () => {
    const s = sectionOf(html, 'beslut')!;
    expect(textOf(s)).toBe(
      'Beslut Socialnämnden beslutar att: 1. anta reviderad avsiktsförklaring. 2. föreslå kommunstyrelsen ställa sig bakom den reviderade avsiktsförklaringen.',
    );
    expect(s).toContain('<li><span class="marker">1.</span><span>anta reviderad avsiktsförklaring.</span></li>');
    expect(s).toContain(
      '<li><span class="marker">2.</span><span>föreslå kommunstyrelsen ställa sig bakom den reviderade avsiktsförklaringen.</span></li>',
    );
  });

  it('has the reservation "till förmån för eget förslag" followed by the written motivation, verbatim', () => {
    const s = sectionOf(html, 'reservationer')!;
    expect(textOf(s)).toContain(
      'Marianne Sand Wallin (S) och Sara Kanyinda (S): reserverar sig mot beslutet till förmån för eget förslag.',
    );
    // The motivation keeps its lines (white-space: pre-line) and follows the reservation.
    expect(s).toContain(`<p class="quote">${esc(MOTIVATION)}</p>`);
    expect(s.indexOf('eget förslag')).toBeLessThan(s.indexOf('Vi socialdemokrater'));
  });

  it('says where the decision is sent, the justering, the anslag and the status', () => {
    expect(textOf(sectionOf(html, 'skickas')!)).toBe('Beslutet skickas till Kommunstyrelsen');
    const j = textOf(sectionOf(html, 'justering')!);
    expect(j).toContain('Justerat 2024-04-30 av Daniel Jensen och Anna Exempel');
    expect(j).toContain(
      'Anslaget på kommunens anslagstavla 2024-05-02; överklagandetiden löper till och med 2024-05-23',
    );
    expect(j).toContain('Status: Vunnit laga kraft 2024-05-24');
    expect(html).not.toContain(DRAFT_BANNER);
    expect(html).not.toContain('Ej justerat');
    expect(html).not.toContain('class="banner"');
  });

  it('ends with the secretary’s certification (R-I12)', () => {
    const footer = html.match(/<footer class="cert">[\s\S]*?<\/footer>/)![0];
    expect(textOf(footer)).toBe('Protokollsutdrag – rätt utdraget intygar Eva Exempelsson Sekreterare');
    expect(html.indexOf('<footer')).toBeGreaterThan(html.indexOf('section-justering'));
    const none = renderExtractHtml(view({ meeting: { ...view().meeting!, secretary: null } }));
    expect(textOf(none.match(/<footer class="cert">[\s\S]*?<\/footer>/)![0])).toBe(
      'Protokollsutdrag – rätt utdraget intygar Sekreterare',
    );
  });

  it('has no sections the paragraph lacks', () => {
    expect(text).not.toContain('Protokollsanteckningar');
    expect(text).not.toContain('Jäv');
    expect(text).not.toContain('Rättelser');
  });
});

describe('renderExtractHtml: escaping and verbatim text', () => {
  it('escapes markup and ampersands in recorded text', () => {
    const evil = 'Socialnämnden beslutar <script>alert("x")</script> & "mer" om <b>stöd</b>';
    const html = renderExtractHtml(
      view(
        { meeting: { ...view().meeting!, secretary: 'Eva <Sekr> & Co' } },
        {
          proposals: [{ id: 'A', by: [JENSEN], text: evil, attSatser: ['a & b < c'] }, paragraph().proposals[1]],
          matter: { title: 'Titel <i>&</i>', diarienummer: 'SN 2024/15' },
        },
      ),
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<b>stöd');
    expect(html).toContain(
      'Socialnämnden beslutar &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;mer&quot; om &lt;b&gt;stöd&lt;/b&gt;',
    );
    expect(html).toContain('a &amp; b &lt; c');
    expect(html).toContain('Titel &lt;i&gt;&amp;&lt;/i&gt;');
    expect(html).toContain('Eva &lt;Sekr&gt; &amp; Co');
    // Every & in the document starts an entity.
    expect(html.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
  });

  it('keeps recorded text as written, including line breaks and spacing (R-H19)', () => {
    const odd = 'Rad ett\n\n  Rad två   med   mellanrum\n§ 3 – ”citat” é ü';
    const html = renderExtractHtml(view({}, { beslutsgang: [odd] }));
    expect(html).toContain(`<p>${esc(odd)}</p>`);
  });
});

describe('renderExtractHtml: reservations (R-H14)', () => {
  const three = paragraph().proposals.concat({
    id: 'C',
    by: [{ name: 'Bo Prov', party: 'C' }],
    text: 'Ärendet återremitteras.',
  });

  it('"till förmån för <names>s förslag" when the reservers did not make the proposal', () => {
    const html = renderExtractHtml(
      view({}, { proposals: three, reservations: [{ members: [SAND_WALLIN], inFavourOf: 'C' }] }),
    );
    expect(textOf(sectionOf(html, 'reservationer')!)).toBe(
      'Reservationer Marianne Sand Wallin (S): reserverar sig mot beslutet till förmån för Bo Provs förslag.',
    );
  });

  it('"eget förslag" only when all reservers are proposers of it', () => {
    const html = renderExtractHtml(
      view({}, { reservations: [{ members: [SAND_WALLIN, { name: 'Bo Prov', party: 'C' }], inFavourOf: 'B' }] }),
    );
    expect(textOf(sectionOf(html, 'reservationer')!)).toContain(
      'Marianne Sand Wallin (S) och Bo Prov (C): reserverar sig mot beslutet till förmån för Marianne Sand Wallin och Sara Kanyindas förslag.',
    );
  });

  it('a blank reservation just "reserverar sig mot beslutet"', () => {
    const html = renderExtractHtml(view({}, { reservations: [{ members: [{ name: 'Sara Kanyinda' }] }] }));
    expect(textOf(sectionOf(html, 'reservationer')!)).toBe(
      'Reservationer Sara Kanyinda (S): reserverar sig mot beslutet.',
    );
  });

  it('takes a motivation submitted after recording from view.motivations, once', () => {
    const html = renderExtractHtml(
      view(
        {
          motivations: [
            { member: 'Sara Kanyinda', text: 'Skriftlig motivering & skäl.', submittedAt: '2024-04-26T08:00:00Z' },
            { member: 'Marianne Sand Wallin', text: MOTIVATION, submittedAt: '2024-04-26T08:00:00Z' },
            { member: 'Anna Exempel', text: 'Inte en reservant.', submittedAt: '2024-04-26T08:00:00Z' },
          ],
        },
        { reservations: [{ members: [SAND_WALLIN, KANYINDA], inFavourOf: 'B', motivation: { text: MOTIVATION } }] },
      ),
    );
    const s = sectionOf(html, 'reservationer')!;
    expect(s).toContain('<p class="quote">Skriftlig motivering &amp; skäl.</p>');
    expect(s.split('Vi socialdemokrater').length - 1).toBe(1);
    expect(html).not.toContain('Inte en reservant.');
  });
});

describe('renderExtractHtml: jäv, protokollsanteckningar, votes', () => {
  it('records jäv and protokollsanteckningar', () => {
    const html = renderExtractHtml(
      view(
        {},
        {
          jav: [{ member: 'Bo Prov', reason: 'Närstående är anställd i verksamheten' }],
          protokollsanteckningar: [
            { member: { name: 'Anna Exempel' }, text: 'M vill att uppföljningen redovisas.', allowedByChair: true },
          ],
        },
      ),
    );
    expect(textOf(sectionOf(html, 'jav')!)).toBe(
      'Jäv Bo Prov (C): anmäler jäv och deltar inte i handläggningen av ärendet. Skäl: Närstående är anställd i verksamheten',
    );
    expect(textOf(sectionOf(html, 'protokollsanteckningar')!)).toBe(
      'Protokollsanteckningar Anna Exempel (M): M vill att uppföljningen redovisas.',
    );
  });

  it('OPEN_VOTE: the omröstning with each member’s vote, the tally and the result', () => {
    const html = renderExtractHtml(
      view(
        {},
        {
          method: {
            kind: 'OPEN_VOTE',
            adopted: 'A',
            ja: 'A',
            nej: 'B',
            voteRequestedBy: 'Marianne Sand Wallin',
            votes: [
              { member: 'Marianne Sand Wallin', vote: 'NEJ' },
              { member: 'Sara Kanyinda', vote: 'NEJ' },
              { member: 'Anna Exempel', vote: 'JA' },
              { member: 'Bo Prov', vote: 'AVSTAR' },
              { member: 'Cecilia Test', vote: 'JA' },
              { member: 'Daniel Jensen', vote: 'JA' },
            ],
          },
        },
      ),
    );
    const s = sectionOf(html, 'beslutsgang')!;
    expect(s.indexOf(BESLUTSGANG)).toBeLessThan(s.indexOf('<h3>Omröstning</h3>'));
    expect(textOf(s)).toContain('Omröstning begärs av Marianne Sand Wallin (S).');
    expect(textOf(s)).toContain(
      'Ja-röst för Daniel Jensens förslag, nej-röst för Marianne Sand Wallin och Sara Kanyindas förslag.',
    );
    expect(s).toContain(
      '<thead><tr><th>Ledamot</th><th class="mark">Ja</th><th class="mark">Nej</th><th class="mark">Avstår</th></tr></thead>',
    );
    expect(s).toContain(
      '<tr><td>Marianne Sand Wallin (S)</td><td class="mark"></td><td class="mark">X</td><td class="mark"></td></tr>',
    );
    expect(s).toContain(
      '<tr><td>Bo Prov (C)</td><td class="mark"></td><td class="mark"></td><td class="mark">X</td></tr>',
    );
    expect(s).toContain(
      '<tr><td>Cecilia Test (SD), tjänstgörande ersättare</td><td class="mark">X</td><td class="mark"></td><td class="mark"></td></tr>',
    );
    expect(s).toContain(
      '<tr><td>Daniel Jensen (KD), ordförande</td><td class="mark">X</td><td class="mark"></td><td class="mark"></td></tr>',
    );
    expect(s).toContain(
      '<tfoot><tr><td>Summa</td><td class="mark">3</td><td class="mark">2</td><td class="mark">1</td></tr></tfoot>',
    );
    expect(textOf(s)).toContain('Omröstningsresultat: 3 ja-röster, 2 nej-röster, 1 avstår.');
    expect(textOf(s)).toContain('Därmed är Daniel Jensens förslag bifallet.');
    expect(s).not.toContain('utslagsröst');
  });

  it('CASTING_VOTE: a table, and the chair’s utslagsröst decides (R-H11)', () => {
    const html = renderExtractHtml(
      view(
        {},
        {
          method: {
            kind: 'CASTING_VOTE',
            adopted: 'A',
            ja: 'A',
            nej: 'B',
            votes: [
              { member: 'Marianne Sand Wallin', vote: 'NEJ' },
              { member: 'Sara Kanyinda', vote: 'NEJ' },
              { member: 'Anna Exempel', vote: 'JA' },
              { member: 'Daniel Jensen', vote: 'JA' },
            ],
          },
        },
      ),
    );
    const s = sectionOf(html, 'beslutsgang')!;
    expect(s).toContain('<table class="votes">');
    expect(textOf(s)).toContain('Omröstningsresultat: 2 ja-röster, 2 nej-röster, 0 avstår.');
    expect(textOf(s)).toContain(
      'Röstetalet är lika. Ordförandens utslagsröst avgör (ordföranden Daniel Jensen (KD) röstade ja); därmed är Daniel Jensens förslag bifallet.',
    );
  });

  it('LOTTNING: the lot decides; no list of who voted how (an election may be closed, R-H9)', () => {
    const html = renderExtractHtml(
      view(
        {},
        {
          method: {
            kind: 'LOTTNING',
            election: true,
            adopted: 'B',
            ja: 'A',
            nej: 'B',
            lotFellOn: 'B',
            votes: [
              { member: 'Marianne Sand Wallin', vote: 'NEJ' },
              { member: 'Daniel Jensen', vote: 'JA' },
            ],
          },
          reservations: [],
        },
      ),
    );
    const s = sectionOf(html, 'beslutsgang')!;
    expect(s).not.toContain('<table');
    expect(textOf(s)).toContain('Omröstningsresultat: 1 ja-röst, 1 nej-röst, 0 avstår.');
    expect(textOf(s)).toContain(
      'Röstetalet är lika och lotten avgör (lottning). Lotten föll på Marianne Sand Wallin och Sara Kanyindas förslag',
    );
  });
});

describe('renderExtractHtml: status, drafts and corrections', () => {
  it('a DRAFT is marked "UTKAST – ej justerat" at the top and never presented as justerat (R-K10)', () => {
    const html = renderExtractHtml(draftView());
    const banner = html.indexOf(`<p class="banner" role="note">${DRAFT_BANNER}</p>`);
    expect(banner).toBeGreaterThan(0);
    expect(banner).toBeLessThan(html.indexOf('<header class="head">'));
    expect(html).toContain(`<title>${DRAFT_BANNER}: Protokollsutdrag § 45`);
    const j = textOf(sectionOf(html, 'justering')!);
    expect(j).toContain('Ej justerat');
    expect(j).toContain(`Status: ${DRAFT_BANNER}`);
    expect(html).not.toMatch(/Justerat \d/);
    expect(html).not.toContain('Anslaget på');
    expect(html).not.toContain('laga kraft');
    expect(html).toContain('Protokollet är inte justerat.');
  });

  it('a DRAFT that carries justering data is still not shown as justerat', () => {
    const html = renderExtractHtml(
      draftView({
        justeradOn: '2024-04-30',
        justerare: ['Daniel Jensen'],
        anslagOn: '2024-05-02',
        appealLastDay: '2024-05-23',
      }),
    );
    expect(html).toContain(DRAFT_BANNER);
    expect(html).not.toMatch(/Justerat \d/);
    expect(html).not.toContain('Anslaget på');
  });

  it('"Ej justerat" without the draft banner for a minimal record', () => {
    const html = renderExtractHtml(
      view({
        minimal: true,
        status: 'RECORDED',
        state: null,
        paragraph: null,
        meeting: null,
        justeradOn: undefined,
        justerare: undefined,
        anslagOn: undefined,
        appealLastDay: undefined,
        finalFrom: undefined,
        outcome: undefined,
        organ: 'KF',
        body: null,
        subject: 'EXIT_REQUEST',
      }),
    );
    expect(html).not.toContain(DRAFT_BANNER);
    expect(textOf(sectionOf(html, 'justering')!)).toBe(
      'Justering och anslag Ej justerat Status: Registrerat beslut utan protokollsförlopp i systemet',
    );
    expect(textOf(sectionOf(html, 'beslut')!)).toContain('Kommunfullmäktige beslutade 2024-04-23: Begäran om utträde.');
    expect(html).toContain('Beslutsdatum');
  });

  it.each([
    [
      'JUSTERAT',
      { anslagOn: undefined, appealLastDay: undefined, finalFrom: undefined, outcome: undefined },
      'Status: Justerat, ännu inte anslaget',
    ],
    [
      'ANSLAGET',
      { finalFrom: undefined, outcome: undefined },
      'Status: Anslaget; överklagandetiden löper till och med 2024-05-23',
    ],
    ['PRESUMED_FINAL', { outcome: undefined }, 'Status: Överklagandetiden har gått ut'],
    [
      'APPEALED',
      {
        outcome: undefined,
        appeal: { receivedOn: '2024-05-20', court: 'Förvaltningsrätten i Göteborg', caseNumber: '1234-24' },
      },
      'Status: Överklagat; överklagandet kom in 2024-05-20 av Förvaltningsrätten i Göteborg, mål nr 1234-24',
    ],
    ['FINAL', {}, 'Status: Vunnit laga kraft 2024-05-24'],
    [
      'ANNULLED',
      {
        outcome: { kind: 'ANNULLED', on: '2024-09-10', court: 'Förvaltningsrätten i Göteborg', caseNumber: '1234-24' },
      },
      'Status: Upphävt 2024-09-10 av Förvaltningsrätten i Göteborg, mål nr 1234-24',
    ],
  ] as [string, Partial<DecisionView>, string][])('status %s', (status, over, expected) => {
    const html = renderExtractHtml(view({ status, ...over }));
    expect(textOf(sectionOf(html, 'justering')!)).toContain(expected);
    expect(html).toContain('Justerat 2024-04-30');
    expect(html.includes('class="banner"')).toBe(status === 'ANNULLED');
    if (status === 'ANNULLED')
      expect(html).toContain('UPPHÄVT – beslutet har upphävts 2024-09-10 av Förvaltningsrätten i Göteborg');
  });

  it('lists corrections after the paragraph, each referring to it (R-K9)', () => {
    const html = renderExtractHtml(
      view({
        corrections: [
          {
            correctedOn: '2024-05-08',
            reason: 'Fel datum i beslutsunderlaget',
            text: 'Tjänsteskrivelsen är daterad 2024-04-02.',
            index: 2,
          },
          {
            correctedOn: '2024-05-06',
            reason: 'Skrivfel',
            text: 'Ska vara "avsiktsförklaringen" & inte "avtalet".',
            index: 1,
          },
        ],
      }),
    );
    const s = sectionOf(html, 'rattelser')!;
    expect(html.indexOf('section-rattelser')).toBeGreaterThan(html.indexOf('section-justering'));
    expect(textOf(s)).toBe(
      'Rättelser Rättelse 1 – avser § 45 Datum: 2024-05-06 Skäl: Skrivfel Ska vara "avsiktsförklaringen" & inte "avtalet". ' +
        'Rättelse 2 – avser § 45 Datum: 2024-05-08 Skäl: Fel datum i beslutsunderlaget Tjänsteskrivelsen är daterad 2024-04-02.',
    );
    // The paragraph itself is unchanged.
    expect(sectionOf(html, 'beslut')).toBe(sectionOf(renderExtractHtml(view()), 'beslut'));
  });

  it('takes the body from the organ and the Dnr from the matter when the paragraph has none', () => {
    const html = renderExtractHtml(view({ body: null, organ: 'KS' }, { matter: { title: 'Avsiktsförklaring' } }));
    expect(html).toContain('<div class="body">Kommunstyrelsen</div>');
    expect(html).toContain('<p class="dnr">Dnr SN 2024/15</p>');
  });
});

// ---- PDF -------------------------------------------------------------------------------------------------------

/** A string of the document info dictionary (pdfkit writes it as an indirect literal string, UTF-16BE when not ASCII). */
function pdfInfo(pdf: Buffer, key: string): string | undefined {
  const raw = pdf.toString('latin1');
  const ref = raw.match(new RegExp(`/${key} (\\d+) 0 R`));
  const literal = ref
    ? raw.match(new RegExp(`\\n${ref[1]} 0 obj\\n\\(((?:\\\\[\\s\\S]|[^\\\\)])*)\\)\\nendobj`))?.[1]
    : raw.match(new RegExp(`/${key} \\(((?:\\\\[\\s\\S]|[^\\\\)])*)\\)`))?.[1];
  if (literal === undefined) return undefined;
  const escapes: Record<string, string> = {
    n: '\n',
    r: '\r',
    t: '\t',
    b: '\b',
    f: '\f',
    '(': '(',
    ')': ')',
    '\\': '\\',
  };
  const bytes = Buffer.from(
    literal.replace(/\\([0-7]{1,3}|[\s\S])/g, (_, e: string) =>
      /^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8)) : (escapes[e] ?? e),
    ),
    'latin1',
  );
  return bytes[0] === 0xfe && bytes[1] === 0xff
    ? Buffer.from(bytes.subarray(2)).swap16().toString('utf16le')
    : bytes.toString('latin1');
}

const pdfPlain = (pdf: Buffer) => pdfTextRuns(pdf).join(' ').replace(/\s+/g, ' ');

/** The day the extracts below are made (their certification's date). */
const ISSUED_ON = '2024-06-03';

describe('renderExtractPdf', () => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await renderExtractPdf(view(), ISSUED_ON);
  });

  it('returns a PDF', () => {
    expect(Buffer.isBuffer(pdf)).toBe(true);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1000);
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
  });

  it('embeds its fonts (DejaVu Sans, subset) and names no standard font', () => {
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(raw).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(raw).not.toContain('/BaseFont /Helvetica');
  });

  it('sets the document Title', () => {
    expect(pdfInfo(pdf, 'Title')).toBe('Protokollsutdrag § 45 – Socialnämnden, Melleruds kommun, 2024-04-23');
  });

  it('says what the HTML says, with å ä ö Ä § – intact', () => {
    const text = pdfPlain(pdf);
    for (const s of buildExtract(view()).sections) expect(text).toContain(s.heading);
    expect(text).toContain('Melleruds kommun');
    expect(text).toContain('PROTOKOLLSUTDRAG');
    expect(text).toContain('Socialnämnden');
    expect(text).toContain('§ 45');
    expect(text).toContain('Dnr SN 2024/15');
    expect(text).toContain('Ordföranden Daniel Jensen (KD): Socialnämnden beslutar att:');
    expect(text).toContain(
      'Marianne Sand Wallin (S) och Sara Kanyinda (S): Socialnämnden avslår reviderad avsiktsförklaring.',
    );
    expect(text).toContain(BESLUTSGANG);
    expect(text).toContain('1. anta reviderad avsiktsförklaring.');
    expect(text).toContain('2. föreslå kommunstyrelsen ställa sig bakom den reviderade avsiktsförklaringen.');
    expect(text).toContain('reserverar sig mot beslutet till förmån för eget förslag.');
    expect(text).toContain(
      'Vi yrkar avslag till att i det läget i nämnden besluta om utvidgning av avsiktsförklaring för samverkan med enbart Bengtsfors.',
    );
    expect(text).toContain('Kommunstyrelsen');
    expect(text).toContain('Justerat 2024-04-30 av Daniel Jensen och Anna Exempel');
    expect(text).toContain(
      'Anslaget på kommunens anslagstavla 2024-05-02; överklagandetiden löper till och med 2024-05-23',
    );
    expect(text).toContain('Vunnit laga kraft 2024-05-24');
    expect(text).toContain(CERTIFICATION);
    expect(text).toContain(`${CERTIFICATION} Datum: ${ISSUED_ON}`); // the certification is dated
    expect(text).toContain('Eva Exempelsson');
    expect(text).toContain('Sida 1 (');
    for (const ch of ['å', 'ä', 'ö', 'Ä', '§', '–']) expect(text).toContain(ch);
  });

  it('prints Å Ä Ö and decomposed or non-WinAnsi characters safely', async () => {
    const decomposed = 'A\u030Angermanland o\u0308 \u2212 ł'; // "Ångermanland ö − ł" with combining marks
    expect(pdfText(decomposed)).toBe('Ångermanland ö - l');
    expect(pdfText('ÅÄÖ åäö § “x” €\t✓')).toBe('ÅÄÖ åäö § “x” €    ?');
    const doc = await renderExtractPdf(
      view(
        {},
        { beslutsgang: [`Å Ä Ö å ä ö § ${decomposed} 😀`], matter: { title: 'ÅÄÖ åäö §', diarienummer: 'SN 2024/15' } },
      ),
      ISSUED_ON,
    );
    const text = pdfPlain(doc);
    expect(text).toContain('Å Ä Ö å ä ö § Ångermanland ö - l ?');
    expect(text).toContain('§ 45 ÅÄÖ åäö §');
  });

  it('marks a draft "UTKAST – ej justerat" and never shows a justering (R-K10)', async () => {
    const doc = await renderExtractPdf(draftView(), ISSUED_ON);
    const text = pdfPlain(doc);
    expect(pdfTextRuns(doc)[0]).toBe(DRAFT_BANNER); // the first thing drawn
    expect(text).toContain('Ej justerat');
    expect(text).not.toMatch(/Justerat \d/);
    expect(pdfInfo(doc, 'Title')).toBe(
      `${DRAFT_BANNER}: Protokollsutdrag § 45 – Socialnämnden, Melleruds kommun, 2024-04-23`,
    );
  });

  it('wraps long text and breaks pages, with tables for votes', async () => {
    const long = Array.from(
      { length: 120 },
      (_, i) =>
        `Mening ${i + 1} i en mycket lång motivering om samverkan mellan Mellerud och Bengtsfors, där åäö ÅÄÖ förekommer.`,
    ).join(' ');
    const votes: Vote[] = [
      { member: 'Marianne Sand Wallin', vote: 'NEJ' },
      { member: 'Sara Kanyinda', vote: 'NEJ' },
      { member: 'Anna Exempel', vote: 'JA' },
      { member: 'Bo Prov', vote: 'AVSTAR' },
      { member: 'Cecilia Test', vote: 'JA' },
      { member: 'Daniel Jensen', vote: 'JA' },
    ];
    const doc = await renderExtractPdf(
      view({}, { summary: long, method: { kind: 'OPEN_VOTE', adopted: 'A', ja: 'A', nej: 'B', votes } }),
      ISSUED_ON,
    );
    const pages = (doc.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
    const runs = pdfTextRuns(doc);
    // No run is longer than a line of the column can hold.
    expect(Math.max(...runs.map((r) => r.length))).toBeLessThan(120);
    const text = pdfPlain(doc);
    expect(text).toContain('Mening 120 i en mycket lång motivering');
    expect(text).toContain(`Sida ${pages} (${pages})`);
    expect(text).toContain('Ledamot Ja Nej Avstår');
    expect(text).toContain('Daniel Jensen (KD), ordförande');
  });
});

// ---- the demo data -------------------------------------------------------------------------------------------

describe('the protokollsutdrag of the demo data (seed demo, a real database)', () => {
  const ctx = useMediumApp({ seed: 'demo' });

  it('renders the Mellerud socialnämnd § 45 as recorded by the seed, in HTML and PDF: the paragraph number, both proposals and both reservers', async () => {
    const decisions = ctx.get(DecisionService);
    const withProtocol = (await decisions.listDecisions('1461')).filter((d) => d.workflowId);
    expect(withProtocol).toHaveLength(1);
    // The names are stored as commitments (gallring); an answer shows them as the HTTP layer does.
    const named = await ctx.get(PersonalDataService).revealValue(await decisions.getDecision(withProtocol[0].id));
    // and its texts are kept beside the log (secrecy): an extract shows them, withholding only a marked one
    const decision = await ctx.get(SecretTextService).revealValue(named, null);
    expect(decision.paragraphNumber).toBe(MELLERUD_PARAGRAPH.paragraphNumber);
    expect(decision.paragraph).not.toBeNull();

    const proposals = [
      'Ordföranden Daniel Jensen (KD): Socialnämnden beslutar att:',
      'Marianne Sand Wallin (S) och Sara Kanyinda (S): Socialnämnden avslår reviderad avsiktsförklaring,',
    ];
    const reservation =
      'Marianne Sand Wallin (S) och Sara Kanyinda (S): reserverar sig mot beslutet till förmån för eget förslag.';

    const html = renderExtractHtml(decision);
    expect(html).toMatch(/<h1 class="paragraph"><span class="num">§ 45<\/span>/);
    const forslag = textOf(sectionOf(html, 'forslag')!);
    for (const p of proposals) expect(forslag).toContain(p);
    const reservationer = textOf(sectionOf(html, 'reservationer')!);
    expect(reservationer).toContain(reservation);
    for (const name of ['Marianne Sand Wallin', 'Sara Kanyinda']) expect(reservationer).toContain(name);

    const pdf = await ctx.get(ExtractDocuments).pdf(decision.id);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfPlain(pdf);
    expect(text).toContain('§ 45');
    // Justerat and anslaget by the seed, so no draft banner; but demo data: the example mark, never a certification.
    expect(pdfInfo(pdf, 'Title')).toBe(
      `${EXAMPLE_BANNER}: Protokollsutdrag § 45 – Socialnämnden, Melleruds kommun, 2024-05-22`,
    );
    for (const p of proposals) expect(text).toContain(p);
    expect(text).toContain(reservation);
    expect(text).toContain(EXAMPLE_BANNER);
    expect(text).toContain(EXAMPLE_CERTIFICATION);
    expect(text).not.toContain(CERTIFICATION);
    expect(html).not.toContain(CERTIFICATION);
    expect(html).toContain(`<p class="banner" role="note">${EXAMPLE_BANNER}</p>`);
  });
});

describe('the protokollsutdrag of example data (demo marks)', () => {
  const mark = {
    label: 'EXEMPEL – fiktiva uppgifter / EXAMPLE – fictitious data',
    example: true as const,
    note: 'EXEMPEL – fiktiva uppgifter / EXAMPLE – fictitious data: exempeldata.',
    sources: ['SEED-MEL'],
    fictitious: ['paragraphNumber', 'matter.diarienummer'],
    corrected: [{ field: 'reservations[0].motivation.text', note: 'OCR errors corrected' }],
  };

  it('marks the top, lists what is invented and corrected, and does not certify (HTML)', () => {
    const html = renderExtractHtml(view({ example: mark }));
    expect(html).toContain(`<p class="banner" role="note">${EXAMPLE_BANNER}</p>`);
    expect(html).toContain(`<title>${EXAMPLE_BANNER}: Protokollsutdrag § 45`);
    const about = textOf(sectionOf(html, 'exempel')!);
    expect(about).toContain('paragraphNumber');
    expect(about).toContain('matter.diarienummer');
    expect(about).toContain('reservations[0].motivation.text: OCR errors corrected');
    expect(about).toContain('SEED-MEL');
    expect(html).not.toContain(CERTIFICATION);
    expect(html).toContain(EXAMPLE_CERTIFICATION);
    expect(html).not.toContain('Eva Exempelsson'); // no secretary signs an example
  });

  it('a real record is certified and carries no example mark (the contrast)', () => {
    const html = renderExtractHtml(view());
    expect(html).toContain(CERTIFICATION);
    expect(html).not.toContain(EXAMPLE_BANNER);
    expect(sectionOf(html, 'exempel')).toBeUndefined();
  });

  it('an example draft carries both marks', () => {
    const x = buildExtract(draftView({ example: mark }));
    expect(x.banner).toBe(`${EXAMPLE_BANNER} · ${DRAFT_BANNER}`);
    expect(x.footer.certification).toBe(EXAMPLE_CERTIFICATION);
  });

  it('marks every PDF page and does not certify (PDF)', async () => {
    const pdf = await renderExtractPdf(view({ example: mark }), ISSUED_ON);
    const text = pdfPlain(pdf);
    expect(text).toContain(EXAMPLE_BANNER);
    expect(text).toContain('EXEMPEL');
    expect(text).toContain(EXAMPLE_CERTIFICATION);
    expect(text).not.toContain(CERTIFICATION);
  });
});

describe('attendance per paragraph and a matter that goes on (issue 11 points 1 and 3)', () => {
  // Bo Prov (C) is jävig; the ersättare David Fiktiv (L) serves for him in this paragraph only (R-H20, R-H4).
  const serving = [
    { member: 'Daniel Jensen' },
    { member: 'Marianne Sand Wallin' },
    { member: 'Sara Kanyinda' },
    { member: 'Anna Exempel' },
    { member: 'Cecilia Test', servesFor: 'Bengt Borta' },
    { member: 'David Fiktiv', servesFor: 'Bo Prov' },
  ];
  const jav = [{ member: 'Bo Prov', reason: 'Närstående är anställd i verksamheten', ground: 'INTRESSEJAV' as const }];
  const withAttendance = () => view({}, { tjanstgoring: serving, jav });

  it('R-H20: the serving members, who an ersättare serves for, and the quorum, before the jäv', () => {
    const model = buildExtract(withAttendance());
    const keys = model.sections.map((s) => s.key);
    expect(keys.indexOf('tjanstgoring')).toBe(keys.indexOf('forslag') + 1);
    expect(keys.indexOf('jav')).toBe(keys.indexOf('tjanstgoring') + 1);
    const html = renderExtractHtml(withAttendance());
    expect(textOf(sectionOf(html, 'tjanstgoring')!)).toBe(
      [
        'Tjänstgörande i paragrafen I § 45 tjänstgör:',
        'Daniel Jensen (KD), ordförande',
        'Marianne Sand Wallin (S)',
        'Sara Kanyinda (S)',
        'Anna Exempel (M)',
        'Cecilia Test (SD), ersättare, tjänstgör för Bengt Borta',
        'David Fiktiv (L), ersättare, tjänstgör för Bo Prov (C)',
        '6 av 9 ledamöters platser är besatta i paragrafen; Socialnämnden är beslutför med 5.',
      ].join(' '),
    );
  });

  it('R-H4: a jäv in a nämnd names its ground, and that the member left the meeting during the matter', () => {
    const html = renderExtractHtml(withAttendance());
    expect(textOf(sectionOf(html, 'jav')!)).toBe(
      'Jäv Bo Prov (C): anmäler jäv och deltar inte i handläggningen av ärendet. Skäl: Närstående är anställd i verksamheten. Jävsgrund: intressejäv (förvaltningslagen 16 § 1). Lämnar sammanträdet under ärendet och deltar inte i handläggningen (KL 6 kap. 28 §).',
    );
  });

  it('R-H4: in fullmäktige the jävig member need not leave the room', () => {
    const kf = view(
      {
        body: {
          id: 'b-kf',
          municipalityCode: '1461',
          kind: 'KF',
          name: 'Kommunfullmäktige',
          memberCount: 31,
          openMeetingsDecision: null,
        },
        organ: 'KF',
      },
      { jav: [{ member: 'Bo Prov', reason: 'Ärendet rör hans bolag.', ground: 'PERSONLIGEN' }] },
    );
    expect(textOf(sectionOf(renderExtractHtml(kf), 'jav')!)).toBe(
      'Jäv Bo Prov (C): anmäler jäv och deltar inte i handläggningen av ärendet. Skäl: Ärendet rör hans bolag. Jävsgrund: ärendet angår ledamoten personligen eller en närstående (KL 5 kap.). Deltar inte i handläggningen av ärendet; en ledamot i fullmäktige behöver inte lämna salen (KL 5 kap.).',
    );
  });

  it('a paragraph without its own tjänstgöring (recorded before issue 11) has no such section', () => {
    expect(buildExtract(view()).sections.map((s) => s.key)).not.toContain('tjanstgoring');
    expect(buildExtract(view()).sections.map((s) => s.key)).not.toContain('fortsattning');
  });

  it('R-H22: the paragraphs the matter continues from and in, each linked to its own extract', () => {
    const from = { decisionId: 'd-30', paragraphNumber: '§ 30', decidedOn: '2024-03-19', meetingId: 'm-0' };
    const by = { decisionId: 'd-12', paragraphNumber: '12', decidedOn: '2024-06-11', meetingId: 'm-2' };
    const html = renderExtractHtml(view({ continuesFrom: from, continuedBy: by, matterStatus: 'CONTINUED' }));
    const s = sectionOf(html, 'fortsattning')!;
    expect(textOf(s)).toBe(
      'Ärendets fortsättning Ärendet kommer från: § 30, sammanträdet 2024-03-19 Ärendet fortsätter i: § 12, sammanträdet 2024-06-11',
    );
    expect(s).toContain('<a href="/beslut/d-30">§ 30, sammanträdet 2024-03-19</a>');
    expect(s).toContain('<a href="/beslut/d-12">');
    expect(html.indexOf('section-beslut"')).toBeLessThan(html.indexOf('section-fortsattning"'));
  });

  it('R-H22: a matter sent back waits for its continuation under the same diarienummer', () => {
    const waiting = view({ matterStatus: 'AWAITING_CONTINUATION', matterOutcome: 'ATERREMITTERAD' });
    expect(textOf(sectionOf(renderExtractHtml(waiting), 'fortsattning')!)).toBe(
      'Ärendets fortsättning Ärendet är återremitterat och fortsätter vid ett senare sammanträde under samma diarienummer.',
    );
  });

  it('the PDF says the same: tjänstgöring, jävsgrund and the continuation', async () => {
    const from = { decisionId: 'd-30', paragraphNumber: '§ 30', decidedOn: '2024-03-19', meetingId: 'm-0' };
    const text = pdfPlain(
      await renderExtractPdf(view({ continuesFrom: from }, { tjanstgoring: serving, jav }), ISSUED_ON),
    );
    for (const s of [
      'Tjänstgörande i paragrafen',
      'David Fiktiv (L), ersättare, tjänstgör för Bo Prov (C)',
      'Socialnämnden är beslutför med 5.',
      'Jävsgrund: intressejäv (förvaltningslagen 16 § 1).',
      'Ärendets fortsättning',
      '§ 30, sammanträdet 2024-03-19',
    ])
      expect(text).toContain(s);
  });
});
