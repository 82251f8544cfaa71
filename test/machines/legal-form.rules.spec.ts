/** RULEBOOK §J as area@3 judges it (machines/area/legal-form.rules.ts): R-J1, R-J2, R-J3, R-J4, R-J6. */
import type { AreaContext, AreaEvent, DocumentRef } from '../../machines/area/area.types';
import {
  checkAllSignedV3,
  checkChangeApprovedByAll,
  checkFormalisationV3,
  checkRegisteredExistingV3,
} from '../../machines/area/legal-form.rules';

type Formalised = Extract<AreaEvent, { type: 'AREA_FORMALISED' }>;
const doc = (kind: DocumentRef['kind']): DocumentRef => ({
  documentVersionId: `v-${kind}`,
  documentKey: `k-${kind}`,
  version: '1',
  sha256: `h-${kind}`,
  kind,
});
const decided = (code: string, date: string) => ({
  code,
  partyWhenProposed: true,
  answer: 'YES' as const,
  decision: { decisionId: `d-${code}`, organ: 'KF' as const, date, justerat: true },
});
const context = (form: string, dates = ['2025-03-01', '2025-04-10']): AreaContext =>
  ({
    areaId: 'a',
    collaboration: 'c',
    purposes: [],
    participants: [decided('1460', dates[0]), decided('1461', dates[1])],
    flags: [],
    stage: 'formalisering',
    signatures: [],
    followUps: [],
    previous: [],
    compensations: [],
    report: { proposedLegalForm: form },
  }) as unknown as AreaContext;
const seats = [
  { municipalityCode: '1460', members: 1, substitutes: 1 },
  { municipalityCode: '1461', members: 2, substitutes: 1 },
];
const formalised = (over: Partial<Formalised>): Formalised => ({
  type: 'AREA_FORMALISED',
  formalisedOn: '2025-05-02',
  legalForm: 'AVTALSSAMVERKAN',
  documents: [doc('AVTAL')],
  hostMunicipality: '1460',
  startDate: '2026-01-01',
  noticeTerms: 'x',
  ...over,
});
const judge = (form: string, over: Partial<Formalised>, dates?: string[]) =>
  checkFormalisationV3(context(form, dates), formalised({ legalForm: form as Formalised['legalForm'], ...over }));

describe('R-J1 kommunalförbund', () => {
  const ok = { documents: [doc('FORBUNDSORDNING')], forbundBody: 'FORBUNDSDIREKTION' as const, representation: seats };
  it('is formed on the day of the last fullmäktige adoption, not the day before', () => {
    expect(judge('KOMMUNALFORBUND', { ...ok, startDate: '2025-04-10' })).toBeNull();
    expect(judge('KOMMUNALFORBUND', { ...ok, startDate: '2025-04-09' })).toMatchObject({
      code: 'AREA_FORMATION_BEFORE_ADOPTION',
      ruleId: 'R-J1',
      details: { lastAdoption: '2025-04-10', municipalityCode: '1461' },
    });
  });
  it('needs its förbundsordning, its body, and a ledamot and an ersättare of every member', () => {
    expect(judge('KOMMUNALFORBUND', { ...ok, documents: [doc('AVTAL')] })).toMatchObject({
      code: 'AREA_FORM_DOCUMENT_MISSING',
      ruleId: 'R-J1',
      details: { missing: ['FORBUNDSORDNING'] },
    });
    expect(judge('KOMMUNALFORBUND', { ...ok, forbundBody: undefined })).toMatchObject({
      code: 'AREA_FORBUND_BODY_MISSING',
    });
    const noSubstitute = [seats[0], { municipalityCode: '1461', members: 3, substitutes: 0 }];
    expect(judge('KOMMUNALFORBUND', { ...ok, representation: noSubstitute })).toMatchObject({
      code: 'AREA_MEMBER_NOT_REPRESENTED',
      ruleId: 'R-J1',
      details: { unrepresented: ['1461'] },
    });
  });
  it('a change goes back to every member’s fullmäktige', () => {
    const c = { ...context('KOMMUNALFORBUND'), formalisation: { legalForm: 'KOMMUNALFORBUND' } } as AreaContext;
    expect(checkChangeApprovedByAll(c)).toMatchObject({ code: 'AREA_CHANGE_NOT_APPROVED_BY_ALL', ruleId: 'R-J1' });
    const a = { ...c, formalisation: { legalForm: 'AVTALSSAMVERKAN' } } as AreaContext;
    expect(checkChangeApprovedByAll(a)).toBeNull();
  });
});

describe('R-J2 gemensam nämnd', () => {
  const docs = [doc('OVERENSKOMMELSE'), doc('REGLEMENTE')];
  it('needs both överenskommelse and reglemente, and a ledamot of every participant', () => {
    expect(judge('GEMENSAM_NAMND', { documents: docs, representation: seats })).toBeNull();
    expect(judge('GEMENSAM_NAMND', { documents: [docs[0]], representation: seats })).toMatchObject({
      code: 'AREA_FORM_DOCUMENT_MISSING',
      ruleId: 'R-J2',
      details: { missing: ['REGLEMENTE'] },
    });
    expect(judge('GEMENSAM_NAMND', { documents: docs, representation: [seats[0]] })).toMatchObject({
      code: 'AREA_MEMBER_NOT_REPRESENTED',
      ruleId: 'R-J2',
      details: { unrepresented: ['1461'] },
    });
  });
});

describe('R-J3 avtalssamverkan', () => {
  it('exists from 2018-07-01 (Stockholm dates): 2018-06-30 is refused, 2018-07-01 is not', () => {
    const before = { formalisedOn: '2018-06-30', startDate: '2018-06-30' };
    expect(judge('AVTALSSAMVERKAN', before, ['2018-01-01', '2018-02-01'])).toMatchObject({
      code: 'AREA_AVTALSSAMVERKAN_BEFORE_2018',
      ruleId: 'R-J3',
      details: { fields: ['formalisedOn', 'startDate'] },
    });
    const on = { formalisedOn: '2018-07-01', startDate: '2018-07-01' };
    expect(judge('AVTALSSAMVERKAN', on, ['2018-01-01', '2018-02-01'])).toBeNull();
  });
  it('needs its avtal', () => {
    expect(judge('AVTALSSAMVERKAN', { documents: [doc('OTHER')] })).toMatchObject({
      code: 'AREA_FORM_DOCUMENT_MISSING',
      ruleId: 'R-J3',
    });
  });
  it('is not registered or started before 2018-07-01', () => {
    const registered = {
      type: 'AREA_REGISTERED_EXISTING',
      registeredOn: '2025-01-15',
      title: 't',
      purposes: ['EFFEKTIVISERA_OCH_KVALITETSSAKRA'],
      participants: ['1460', '1461'],
      parties: { on: '2025-01-15', codes: ['1460', '1461'] },
      legalForm: 'AVTALSSAMVERKAN',
      documents: [doc('AVTAL')],
      startDate: '2018-06-30',
      noticeTerms: 'x',
    } as Extract<AreaEvent, { type: 'AREA_REGISTERED_EXISTING' }>;
    expect(checkRegisteredExistingV3(context('AVTALSSAMVERKAN'), registered)).toMatchObject({ ruleId: 'R-J3' });
    expect(
      checkRegisteredExistingV3(context('AVTALSSAMVERKAN'), { ...registered, startDate: '2018-07-01' }),
    ).toBeNull();
    const signed = {
      ...context('AVTALSSAMVERKAN'),
      formalisation: { legalForm: 'AVTALSSAMVERKAN' },
      signatures: [{ municipalityCodes: ['1460', '1461'] }],
    } as unknown as AreaContext;
    expect(checkAllSignedV3(signed, { type: 'OPERATION_STARTED', startedOn: '2018-06-30' })).toMatchObject({
      code: 'AREA_AVTALSSAMVERKAN_BEFORE_2018',
    });
    expect(checkAllSignedV3(signed, { type: 'OPERATION_STARTED', startedOn: '2018-07-01' })).toBeNull();
  });
});

describe('R-J4 jointly owned company', () => {
  const docs = [doc('BOLAGSORDNING'), doc('AGARDIREKTIV')];
  it('needs bolagsordning and ägardirektiv, its kommunala ändamål, and a legal basis for myndighetsutövning', () => {
    expect(judge('GEMENSAMT_BOLAG', { documents: docs, municipalPurpose: 'VA' })).toBeNull();
    expect(judge('GEMENSAMT_BOLAG', { documents: [docs[0]], municipalPurpose: 'VA' })).toMatchObject({
      ruleId: 'R-J4',
      details: { missing: ['AGARDIREKTIV'] },
    });
    expect(judge('GEMENSAMT_BOLAG', { documents: docs })).toMatchObject({ code: 'AREA_COMPANY_PURPOSE_MISSING' });
    const authority = { documents: docs, municipalPurpose: 'VA', myndighetsutovning: true };
    expect(judge('GEMENSAMT_BOLAG', authority)).toMatchObject({ code: 'AREA_COMPANY_AUTHORITY_WITHOUT_BASIS' });
    expect(judge('GEMENSAMT_BOLAG', { ...authority, legalBasis: 'Lag (2006:412)' })).toBeNull();
  });
});

describe('R-J6 the declaration is none of the forms', () => {
  it('an avsiktsförklaring among the governing documents is refused', () => {
    expect(judge('AVTALSSAMVERKAN', { documents: [doc('AVTAL'), doc('AVSIKTSFORKLARING')] })).toMatchObject({
      code: 'AREA_DECLARATION_NOT_A_FORM',
      ruleId: 'R-J6',
    });
  });
});
