import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CollaborationEntity } from '../collaboration/collaboration.entity';
import { CollaborationService } from '../collaboration/collaboration.service';
import { MembershipService } from '../collaboration/membership.service';
import { DecisionService } from '../decision/decision.service';
import type { Actor } from '../workflow/actor';
import { MELLERUD_PARAGRAPH, SOCIALNAMNDEN_ATTENDEES } from './mellerud-example';
import { seedDemoCosts } from './demo-costs';

const SEED_ACTOR: Actor = { id: 'seed', role: 'admin', municipality: null };
const DEMO = 'DEMODATA: datumet/namnet anges inte i källorna (demo data: not given by the sources)';

/**
 * Demo data for an empty database: Dalslandssamverkan (declaration in force 2024-01-01, SEED-AF §9; the five KSOs
 * signed 2023-12-08, SEED-PR) and Västra Mälardalen (declaration signed 2016-08-31, then decided by each
 * kommunstyrelse, SEED-VM). Facts not in the sources carry the DEMO note in their record.
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
  await seedDemoCosts(app); // cost sharing (kostnadsfördelning)
  return true;
}

/** In force 2024-01-01 (SEED-AF §9): each fullmäktige adopts (the dates are demo data), each KSO signs (SEED-PR). */
async function seedDalslandssamverkan(service: CollaborationService, memberships: MembershipService): Promise<void> {
  await service.create(
    {
      slug: 'dalslandssamverkan',
      name: 'Dalslandssamverkan',
      parties: ['1460', '1438', '1439', '1461', '1492'],
      declarationVersion: 'Avsiktsförklaring Dalslandssamverkan 2023-12-08',
      declarationEffectiveDate: '2024-01-01',
      settings: { exitRequestDate: 'noticeArrival', entryDecisionOrgan: 'KF' },
    },
    SEED_ACTOR,
  );
  const kfDates: Record<string, string> = {
    '1460': '2023-11-27',
    '1438': '2023-11-29',
    '1439': '2023-11-22',
    '1461': '2023-11-29',
    '1492': '2023-11-29',
  };
  for (const [code, date] of Object.entries(kfDates)) {
    await memberships.recordMembershipEvent(
      'dalslandssamverkan',
      code,
      { type: 'FULLMAKTIGE_ADOPTED_DECLARATION', decision: { organ: 'KF', date }, note: DEMO },
      SEED_ACTOR,
    );
    await memberships.recordMembershipEvent(
      'dalslandssamverkan',
      code,
      {
        type: 'KSO_SIGNED',
        signedOn: '2023-12-08',
        signatory: { name: `Kommunstyrelsens ordförande (${code})`, office: 'KSO' },
        note: `Datum enligt pressmeddelande 2023-12-08 (SEED-PR). Namn: ${DEMO}`,
      },
      SEED_ACTOR,
    );
  }
}

/** Signed 2016-08-31 by each KSO, then decided by each kommunstyrelse (SEED-VM; that date is demo data). */
async function seedVastraMalardalen(service: CollaborationService, memberships: MembershipService): Promise<void> {
  await service.create(
    {
      slug: 'vastra-malardalen',
      name: 'Fördjupad samverkan i Västra Mälardalen',
      parties: ['1984', '1983', '1960'],
      declarationVersion: 'Avsiktsförklaring fördjupad samverkan 2016-08-31',
      declarationEffectiveDate: '2016-08-31',
      // SEED-VM: "därefter beslutats i respektive kommunstyrelse".
      settings: { exitRequestDate: 'noticeArrival', entryDecisionOrgan: 'KS' },
    },
    SEED_ACTOR,
  );
  for (const code of ['1984', '1983', '1960']) {
    await memberships.recordMembershipEvent(
      'vastra-malardalen',
      code,
      {
        type: 'KSO_SIGNED',
        signedOn: '2016-08-31',
        signatory: { name: `Kommunstyrelsens ordförande (${code})`, office: 'KSO' },
        note: `Datum enligt SEED-VM. Namn: ${DEMO}`,
      },
      SEED_ACTOR,
    );
    await memberships.recordMembershipEvent(
      'vastra-malardalen',
      code,
      { type: 'FULLMAKTIGE_ADOPTED_DECLARATION', decision: { organ: 'KS', date: '2016-09-26' }, note: DEMO },
      SEED_ACTOR,
    );
  }
}

/** The Mellerud socialnämnd paragraph and its protocol lifecycle (meeting, justering and anslag dates are demo data). */
async function seedMellerudParagraph(decisions: DecisionService): Promise<void> {
  const sn = await decisions.createBody('1461', { kind: 'NAMND', name: 'Socialnämnden', memberCount: 9 }, SEED_ACTOR);
  await decisions.createBody('1461', { kind: 'KF', name: 'Kommunfullmäktige', memberCount: 31 }, SEED_ACTOR);
  const meeting = await decisions.createMeeting(
    sn.id,
    { date: '2024-05-22', place: `Melleruds kommunhus (${DEMO})`, attendees: SOCIALNAMNDEN_ATTENDEES },
    SEED_ACTOR,
  );
  await decisions.recordParagraph(meeting.id, MELLERUD_PARAGRAPH, SEED_ACTOR);
  await decisions.justeraMeeting(
    meeting.id,
    { justeradOn: '2024-05-29', justerare: ['Daniel Jensen', 'Marianne Sand Wallin'] },
    SEED_ACTOR,
  );
  await decisions.anslaMeeting(
    meeting.id,
    { anslagOn: '2024-05-30', noticeBoard: 'https://mellerud.se/anslagstavla' },
    SEED_ACTOR,
  );
}
