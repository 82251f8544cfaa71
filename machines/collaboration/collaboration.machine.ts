/**
 * A collaboration's own record: its settings (DECISIONS D1 and the entry organ), changed only by an admin and logged
 * like every other change, so a municipality's lawyer can switch a default without a release.
 */
import { assign, setup } from 'xstate';
import { refusal, type Refusal } from '../kernel/refusal';
import type { MachineDefinition } from '../kernel/machine-definition';
import { guardsOf, type RuleTable } from '../kernel/rule-table';
import type { MembershipSettings } from '../membership/membership.types';

export interface CollaborationInput {
  slug: string;
  name: string;
  parties: string[];
  declarationVersion: string;
  declarationEffectiveDate: string;
  settings: MembershipSettings;
}

export type CollaborationContext = CollaborationInput;

export type CollaborationEvent = {
  type: 'SETTINGS_CHANGED';
  settings: Partial<MembershipSettings>;
  changedOn: string;
  reason: string;
};

export const DEFAULT_SETTINGS: MembershipSettings = { exitRequestDate: 'noticeArrival', entryDecisionOrgan: 'KF' };

/** D1: a settings change must say why (it changes how dates are computed for every party). */
export function checkSettingsChange(_c: CollaborationContext, event: CollaborationEvent): Refusal | null {
  if (!event.reason?.trim()) {
    return refusal(
      'REASON_REQUIRED',
      'D1',
      'A change of settings must state its reason.',
      'En ändring av inställningar ska motiveras.',
    );
  }
  return null;
}

export const COLLABORATION_MACHINE_ID = 'collaboration';

const COLLABORATION_RULES = { settingsChangeOk: checkSettingsChange } satisfies RuleTable<CollaborationContext>;

export const collaborationMachine = setup({
  types: { context: {} as CollaborationContext, events: {} as CollaborationEvent, input: {} as CollaborationInput },
  guards: guardsOf<CollaborationContext, CollaborationEvent, typeof COLLABORATION_RULES>(COLLABORATION_RULES),
}).createMachine({
  id: COLLABORATION_MACHINE_ID,
  context: ({ input }) => input,
  initial: 'established',
  states: {
    established: {
      on: {
        SETTINGS_CHANGED: {
          guard: 'settingsChangeOk',
          actions: assign({ settings: ({ context, event }) => ({ ...context.settings, ...event.settings }) }),
        },
      },
    },
  },
});

export const collaborationDefinition: MachineDefinition = {
  id: COLLABORATION_MACHINE_ID,
  version: 1,
  machine: collaborationMachine,
  guardRules: COLLABORATION_RULES,
  legalDateOf: (event) => (event as CollaborationEvent).changedOn ?? null,
  eventRoles: { SETTINGS_CHANGED: ['admin'] },
};
