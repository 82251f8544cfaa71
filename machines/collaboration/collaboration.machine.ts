/**
 * A collaboration's own record: its settings (DECISIONS D1 and the entry organ), changed only by an admin and logged
 * like every other change, so a municipality's lawyer can switch a default without a release.
 */
import { assign, setup } from 'xstate';
import type { ExampleMark } from '../kernel/example-mark';
import { refusal, type Refusal, type RuleCheck } from '../kernel/refusal';
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
  /** Example (demo) data: the collaboration's record is an example, and these of its facts are invented. */
  example?: ExampleMark;
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

/**
 * D1 (version 2): a change that leaves every setting as it is changes nothing, so it is not logged: the history of
 * the settings holds only changes.
 */
export function checkSettingsChanged(c: CollaborationContext, event: CollaborationEvent): Refusal | null {
  const given = Object.entries(event.settings ?? {}).filter(([, v]) => v !== undefined);
  const current = c.settings as unknown as Record<string, unknown>;
  if (!given.some(([key, value]) => current[key] !== value)) {
    return refusal(
      'NOTHING_CHANGED',
      'D1',
      'The change leaves every setting as it is; there is nothing to record.',
      'Ändringen lämnar alla inställningar som de är; det finns inget att registrera.',
      { settings: c.settings },
    );
  }
  return null;
}

export const COLLABORATION_MACHINE_ID = 'collaboration';

/** The machine of a version: one state, one event; the versions differ only in the rules of their table. */
type CollaborationRules = { settingsChangeOk: RuleCheck<CollaborationContext, CollaborationEvent> };

function collaborationMachineOf(rules: CollaborationRules) {
  return setup({
    types: { context: {} as CollaborationContext, events: {} as CollaborationEvent, input: {} as CollaborationInput },
    guards: guardsOf<CollaborationContext, CollaborationEvent, CollaborationRules>(rules),
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
}

/** Version 1: a change must state its reason. Kept for the instances pinned to it (and their replay). */
const COLLABORATION_RULES_V1 = { settingsChangeOk: checkSettingsChange } satisfies RuleTable<CollaborationContext>;

/** Version 2: and it must change at least one setting (NOTHING_CHANGED). */
const COLLABORATION_RULES = {
  settingsChangeOk: (c: CollaborationContext, e: CollaborationEvent) =>
    checkSettingsChange(c, e) ?? checkSettingsChanged(c, e),
} satisfies RuleTable<CollaborationContext>;

export const collaborationMachineV1 = collaborationMachineOf(COLLABORATION_RULES_V1);
export const collaborationMachine = collaborationMachineOf(COLLABORATION_RULES);

const COMMON = {
  id: COLLABORATION_MACHINE_ID,
  legalDateOf: (event: { type: string }) => (event as CollaborationEvent).changedOn ?? null,
  eventRoles: { SETTINGS_CHANGED: ['admin'] },
};

export const collaborationDefinitionV1: MachineDefinition = {
  ...COMMON,
  version: 1,
  machine: collaborationMachineV1,
  guardRules: COLLABORATION_RULES_V1,
};

export const collaborationDefinition: MachineDefinition = {
  ...COMMON,
  version: 2,
  machine: collaborationMachine,
  guardRules: COLLABORATION_RULES,
};
