/**
 * Membership of one municipality in one collaboration (avsiktsförklaringen §9, §13). Pure: guards are the rule
 * functions of membership.rules.ts; no clock, no I/O; context is JSON only so a snapshot persists as is.
 */
import { and, assign, setup } from 'xstate';
import type { MachineDefinition } from '../kernel/machine-definition';
import { eventNarrower, guardsOf, type EventOf, type RuleTable } from '../kernel/rule-table';
import {
  annulmentTarget,
  type AnnulmentTarget,
  checkAnnulment,
  checkCouncilDecision,
  checkCouncilInformed,
  checkEntryDecision,
  checkEntrySignature,
  checkExitDecision,
  checkExitDecisionUnderRule,
  checkExitNotice,
  checkExitTookEffect,
  checkExitWithdrawal,
  checkExitWithdrawalUnderRule,
  completeEntry,
  currentPeriod,
  deliverExitNotice,
  membershipLegalDate,
  openExitRequest,
  requestStands,
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

const on = eventNarrower<MembershipContext, MembershipEvent>();

function signatureOf(context: MembershipContext, event: EventOf<MembershipEvent, 'KSO_SIGNED'>): SignatureRef {
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

function withCurrentPeriod(
  context: MembershipContext,
  change: (p: MembershipPeriod) => MembershipPeriod,
): MembershipPeriod[] {
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

/** The event types that make an entry decision: version 1 knows only the old name, version 2 also the neutral one. */
const ENTRY_EVENTS_V1 = ['FULLMAKTIGE_ADOPTED_DECLARATION'] as const;
const ENTRY_EVENTS_V2 = ['FULLMAKTIGE_ADOPTED_DECLARATION', 'ENTRY_DECIDED'] as const;
type EntryEventType = (typeof ENTRY_EVENTS_V2)[number];

/**
 * The neutral entry event by the name a version knows it (version 1 has only FULLMAKTIGE_ADOPTED_DECLARATION, whatever
 * the organ): so ENTRY_DECIDED is accepted for every membership, also one pinned to version 1.
 */
export const EVENT_NAME_IN_VERSION: Record<number, Record<string, string>> = {
  1: { ENTRY_DECIDED: 'FULLMAKTIGE_ADOPTED_DECLARATION' },
};

/** The rules behind the guards that refuse with a reason (one declaration: guards and explanations both come from here). */
const MEMBERSHIP_RULES = {
  entryDecisionOk: checkEntryDecision,
  entrySignatureOk: checkEntrySignature,
  exitDecisionOk: checkExitDecision,
  exitNoticeOk: checkExitNotice,
  councilInformedOk: checkCouncilInformed,
  withdrawalOk: checkExitWithdrawal,
  exitTookEffectOk: checkExitTookEffect,
  councilMayDecide: () => checkCouncilDecision(),
  annulmentOk: checkAnnulment,
} satisfies RuleTable<MembershipContext>;

/** Version 2: the exit rule is the collaboration's (its organ, or NO_EXIT_RULE when none is recorded). */
const MEMBERSHIP_RULES_V2 = {
  ...MEMBERSHIP_RULES,
  exitDecisionOk: checkExitDecisionUnderRule,
  withdrawalOk: checkExitWithdrawalUnderRule,
} satisfies RuleTable<MembershipContext>;

const annuls = (target: (t: AnnulmentTarget | null, context: MembershipContext) => boolean) =>
  on('DECISION_ANNULLED', (context, event) => target(annulmentTarget(context, event.decisionId), context));

/** The entry-decision transition under every name the version knows. */
function entryOn(names: readonly EntryEventType[], transition: Record<string, unknown>) {
  return Object.fromEntries(names.map((name) => [name, transition])) as Record<EntryEventType, typeof transition>;
}

/** The machine of a version: the same states, the version's rule table and entry event names. */
// eslint-disable-next-line max-lines-per-function -- one machine definition (its states are one table), as before versions
function membershipMachineOf(rules: typeof MEMBERSHIP_RULES, entryEvents: readonly EntryEventType[]) {
  return setup({
    types: {
      context: {} as MembershipContext,
      events: {} as MembershipEvent,
      input: {} as MembershipInput,
    },
    guards: {
      ...guardsOf<MembershipContext, MembershipEvent, typeof MEMBERSHIP_RULES>(rules),
      // Which decision an annulment concerns: not refusals, only the choice of the compensating transition.
      annulsExit: annuls((t) => t === 'exit'),
      annulsEffectedExit: annuls((t) => t === 'effectedExit'),
      annulsWithdrawal: annuls((t) => t === 'withdrawal'),
      annulsEntry: annuls((t) => t === 'entry' || t === 'pendingEntry'),
      revivedRequestWasNoticed: ({ context }) => {
        const p = currentPeriod(context);
        return !!p?.exitRequests[p.exitRequests.length - 1]?.noticeOn;
      },
      // After a voided current period, what remains is the previous (exited) one; a pending entry leaves the last.
      wasMemberBefore: annuls((t, context) =>
        (t === 'entry' ? context.periods.slice(0, -1) : context.periods).some((p) => !p.voidedOn),
      ),
    },
    actions: {
      recordEntryDecision: assign({
        pendingEntry: on([...ENTRY_EVENTS_V2], (context, event) => ({
          ...context.pendingEntry,
          decision: event.decision,
        })),
      }),
      recordSignature: assign({
        pendingEntry: on('KSO_SIGNED', (context, event) => ({
          ...context.pendingEntry,
          signature: signatureOf(context, event),
        })),
      }),
      completeEntryWithSignature: assign(
        on('KSO_SIGNED', (context, event) => ({
          pendingEntry: {},
          periods: [
            ...context.periods,
            completeEntry(context, context.pendingEntry.decision!, signatureOf(context, event)),
          ],
        })),
      ),
      completeEntryWithDecision: assign(
        on([...ENTRY_EVENTS_V2], (context, event) => ({
          pendingEntry: {},
          periods: [...context.periods, completeEntry(context, event.decision, context.pendingEntry.signature!)],
        })),
      ),
      recordExitDecision: assign({
        periods: on('FULLMAKTIGE_REQUESTED_EXIT', (context, event) => {
          const request: ExitRequest = { decision: event.decision, warnings: [] };
          if (event.desiredExitDate) request.desiredExitDate = event.desiredExitDate;
          return withCurrentPeriod(context, (p) => ({ ...p, exitRequests: [...p.exitRequests, request] }));
        }),
      }),
      recordExitNotice: assign({
        periods: on('EXIT_NOTICE_DELIVERED', (context, event) =>
          withLastRequest(context, (r) => deliverExitNotice(r, event)),
        ),
      }),
      recordCouncilInformed: assign({
        periods: on('COUNCIL_INFORMED', (context, event) =>
          withCurrentPeriod(context, (p) => {
            const exitRequests = p.exitRequests.slice();
            const i = exitRequests.map(requestStands).lastIndexOf(true);
            exitRequests[i] = { ...exitRequests[i], councilInformedOn: event.informedOn };
            return { ...p, exitRequests };
          }),
        ),
      }),
      recordWithdrawal: assign({
        periods: on('EXIT_REQUEST_WITHDRAWN', (context, event) =>
          withLastRequest(context, (r) => ({
            ...r,
            withdrawnOn: toStockholmDate(event.noticeArrivedAt),
            withdrawal: { decision: event.decision, noticeArrivedAt: event.noticeArrivedAt },
          })),
        ),
      }),
      recordExitTookEffect: assign({
        periods: ({ context }) => {
          const effectiveOn = openExitRequest(context)!.effectiveOn!;
          return withCurrentPeriod(context, (p) => ({ ...p, exitedAfter: effectiveOn }));
        },
      }),
      voidExitRequest: assign({
        periods: on('DECISION_ANNULLED', (context, event) =>
          withLastRequest(context, (r) => ({ ...r, voidedOn: event.annulledOn })),
        ),
      }),
      reopenPeriod: assign({
        periods: ({ context }) =>
          withCurrentPeriod(context, (p) => {
            const { exitedAfter: _gone, ...open } = p;
            return open;
          }),
      }),
      voidEffectedExit: assign({
        periods: on('DECISION_ANNULLED', (context, event) => {
          const periods = withLastRequest(context, (r) => ({ ...r, voidedOn: event.annulledOn }));
          const { exitedAfter: _gone, ...period } = periods[periods.length - 1];
          periods[periods.length - 1] = period;
          return periods;
        }),
      }),
      reviveWithdrawnRequest: assign({
        periods: ({ context }) =>
          withLastRequest(context, (r) => {
            const { withdrawnOn: _w, withdrawal: _d, ...rest } = r;
            return rest;
          }),
      }),
      voidEntry: assign(
        on('DECISION_ANNULLED', (context, event): Partial<MembershipContext> => {
          if (annulmentTarget(context, event.decisionId) === 'pendingEntry') return { pendingEntry: {} };
          return { periods: withCurrentPeriod(context, (p) => ({ ...p, voidedOn: event.annulledOn })) };
        }),
      ),
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
          ...entryOn(entryEvents, {
            guard: 'entryDecisionOk',
            target: 'awaitingSignature',
            actions: 'recordEntryDecision',
          }),
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
          ...entryOn(entryEvents, {
            guard: 'entryDecisionOk',
            target: 'member',
            actions: 'completeEntryWithDecision',
          }),
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
            {
              guard: and(['annulmentOk', 'annulsWithdrawal']),
              target: '.exitDecided',
              actions: 'reviveWithdrawnRequest',
            },
            { guard: and(['annulmentOk', 'annulsEntry', 'wasMemberBefore']), target: 'exited', actions: 'voidEntry' },
            { guard: 'annulmentOk', target: 'notMember', actions: 'voidEntry' },
          ],
        },
        states: {
          active: {
            on: {
              FULLMAKTIGE_REQUESTED_EXIT: {
                guard: 'exitDecisionOk',
                target: 'exitDecided',
                actions: 'recordExitDecision',
              },
              // Refused with NO_FULLMAKTIGE_DECISION (R-C1): modelled so the refusal names its rule.
              EXIT_NOTICE_DELIVERED: {
                guard: 'exitNoticeOk',
                target: 'leaving',
                actions: 'recordExitNotice',
                meta: { refusalOnly: true },
              },
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
              EXIT_TOOK_EFFECT: {
                guard: 'exitTookEffectOk',
                target: '#membership.exited',
                actions: 'recordExitTookEffect',
              },
            },
          },
        },
      },
      exited: {
        on: {
          // D5: re-entry is a new entry.
          ...entryOn(entryEvents, {
            guard: 'entryDecisionOk',
            target: 'awaitingSignature',
            actions: 'recordEntryDecision',
          }),
          KSO_SIGNED: { guard: 'entrySignatureOk', target: 'awaitingDecision', actions: 'recordSignature' },
          // Recording the chair's information may come after the exit took effect.
          COUNCIL_INFORMED: { guard: 'councilInformedOk', actions: 'recordCouncilInformed' },
          // D6: a withdrawal whose notice reached the chair before the exit date, recorded after the exit was marked
          // effective: the exit never happened. Later notices are refused with WITHDRAWAL_TOO_LATE.
          EXIT_REQUEST_WITHDRAWN: {
            guard: 'withdrawalOk',
            target: 'member.active',
            actions: ['recordWithdrawal', 'reopenPeriod'],
          },
          // R-C11: the exit decision was annulled: the exit is void and the membership continues.
          DECISION_ANNULLED: {
            guard: and(['annulmentOk', 'annulsEffectedExit']),
            target: 'member.active',
            actions: 'voidEffectedExit',
          },
        },
      },
    },
  });
}

/** Version 1: kept for the instances pinned to it (and their replay). */
export const membershipMachine = membershipMachineOf(MEMBERSHIP_RULES, ENTRY_EVENTS_V1);
/** Version 2: the collaboration's exit rule (NO_EXIT_RULE), and the neutral entry event ENTRY_DECIDED beside the old name. */
export const membershipMachineV2 = membershipMachineOf(MEMBERSHIP_RULES_V2, ENTRY_EVENTS_V2);

export const membershipDefinition: MachineDefinition = {
  id: MEMBERSHIP_MACHINE_ID,
  version: MEMBERSHIP_MACHINE_VERSION,
  machine: membershipMachine,
  guardRules: MEMBERSHIP_RULES,

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

export const membershipDefinitionV2: MachineDefinition = {
  ...membershipDefinition,
  version: 2,
  machine: membershipMachineV2,
  guardRules: MEMBERSHIP_RULES_V2,
  eventRoles: { ...membershipDefinition.eventRoles, ENTRY_DECIDED: ['admin', 'clerk'] },
  // Accepted wherever FULLMAKTIGE_ADOPTED_DECLARATION is; not listed, so allowedEvents reads as in version 1.
  unlistedEvents: ['ENTRY_DECIDED'],
};
