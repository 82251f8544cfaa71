/**
 * The verksamhetsplan (operational plan) of a collaboration: one workflow per plan, its versions, the council
 * informed of one exact version, and KDG's adoption (avsiktsförklaringen §11, §16). Pure: guards are the rule
 * functions of plan.rules.ts; no clock, no I/O; context is JSON only so a snapshot persists as is.
 *
 * G5 (RULEBOOK §4.2), R-E2: no council record moves this workflow. COUNCIL_INFORMED is the coordinator's own act,
 * recorded here; the council record it may name (`councilRecordId`) is read by no rule, and COUNCIL_ADOPTED, the one
 * event that would let the council adopt, is modelled only to be refused.
 */
import { assign, setup } from 'xstate';
import type { MachineDefinition } from '../kernel/machine-definition';
import { eventNarrower, guardsOf, type RuleTable } from '../kernel/rule-table';
import { toStockholmDate } from '../calendar/calendar';
import {
  adoptionOf,
  checkAdoption,
  checkCouncilAdoption,
  checkCouncilInformed,
  checkVersionDrafted,
  planLegalDate,
} from './plan.rules';
import type { CouncilInformation, PlanContext, PlanEvent, PlanInput } from './plan.types';

const on = eventNarrower<PlanContext, PlanEvent>();

export const PLAN_MACHINE_ID = 'plan';
export const PLAN_MACHINE_VERSION = 1;

/** The rules behind the guards (one declaration: guards and explanations both come from here). */
const PLAN_RULES = {
  versionOk: checkVersionDrafted,
  councilInformedOk: checkCouncilInformed,
  adoptionOk: checkAdoption,
  councilMayAdopt: () => checkCouncilAdoption(),
} satisfies RuleTable<PlanContext>;

export const planMachine = setup({
  types: { context: {} as PlanContext, events: {} as PlanEvent, input: {} as PlanInput },
  guards: guardsOf<PlanContext, PlanEvent, typeof PLAN_RULES>(PLAN_RULES),
  actions: {
    recordVersion: assign({
      versions: on('VERSION_DRAFTED', (context, event) => [
        ...context.versions,
        {
          version: context.versions.length + 1,
          draftedOn: event.draftedOn,
          validFrom: event.validFrom,
          validTo: event.validTo,
          focusAreas: event.focusAreas.map((a) => ({ key: a.key, name: a.name })),
        },
      ]),
    }),
    recordCouncilInformed: assign({
      councilInformed: on('COUNCIL_INFORMED', (context, event) => {
        const informed: CouncilInformation = {
          version: event.version,
          informedAt: event.informedAt,
          informedOn: toStockholmDate(event.informedAt),
        };
        if (event.councilRecordId) informed.councilRecordId = event.councilRecordId;
        return [...context.councilInformed, informed];
      }),
    }),
    recordAdoption: assign({
      adoptions: on('KDG_ADOPTED', (context, event) => [...context.adoptions, adoptionOf(event)]),
    }),
  },
}).createMachine({
  id: PLAN_MACHINE_ID,
  context: ({ input }) => ({ ...input, versions: [], councilInformed: [], adoptions: [] }),
  initial: 'empty',
  // R-D6, R-E2: the council adopts nothing, in any state.
  on: {
    COUNCIL_ADOPTED: { guard: 'councilMayAdopt', meta: { refusalOnly: true } },
  },
  states: {
    empty: {
      on: { VERSION_DRAFTED: { guard: 'versionOk', target: 'drafting', actions: 'recordVersion' } },
    },
    // Versions exist, none adopted yet.
    drafting: {
      on: {
        VERSION_DRAFTED: { guard: 'versionOk', actions: 'recordVersion' },
        COUNCIL_INFORMED: { guard: 'councilInformedOk', actions: 'recordCouncilInformed' },
        KDG_ADOPTED: { guard: 'adoptionOk', target: 'adopted', actions: 'recordAdoption' },
      },
    },
    // A version is adopted; a revision is a new version, informed and adopted in its turn (R-D7 — "ny eller reviderad").
    adopted: {
      on: {
        VERSION_DRAFTED: { guard: 'versionOk', actions: 'recordVersion' },
        COUNCIL_INFORMED: { guard: 'councilInformedOk', actions: 'recordCouncilInformed' },
        KDG_ADOPTED: { guard: 'adoptionOk', actions: 'recordAdoption' },
      },
    },
  },
});

export const planDefinition: MachineDefinition = {
  id: PLAN_MACHINE_ID,
  version: PLAN_MACHINE_VERSION,
  machine: planMachine,
  guardRules: PLAN_RULES,
  legalDateOf: (event) => planLegalDate(event as PlanEvent),
  // The coordinator sits in KDG and records its work (R-E4, R-E5); clerks and auditors read.
  eventRoles: {
    VERSION_DRAFTED: ['admin', 'coordinator'],
    COUNCIL_INFORMED: ['admin', 'coordinator'],
    KDG_ADOPTED: ['admin', 'coordinator'],
    COUNCIL_ADOPTED: ['admin', 'coordinator'],
  },
};
