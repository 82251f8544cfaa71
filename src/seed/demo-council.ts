import { INestApplication } from '@nestjs/common';
import { CouncilService } from '../council/council.service';
import type { Actor } from '../workflow/actor';

const SEED_ACTOR: Actor = { id: 'seed', role: 'admin', municipality: null };
const SLUG = 'dalslandssamverkan';
const DEMO_NAME = 'DEMODATA: namnet anges inte i källorna (demo data: the name is not given by the sources)';

/** The parties whose KSO SEED-PR does not name (it names Åmål's only), by kommunkod. */
const UNNAMED = { '1460': 'Bengtsfors', '1438': 'Dals-Ed', '1439': 'Färgelanda', '1461': 'Mellerud' } as const;

/**
 * Dalslandssamverkan's Samverkansrådet as far as the seeds name it (R-E1): Åmål's KSO Michael Karlsson (M) and
 * oppositionsråd Maria Bertilsson Sandin (S), both named in SEED-PR of 2023-12-08; the other parties' seats with
 * placeholder names marked DEMODATA. And SEED-SAM, the coordinator cost note, as a council record of type INFORMATION
 * (R-G8: information for full transparency, no approval). Written through the same service as the API.
 */
export async function seedDemoCouncil(app: INestApplication): Promise<void> {
  const council = app.get(CouncilService);
  const fromPr = 'Namn och uppdrag enligt pressmeddelande 2023-12-08 (SEED-PR); från-datum = pressmeddelandets datum.';
  await council.seatMember(
    SLUG,
    {
      municipality: '1492',
      seat: 'KSO',
      name: 'Michael Karlsson',
      politicalParty: 'M',
      from: '2023-12-08',
      note: fromPr,
    },
    SEED_ACTOR,
  );
  await council.seatMember(
    SLUG,
    {
      municipality: '1492',
      seat: 'OPPOSITIONSRAD',
      name: 'Maria Bertilsson Sandin',
      politicalParty: 'S',
      from: '2023-12-08',
      note: fromPr,
    },
    SEED_ACTOR,
  );
  for (const [code, name] of Object.entries(UNNAMED)) {
    await council.seatMember(
      SLUG,
      {
        municipality: code,
        seat: 'KSO',
        name: `Kommunstyrelsens ordförande (${name})`,
        from: '2023-12-08',
        note: `Undertecknade avsiktsförklaringen 2023-12-08 (SEED-PR). ${DEMO_NAME}`,
      },
      SEED_ACTOR,
    );
    await council.seatMember(
      SLUG,
      {
        municipality: code,
        seat: 'OPPOSITIONSRAD',
        name: `Oppositionsråd (${name})`,
        from: '2023-12-08',
        note: `Platsen enligt avsiktsförklaringen §5. ${DEMO_NAME}`,
      },
      SEED_ACTOR,
    );
  }
  await seedCoordinatorNote(council);
}

/** SEED-SAM, undated (written before November 2022): information to the council, no approval (R-G8). */
async function seedCoordinatorNote(council: CouncilService): Promise<void> {
  await council.addRecord(
    SLUG,
    {
      kind: 'INFORMATION',
      subject: 'COST_ARRANGEMENT',
      title: 'Information till Dalslandssamverkan 5D gällande samordnare för samverkan inom socialtjänst',
      text: [
        'Samordnarfunktionen kommer åter tillsättas från november 2022 och byggs då in i befintlig tjänst som verksamhetsutvecklare (omfattning ca 50 % av en heltidstjänst).',
        'Välfärd och arbetsmarknadsförvaltningen i Åmål blir värdkommun och Bengtsfors, Mellerud, Dals-Ed och Färgelanda kommer faktureras en kostnad motsvarande 10% av samordnares lönekostnad.',
        'Denna skrivelse sänds till Dalslandsamverkansrådet som information för full transparens.',
      ].join('\n'),
      recordedOn: '2022-10-01',
      note: 'Text ur SEED-SAM. DEMODATA: datumet anges inte i källan (skrivelsen är odaterad, skriven före november 2022).',
    },
    SEED_ACTOR,
  );
}
