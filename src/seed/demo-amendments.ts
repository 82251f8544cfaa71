import { INestApplication } from '@nestjs/common';
import { CollaborationService } from '../collaboration/collaboration.service';
import type { Actor } from '../workflow/actor';

const SEED_ACTOR: Actor = { id: 'seed', role: 'admin', municipality: null };
const DEMO = 'DEMODATA: datumet/namnet anges inte i källorna (demo data: not given by the sources)';
const VM = 'vastra-malardalen';

/**
 * Each collaboration's own rules as data, and Västra Mälardalen's signatories that are not municipalities (SEED-VM).
 * Dalslandssamverkan's rules are the product defaults (SEED-AF §13: entry by fullmäktige and the KSO's signature, exit
 * by fullmäktige with notice to the council's chair, on 31 December of the year after), shown in its `rules`.
 * Written through the same services as the API, so each record is logged and verifiable.
 */
export async function seedDemoAmendments(app: INestApplication): Promise<void> {
  const collaborations = app.get(CollaborationService);
  // SEED-VM: decided by each kommunstyrelse, no exit rule stated. KS approving amendments follows R-D2 (the organ
  // that adopted the declaration), an interpretation; the date of the change is demo data.
  await collaborations.changeSettings(
    VM,
    {
      settings: { exitRule: null, amendmentOrgan: { '1984': 'KS', '1983': 'KS', '1960': 'KS' } },
      reason:
        'SEED-VM: avsiktsförklaringen beslutades i respektive kommunstyrelse och anger ingen regel för utträde; ' +
        `ändringar godkänns av kommunstyrelsen (R-D2, tolkning). Datum: ${DEMO}`,
      changedOn: '2016-09-26',
    },
    SEED_ACTOR,
  );
  // SEED-VM: "undertecknades en avsiktsförklaring ... mellan Köping, Arboga, Kungsör, Västra Mälardalen i Samverkan
  // och Industriföreningen Västra Mälardalen" on 2016-08-31; who signed for them is not given.
  for (const organisation of [
    { key: 'vastra-malardalen-i-samverkan', name: 'Västra Mälardalen i Samverkan', form: 'ASSOCIATION' as const },
    {
      key: 'industriforeningen-vastra-malardalen',
      name: 'Industriföreningen Västra Mälardalen',
      form: 'ASSOCIATION' as const,
    },
  ]) {
    await collaborations.recordOrganisationSignature(
      VM,
      { organisation, signedOn: '2016-08-31', note: `Datum och part enligt SEED-VM. Organisationsform: ${DEMO}` },
      SEED_ACTOR,
    );
  }
}
