/**
 * A collaboration area (samverkansområde) through the collaboration process (SEED-AF §11, §12, §14), in the stages
 * of RULEBOOK §4.2 (a proposal, D7: the names are data of this version, area.stages.ts). Pure: guards are the rule
 * functions of area.rules.ts and area.status.ts; no clock, no I/O; which participants are parties on a date comes
 * in the event data (the service judges it from the memberships).
 */
import { and, assign, setup } from 'xstate';
import type { MachineDefinition } from '../kernel/machine-definition';
import { eventNarrower, guardsOf, type RuleTable } from '../kernel/rule-table';
import {
  annulledParticipant,
  checkAgreementSignature,
  checkAllSigned,
  checkAnnulment,
  checkCouncilDecision,
  checkFormalisation,
  checkForankringDone,
  checkForstudieDone,
  checkParticipation,
  checkProposal,
  checkRegisteredExisting,
  checkReport,
} from './area.rules';
import { areaLegalDate, completesInside, completesStage, outcomeOf, withDecision } from './area.status';
import type { AreaContext, AreaEvent, AreaInput, LegalForm, Participant } from './area.types';

const on = eventNarrower<AreaContext, AreaEvent>();

export const AREA_MACHINE_ID = 'area';
export const AREA_MACHINE_VERSION = 1;

/** The rules behind the guards that refuse with a reason (guards and explanations both come from here). */
const AREA_RULES = {
  proposalOk: checkProposal,
  registeredExistingOk: checkRegisteredExisting,
  forankringDone: checkForankringDone,
  reportOk: checkReport,
  forstudieDone: checkForstudieDone,
  participationOk: checkParticipation,
  formalisationOk: checkFormalisation,
  signatureOk: checkAgreementSignature,
  allSigned: checkAllSigned,
  annulmentOk: checkAnnulment,
  councilMayDecide: () => checkCouncilDecision(),
} satisfies RuleTable<AreaContext>;

/** The entry action of a stage: records which stage it is and since when (legal date of the event that entered it). */
const enter = (stage: string) => ({ type: 'enterStage' as const, params: { stage } });

const undecided = (p: Participant): Participant => {
  const { answer: _a, decision: _d, ...rest } = p;
  return rest;
};

/** Pausing and closing, the same from each stage that allows them. */
const PAUSE = { AREA_PAUSED: { target: 'pausad', actions: 'recordPause' } } as const;
const CLOSE = { AREA_CLOSED: { target: 'avslutad', actions: 'recordClosed' } } as const;

export const areaMachine = setup({
  types: { context: {} as AreaContext, events: {} as AreaEvent, input: {} as AreaInput },
  guards: {
    ...guardsOf<AreaContext, AreaEvent, typeof AREA_RULES>(AREA_RULES),
    // G3 (R-F1): not refusals, only the choice of where the last decision takes the area.
    completesInside: on('PARTICIPATION_DECIDED', completesInside),
    completesStage: on('PARTICIPATION_DECIDED', completesStage),
    backToDecisions: on('REVISION_DECIDED', (_c, e) => e.backTo === 'BESLUT'),
    // Resumed to the stage it was paused in (stages 0–3).
    pausedFromIde: ({ context }) => context.paused?.from === 'ide',
    pausedFromForankring: ({ context }) => context.paused?.from === 'forankring',
    pausedFromForstudie: ({ context }) => context.paused?.from === 'forstudie',
    pausedFromBeslut: ({ context }) => context.paused?.from === 'beslut',
  },
  actions: {
    // The stage and the day it was entered: what the area waits for is open since then.
    enterStage: assign(({ context, event }, params: { stage: string }) => ({
      stage: params.stage,
      stageSince: areaLegalDate(event) ?? context.stageSince,
    })),
    recordProposal: assign(
      on('AREA_PROPOSED', (_c, e) => ({
        title: e.title,
        purposes: e.purposes,
        ...(e.description ? { description: e.description } : {}),
        proposedOn: e.proposedOn,
        participants: [...new Set(e.participants)].map((code) => ({
          code,
          partyWhenProposed: e.parties.codes.includes(code),
        })),
      })),
    ),
    recordRegistration: assign(
      on('AREA_REGISTERED_EXISTING', (_c, e) => {
        const participants = [...new Set(e.participants)].map((code) => ({
          code,
          partyWhenProposed: e.parties.codes.includes(code),
          registeredExisting: true,
        }));
        return {
          title: e.title,
          purposes: e.purposes,
          ...(e.description ? { description: e.description } : {}),
          proposedOn: e.registeredOn,
          participants,
          flags: ['REGISTERED_EXISTING'],
          outcome: outcomeOf(participants, e.parties),
          formalisation: {
            formalisedOn: e.registeredOn,
            legalForm: e.legalForm as LegalForm,
            documents: e.documents,
            ...(e.hostMunicipality ? { hostMunicipality: e.hostMunicipality } : {}),
            startDate: e.startDate,
            noticeTerms: e.noticeTerms,
          },
        };
      }),
    ),
    recordAssignment: assign({
      assignment: on('KDG_ASSIGNED', (_c, e) => ({
        assignedOn: e.assignedOn,
        assignment: e.assignment,
        ...(e.focusArea ? { focusArea: e.focusArea } : {}),
        ...(e.planId ? { planId: e.planId } : {}),
      })),
    }),
    recordCouncilInformed: assign({ councilInformedOn: on('COUNCIL_INFORMED', (_c, e) => e.informedOn) }),
    recordReport: assign({
      report: on('REPORT_SUBMITTED', (_c, e) => ({
        submittedOn: e.submittedOn,
        document: e.document,
        formAnalysis: e.formAnalysis,
        proposedLegalForm: e.proposedLegalForm as LegalForm,
        costModel: e.costModel,
      })),
    }),
    recordDecision: assign({ participants: on('PARTICIPATION_DECIDED', withDecision) }),
    recordOutcome: assign({
      outcome: on('PARTICIPATION_DECIDED', (c, e) => outcomeOf(withDecision(c, e), e.parties)),
    }),
    // D10, R-C11: the participant is back to undecided, recorded with its cause and where the area stood.
    reopenDecision: assign(
      on('DECISION_ANNULLED', (c, e) => {
        const p = annulledParticipant(c, e.decisionId)!;
        return {
          participants: c.participants.map((x) => (x.code === p.code ? undecided(x) : x)),
          compensations: [
            ...c.compensations,
            {
              decisionId: e.decisionId,
              municipalityCode: p.code,
              annulledOn: e.annulledOn,
              cause: e.cause,
              stageBefore: c.paused ? `pausad (${c.paused.from})` : c.stage,
            },
          ],
        };
      }),
    ),
    setAsideOutcome: assign(
      on(['DECISION_ANNULLED', 'REVISION_DECIDED'], (c, e) => {
        const date = e.type === 'DECISION_ANNULLED' ? e.annulledOn : e.decidedOn;
        const why = e.type === 'DECISION_ANNULLED' ? `DECISION_ANNULLED ${e.decisionId}` : `REVISION: ${e.reason}`;
        const kept = c.formalisation ? { formalisation: c.formalisation, signatures: c.signatures } : {};
        const previous = [...c.previous, { on: date, why, ...kept }];
        // assign merges: a key set aside is set to undefined (and absent from the persisted JSON).
        return { previous, signatures: [], outcome: undefined, formalisation: undefined };
      }),
    ),
    recordFormalisation: assign({
      formalisation: on('AREA_FORMALISED', (_c, e) => ({
        formalisedOn: e.formalisedOn,
        legalForm: e.legalForm as LegalForm,
        documents: e.documents,
        hostMunicipality: e.hostMunicipality,
        startDate: e.startDate,
        noticeTerms: e.noticeTerms,
      })),
    }),
    recordSignature: assign({
      signatures: on('AGREEMENT_SIGNED', (c, e) => [
        ...c.signatures,
        {
          signedOn: e.signedOn,
          municipalityCodes: e.municipalityCodes,
          signatory: e.signatory,
          ...(e.authority ? { authority: e.authority } : {}),
          document: e.document,
        },
      ]),
    }),
    recordFollowUp: assign({
      followUps: on('FOLLOW_UP_REPORTED', (c, e) => [
        ...c.followUps,
        { reportedOn: e.reportedOn, summary: e.summary, ...(e.document ? { document: e.document } : {}) },
      ]),
    }),
    recordRevision: assign({
      revision: on('REVISION_STARTED', (_c, e) => ({ startedOn: e.startedOn, reason: e.reason })),
    }),
    // Revision back to stage 3: those who took part decide again; those who said no have left the area.
    newDecisionRound: assign(
      on('REVISION_DECIDED', (c, e) => ({
        previous: [...c.previous, { on: e.decidedOn, why: `REVISION: ${e.reason}`, participants: c.participants }],
        participants: c.participants.map((p) => {
          if (p.answer === 'NO') return p;
          const { registeredExisting: _r, ...taking } = p;
          return undecided(taking);
        }),
      })),
    ),
    recordWoundDown: assign({
      woundDown: on('AREA_WOUND_DOWN', (_c, e) => ({
        woundDownOn: e.woundDownOn,
        reason: e.reason,
        underTerms: e.underTerms,
      })),
    }),
    recordPause: assign({
      paused: on('AREA_PAUSED', (c, e) => ({ pausedOn: e.pausedOn, reason: e.reason, from: c.stage })),
    }),
    clearPause: assign({ paused: undefined }),
    recordClosed: assign({ closed: on('AREA_CLOSED', (_c, e) => ({ closedOn: e.closedOn, reason: e.reason })) }),
  },
}).createMachine({
  id: AREA_MACHINE_ID,
  context: ({ input }) => ({
    ...input,
    purposes: [],
    participants: [],
    flags: [],
    signatures: [],
    followUps: [],
    previous: [],
    compensations: [],
    stage: 'ny',
  }),
  initial: 'ny',
  // G5 (R-E2): the council decides nothing, in any stage.
  on: { COUNCIL_DECIDED: { guard: 'councilMayDecide', meta: { refusalOnly: true } } },
  states: {
    ny: {
      on: {
        AREA_PROPOSED: { guard: 'proposalOk', target: 'ide', actions: 'recordProposal' },
        // G6: an existing collaboration straight into operation, with its governing document.
        AREA_REGISTERED_EXISTING: { guard: 'registeredExistingOk', target: 'drift', actions: 'recordRegistration' },
      },
    },
    ide: {
      entry: enter('ide'),
      on: { FORANKRING_STARTED: 'forankring', ...PAUSE, ...CLOSE },
    },
    forankring: {
      entry: enter('forankring'),
      on: {
        KDG_ASSIGNED: { actions: 'recordAssignment' },
        COUNCIL_INFORMED: { actions: 'recordCouncilInformed' },
        FORSTUDIE_STARTED: { guard: 'forankringDone', target: 'forstudie' },
        ...PAUSE,
        ...CLOSE,
      },
    },
    forstudie: {
      entry: enter('forstudie'),
      on: {
        REPORT_SUBMITTED: { guard: 'reportOk', actions: 'recordReport' },
        DECISIONS_REQUESTED: { guard: 'forstudieDone', target: 'beslut' },
        ...PAUSE,
        ...CLOSE,
      },
    },
    beslut: {
      entry: enter('beslut'),
      on: {
        PARTICIPATION_DECIDED: [
          {
            guard: and(['participationOk', 'completesInside']),
            target: 'formalisering',
            actions: ['recordDecision', 'recordOutcome'],
          },
          {
            guard: and(['participationOk', 'completesStage']),
            target: 'utanfor',
            actions: ['recordDecision', 'recordOutcome'],
          },
          { guard: 'participationOk', actions: 'recordDecision' },
        ],
        DECISION_ANNULLED: { guard: 'annulmentOk', actions: 'reopenDecision' },
        ...PAUSE,
        ...CLOSE,
      },
    },
    // G3 (R-F1): fewer than two parties said yes; it may go on only as a collaboration outside.
    utanfor: {
      entry: enter('utanfor'),
      on: {
        DECISION_ANNULLED: { guard: 'annulmentOk', target: 'beslut', actions: ['reopenDecision', 'setAsideOutcome'] },
        ...CLOSE,
      },
    },
    formalisering: {
      entry: enter('formalisering'),
      initial: 'villkor',
      on: {
        // D10, R-C11: it moved on because of the annulled decision, so it goes back to the decisions.
        DECISION_ANNULLED: {
          guard: 'annulmentOk',
          target: 'beslut',
          actions: ['reopenDecision', 'setAsideOutcome'],
        },
        ...CLOSE,
      },
      states: {
        villkor: {
          on: {
            AREA_FORMALISED: { guard: 'formalisationOk', target: 'undertecknande', actions: 'recordFormalisation' },
          },
        },
        undertecknande: {
          on: {
            AGREEMENT_SIGNED: { guard: 'signatureOk', actions: 'recordSignature' },
            OPERATION_STARTED: { guard: 'allSigned', target: '#area.drift' },
          },
        },
      },
    },
    drift: {
      entry: enter('drift'),
      on: {
        // A registered existing area records the signatures its governing document already carries.
        AGREEMENT_SIGNED: { guard: 'signatureOk', actions: 'recordSignature' },
        FOLLOW_UP_STARTED: 'uppfoljning',
        REVISION_STARTED: { target: 'revidering', actions: 'recordRevision' },
        // R-I8: executed before laga kraft; the participant no longer counts, the agreement's own terms go on (R-C8).
        DECISION_ANNULLED: { guard: 'annulmentOk', actions: 'reopenDecision' },
      },
    },
    uppfoljning: {
      entry: enter('uppfoljning'),
      on: {
        FOLLOW_UP_REPORTED: { target: 'drift', actions: 'recordFollowUp' },
        REVISION_STARTED: { target: 'revidering', actions: 'recordRevision' },
        DECISION_ANNULLED: { guard: 'annulmentOk', actions: 'reopenDecision' },
      },
    },
    revidering: {
      entry: enter('revidering'),
      on: {
        REVISION_DECIDED: [
          { guard: 'backToDecisions', target: 'beslut', actions: ['newDecisionRound', 'setAsideOutcome'] },
          { target: 'formalisering', actions: 'setAsideOutcome' },
        ],
        AREA_WOUND_DOWN: { target: 'avvecklad', actions: 'recordWoundDown' },
        DECISION_ANNULLED: { guard: 'annulmentOk', actions: 'reopenDecision' },
      },
    },
    pausad: {
      entry: enter('pausad'),
      on: {
        AREA_RESUMED: [
          { guard: 'pausedFromIde', target: 'ide', actions: 'clearPause' },
          { guard: 'pausedFromForankring', target: 'forankring', actions: 'clearPause' },
          { guard: 'pausedFromForstudie', target: 'forstudie', actions: 'clearPause' },
          { guard: 'pausedFromBeslut', target: 'beslut', actions: 'clearPause' },
        ],
        DECISION_ANNULLED: { guard: 'annulmentOk', actions: 'reopenDecision' },
        ...CLOSE,
      },
    },
    avvecklad: { type: 'final', entry: enter('avvecklad') },
    avslutad: { type: 'final', entry: enter('avslutad') },
  },
});

const STEWARDS = ['admin', 'coordinator'];

export const areaDefinition: MachineDefinition = {
  id: AREA_MACHINE_ID,
  version: AREA_MACHINE_VERSION,
  machine: areaMachine,
  guardRules: AREA_RULES,
  legalDateOf: (event) => areaLegalDate(event as AreaEvent),
  // The coordinator (and admin) advance an area; a municipality's clerk records its own decision and signatures.
  eventRoles: {
    AREA_PROPOSED: STEWARDS,
    AREA_REGISTERED_EXISTING: STEWARDS,
    FORANKRING_STARTED: STEWARDS,
    KDG_ASSIGNED: STEWARDS,
    COUNCIL_INFORMED: STEWARDS,
    COUNCIL_DECIDED: ['admin', 'coordinator', 'clerk'],
    FORSTUDIE_STARTED: STEWARDS,
    REPORT_SUBMITTED: STEWARDS,
    DECISIONS_REQUESTED: STEWARDS,
    PARTICIPATION_DECIDED: ['admin', 'clerk'],
    AREA_FORMALISED: STEWARDS,
    AGREEMENT_SIGNED: ['admin', 'clerk'],
    OPERATION_STARTED: STEWARDS,
    FOLLOW_UP_STARTED: STEWARDS,
    FOLLOW_UP_REPORTED: STEWARDS,
    REVISION_STARTED: STEWARDS,
    REVISION_DECIDED: STEWARDS,
    AREA_WOUND_DOWN: STEWARDS,
    AREA_PAUSED: STEWARDS,
    AREA_RESUMED: STEWARDS,
    AREA_CLOSED: STEWARDS,
    DECISION_ANNULLED: [],
  },
  systemEvents: ['DECISION_ANNULLED'],
};
