import type { RecordParagraphDto } from '../decision/dto/decision.dto';
/** Demo data: the Mellerud socialnämnd paragraph as the source document gives it (R-H19); meeting date and attendees beyond the three named are demo data. */

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

export const MOTIVATION =
  'Vi socialdemokrater anser att Socialnämndens verksamhet lyder under mål och budget som beslutats i Melleruds Kommunfullmäktige. ' +
  'Utöver det har nämnden beslutat om att framtida samverkan inom sociala området skall ske inom ramen Dalslandssamverkan. ' +
  "Syftet med avtalssamverkan som formuleras måste vara mycket tydligt och mätbart - inte så svepande som det står i dokumentet 'att uppnå högre kvalitet till lägre kostnader', hur ska vi i nämnden kunna granska om detta skett - vilka är nyckeltalen som ska uppnås? " +
  'Vi yrkar avslag till att i det läget i nämnden besluta om utvidgning av avsiktsförklaring för samverkan med enbart Bengtsfors.';

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
