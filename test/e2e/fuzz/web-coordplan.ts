import { today } from './kit';

/**
 * The web fuzzer's targets of the coordinator's plan, council and amendment forms (h-coordplan), beside
 * test/e2e/web-fuzz.e2e-spec.ts (which lists every page's write route): a valid form of each, which the fuzzer mutates.
 */
export interface WebFuzzTarget {
  name: string;
  path: () => string;
  valid: (csrf: string) => Record<string, string>;
  /** The tables a 303 may change. */
  writes: string[];
}

/** What a plan, an amendment or their events may write (h-coordplan). */
const PLAN_WRITES = [
  'plan',
  'workflow_instance',
  'workflow_transition',
  'workflow_due_event',
  'workflow_link',
  'record_register',
];
/** What a council meeting, record or seat may write (the council's workflow is started on its first write). */
const COUNCIL_WRITES = [...PLAN_WRITES, 'council'];

export function coordplanWebTargets(ids: {
  planId: () => string;
  amendmentId: () => string;
  /** What a decision record may write (an approval's minimal record of its decision). */
  clerkWrites: string[];
}): WebFuzzTarget[] {
  return [
    {
      name: 'POST /samverkan/:slug/verksamhetsplan',
      path: () => '/samverkan/dalslandssamverkan/verksamhetsplan',
      valid: (token) => ({
        _csrf: token,
        _form: 'plan-new',
        title: 'Plan',
        draftedOn: today,
        validFrom: '2040-01-01',
        validTo: '2040-12-31',
        focusAreas: 'fuzz: Fuzz\nannat: Annat',
        note: 'n',
      }),
      writes: PLAN_WRITES,
    },
    {
      name: 'POST /samverkan/:slug/verksamhetsplan/:id/handelser',
      path: () => `/samverkan/dalslandssamverkan/verksamhetsplan/${ids.planId()}/handelser`,
      valid: (token) => ({
        _csrf: token,
        type: 'COUNCIL_INFORMED',
        expectedVersion: '1',
        _key: 'k',
        version: '1',
        informedAt: '2024-12-05 10:00',
        councilRecordId: '',
        adoptedAt: '2024-12-12 14:00',
        draftedOn: today,
        validFrom: '2031-01-01',
        validTo: '2031-12-31',
        focusAreas: 'fuzz: Fuzz',
      }),
      writes: PLAN_WRITES,
    },
    {
      name: 'POST /samverkan/:slug/rad/moten',
      path: () => '/samverkan/dalslandssamverkan/rad/moten',
      valid: (token) => ({ _csrf: token, date: today, place: 'Dals-Ed', note: 'n' }),
      writes: COUNCIL_WRITES,
    },
    {
      name: 'POST /samverkan/:slug/rad/anteckningar',
      path: () => '/samverkan/dalslandssamverkan/rad/anteckningar',
      valid: (token) => ({
        _csrf: token,
        kind: 'MINNESANTECKNINGAR',
        title: 'Anteckning',
        text: 'Text',
        recordedOn: today,
        meetingId: '',
        subject: 'PLAN',
      }),
      writes: COUNCIL_WRITES,
    },
    {
      name: 'POST /samverkan/:slug/rad/ledamoter',
      path: () => '/samverkan/dalslandssamverkan/rad/ledamoter',
      valid: (token) => ({
        _csrf: token,
        municipality: '1461',
        seat: 'OPPOSITIONSRAD',
        name: 'Fuzz Ledamot',
        from: today,
        equivalentOffice: 'Gruppledare',
        equivalentBasis: 'KS § 1',
      }),
      writes: COUNCIL_WRITES,
    },
    {
      name: 'POST /samverkan/:slug/andringar',
      path: () => '/samverkan/dalslandssamverkan/andringar',
      valid: (token) => ({
        _csrf: token,
        title: 'Ändring',
        version: 'v',
        text: 'Text',
        statedEffectiveDate: '',
        addsParty: '',
      }),
      writes: [...PLAN_WRITES, 'amendment', 'document', 'document_version'],
    },
    {
      name: 'POST /samverkan/:slug/andringar/:id/godkannanden',
      path: () => `/samverkan/dalslandssamverkan/andringar/${ids.amendmentId()}/godkannanden`,
      valid: (token) => ({
        _csrf: token,
        expectedVersion: '0',
        _key: 'k',
        party: '1461',
        decision_organ: 'KF',
        decision_date: '2025-02-03',
        decision_paragraph: '§ 1',
        decisionId: '',
      }),
      writes: [...ids.clerkWrites, 'membership'],
    },
  ];
}
