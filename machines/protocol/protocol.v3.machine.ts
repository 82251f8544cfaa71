/**
 * Protocol machine version 3 (issue 11 §4): version 2's lifecycle, and a delegationsbeslut announced on its own on
 * the notice board (R-I9): DELEGATION_ANNOUNCED takes its own workflow from `draft` straight to `anslaget`, whose
 * appeal clock, appeals, inhibition, late appeals, laga kraft and annulment are version 2's, unchanged. Versions 1
 * and 2 stay registered beside it; everything but the new transition is version 2's own declaration. Pure.
 */
import { assign, setup } from 'xstate';
import type { MachineDefinition } from '../kernel/machine-definition';
import { eventNarrower, guardsOf, type RuleTable } from '../kernel/rule-table';
import { PROTOCOL_RULES } from './protocol.machine';
import type { ProtocolContext, ProtocolEvent, ProtocolInput } from './protocol.types';
import { protocolDefinitionV2, protocolMachineV2 } from './protocol.v2.machine';
import { checkOwnNotice, ownNoticeUpdate } from './protocol.v3.rules';

const on = eventNarrower<ProtocolContext, ProtocolEvent>();

export const PROTOCOL_MACHINE_VERSION_3 = 3;

/** Version 2's table and the rule version 3 adds. */
const PROTOCOL_RULES_V3 = {
  ...(protocolDefinitionV2.guardRules as typeof PROTOCOL_RULES),
  ownNoticeOk: checkOwnNotice,
} satisfies RuleTable<ProtocolContext>;

const v2 = protocolMachineV2.config;
const v2States = v2.states!;

export const protocolMachineV3 = setup({
  types: { context: {} as ProtocolContext, events: {} as ProtocolEvent, input: {} as ProtocolInput },
  guards: {
    ...(protocolMachineV2.implementations.guards as Record<string, never>),
    ...guardsOf<ProtocolContext, ProtocolEvent, { ownNoticeOk: typeof checkOwnNotice }>({
      ownNoticeOk: checkOwnNotice,
    }),
  },
  actions: {
    ...(protocolMachineV2.implementations.actions as Record<string, never>),
    announceOwn: assign(on('DELEGATION_ANNOUNCED', (_c, e) => ownNoticeUpdate(e))),
  },
}).createMachine({
  ...(v2 as object),
  id: v2.id,
  context: v2.context as never,
  initial: 'draft',
  states: {
    ...v2States,
    draft: {
      ...v2States.draft,
      on: {
        ...(v2States.draft.on as object),
        // R-I9: a delegationsbeslut announced on its own: its appeal period runs from this notice (R-I6).
        DELEGATION_ANNOUNCED: { guard: 'ownNoticeOk', target: 'anslaget', actions: 'announceOwn' },
      },
    },
  } as typeof v2States,
});

export const protocolDefinitionV3: MachineDefinition = {
  ...protocolDefinitionV2,
  version: PROTOCOL_MACHINE_VERSION_3,
  machine: protocolMachineV3,
  guardRules: PROTOCOL_RULES_V3,
  legalDateOf: (event, context) => {
    const e = event as ProtocolEvent;
    if (e.type === 'DELEGATION_ANNOUNCED') return e.postedOn;
    return protocolDefinitionV2.legalDateOf(event, context);
  },
  eventRoles: { ...protocolDefinitionV2.eventRoles, DELEGATION_ANNOUNCED: ['admin', 'clerk'] },
};
