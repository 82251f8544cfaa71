import type { RecordParagraphDto } from '../decision/dto/decision.dto';
import { exampleMark, fictitiousUrl } from './demo-marks';

/**
 * Demo data: the Mellerud socialnämnd paragraph as the source document gives it (SEED-MEL, R-H19). The seed gives the
 * chair Daniel Jensen (KD), Marianne Sand Wallin (S) and Sara Kanyinda (S), the matter, the proposals, the beslutsgång,
 * the decision, the reservation with its written motivation and "Beslutet skickas till". It does not give the meeting
 * date or place, the other attendees, the number of ledamöter, the paragraph number, the diarienummer, the justering
 * (date, justerare) or the anslag (date, notice board): those below are invented, and each record marks them
 * (src/seed/demo-marks.ts). Text taken from the scanned seed had OCR errors; the marks say what was corrected.
 */

/** The people the seed names, with their parties; the other attendees are placeholders, marked as fictitious. */
export const SOCIALNAMNDEN_ATTENDEES: Array<{
  name: string;
  party: string;
  role: 'LEDAMOT' | 'TJANSTGORANDE_ERSATTARE' | 'ERSATTARE';
  chair?: boolean;
}> = [
  { name: 'Daniel Jensen', party: 'KD', role: 'LEDAMOT', chair: true },
  { name: 'Marianne Sand Wallin', party: 'S', role: 'LEDAMOT' },
  { name: 'Sara Kanyinda', party: 'S', role: 'LEDAMOT' },
  { name: 'Ledamot 4 (demodata)', party: 'M', role: 'LEDAMOT' },
  { name: 'Ledamot 5 (demodata)', party: 'C', role: 'LEDAMOT' },
  { name: 'Ersättare 1 (demodata)', party: 'SD', role: 'TJANSTGORANDE_ERSATTARE' },
];

/** The invented facts of the meeting (its date and place, attendees 4–6 and their parties, the body's size). */
export const MEETING_FICTITIOUS = [
  'date',
  'place',
  'attendees[3]',
  'attendees[4]',
  'attendees[5]',
  'body.memberCount',
] as const;

/** The reservation's written motivation, with the OCR errors of the scan corrected (see MOTIVATION_CORRECTION). */
export const MOTIVATION =
  'Vi socialdemokrater anser att Socialnämndens verksamhet lyder under mål och budget som beslutats i Melleruds Kommunfullmäktige. ' +
  'Utöver det har nämnden beslutat om att framtida samverkan inom sociala området skall ske inom ramen Dalslandssamverkan. ' +
  "Syftet med avtalssamverkan som formuleras måste vara mycket tydligt och mätbart - inte så svepande som det står i dokumentet 'att uppnå högre kvalitet till lägre kostnader', hur skall vi i nämnden kunna granska om detta skett - vilka är nyckeltalen som skall uppnås? " +
  'Vi yrkar avslag till att i det läget i nämnden besluta om utvidgning av avsiktsförklaring för samverkan med enbart Bengtsfors.';

/** What was done to the seed's text: the scan reads, for example, "fucialdemokrater" and "fungtsfors". */
export const SCAN_CORRECTIONS = [
  {
    field: 'reservations[0].motivation.text',
    note:
      'Rättad från en felläst skanning av SEED-MEL (corrected from a bad scan): "fucialdemokrater" → "socialdemokrater", ' +
      '"Nellentds KommunfullmäktEe" → "Melleruds Kommunfullmäktige", "utöver" → "Utöver", "uara" → "vara", "sttr" → "står", ' +
      '"\'btt" → "\'att", "titt" → "till", "\'i hur skalt" → "\', hur skall", "nyckeftalen" → "nyckeltalen", "skatl" → "skall", ' +
      '"auslag tillatt" → "avslag till att", "utuidgning" → "utvidgning", "awlktsfrrklaring ftir" → "avsiktsförklaring för", ' +
      '"fungtsfors" → "Bengtsfors"; the line breaks of the scan are joined.',
  },
  {
    field: 'beslutsgang[0]',
    note: 'Rättad från skanningen (corrected from the scan): "ståller" → "ställer", "Danlel" → "Daniel".',
  },
  {
    field: 'decision.attSatser[1]',
    note: 'Rättad från skanningen (corrected from the scan): "foreslå" → "föreslå"; the full stop from the tjänsteskrivelse.',
  },
  {
    field: 'beslutsunderlag[1]',
    note: 'Rättad från skanningen (corrected from the scan): "lånsteanteckning Avsiktsförklaring 1.2" → the tjänsteskrivelse\'s "Tjänsteanteckning Avsiktsförklaring version 1.2 för …".',
  },
];

/** The invented facts of the paragraph's record, including its justering and anslag to come. */
export const PARAGRAPH_FICTITIOUS = [
  'paragraphNumber',
  'matter.diarienummer',
  'matter.diarium',
  'meeting.date',
  'meeting.place',
  'justeradOn',
  'justerare',
  'anslagOn',
  'noticeBoard',
];

export const MELLERUD_PARAGRAPH: RecordParagraphDto = {
  paragraphNumber: '§ 45',
  matter: { title: 'Avsiktsförklaring sociala området version 1.2', diarienummer: 'SN 2024/15', diarium: 'SN' },
  subject: 'OTHER' as const,
  summary:
    'Socialförvaltningen i Mellerud och sociala området i Bengtsfors har sedan tre år tillbaka haft en gemensam socialchef och en gemensam organisation.',
  beslutsunderlag: [
    'Tjänsteskrivelse',
    'Tjänsteanteckning Avsiktsförklaring version 1.2 för ett gemensamt socialt verksamhetsområde Mellerud och Bengtsfors kommun',
  ],
  proposals: [
    {
      id: 'A',
      by: [{ name: 'Daniel Jensen', party: 'KD' }],
      text: 'Socialnämnden beslutar att:',
      attSatser: [
        'anta reviderad avsiktsförklaring.',
        'föreslå kommunstyrelsen ställa sig bakom den reviderade avsiktsförklaringen',
      ],
    },
    {
      id: 'B',
      by: [
        { name: 'Marianne Sand Wallin', party: 'S' },
        { name: 'Sara Kanyinda', party: 'S' },
      ],
      text: 'Socialnämnden avslår reviderad avsiktsförklaring,',
    },
  ],
  beslutsgang: [
    'Ordföranden ställer förslagen mot varandra och finner att socialnämnden bifaller Daniel Jensens förslag.',
  ],
  method: { kind: 'ACKLAMATION' as const, adopted: 'A' },
  decision: {
    text: 'Socialnämnden beslutar att:',
    attSatser: [
      'anta reviderad avsiktsförklaring.',
      'föreslå kommunstyrelsen ställa sig bakom den reviderade avsiktsförklaringen.',
    ],
  },
  jav: [],
  reservations: [
    {
      members: [
        { name: 'Marianne Sand Wallin', party: 'S' },
        { name: 'Sara Kanyinda', party: 'S' },
      ],
      inFavourOf: 'B',
      motivation: { text: MOTIVATION },
    },
  ],
  protokollsanteckningar: [],
  sendTo: ['Kommunstyrelsen'],
};

/** The mark the demo seed records the paragraph with (the fixture above is also the tests' own, unmarked, data). */
export const MELLERUD_PARAGRAPH_MARK = exampleMark(PARAGRAPH_FICTITIOUS, {
  sources: ['SEED-MEL'],
  corrected: SCAN_CORRECTIONS,
});

/** The invented justering of the demo protocol (the seed gives none): a date a week after the meeting, the justerare. */
export const MELLERUD_JUSTERING = {
  justeradOn: '2024-05-29',
  justerare: ['Daniel Jensen', 'Marianne Sand Wallin'],
  example: exampleMark(['justeradOn', 'justerare'], { sources: ['SEED-MEL'] }),
};

/** The invented anslag: the day after the justering, on a notice board address that cannot pass for real. */
export const MELLERUD_ANSLAG = {
  anslagOn: '2024-05-30',
  noticeBoard: fictitiousUrl('mellerud'),
  example: exampleMark(['anslagOn', 'noticeBoard'], { sources: ['SEED-MEL'] }),
};
