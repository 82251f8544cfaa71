/**
 * Membership of one municipality in one collaboration (avsiktsförklaringen §9, §13). Pure: guards are the rule
 * functions of membership.rules.ts; no clock, no I/O; context is JSON only so a snapshot persists as is.
 */
import { and, assign, setup } from 'xstate';
import type { MachineDefinition } from '../common/machine-definition';
import {
  annulmentTarget,
  checkAnnulment,
  checkCouncilDecision,
  checkCouncilInformed,
  checkEntryDecision,
  checkEntrySignature,
  checkExitDecision,
  checkExitNotice,
  checkExitTookEffect,
  checkExitWithdrawal,
  completeEntry,
  currentPeriod,
  deliverExitNotice,
  membershipLegalDate,
  openExitRequest,
} from './membership.rules';
import { addDays, toStockholmDate } from '../calendar/calendar';
import type {
  ExitRequest,
  MembershipContext,
  MembershipEvent,
  MembershipInput,
  MembershipPeriod,
  SignatureRef,
} from './membership.types';

type Ev<T extends MembershipEvent['type']> = Extract<MembershipEvent, { type: T }>;

function signatureOf(context: MembershipContext, event: Ev<'KSO_SIGNED'>): SignatureRef {
  const signature: SignatureRef = {
    signedOn: event.signedOn,
    signatory: event.signatory,
    declarationVersion: event.declarationVersion ?? context.declarationVersion,
  };
  if (event.standIn) signature.standIn = event.standIn;
  if (event.signatureId) signature.signatureId = event.signatureId;
  if (event.documentHash) signature.documentHash = event.documentHash;
  return signature;
}

function withCurrentPeriod(context: MembershipContext, change: (p: MembershipPeriod) => MembershipPeriod): MembershipPeriod[] {
  const periods = context.periods.slice();
  periods[periods.length - 1] = change(periods[periods.length - 1]);
  return periods;
}

function withLastRequest(context: MembershipContext, change: (r: ExitRequest) => ExitRequest): MembershipPeriod[] {
  return withCurrentPeriod(context, (p) => {
    const exitRequests = p.exitRequests.slice();
    exitRequests[exitRequests.length - 1] = change(exitRequests[exitRequests.length - 1]);
    return { ...p, exitRequests };
  });
}

export const MEMBERSHIP_MACHINE_ID = 'membership';
export const MEMBERSHIP_MACHINE_VERSION = 1;

export const membershipMachine = setup({
  types: {
    context: {} as MembershipContext,
    events: {} as MembershipEvent,
    input: {} as MembershipInput,
  },
  guards: {
    entryDecisionOk: ({ context, event }) => checkEntryDecision(context, event as Ev<'FULLMAKTIGE_ADOPTED_DECLARATION'>) === null,
    entrySignatureOk: ({ context, event }) => checkEntrySignature(context, event as Ev<'KSO_SIGNED'>) === null,
    exitDecisionOk: ({ context, event }) => checkExitDecision(context, event as Ev<'FULLMAKTIGE_REQUESTED_EXIT'>) === null,
    exitNoticeOk: ({ context, event }) => checkExitNotice(context, event as Ev<'EXIT_NOTICE_DELIVERED'>) === null,
    councilInformedOk: ({ context, event }) => checkCouncilInformed(context, event as Ev<'COUNCIL_INFORMED'>) === null,
    withdrawalOk: ({ context, event }) => checkExitWithdrawal(context, event as Ev<'EXIT_REQUEST_WITHDRAWN'>) === null,
    exitTookEffectOk: ({ context, event }) => checkExitTookEffect(context, event as Ev<'EXIT_TOOK_EFFECT'>) === null,
    councilMayDecide: () => checkCouncilDecision() === null,
    annulmentOk: ({ context, event }) => checkAnnulment(context, event as Ev<'DECISION_ANNULLED'>) === null,
    annulsExit: ({ context, event }) => annulmentTarget(context, (event as Ev<'DECISION_ANNULLED'>).decisionId) === 'exit',
    annulsEffectedExit: ({ context, event }) => annulmentTarget(context, (event as Ev<'DECISION_ANNULLED'>).decisionId) === 'effectedExit',
    annulsWithdrawal: ({ context, event }) =>
      annulmentTarget(context, (event as Ev<'DECISION_ANNULLED'>).decisionId) === 'withdrawal',
    revivedRequestWasNoticed: ({ context }) => {
      const p = currentPeriod(context);
      return !!p?.exitRequests[p.exitRequests.length - 1]?.noticeOn;
    },
    annulsEntry: ({ context, event }) => {
      const t = annulmentTarget(context, (event as Ev<'DECISION_ANNULLED'>).decisionId);
      return t === 'entry' || t === 'pendingEntry';
    },
    wasMemberBefore: ({ context, event }) => {
      // After a voided current period, what remains is the previous (exited) one; a pending entry leaves the last.
      const t = annulmentTarget(context, (event as Ev<'DECISION_ANNULLED'>).decisionId);
      const earlier = t === 'entry' ? context.periods.slice(0, -1) : context.periods;
      return earlier.some((p) => !p.voidedOn);
    },
  },
  actions: {
    recordEntryDecision: assign({
      pendingEntry: ({ context, event }) => ({
        ...context.pendingEntry,
        decision: (event as Ev<'FULLMAKTIGE_ADOPTED_DECLARATION'>).decision,
      }),
    }),
    recordSignature: assign({
      pendingEntry: ({ context, event }) => ({ ...context.pendingEntry, signature: signatureOf(context, event as Ev<'KSO_SIGNED'>) }),
    }),
    completeEntryWithSignature: assign(({ context, event }) => ({
      pendingEntry: {},
      periods: [...context.periods, completeEntry(context, context.pendingEntry.decision!, signatureOf(context, event as Ev<'KSO_SIGNED'>))],
    })),
    completeEntryWithDecision: assign(({ context, event }) => ({
      pendingEntry: {},
      periods: [
        ...context.periods,
        completeEntry(context, (event as Ev<'FULLMAKTIGE_ADOPTED_DECLARATION'>).decision, context.pendingEntry.signature!),
      ],
    })),
    recordExitDecision: assign({
      periods: ({ context, event }) => {
        const e = event as Ev<'FULLMAKTIGE_REQUESTED_EXIT'>;
        const request: ExitRequest = { decision: e.decision, warnings: [] };
        if (e.desiredExitDate) request.desiredExitDate = e.desiredExitDate;
        return withCurrentPeriod(context, (p) => ({ ...p, exitRequests: [...p.exitRequests, request] }));
      },
    }),
    recordExitNotice: assign({
      periods: ({ context, event }) =>
        withLastRequest(context, (r) => deliverExitNotice(r, event as Ev<'EXIT_NOTICE_DELIVERED'>)),
    }),
    recordCouncilInformed: assign({
      periods: ({ context, event }) => {
        const informedOn = (event as Ev<'COUNCIL_INFORMED'>).informedOn;
        return withCurrentPeriod(context, (p) => {
          const exitRequests = p.exitRequests.slice();
          const i = exitRequests.map((r) => !!r.noticeOn && !r.withdrawnOn && !r.voidedOn).lastIndexOf(true);
          exitRequests[i] = { ...exitRequests[i], councilInformedOn: informedOn };
          return { ...p, exitRequests };
        });
      },
    }),
    recordWithdrawal: assign({
      periods: ({ context, event }) => {
        const e = event as Ev<'EXIT_REQUEST_WITHDRAWN'>;
        return withLastRequest(context, (r) => ({
          ...r,
          withdrawnOn: toStockholmDate(e.noticeArrivedAt),
          withdrawal: { decision: e.decision, noticeArrivedAt: e.noticeArrivedAt },
        }));
      },
    }),
    recordExitTookEffect: assign({
      periods: ({ context }) => {
        const effectiveOn = openExitRequest(context)!.effectiveOn!;
        return withCurrentPeriod(context, (p) => ({ ...p, exitedAfter: effectiveOn }));
      },
    }),
    voidExitRequest: assign({
      periods: ({ context, event }) =>
        withLastRequest(context, (r) => ({ ...r, voidedOn: (event as Ev<'DECISION_ANNULLED'>).annulledOn })),
    }),
    reopenPeriod: assign({
      periods: ({ context }) =>
        withCurrentPeriod(context, (p) => {
          const { exitedAfter: _gone, ...open } = p;
          return open;
        }),
    }),
    voidEffectedExit: assign({
      periods: ({ context, event }) => {
        const annulledOn = (event as Ev<'DECISION_ANNULLED'>).annulledOn;
        const periods = withLastRequest(context, (r) => ({ ...r, voidedOn: annulledOn }));
        const { exitedAfter: _gone, ...period } = periods[periods.length - 1];
        periods[periods.length - 1] = period;
        return periods;
      },
    }),
    reviveWithdrawnRequest: assign({
      periods: ({ context }) =>
        withLastRequest(context, (r) => {
          const { withdrawnOn: _w, withdrawal: _d, ...rest } = r;
          return rest;
        }),
    }),
    voidEntry: assign(({ context, event }) => {
      const e = event as Ev<'DECISION_ANNULLED'>;
      if (annulmentTarget(context, e.decisionId) === 'pendingEntry') return { pendingEntry: {} };
      return { periods: withCurrentPeriod(context, (p) => ({ ...p, voidedOn: e.annulledOn })) };
    }),
  },
}).createMachine({
  id: MEMBERSHIP_MACHINE_ID,
  context: ({ input }) => ({ ...input, pendingEntry: {}, periods: [] }),
  initial: 'notMember',
  // R-C6, R-E2: the council decides nothing, in any state.
  on: {
    COUNCIL_APPROVED_EXIT: { guard: 'councilMayDecide', meta: { refusalOnly: true } },
  },
  states: {
    notMember: {
      on: {
        FULLMAKTIGE_ADOPTED_DECLARATION: { guard: 'entryDecisionOk', target: 'awaitingSignature', actions: 'recordEntryDecision' },
        KSO_SIGNED: { guard: 'entrySignatureOk', target: 'awaitingDecision', actions: 'recordSignature' },
      },
    },
    // R-B1: both conditions, in either order.
    awaitingSignature: {
      on: {
        KSO_SIGNED: { guard: 'entrySignatureOk', target: 'member', actions: 'completeEntryWithSignature' },
        DECISION_ANNULLED: [
          { guard: and(['annulmentOk', 'wasMemberBefore']), target: 'exited', actions: 'voidEntry' },
          { guard: 'annulmentOk', target: 'notMember', actions: 'voidEntry' },
        ],
      },
    },
    awaitingDecision: {
      on: {
        FULLMAKTIGE_ADOPTED_DECLARATION: { guard: 'entryDecisionOk', target: 'member', actions: 'completeEntryWithDecision' },
      },
    },
    member: {
      initial: 'active',
      on: {
        DECISION_ANNULLED: [
          { guard: and(['annulmentOk', 'annulsExit']), target: '.active', actions: 'voidExitRequest' },
          {
            guard: and(['annulmentOk', 'annulsWithdrawal', 'revivedRequestWasNoticed']),
            target: '.leaving',
            actions: 'reviveWithdrawnRequest',
          },
          { guard: and(['annulmentOk', 'annulsWithdrawal']), target: '.exitDecided', actions: 'reviveWithdrawnRequest' },
          { guard: and(['annulmentOk', 'annulsEntry', 'wasMemberBefore']), target: 'exited', actions: 'voidEntry' },
          { guard: 'annulmentOk', target: 'notMember', actions: 'voidEntry' },
        ],
      },
      states: {
        active: {
          on: {
            FULLMAKTIGE_REQUESTED_EXIT: { guard: 'exitDecisionOk', target: 'exitDecided', actions: 'recordExitDecision' },
            // Refused with NO_FULLMAKTIGE_DECISION (R-C1): modelled so the refusal names its rule.
            EXIT_NOTICE_DELIVERED: { guard: 'exitNoticeOk', target: 'leaving', actions: 'recordExitNotice', meta: { refusalOnly: true } },
          },
        },
        exitDecided: {
          on: {
            EXIT_NOTICE_DELIVERED: { guard: 'exitNoticeOk', target: 'leaving', actions: 'recordExitNotice' },
            EXIT_REQUEST_WITHDRAWN: { guard: 'withdrawalOk', target: 'active', actions: 'recordWithdrawal' },
          },
        },
        leaving: {
          on: {
            COUNCIL_INFORMED: { guard: 'councilInformedOk', actions: 'recordCouncilInformed' },
            EXIT_REQUEST_WITHDRAWN: { guard: 'withdrawalOk', target: 'active', actions: 'recordWithdrawal' },
            EXIT_TOOK_EFFECT: { guard: 'exitTookEffectOk', target: '#membership.exited', actions: 'recordExitTookEffect' },
          },
        },
      },
    },
    exited: {
      on: {
        // D5: re-entry is a new entry.
        FULLMAKTIGE_ADOPTED_DECLARATION: { guard: 'entryDecisionOk', target: 'awaitingSignature', actions: 'recordEntryDecision' },
        KSO_SIGNED: { guard: 'entrySignatureOk', target: 'awaitingDecision', actions: 'recordSignature' },
        // Recording the chair's information may come after the exit took effect.
        COUNCIL_INFORMED: { guard: 'councilInformedOk', actions: 'recordCouncilInformed' },
        // D6: a withdrawal whose notice reached the chair before the exit date, recorded after the exit was marked
        // effective: the exit never happened. Later notices are refused with WITHDRAWAL_TOO_LATE.
        EXIT_REQUEST_WITHDRAWN: { guard: 'withdrawalOk', target: 'member.active', actions: ['recordWithdrawal', 'reopenPeriod'] },
        // R-C11: the exit decision was annulled: the exit is void and the membership continues.
        DECISION_ANNULLED: { guard: and(['annulmentOk', 'annulsEffectedExit']), target: 'member.active', actions: 'voidEffectedExit' },
      },
    },
  },
});

export const membershipDefinition: MachineDefinition = {
  id: MEMBERSHIP_MACHINE_ID,
  version: MEMBERSHIP_MACHINE_VERSION,
  machine: membershipMachine,
  guardRules: {
    entryDecisionOk: checkEntryDecision,
    entrySignatureOk: checkEntrySignature,
    exitDecisionOk: checkExitDecision,
    exitNoticeOk: checkExitNotice,
    councilInformedOk: checkCouncilInformed,
    withdrawalOk: checkExitWithdrawal,
    exitTookEffectOk: checkExitTookEffect,
    councilMayDecide: () => checkCouncilDecision(),
    annulmentOk: checkAnnulment,
  },
  legalDateOf: (event) => membershipLegalDate(event as MembershipEvent),
  eventRoles: {
    FULLMAKTIGE_ADOPTED_DECLARATION: ['admin', 'clerk'],
    KSO_SIGNED: ['admin', 'clerk'],
    FULLMAKTIGE_REQUESTED_EXIT: ['admin', 'clerk'],
    EXIT_NOTICE_DELIVERED: ['admin', 'clerk', 'coordinator'],
    COUNCIL_INFORMED: ['admin', 'clerk', 'coordinator'],
    EXIT_REQUEST_WITHDRAWN: ['admin', 'clerk'],
    COUNCIL_APPROVED_EXIT: ['admin', 'clerk', 'coordinator'],
    EXIT_TOOK_EFFECT: [],
    DECISION_ANNULLED: [],
  },
  systemEvents: ['EXIT_TOOK_EFFECT', 'DECISION_ANNULLED'],
  // R-C7: the exit takes effect after its 31 December; the engine records it on the next day.
  dueEvents: (context: MembershipContext, state: string) => {
    const effectiveOn = state === 'member.leaving' ? openExitRequest(context)?.effectiveOn : undefined;
    if (!effectiveOn) return [];
    const on = addDays(effectiveOn, 1);
    return [{ type: 'EXIT_TOOK_EFFECT', dueOn: on, payload: { on } }];
  },
};
