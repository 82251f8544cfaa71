/**
 * An amendment of a collaboration's declaration (avsiktsförklaringen §15): a written text (a document version and
 * its SHA-256, in the genesis input), approved by the competent organ of every party at the time (R-D1, R-D2, R-D4),
 * in force from the last approval or a later stated date (R-D3). Never by Samverkansrådet or KDG (R-D5). An annulled
 * approval is compensated (R-C11): the approval no longer counts, and an amendment in force on it is in force no more.
 * Pure: no clock, no I/O; which parties count on a date arrives with each approval.
 */
import { and, assign, setup } from 'xstate';
import type { MachineDefinition } from '../kernel/machine-definition';
import { eventNarrower, guardsOf, type RuleTable } from '../kernel/rule-table';
import {
  adoptionOf,
  amendmentLegalDate,
  checkAmendmentAnnulment,
  checkApproval,
  checkJointBodyApproval,
  withApproval,
} from './amendment.rules';
import type { AmendmentContext, AmendmentEvent, AmendmentInput } from './amendment.types';

export const AMENDMENT_MACHINE_ID = 'amendment';
export const AMENDMENT_MACHINE_VERSION = 1;

const on = eventNarrower<AmendmentContext, AmendmentEvent>();

/** The rules behind the guards that refuse with a reason (guards and explanations both come from here). */
const AMENDMENT_RULES = {
  approvalOk: checkApproval,
  competentBody: checkJointBodyApproval,
  annulmentOk: checkAmendmentAnnulment,
} satisfies RuleTable<AmendmentContext>;

const voided = (context: AmendmentContext, decisionId: string, annulledOn: string) =>
  context.approvals.map((a) =>
    a.decision.decisionId === decisionId && !a.voidedOn ? { ...a, voidedOn: annulledOn } : a,
  );

export const amendmentMachine = setup({
  types: {
    context: {} as AmendmentContext,
    events: {} as AmendmentEvent,
    input: {} as AmendmentInput,
  },
  guards: {
    ...guardsOf<AmendmentContext, AmendmentEvent, typeof AMENDMENT_RULES>(AMENDMENT_RULES),
    // Not a refusal: whether this approval is the one that completes the set (R-D1).
    completesApprovals: on('AMENDMENT_APPROVED', (context, event) => !!adoptionOf(withApproval(context, event))),
  },
  actions: {
    recordApproval: assign({
      approvals: on('AMENDMENT_APPROVED', (context, event) => withApproval(context, event).approvals),
    }),
    // R-D3: in force from the last approval, or from the later date the amendment states.
    openInForce: assign({ inForce: ({ context }) => [...context.inForce, adoptionOf(context)!] }),
    voidApproval: assign({
      approvals: on('DECISION_ANNULLED', (context, event) => voided(context, event.decisionId, event.annulledOn)),
    }),
    // R-C11: the approval is void, so the amendment is in force no more from the annulment.
    closeInForce: assign({
      inForce: on('DECISION_ANNULLED', (context, event) =>
        context.inForce.map((p, i) => (i === context.inForce.length - 1 ? { ...p, until: event.annulledOn } : p)),
      ),
    }),
  },
}).createMachine({
  id: AMENDMENT_MACHINE_ID,
  context: ({ input }) => ({ ...input, approvals: [], inForce: [] }),
  initial: 'proposed',
  // R-D5: neither the council nor KDG approves an amendment, in any state.
  on: {
    JOINT_BODY_APPROVED: { guard: 'competentBody', meta: { refusalOnly: true } },
  },
  states: {
    // R-D1: waiting for the approval of every party counted on the date of the last one.
    proposed: {
      on: {
        AMENDMENT_APPROVED: [
          {
            guard: and(['approvalOk', 'completesApprovals']),
            target: 'adopted',
            actions: ['recordApproval', 'openInForce'],
          },
          { guard: 'approvalOk', actions: 'recordApproval' },
        ],
        DECISION_ANNULLED: { guard: 'annulmentOk', actions: 'voidApproval' },
      },
    },
    // Approved by all: in force from its date (amendmentStatusOn tells a date before it from one after).
    adopted: {
      on: {
        DECISION_ANNULLED: { guard: 'annulmentOk', target: 'proposed', actions: ['voidApproval', 'closeInForce'] },
      },
    },
  },
});

export const amendmentDefinition: MachineDefinition = {
  id: AMENDMENT_MACHINE_ID,
  version: AMENDMENT_MACHINE_VERSION,
  machine: amendmentMachine,
  guardRules: AMENDMENT_RULES,
  legalDateOf: (event) => amendmentLegalDate(event as AmendmentEvent),
  eventRoles: {
    AMENDMENT_APPROVED: ['admin', 'clerk'],
    JOINT_BODY_APPROVED: ['admin', 'clerk', 'coordinator'],
    DECISION_ANNULLED: [],
  },
  systemEvents: ['DECISION_ANNULLED'],
};
