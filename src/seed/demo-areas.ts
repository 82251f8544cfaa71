import { INestApplication } from '@nestjs/common';
import { AreaService } from '../area/area.service';
import { DocumentService } from '../document/document.service';
import type { Actor } from '../workflow/actor';

const SEED_ACTOR: Actor = { id: 'seed', role: 'admin', municipality: null };
const DEMO = 'DEMODATA: anges inte i källorna (demo data: not given by the sources)';

/**
 * Demo collaboration areas, through the same service path as the API (logged and verifiable): the social services
 * area of Mellerud and Bengtsfors registered existing into operation with its "Avsiktsförklaring version 1.2"
 * (SEED-MEL), and six of the prioritised areas of Västra Mälardalen in förstudie (SEED-VM). Facts from the seeds as
 * they are given; everything else carries a DEMODATA note in its record.
 */
export async function seedDemoAreas(app: INestApplication): Promise<void> {
  const areas = app.get(AreaService);
  await seedMellerudBengtsfors(areas, app.get(DocumentService));
  await seedVastraMalardalen(areas);
}

/** SEED-MEL: the text of the document, as far as the demo keeps it (the full text is in the seed). */
const MEL_TITLE =
  'Avsiktsförklaring version 1.2 för ett gemensamt socialt verksamhetsområde Mellerud och Bengtsfors kommun';
const MEL_TEXT = [
  MEL_TITLE,
  '',
  'Syftet med vår samverkan är att skapa högre kvalitet till bibehållen eller lägre kostnad.',
  '',
  'Undertecknas: Göran Eriksson, Kommunchef Bengtsfors',
  'Undertecknas: Karl-Olof Petersson, Kommunchef Mellerud',
  'Undertecknas: Tanja Mattsson, Socialchef Bengtsfors och Mellerud',
  '',
  `(${DEMO}: demo keeps an excerpt of SEED-MEL, not the whole text.)`,
].join('\n');

async function seedMellerudBengtsfors(areas: AreaService, documents: DocumentService): Promise<void> {
  const key = 'mellerud-bengtsfors-socialt-verksamhetsomrade';
  await documents.create({ key, title: MEL_TITLE, collaboration: 'dalslandssamverkan' }, SEED_ACTOR);
  const version = await documents.addVersion(key, { version: '1.2', text: MEL_TEXT }, SEED_ACTOR);
  const area = await areas.create(
    'dalslandssamverkan',
    {
      type: 'AREA_REGISTERED_EXISTING',
      title: 'Gemensamt socialt verksamhetsområde Mellerud och Bengtsfors',
      // SEED-MEL: "högre kvalitet till bibehållen eller lägre kostnad", "Underlättar kompetensförsörjningen".
      purposes: ['EFFEKTIVISERA_OCH_KVALITETSSAKRA', 'KOMPETENSFORSORJNING_OCH_SARBARHET'],
      description:
        'Socialförvaltningen i Mellerud och sociala området i Bengtsfors har sedan tre år tillbaka haft en gemensam socialchef och en gemensam organisation (SEED-MEL).',
      registeredOn: '2024-06-03',
      participants: ['1460', '1461'],
      // The reservation in SEED-MEL calls it "avtalssamverkan"; the document itself names no legal form.
      legalForm: 'AVTALSSAMVERKAN',
      documentVersionIds: [version.id],
      startDate: '2021-01-01',
      noticeTerms: 'Anges inte i avsiktsförklaringen version 1.2 (SEED-MEL).',
      note:
        `Registreringsdatum och startdatum: ${DEMO}. Den första avsiktsförklaringen "skrevs och antogs under 2021" (SEED-MEL). ` +
        'Samverkansform: tolkning av reservationens ord "avtalssamverkan" (SEED-MEL). Syftena: tolkning av dokumentets syfte mot avsiktsförklaringens §4.',
    },
    SEED_ACTOR,
  );
  const signatories = [
    { name: 'Göran Eriksson', office: 'KOMMUNDIREKTOR', title: 'Kommunchef Bengtsfors', codes: ['1460'] },
    { name: 'Karl-Olof Petersson', office: 'KOMMUNDIREKTOR', title: 'Kommunchef Mellerud', codes: ['1461'] },
    { name: 'Tanja Mattsson', office: 'OTHER', title: 'Socialchef Bengtsfors och Mellerud', codes: ['1460', '1461'] },
  ];
  for (const s of signatories) {
    await areas.recordEvent(
      area.id,
      {
        type: 'AGREEMENT_SIGNED',
        signedOn: '2024-06-03',
        municipalityCodes: s.codes,
        signatory: { name: s.name, office: s.office, title: s.title },
        authority: { basis: `Undertecknat som ${s.title.toLowerCase()} (SEED-MEL); bemyndigandet: ${DEMO}` },
        documentVersionId: version.id,
        note: `Namn och titel enligt SEED-MEL. Datum: ${DEMO}`,
      },
      SEED_ACTOR,
    );
  }
}

/** SEED-VM: six of the 14 areas "som prioriterats av politiken", which "verksamheterna" are looking into. */
const VM_AREAS = [
  'Gemensam rekryteringsenhet där näringslivet inkluderas',
  'Ta fram strategi för näringsliv och besöksnäring tillsammans med näringslivet',
  'Samordna all utbildningsverksamhet efter grundskolan',
  'Gemensam VA-organisation',
  'Samordna hemtjänst',
  'Samordna socialtjänst',
];

async function seedVastraMalardalen(areas: AreaService): Promise<void> {
  for (const title of VM_AREAS) {
    const area = await areas.create(
      'vastra-malardalen',
      {
        type: 'AREA_PROPOSED',
        title,
        purposes: ['EFFEKTIVISERA_OCH_KVALITETSSAKRA'],
        proposedOn: '2017-02-01',
        participants: ['1984', '1983', '1960'],
        note: `Titel enligt SEED-VM. Datum och syfte: ${DEMO}`,
      },
      SEED_ACTOR,
    );
    const steps = [
      { type: 'FORANKRING_STARTED', startedOn: '2017-02-01', note: `Datum: ${DEMO}` },
      {
        type: 'KDG_ASSIGNED',
        assignedOn: '2017-02-06',
        assignment:
          'Titta närmare på hur vi kan samverka inom området, ett av 14 områden som prioriterats av politiken (SEED-VM).',
        note: `Uppdraget enligt SEED-VM ("Just nu arbetar verksamheterna med att titta närmare på …"). Datum och uppdragsgivare: ${DEMO}`,
      },
      { type: 'COUNCIL_INFORMED', informedOn: '2017-02-06', note: `Information och datum: ${DEMO}` },
      { type: 'FORSTUDIE_STARTED', startedOn: '2017-02-13', note: `Datum: ${DEMO}` },
    ];
    for (const step of steps) await areas.recordEvent(area.id, step, SEED_ACTOR);
  }
}
