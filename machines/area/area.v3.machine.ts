/**
 * Area machine version 3: the legal forms as the law writes them (RULEBOOK §J, R-J1..R-J4, R-J6; legal-form.rules.ts).
 * v1's states, events and stage names (the names the API, the pages and the demo seed read; v2's renamed keys are
 * still only for migrating into, docs/machines/area.md), with three guards judging more (formalisation, registration
 * of an existing avtalssamverkan, start of operation), a guard on a kommunalförbund's revision back to
 * formalisation (R-J1), and a formalisation that records the form's facts. Instances of v1 and v2 keep the rules
 * they were judged with; new areas start here.
 */
import { assign, createMachine, type AnyStateMachine } from 'xstate';
import type { MachineDefinition } from '../kernel/machine-definition';
import { eventNarrower } from '../kernel/rule-table';
import { areaDefinition, areaMachine } from './area.machine';
import { AREA_V2_RENAMES } from './area.v2.machine';
import type { AreaContext, AreaEvent, LegalForm } from './area.types';
import {
  checkAllSignedV3,
  checkChangeApprovedByAll,
  checkFormalisationV3,
  checkRegisteredExistingV3,
} from './legal-form.rules';

export const AREA_MACHINE_VERSION_3 = 3;

const on = eventNarrower<AreaContext, AreaEvent>();

/** v1's rule table with the guards that judge the legal forms (the same names; the new one on the revision). */
export const AREA_RULES_V3 = {
  ...areaDefinition.guardRules,
  registeredExistingOk: checkRegisteredExistingV3,
  formalisationOk: checkFormalisationV3,
  allSigned: checkAllSignedV3,
  changeApprovedByAll: checkChangeApprovedByAll,
} as MachineDefinition['guardRules'];

const v1 = areaMachine as AnyStateMachine;
const v1Config = v1.config as any;
const revidering = v1Config.states.revidering;
const [backToDecisions, toFormalisation] = revidering.on.REVISION_DECIDED;

/** v1's config, with R-J1's guard on the revision that keeps the decisions. */
const configV3 = {
  ...v1Config,
  states: {
    ...v1Config.states,
    revidering: {
      ...revidering,
      on: {
        ...revidering.on,
        REVISION_DECIDED: [backToDecisions, { ...toFormalisation, guard: 'changeApprovedByAll' }],
      },
    },
  },
};

const guardOf =
  (rule: (context: any, event: any) => unknown) =>
  ({ context, event }: { context: AreaContext; event: AreaEvent }) =>
    rule(context, event) === null;

export const areaMachineV3 = createMachine(
  configV3 as typeof v1.config,
  {
    ...v1.implementations,
    guards: {
      ...(v1.implementations.guards as Record<string, unknown>),
      registeredExistingOk: guardOf(checkRegisteredExistingV3),
      formalisationOk: guardOf(checkFormalisationV3),
      allSigned: guardOf(checkAllSignedV3),
      changeApprovedByAll: guardOf(checkChangeApprovedByAll),
    },
    actions: {
      ...(v1.implementations.actions as Record<string, unknown>),
      // The form's facts are kept with the formalisation (R-J1, R-J2, R-J4): what it was judged on.
      recordFormalisation: assign({
        formalisation: on('AREA_FORMALISED', (_c, e) => ({
          formalisedOn: e.formalisedOn,
          legalForm: e.legalForm as LegalForm,
          documents: e.documents,
          hostMunicipality: e.hostMunicipality,
          startDate: e.startDate,
          noticeTerms: e.noticeTerms,
          ...(e.forbundBody ? { forbundBody: e.forbundBody } : {}),
          ...(e.representation ? { representation: e.representation } : {}),
          ...(e.municipalPurpose ? { municipalPurpose: e.municipalPurpose } : {}),
          ...(e.myndighetsutovning !== undefined ? { myndighetsutovning: e.myndighetsutovning } : {}),
          ...(e.legalBasis ? { legalBasis: e.legalBasis } : {}),
        })),
      }),
    },
  } as any,
) as unknown as typeof areaMachine;

export const areaDefinitionV3: MachineDefinition = {
  ...areaDefinition,
  version: AREA_MACHINE_VERSION_3,
  machine: areaMachineV3,
  guardRules: AREA_RULES_V3,
  // The guards' code judges more than v1's under the same names.
  rulesVersion: 2,
  // Not yet the start of new areas: the migration tests still create v1 areas to move (see docs/machines/area.md).
  startsNewInstances: false,
  upgradeContext: (context, from) => (from.version === 2 ? downgradeNamesFromV2(context) : context),
};

/** v2's stage names → v1's (the names v3 uses): a v2 area migrated into v3 records its stages as v3 names them. */
const V2_TO_V3: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(AREA_V2_RENAMES).map(([v1Name, v2Name]) => [v2Name, v1Name]),
);
function downgradeNamesFromV2(context: AreaContext): AreaContext {
  const named = (stage: string) => V2_TO_V3[stage] ?? stage;
  return {
    ...context,
    ...(context.stage ? { stage: named(context.stage) } : {}),
    ...(context.paused ? { paused: { ...context.paused, from: named(context.paused.from) } } : {}),
  };
}
