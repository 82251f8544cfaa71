import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CollaborationEntity } from '../collaboration/collaboration.entity';
import { CollaborationService } from '../collaboration/collaboration.service';
import { MembershipService } from '../collaboration/membership.service';
import { DecisionService } from '../decision/decision.service';
import type { Actor } from '../workflow/actor';
import { exampleMark, unnamed } from './demo-marks';
import {
  MEETING_FICTITIOUS,
  MELLERUD_ANSLAG,
  MELLERUD_JUSTERING,
  MELLERUD_PARAGRAPH,
  MELLERUD_PARAGRAPH_MARK,
  SOCIALNAMNDEN_ATTENDEES,
} from './mellerud-example';
import { seedDemoAmendments } from './demo-amendments';
// Collaboration areas
import { seedDemoAreas } from './demo-areas';
import { seedDemoCouncil } from './demo-council';
import { seedDemoCosts } from './demo-costs';

const SEED_ACTOR: Actor = { id: 'seed', role: 'admin', municipality: null };
const NOT_IN_SOURCES = 'DEMODATA: anges inte i källorna (demo data: not given by the sources)';

/**
 * Demo data for an empty database: Dalslandssamverkan (declaration in force 2024-01-01, SEED-AF §9; the five KSOs
 * signed 2023-12-08, SEED-PR) and Västra Mälardalen (declaration signed 2016-08-31, then decided by each
 * kommunstyrelse, SEED-VM), and the Mellerud socialnämnd paragraph (SEED-MEL). Every record carries an example mark
 * naming the facts no source gives (src/seed/demo-marks.ts), and is shown as "EXEMPEL – fiktiva uppgifter".
 * Everything goes through the same service path as the API, so the demo records are logged and verifiable.
 */
export async function seedDemoData(app: INestApplication): Promise<boolean> {
  const ds = app.get(DataSource);
  if ((await ds.getRepository(CollaborationEntity).count()) > 0) return false;
  const service = app.get(CollaborationService);
  const memberships = app.get(MembershipService);
  await seedDalslandssamverkan(service, memberships);
  await seedVastraMalardalen(service, memberships);
  await seedMellerudParagraph(app.get(DecisionService));
  // The other demo files (one line each, src/seed/demo-*.ts):
  await seedDemoAmendments(app); // amendments and each collaboration's own rules (h-amend)
  // Collaboration areas
  await seedDemoAreas(app);
  await seedDemoCouncil(app); // plan and council
  await seedDemoCosts(app); // cost sharing (kostnadsfördelning)
  return true;
}

/** The five parties (SEED-AF, with their municipality codes) and, per SEED-PR, the KSO of Åmål who signed. */
const DALSLAND = { '1460': 'Bengtsfors', '1438': 'Dals-Ed', '1439': 'Färgelanda', '1461': 'Mellerud', '1492': 'Åmål' };
/** SEED-PR names one KSO: "Michael Karlsson (M), kommunstyrelsens ordförande i Åmåls kommun". */
const KSO_NAMED_BY_SEED: Record<string, string> = { '1492': 'Michael Karlsson' };
/** Invented: no source gives the dates of the 2023 fullmäktige decisions adopting the declaration. */
const DALSLAND_KF_DATES: Record<string, string> = {
  '1460': '2023-11-27',
  '1438': '2023-11-29',
  '1439': '2023-11-22',
  '1461': '2023-11-29',
  '1492': '2023-11-29',
};

/** In force 2024-01-01 (SEED-AF §9): each fullmäktige adopts (invented dates), each KSO signs on 2023-12-08 (SEED-PR). */
async function seedDalslandssamverkan(service: CollaborationService, memberships: MembershipService): Promise<void> {
  await service.create(
    {
      slug: 'dalslandssamverkan',
      name: 'Dalslandssamverkan',
      parties: Object.keys(DALSLAND),
      declarationVersion: 'Avsiktsförklaring Dalslandssamverkan 2023-12-08',
      declarationEffectiveDate: '2024-01-01',
      settings: { exitRequestDate: 'noticeArrival', entryDecisionOrgan: 'KF' },
      // R-A5: 4D, adopted by four fullmäktige in spring 2022 (SEED-AF §1, SEED-PR); the sources give no dates.
      predecessor: {
        name: 'Avsiktsförklaring avseende kommunal samverkan 4D',
        parties: ['1460', '1438', '1439', '1461'],
        decided: 'våren 2022',
        note: 'SEED-AF §1; SEED-PR: "den nya samverkansmodellen Dalslandssamverkan, som tidigare kallades 4D-samverkan"',
      },
      example: exampleMark([], {
        sources: ['SEED-AF', 'SEED-PR'],
        note: 'The memberships carry their own marks: the fullmäktige dates, and the names of four of the five KSOs, are not in the sources.',
      }),
    },
    SEED_ACTOR,
  );
  for (const [code, name] of Object.entries(DALSLAND)) {
    await memberships.recordMembershipEvent(
      'dalslandssamverkan',
      code,
      {
        type: 'FULLMAKTIGE_ADOPTED_DECLARATION',
        decision: { organ: 'KF', date: DALSLAND_KF_DATES[code] },
        note: `Datumet för fullmäktiges beslut: ${NOT_IN_SOURCES}`,
        example: exampleMark(['decision.date'], { sources: ['SEED-AF'] }),
      },
      SEED_ACTOR,
    );
    const named = KSO_NAMED_BY_SEED[code];
    await memberships.recordMembershipEvent(
      'dalslandssamverkan',
      code,
      {
        type: 'KSO_SIGNED',
        signedOn: '2023-12-08',
        signatory: { name: named ?? unnamed(`Kommunstyrelsens ordförande i ${name}`), office: 'KSO' },
        note: named
          ? 'Datum och namn enligt pressmeddelandet 2023-12-08 (SEED-PR): Michael Karlsson (M), kommunstyrelsens ordförande.'
          : `Datum enligt pressmeddelandet 2023-12-08 (SEED-PR). Namnet: ${NOT_IN_SOURCES}`,
        example: exampleMark(named ? [] : ['signatory.name'], { sources: ['SEED-PR'] }),
      },
      SEED_ACTOR,
    );
  }
}

/** Signed 2016-08-31, then decided by each kommunstyrelse (SEED-VM); who signed and the KS dates are not given. */
async function seedVastraMalardalen(service: CollaborationService, memberships: MembershipService): Promise<void> {
  const parties = { '1984': 'Arboga', '1983': 'Köping', '1960': 'Kungsör' };
  await service.create(
    {
      slug: 'vastra-malardalen',
      name: 'Fördjupad samverkan i Västra Mälardalen',
      parties: Object.keys(parties),
      declarationVersion: 'Avsiktsförklaring fördjupad samverkan 2016-08-31',
      // SEED-VM gives the signing date only; that the declaration took effect on it is the demo's assumption.
      declarationEffectiveDate: '2016-08-31',
      // SEED-VM: "därefter beslutats i respektive kommunstyrelse".
      settings: { exitRequestDate: 'noticeArrival', entryDecisionOrgan: 'KS' },
      example: exampleMark(['declarationEffectiveDate'], { sources: ['SEED-VM'] }),
    },
    SEED_ACTOR,
  );
  for (const [code, name] of Object.entries(parties)) {
    await memberships.recordMembershipEvent(
      'vastra-malardalen',
      code,
      {
        type: 'KSO_SIGNED',
        signedOn: '2016-08-31',
        signatory: { name: unnamed(`Kommunstyrelsens ordförande i ${name}`), office: 'KSO' },
        note: `Datum enligt SEED-VM ("Den 31 augusti 2016 undertecknades en avsiktsförklaring"). Vem som undertecknade: ${NOT_IN_SOURCES}`,
        example: exampleMark(['signatory.name', 'signatory.office'], { sources: ['SEED-VM'] }),
      },
      SEED_ACTOR,
    );
    await memberships.recordMembershipEvent(
      'vastra-malardalen',
      code,
      {
        type: 'FULLMAKTIGE_ADOPTED_DECLARATION',
        decision: { organ: 'KS', date: '2016-09-26' },
        note: `Kommunstyrelsens beslut enligt SEED-VM; datumet: ${NOT_IN_SOURCES}`,
        example: exampleMark(['decision.date'], { sources: ['SEED-VM'] }),
      },
      SEED_ACTOR,
    );
  }
}

/** The Mellerud socialnämnd paragraph (SEED-MEL) and its protocol lifecycle; the meeting and its dates are invented. */
async function seedMellerudParagraph(decisions: DecisionService): Promise<void> {
  const sn = await decisions.createBody('1461', { kind: 'NAMND', name: 'Socialnämnden', memberCount: 9 }, SEED_ACTOR);
  const meeting = await decisions.createMeeting(
    sn.id,
    {
      date: '2024-05-22',
      place: 'Melleruds kommunhus (demodata)',
      attendees: SOCIALNAMNDEN_ATTENDEES,
      example: exampleMark([...MEETING_FICTITIOUS], { sources: ['SEED-MEL'] }),
    },
    SEED_ACTOR,
  );
  await decisions.recordParagraph(meeting.id, { ...MELLERUD_PARAGRAPH, example: MELLERUD_PARAGRAPH_MARK }, SEED_ACTOR);
  await decisions.justeraMeeting(meeting.id, MELLERUD_JUSTERING, SEED_ACTOR);
  await decisions.anslaMeeting(meeting.id, MELLERUD_ANSLAG, SEED_ACTOR);
}
