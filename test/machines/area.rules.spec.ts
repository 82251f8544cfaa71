import {
  checkAgreementSignature,
  checkAllSigned,
  checkAnnulment,
  checkCouncilDecision,
  checkFormalisation,
  checkForankringDone,
  checkForstudieDone,
  checkLegalForm,
  checkParticipation,
  checkProposal,
  checkRegisteredExisting,
  COMPETENT_ORGANS,
} from '../../machines/area/area.rules';
import { AREA_STAGES_V1, stageOf } from '../../machines/area/area.stages';
import { insideOn, insideReason, outcomeOf, waitingFor } from '../../machines/area/area.status';
import type { AreaContext, AreaEvent, DocumentRef, Participant } from '../../machines/area/area.types';
import type { EventOf } from '../../machines/kernel/rule-table';
import { checkSignatoryFor, SIGNATORY_RULES } from '../../machines/signature/signatory.rules';

const DOC: DocumentRef = { documentVersionId: 'v1', documentKey: 'avtal', version: '1.0', sha256: 'a'.repeat(64) };
const PARTIES = { on: '2025-03-24', codes: ['1460', '1461', '1492'] };

function context(over: Partial<AreaContext> = {}): AreaContext {
  return {
    areaId: 'a',
    collaboration: 'dalslandssamverkan',
    purposes: ['KOMPETENSFORSORJNING_OCH_SARBARHET'],
    participants: [],
    flags: [],
    stage: 'beslut',
    signatures: [],
    followUps: [],
    previous: [],
    compensations: [],
    ...over,
  };
}

const yes = (code: string): Participant => ({
  code,
  partyWhenProposed: true,
  answer: 'YES',
  decision: { decisionId: `d-${code}`, organ: 'KF', date: '2025-03-24', justerat: true },
});
const undecided = (code: string): Participant => ({ code, partyWhenProposed: true });

function decided(code: string, over: Partial<EventOf<AreaEvent, 'PARTICIPATION_DECIDED'>> = {}) {
  return {
    type: 'PARTICIPATION_DECIDED' as const,
    municipalityCode: code,
    answer: 'YES' as const,
    decision: { decisionId: `d-${code}`, organ: 'KF' as const, date: '2025-03-24', justerat: true },
    parties: PARTIES,
    ...over,
  };
}

const proposal = (participants: string[]) => ({
  type: 'AREA_PROPOSED' as const,
  proposedOn: '2025-02-03',
  title: 't',
  purposes: ['KOMPETENSFORSORJNING_OCH_SARBARHET' as const],
  participants,
  parties: PARTIES,
});

const report = {
  submittedOn: '2025-03-10',
  document: DOC,
  formAnalysis: 'analys',
  proposedLegalForm: 'KOMMUNALFORBUND' as const,
  costModel: { name: 'invånare' },
};

describe('area rules (RULEBOOK §3 F, J; §4.2 G1–G6)', () => {
  it('R-F1: fewer than two distinct participants is refused; two (a non-party among them) pass', () => {
    expect(checkProposal(context(), proposal(['1460']))).toMatchObject({
      code: 'AREA_TOO_FEW_PARTICIPANTS',
      ruleId: 'R-F1',
    });
    expect(checkProposal(context(), proposal(['1460', '1460']))?.code).toBe('AREA_TOO_FEW_PARTICIPANTS');
    expect(checkProposal(context(), proposal(['1492', '1487']))).toBeNull();
  });

  it('R-F3: a network is not a legal form; the four KL forms are', () => {
    expect(checkLegalForm('NATVERK')).toMatchObject({ code: 'AREA_NOT_A_LEGAL_FORM', ruleId: 'R-F3' });
    for (const form of ['AVTALSSAMVERKAN', 'GEMENSAM_NAMND', 'KOMMUNALFORBUND', 'GEMENSAMT_BOLAG'] as const)
      expect(checkLegalForm(form)).toBeNull();
  });

  it('G6: a registered existing collaboration needs its governing document and a participating host', () => {
    const base = {
      ...proposal(['1460', '1461']),
      type: 'AREA_REGISTERED_EXISTING' as const,
      registeredOn: '2025-01-15',
      legalForm: 'AVTALSSAMVERKAN' as const,
      documents: [DOC],
      startDate: '2021-06-01',
      noticeTerms: 'x',
    };
    expect(checkRegisteredExisting(context(), base)).toBeNull();
    expect(checkRegisteredExisting(context(), { ...base, documents: [] })).toMatchObject({
      code: 'AREA_NO_GOVERNING_DOCUMENT',
      ruleId: 'G6',
    });
    expect(checkRegisteredExisting(context(), { ...base, hostMunicipality: '1492' })).toMatchObject({
      code: 'AREA_HOST_NOT_PARTICIPANT',
      ruleId: 'R-F3',
    });
    expect(checkRegisteredExisting(context(), { ...base, participants: ['1460'] })?.ruleId).toBe('R-F1');
  });

  it('G1: the förstudie needs the KDG assignment, then the council informed', () => {
    expect(checkForankringDone(context())).toMatchObject({ code: 'AREA_NO_KDG_ASSIGNMENT', ruleId: 'G1' });
    const assigned = context({ assignment: { assignedOn: '2025-02-17', assignment: 'x' } });
    expect(checkForankringDone(assigned)).toMatchObject({ code: 'AREA_COUNCIL_NOT_INFORMED', ruleId: 'G1' });
    expect(checkForankringDone({ ...assigned, councilInformedOn: '2025-02-20' })).toBeNull();
  });

  it('G2: the decisions need the report (form analysis, legal form, cost model: R-F4, R-G1)', () => {
    expect(checkForstudieDone(context())).toMatchObject({ code: 'AREA_REPORT_MISSING', ruleId: 'G2' });
    expect(checkForstudieDone(context({ report }))).toBeNull();
  });

  it('G5 (R-E2): a council record never passes', () => {
    expect(checkCouncilDecision()).toMatchObject({ code: 'COUNCIL_NOT_DECISION_MAKING', ruleId: 'R-E2' });
  });

  it('R-F2: only a participant decides, once', () => {
    const c = context({ report, participants: [undecided('1460'), yes('1461')] });
    expect(checkParticipation(c, decided('1438'))).toMatchObject({ code: 'AREA_NOT_PARTICIPANT', ruleId: 'R-F2' });
    expect(checkParticipation(c, decided('1461'))).toMatchObject({ code: 'AREA_ALREADY_DECIDED', ruleId: 'R-F2' });
    expect(checkParticipation(c, decided('1460'))).toBeNull();
  });

  it('R-J5: fullmäktige for kommunalförbund, gemensam nämnd and bolag; KF, KS or a nämnd for avtalssamverkan', () => {
    expect(COMPETENT_ORGANS).toEqual({
      KOMMUNALFORBUND: ['KF'],
      GEMENSAM_NAMND: ['KF'],
      GEMENSAMT_BOLAG: ['KF'],
      AVTALSSAMVERKAN: ['KF', 'KS', 'NAMND'],
    });
    const ks = (
      form: (typeof report)['proposedLegalForm'] | 'AVTALSSAMVERKAN' | 'GEMENSAM_NAMND' | 'GEMENSAMT_BOLAG',
    ) =>
      checkParticipation(
        context({ report: { ...report, proposedLegalForm: form }, participants: [undecided('1460')] }),
        decided('1460', { decision: { decisionId: 'd', organ: 'KS', date: '2025-03-24', justerat: true } }),
      );
    for (const form of ['KOMMUNALFORBUND', 'GEMENSAM_NAMND', 'GEMENSAMT_BOLAG'] as const)
      expect(ks(form)).toMatchObject({ code: 'WRONG_DECISION_ORGAN', ruleId: 'R-J5' });
    expect(ks('AVTALSSAMVERKAN')).toBeNull();
  });

  it('G4: a decision counts once justerat (R-I1); laga kraft is not awaited (R-I8)', () => {
    const c = context({ report, participants: [undecided('1460')] });
    const draft = decided('1460', { decision: { decisionId: 'd', organ: 'KF', date: '2025-03-24', justerat: false } });
    expect(checkParticipation(c, draft)).toMatchObject({ code: 'DECISION_NOT_JUSTERAT', ruleId: 'G4' });
  });

  it('G3, R-F1: at least two yes-saying active parties; a non-party never counts; who said what is named', () => {
    const o = outcomeOf([yes('1460'), { ...undecided('1461'), answer: 'NO' }, yes('1487')], PARTIES);
    expect(o).toMatchObject({
      inside: false,
      yes: ['1460', '1487'],
      no: ['1461'],
      partyYes: ['1460'],
      nonPartyYes: ['1487'],
    });
    const reason = insideReason(o)!;
    expect(reason).toMatchObject({ code: 'AREA_OUTSIDE_COLLABORATION', ruleId: 'G3' });
    expect(reason.message).toContain('yes: 1460, 1487; no: 1461');
    expect(insideReason(outcomeOf([yes('1460'), yes('1461')], PARTIES))).toBeNull();
  });

  it('R-C9, R-C8: inside on a date follows the parties then; undecided areas have no answer yet', () => {
    const participants = [yes('1460'), yes('1461')];
    const c = context({ participants, outcome: outcomeOf(participants, PARTIES) });
    expect(insideOn(c, { '1460': 'ACTIVE', '1461': 'LEAVING' }, '2026-12-31').inside).toBe(true);
    const after = insideOn(c, { '1460': 'ACTIVE', '1461': 'EXITED' }, '2027-01-01');
    expect(after).toMatchObject({ inside: false, partyYes: ['1460'], nonPartyYes: ['1461'] });
    expect(after.reason?.ruleId).toBe('G3');
    expect(insideOn(context({ participants: [yes('1460'), undecided('1461')] }), {}, '2025-01-01').inside).toBeNull();
    // An annulled yes in operation: the outcome stands, the participant no longer counts (R-I8).
    const annulled = { ...c, participants: [yes('1460'), undecided('1461')] };
    expect(insideOn(annulled, { '1460': 'ACTIVE', '1461': 'ACTIVE' }, '2026-06-01')).toMatchObject({
      inside: false,
      yes: ['1460'],
    });
  });

  it('R-F3, R-J5: the formalisation is in the decided legal form, hosted by a participant that takes part', () => {
    const c = context({ report, participants: [yes('1460'), yes('1461'), { ...undecided('1492'), answer: 'NO' }] });
    const f = {
      type: 'AREA_FORMALISED' as const,
      formalisedOn: '2025-05-02',
      legalForm: 'KOMMUNALFORBUND' as const,
      documents: [DOC],
      hostMunicipality: '1461',
      startDate: '2026-01-01',
      noticeTerms: 'x',
    };
    expect(checkFormalisation(c, f)).toBeNull();
    expect(checkFormalisation(c, { ...f, legalForm: 'NATVERK' })?.ruleId).toBe('R-F3');
    expect(checkFormalisation(c, { ...f, legalForm: 'GEMENSAM_NAMND' })).toMatchObject({
      code: 'AREA_LEGAL_FORM_CHANGED',
      ruleId: 'R-J5',
    });
    expect(checkFormalisation(c, { ...f, hostMunicipality: '1492' })).toMatchObject({
      code: 'AREA_HOST_NOT_PARTICIPANT',
      ruleId: 'R-F3',
    });
  });

  it('R-F6: an authorised signatory of a participant signs a governing document; operation waits for all', () => {
    const formalisation = {
      formalisedOn: '2025-05-02',
      legalForm: 'KOMMUNALFORBUND' as const,
      documents: [DOC],
      startDate: '2026-01-01',
      noticeTerms: 'x',
    };
    const c = context({ participants: [yes('1460'), yes('1461')], formalisation });
    const s = {
      type: 'AGREEMENT_SIGNED' as const,
      signedOn: '2025-05-10',
      municipalityCodes: ['1460'],
      signatory: { name: 'Göran Eriksson', office: 'KOMMUNDIREKTOR' as const, title: 'Kommunchef Bengtsfors' },
      authority: { basis: 'Firmatecknare' },
      document: DOC,
    };
    expect(checkAgreementSignature(c, s)).toBeNull();
    expect(checkAgreementSignature(c, { ...s, authority: undefined })).toMatchObject({
      code: 'AREA_SIGNATORY_AUTHORITY_MISSING',
      ruleId: 'R-F6',
    });
    expect(checkAgreementSignature(c, { ...s, municipalityCodes: ['1492'] })?.code).toBe('AREA_SIGNER_NOT_PARTICIPANT');
    expect(checkAgreementSignature(c, { ...s, document: { ...DOC, sha256: 'b'.repeat(64) } })?.code).toBe(
      'AREA_DOCUMENT_NOT_GOVERNING',
    );
    expect(checkAllSigned(c)).toMatchObject({
      code: 'AREA_NOT_ALL_SIGNED',
      ruleId: 'R-F6',
      details: { unsigned: ['1460', '1461'] },
    });
    const signed = { ...c, signatures: [{ ...s, municipalityCodes: ['1460', '1461'] }] };
    expect(checkAllSigned(signed)).toBeNull();
  });

  it('R-B3, R-F6: one signatory table per document kind: the declaration by the KSO, an area agreement by an authorised signatory', () => {
    expect(Object.keys(SIGNATORY_RULES).sort()).toEqual(['AREA_AGREEMENT', 'DECLARATION']);
    const kommunchef = { name: 'Karl-Olof Petersson', office: 'KOMMUNDIREKTOR' as const };
    expect(checkSignatoryFor('DECLARATION', { signatory: kommunchef })).toMatchObject({
      code: 'WRONG_SIGNATORY',
      ruleId: 'R-B3',
    });
    expect(checkSignatoryFor('DECLARATION', { signatory: { name: 'K', office: 'KSO' } })).toBeNull();
    expect(
      checkSignatoryFor('AREA_AGREEMENT', { signatory: kommunchef, authority: { basis: 'Firmatecknare' } }),
    ).toBeNull();
    expect(checkSignatoryFor('AREA_AGREEMENT', { signatory: kommunchef, authority: { basis: '  ' } })?.ruleId).toBe(
      'R-F6',
    );
  });

  it('R-C11: an annulment names a decision that drives the area now', () => {
    const c = context({ participants: [yes('1460')] });
    const e = { type: 'DECISION_ANNULLED' as const, decisionId: 'd-1460', annulledOn: '2025-06-01', cause: 'x' };
    expect(checkAnnulment(c, e)).toBeNull();
    expect(checkAnnulment(c, { ...e, decisionId: 'other' })).toMatchObject({
      code: 'DECISION_NOT_IN_WORKFLOW',
      ruleId: 'R-C11',
    });
  });

  it('D7: the stage table is data, every stage a proposal with Swedish and English names', () => {
    for (const s of AREA_STAGES_V1) {
      expect(s.proposal).toBe(true);
      expect(s.sv.length).toBeGreaterThan(0);
      expect(s.en.length).toBeGreaterThan(0);
    }
    expect(AREA_STAGES_V1.filter((s) => s.number !== null).map((s) => s.number)).toEqual([
      0, 1, 2, 3, 3, 4, 5, 6, 7, 7,
    ]);
    expect(stageOf('formalisering.undertecknande').key).toBe('formalisering');
  });

  it('what an area waits for, and since when', () => {
    const c = context({ stageSince: '2025-03-12', participants: [undecided('1460'), yes('1461')] });
    expect(waitingFor(c, 'beslut')).toEqual([
      { kind: 'DECISION', what: 'PARTICIPATION_DECISION', municipalityCode: '1460', since: '2025-03-12' },
    ]);
    expect(waitingFor(context({ stageSince: '2025-02-10' }), 'forankring').map((w) => w.what)).toEqual([
      'KDG_ASSIGNED',
      'COUNCIL_INFORMED',
    ]);
    expect(waitingFor(context(), 'forstudie')).toEqual([{ kind: 'DOCUMENT', what: 'FORSTUDIE_REPORT', since: null }]);
    expect(waitingFor(context(), 'avslutad')).toEqual([]);
  });
});
