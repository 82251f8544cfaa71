/**
 * The concrete events and the bound of the area machine's path traversal, shared by the suites of its versions
 * (area.paths.spec.ts for v1, area-v2.paths.spec.ts for v2, which has v1's events and guards).
 */
import type { SnapshotFrom } from 'xstate';
import type { areaMachine } from '../../machines/area/area.machine';
import type { AreaEvent, AreaInput, DocumentRef } from '../../machines/area/area.types';

export type Snap = SnapshotFrom<typeof areaMachine>;

export const INPUT: AreaInput = { areaId: 'area-1', collaboration: 'dalslandssamverkan' };
const DOC: DocumentRef = { documentVersionId: 'v1', documentKey: 'avtal', version: '1.0', sha256: 'a'.repeat(64) };
const PARTIES = { on: '2025-03-24', codes: ['1460', '1461'] };
const PURPOSES = ['EFFEKTIVISERA_OCH_KVALITETSSAKRA' as const];
const decision = (id: string, organ: 'KF' | 'KS' = 'KF') => ({
  decisionId: id,
  organ,
  date: '2025-03-24',
  justerat: true,
});
const signed = (code: string, authority = true): AreaEvent => ({
  type: 'AGREEMENT_SIGNED',
  signedOn: '2025-05-10',
  municipalityCodes: [code],
  signatory: { name: `Kommunchef ${code}`, office: 'KOMMUNDIREKTOR' },
  ...(authority ? { authority: { basis: 'Firmatecknare' } } : {}),
  document: DOC,
});

/** Every event type with concrete payloads, refused variants included on purpose. */
export const EVENTS: AreaEvent[] = [
  {
    type: 'AREA_PROPOSED',
    proposedOn: '2025-02-03',
    title: 't',
    purposes: PURPOSES,
    participants: ['1460', '1461'],
    parties: PARTIES,
  },
  {
    type: 'AREA_PROPOSED',
    proposedOn: '2025-02-03',
    title: 't',
    purposes: PURPOSES,
    participants: ['1460'],
    parties: PARTIES,
  },
  {
    type: 'AREA_REGISTERED_EXISTING',
    registeredOn: '2025-01-15',
    title: 't',
    purposes: PURPOSES,
    participants: ['1460', '1461'],
    parties: PARTIES,
    legalForm: 'AVTALSSAMVERKAN',
    documents: [DOC],
    startDate: '2021-06-01',
    noticeTerms: 'x',
  },
  {
    type: 'AREA_REGISTERED_EXISTING',
    registeredOn: '2025-01-15',
    title: 't',
    purposes: PURPOSES,
    participants: ['1460', '1461'],
    parties: PARTIES,
    legalForm: 'AVTALSSAMVERKAN',
    documents: [],
    startDate: '2021-06-01',
    noticeTerms: 'x',
  },
  { type: 'FORANKRING_STARTED', startedOn: '2025-02-10' },
  { type: 'KDG_ASSIGNED', assignedOn: '2025-02-17', assignment: 'Utred' },
  { type: 'COUNCIL_INFORMED', informedOn: '2025-02-20' },
  { type: 'COUNCIL_DECIDED', decidedOn: '2025-02-20' },
  { type: 'FORSTUDIE_STARTED', startedOn: '2025-03-01' },
  {
    type: 'REPORT_SUBMITTED',
    submittedOn: '2025-03-10',
    document: DOC,
    formAnalysis: 'a',
    proposedLegalForm: 'AVTALSSAMVERKAN',
    costModel: { name: 'c' },
  },
  {
    type: 'REPORT_SUBMITTED',
    submittedOn: '2025-03-10',
    document: DOC,
    formAnalysis: 'a',
    proposedLegalForm: 'NATVERK',
    costModel: { name: 'c' },
  },
  { type: 'DECISIONS_REQUESTED', requestedOn: '2025-03-12' },
  {
    type: 'PARTICIPATION_DECIDED',
    municipalityCode: '1460',
    answer: 'YES',
    decision: decision('d1'),
    parties: PARTIES,
  },
  {
    type: 'PARTICIPATION_DECIDED',
    municipalityCode: '1461',
    answer: 'YES',
    decision: decision('d2'),
    parties: PARTIES,
  },
  { type: 'PARTICIPATION_DECIDED', municipalityCode: '1461', answer: 'NO', decision: decision('d3'), parties: PARTIES },
  {
    type: 'PARTICIPATION_DECIDED',
    municipalityCode: '1438',
    answer: 'YES',
    decision: decision('d4'),
    parties: PARTIES,
  },
  { type: 'DECISION_ANNULLED', decisionId: 'd1', annulledOn: '2025-06-01', cause: 'upphävt' },
  { type: 'DECISION_ANNULLED', decisionId: 'd3', annulledOn: '2025-06-02', cause: 'upphävt' },
  { type: 'DECISION_ANNULLED', decisionId: 'not-in-workflow', annulledOn: '2025-06-03', cause: 'upphävt' },
  {
    type: 'AREA_FORMALISED',
    formalisedOn: '2025-05-02',
    legalForm: 'AVTALSSAMVERKAN',
    documents: [DOC],
    hostMunicipality: '1460',
    startDate: '2026-01-01',
    noticeTerms: 'x',
  },
  {
    type: 'AREA_FORMALISED',
    formalisedOn: '2025-05-02',
    legalForm: 'AVTALSSAMVERKAN',
    documents: [DOC],
    hostMunicipality: '1499',
    startDate: '2026-01-01',
    noticeTerms: 'x',
  },
  signed('1460'),
  signed('1461'),
  signed('1460', false),
  { type: 'OPERATION_STARTED', startedOn: '2026-01-01' },
  { type: 'FOLLOW_UP_STARTED', startedOn: '2026-09-01' },
  { type: 'FOLLOW_UP_REPORTED', reportedOn: '2026-10-01', summary: 's' },
  { type: 'REVISION_STARTED', startedOn: '2026-10-15', reason: 'r' },
  { type: 'REVISION_DECIDED', decidedOn: '2026-11-01', backTo: 'BESLUT', reason: 'r' },
  { type: 'REVISION_DECIDED', decidedOn: '2026-11-01', backTo: 'FORMALISERING', reason: 'r' },
  { type: 'AREA_WOUND_DOWN', woundDownOn: '2026-11-30', reason: 'r', underTerms: 'u' },
  { type: 'AREA_PAUSED', pausedOn: '2025-04-01', reason: 'r' },
  { type: 'AREA_RESUMED', resumedOn: '2025-04-15' },
  { type: 'AREA_CLOSED', closedOn: '2025-06-15', reason: 'r' },
];

export const ALL_EVENT_TYPES = [...new Set(EVENTS.map((e) => e.type))];

/**
 * The bound: a snapshot is not expanded once it has a follow-up, an earlier round set aside (a revision or an
 * annulment after the stage moved on), more than one compensation or more than two signatures: what follows would
 * repeat the first cycle. The steps into such snapshots are still taken (and checked) by the paths.
 */
export const beyondBound = (s: Snap) => {
  const c = s.context;
  return c.followUps.length > 0 || c.previous.length > 0 || c.compensations.length > 1 || c.signatures.length > 2;
};

export const traversal = { input: INPUT, events: () => EVENTS, limit: 60_000, stopWhen: beyondBound };
