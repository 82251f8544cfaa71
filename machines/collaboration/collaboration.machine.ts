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
import { checkOrganisationSignature, type CollaborationSettings, type OrganisationParty } from './collaboration.rules';
import type { Predecessor } from './predecessor.rules';

export interface CollaborationInput {
  slug: string;
  name: string;
  /** The municipalities named as parties (kommunkod). */
  parties: string[];
  declarationVersion: string;
  declarationEffectiveDate: string;
  settings: CollaborationSettings;
  /** Example (demo) data: the collaboration's record is an example, and these of its facts are invented. */
  example?: ExampleMark;
  /** R-A5: the collaboration it followed (4D for Dalslandssamverkan), shown with its history. */
  predecessor?: Predecessor;
}

export type CollaborationContext = CollaborationInput;

export type CollaborationEvent = {
  type: 'SETTINGS_CHANGED';
  settings: Partial<CollaborationSettings>;
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

// ---------------------------------------------------------------- version 3: the collaboration's own rules and parties

/** Version 3's context: the parties that are not municipalities, who signed the declaration (SEED-VM). */
export interface CollaborationContextV3 extends CollaborationContext {
  organisations: OrganisationParty[];
}

export type CollaborationEventV3 =
  | CollaborationEvent
  | {
      type: 'ORGANISATION_SIGNED';
      organisation: { key: string; name: string; form: OrganisationParty['form'] };
      signedOn: string;
      signatory?: { name: string; title?: string };
      declarationVersion?: string;
      note?: string;
    };

/** JSON values compared by content, object keys in any order (a setting may be an object: the exit rule). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  const ka = Object.keys(a as object).sort();
  const kb = Object.keys(b as object).sort();
  return (
    ka.length === kb.length &&
    ka.every((k, i) => k === kb[i] && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** D1 (version 3): as version 2, with settings compared by content (the exit rule and the amendment organs are objects). */
export function checkSettingsChangedByContent(c: CollaborationContext, event: CollaborationEvent): Refusal | null {
  const given = Object.entries(event.settings ?? {}).filter(([, v]) => v !== undefined);
  const current = c.settings as unknown as Record<string, unknown>;
  if (!given.some(([key, value]) => !Object.hasOwn(current, key) || !sameValue(current[key], value))) {
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

const COLLABORATION_RULES_V3 = {
  settingsChangeOk: (c: CollaborationContextV3, e: CollaborationEvent) =>
    checkSettingsChange(c, e) ?? checkSettingsChangedByContent(c, e),
  organisationSignatureOk: (
    c: CollaborationContextV3,
    e: Extract<CollaborationEventV3, { type: 'ORGANISATION_SIGNED' }>,
  ) => checkOrganisationSignature(c.organisations, e.organisation.key),
} satisfies RuleTable<CollaborationContextV3>;

export const collaborationMachineV3 = setup({
  types: {
    context: {} as CollaborationContextV3,
    events: {} as CollaborationEventV3,
    input: {} as CollaborationInput,
  },
  guards: guardsOf<CollaborationContextV3, CollaborationEventV3, typeof COLLABORATION_RULES_V3>(COLLABORATION_RULES_V3),
}).createMachine({
  id: COLLABORATION_MACHINE_ID,
  context: ({ input }) => ({ ...input, organisations: [] }),
  initial: 'established',
  states: {
    established: {
      on: {
        SETTINGS_CHANGED: {
          guard: 'settingsChangeOk',
          actions: assign({
            settings: ({ context, event }) => ({
              ...context.settings,
              ...(event as CollaborationEvent).settings,
            }),
          }),
        },
        // SEED-VM: an association or a company signs beside the municipalities; shown, never counted (R-F1).
        ORGANISATION_SIGNED: {
          guard: 'organisationSignatureOk',
          actions: assign({
            organisations: ({ context, event }) => {
              const e = event as Extract<CollaborationEventV3, { type: 'ORGANISATION_SIGNED' }>;
              const party: OrganisationParty = {
                kind: 'organisation',
                key: e.organisation.key,
                name: e.organisation.name,
                form: e.organisation.form,
                signedOn: e.signedOn,
                declarationVersion: e.declarationVersion ?? context.declarationVersion,
              };
              if (e.signatory) party.signatory = e.signatory;
              if (e.note) party.note = e.note;
              return [...context.organisations, party];
            },
          }),
        },
      },
    },
  },
});

export const collaborationDefinitionV3: MachineDefinition = {
  id: COLLABORATION_MACHINE_ID,
  version: 3,
  machine: collaborationMachineV3,
  guardRules: COLLABORATION_RULES_V3,
  legalDateOf: (event) => {
    const e = event as CollaborationEventV3;
    return e.type === 'ORGANISATION_SIGNED' ? e.signedOn : (e.changedOn ?? null);
  },
  eventRoles: { SETTINGS_CHANGED: ['admin'], ORGANISATION_SIGNED: ['admin', 'coordinator'] },
};
