/**
 * Protocol machine version 2 (issue 10 §5, issue 11 §4, §6): version 1's lifecycle, with
 * - the justering and anslag deadlines that pass as system due events (JUSTERING_DEADLINE_PASSED, R-I1;
 *   ANSLAG_DEADLINE_PASSED, R-I4): the fact is recorded (`late`, a JUSTERING_LATE / ANSLAG_LATE warning), the act
 *   itself is still accepted later (D8);
 * - the court's inhibition while an appeal is before it (INHIBITION_ORDERED, INHIBITION_LIFTED, ended by the
 *   judgment; R-I13): the decision drives nothing new, and what it drove shows it is stopped (read side);
 * - an appeal that reached the court after the last day recorded as late, never refused (R-I14): the court may
 *   dismiss it (`DISMISSED`, avvisat), leaving the decision as it was, or try it;
 * - no appeal clock for a paragraph that is only beredning or verkställighet (R-I15, KL 13 kap. 2 §): after its
 *   anslag it is `unappealable`, with no APPEAL_PERIOD_ENDED due row.
 * Version 1 stays registered beside it (old logs replay through it); the actions both versions share are version 1's
 * own (one declaration), so a change to them reaches both. Pure.
 */
import { and, assign, setup } from 'xstate';
import type { MachineDefinition } from '../kernel/machine-definition';
import { eventNarrower, guardsOf, type RuleTable } from '../kernel/rule-table';
import { PROTOCOL_MACHINE_ID, PROTOCOL_RULES, protocolDefinition, protocolMachine } from './protocol.machine';
import type { ProtocolContext, ProtocolEvent, ProtocolInput } from './protocol.types';
import {
  anslagDeadlineWarning,
  anslagPassedOn,
  appealClockRuns,
  checkAnslagDeadlinePassed,
  checkInhibitionLift,
  checkInhibitionOrder,
  checkJusteringDeadlinePassed,
  checkLateAppealDecided,
  deadlineDueEvents,
  endInhibition,
  isLateAppeal,
  justeringDeadlineWarning,
  justeringPassedOn,
  settleLate,
} from './protocol.v2.rules';

const on = eventNarrower<ProtocolContext, ProtocolEvent>();

export const PROTOCOL_MACHINE_VERSION_2 = 2;

/** The actions version 2 takes from version 1 as they are (declared there once). */
type V1Action =
  | 'recordMotivation'
  | 'recordCorrection'
  | 'amend'
  | 'justera'
  | 'postAnslag'
  | 'recordAppeal'
  | 'recordFinal'
  | 'recordAnnulment';

/** Version 1's table and the rules version 2 adds. */
const PROTOCOL_RULES_V2 = {
  ...PROTOCOL_RULES,
  justeringDeadlinePassedOk: checkJusteringDeadlinePassed,
  anslagDeadlinePassedOk: checkAnslagDeadlinePassed,
  inhibitionOk: checkInhibitionOrder,
  inhibitionLiftOk: checkInhibitionLift,
  lateAppealDecidedOk: checkLateAppealDecided,
} satisfies RuleTable<ProtocolContext>;

const motivation = {
  RESERVATION_MOTIVATION_SUBMITTED: { guard: 'motivationOk', actions: 'recordMotivation' },
} as const;

const correction = {
  CORRECTION_RECORDED: { guard: 'correctionOk', actions: 'recordCorrection' },
  // Refused with PARAGRAPH_JUSTERAD: a justerat paragraph is never edited.
  PARAGRAPH_AMENDED: { guard: 'amendmentOk', meta: { refusalOnly: true } },
} as const;

/** R-I14: the court's decision on an appeal recorded as late: annulled, or the decision stays as it was. */
const lateAppealJudgment = {
  APPEAL_DECIDED: [
    { guard: and(['lateAppealDecidedOk', 'annulled']), target: 'annulled', actions: 'recordAnnulment' },
    { guard: 'lateAppealDecidedOk', actions: 'recordLateAppealDecided' },
  ],
} as const;

/** R-I14: an appeal after the last day is recorded as late (not refused); one in time is tried (`then`). */
const appealReceived = (inTime: 'appealOk' | 'lateKnownAppealOk') =>
  ({
    APPEAL_RECEIVED: [
      { guard: 'appealLate', actions: 'recordLateAppeal' },
      { guard: inTime, target: 'appealed', actions: 'recordAppeal' },
    ],
  }) as const;

export const protocolMachineV2 = setup({
  types: { context: {} as ProtocolContext, events: {} as ProtocolEvent, input: {} as ProtocolInput },
  guards: {
    ...guardsOf<ProtocolContext, ProtocolEvent, typeof PROTOCOL_RULES_V2>(PROTOCOL_RULES_V2),
    // Not refusals: they pick the transition.
    annulled: protocolMachine.implementations.guards.annulled as never,
    appealLate: on('APPEAL_RECEIVED', (context, event) => isLateAppeal(context, event)),
    withoutAppealClock: ({ context }) => !appealClockRuns(context),
  },
  actions: {
    ...(protocolMachine.implementations.actions as Record<V1Action, never>),
    recordJusteringLate: assign({
      late: on('JUSTERING_DEADLINE_PASSED', (c) => ({ ...c.late, justering: justeringPassedOn(c)! })),
      warnings: on('JUSTERING_DEADLINE_PASSED', (c, e) => [...c.warnings, justeringDeadlineWarning(c, e.on)]),
    }),
    recordAnslagLate: assign({
      late: on('ANSLAG_DEADLINE_PASSED', (c) => ({ ...c.late, anslag: anslagPassedOn(c)! })),
      warnings: on('ANSLAG_DEADLINE_PASSED', (c, e) => [...c.warnings, anslagDeadlineWarning(c, e.on)]),
    }),
    // R-I1, R-I4: an act dated on time but recorded after its deadline's due event was on time after all.
    settleJusteringLate: assign(on('JUSTERAT', (c, e) => settleLate(c, 'justering', e.justeradOn))),
    settleAnslagLate: assign(on('ANSLAG_POSTED', (c, e) => settleLate(c, 'anslag', e.anslagOn))),
    // R-I15: no appeal clock; the dates version 1's postAnslag computed do not apply.
    dropAppealClock: assign({ appealLastDay: () => undefined, finalFrom: () => undefined }),
    orderInhibition: assign({
      inhibitions: on('INHIBITION_ORDERED', (c, e) => [
        ...(c.inhibitions ?? []),
        { court: e.court, ...(e.caseNumber ? { caseNumber: e.caseNumber } : {}), orderedOn: e.orderedOn },
      ]),
    }),
    liftInhibition: assign({
      inhibitions: on('INHIBITION_LIFTED', (c, e) => endInhibition(c, e.liftedOn, 'LIFTED')),
    }),
    // R-I13: an inhibition holds until the court has judged.
    endInhibitionByJudgment: assign({
      inhibitions: on('APPEAL_DECIDED', (c, e) => endInhibition(c, e.decidedOn, 'JUDGMENT')),
    }),
    recordLateAppeal: assign({
      lateAppeals: on('APPEAL_RECEIVED', (c, e) => [
        ...(c.lateAppeals ?? []),
        {
          receivedOn: e.receivedOn,
          ...(e.court ? { court: e.court } : {}),
          ...(e.caseNumber ? { caseNumber: e.caseNumber } : {}),
          appealLastDay: c.appealLastDay!,
        },
      ]),
    }),
    recordLateAppealDecided: assign({
      lateAppeals: on('APPEAL_DECIDED', (c, e) => {
        const i = (c.lateAppeals ?? []).findIndex((a) => !a.decided);
        const outcome = e.outcome === 'REJECTED' ? ('REJECTED' as const) : ('DISMISSED' as const);
        return (c.lateAppeals ?? []).map((a, n) =>
          n === i ? { ...a, decided: { outcome, decidedOn: e.decidedOn } } : a,
        );
      }),
    }),
  },
}).createMachine({
  id: PROTOCOL_MACHINE_ID,
  context: ({ input }) => ({ ...input, corrections: [], motivations: [], warnings: input.warnings ?? [] }),
  initial: 'draft',
  states: {
    draft: {
      on: {
        PARAGRAPH_AMENDED: { guard: 'amendedDraftOk', actions: 'amend' },
        JUSTERAT: { guard: 'justeringOk', target: 'justerat', actions: ['justera', 'settleJusteringLate'] },
        // R-I1: fired by the engine on the day after the deadline; recorded, never blocking.
        JUSTERING_DEADLINE_PASSED: { guard: 'justeringDeadlinePassedOk', actions: 'recordJusteringLate' },
        ...motivation,
      },
    },
    justerat: {
      on: {
        ANSLAG_POSTED: [
          // R-I15: beredning or verkställighet: no appeal clock.
          {
            guard: and(['anslagOk', 'withoutAppealClock']),
            target: 'unappealable',
            actions: ['postAnslag', 'settleAnslagLate', 'dropAppealClock'],
          },
          { guard: 'anslagOk', target: 'anslaget', actions: ['postAnslag', 'settleAnslagLate'] },
        ],
        // R-I4: fired by the engine on the day after the deadline.
        ANSLAG_DEADLINE_PASSED: { guard: 'anslagDeadlinePassedOk', actions: 'recordAnslagLate' },
        ...correction,
        ...motivation,
      },
    },
    anslaget: {
      on: {
        APPEAL_PERIOD_ENDED: { guard: 'appealPeriodEndedOk', target: 'presumedFinal' },
        ...appealReceived('appealOk'),
        NO_APPEAL_CONFIRMED: {
          guard: 'appealPeriodOver',
          target: 'final',
          actions: 'recordFinal',
          meta: { refusalOnly: true },
        },
        ...lateAppealJudgment,
        ...correction,
        ...motivation,
      },
    },
    presumedFinal: {
      on: {
        NO_APPEAL_CONFIRMED: { guard: 'noAppealOk', target: 'final', actions: 'recordFinal' },
        ...appealReceived('lateKnownAppealOk'),
        ...lateAppealJudgment,
        ...correction,
        ...motivation,
      },
    },
    appealed: {
      on: {
        APPEAL_DECIDED: [
          {
            guard: and(['appealDecidedOk', 'annulled']),
            target: 'annulled',
            actions: ['recordAnnulment', 'endInhibitionByJudgment'],
          },
          { guard: 'appealDecidedOk', target: 'final', actions: ['recordFinal', 'endInhibitionByJudgment'] },
        ],
        // R-I13: the court's inhibition while it tries the appeal.
        INHIBITION_ORDERED: { guard: 'inhibitionOk', actions: 'orderInhibition' },
        INHIBITION_LIFTED: { guard: 'inhibitionLiftOk', actions: 'liftInhibition' },
        ...correction,
        ...motivation,
      },
    },
    final: {
      on: {
        ...appealReceived('lateKnownAppealOk'),
        ...lateAppealJudgment,
        ...correction,
        ...motivation,
      },
    },
    // R-I15: justerat and anslaget, with no appeal clock (only beredning or verkställighet); it stands.
    unappealable: {
      on: {
        ...correction,
        ...motivation,
      },
    },
    annulled: { type: 'final' },
  },
});

const ROLES = ['admin', 'clerk'];

export const protocolDefinitionV2: MachineDefinition = {
  ...protocolDefinition,
  version: PROTOCOL_MACHINE_VERSION_2,
  machine: protocolMachineV2,
  guardRules: PROTOCOL_RULES_V2,
  legalDateOf: (event, context) => {
    const e = event as ProtocolEvent;
    if (e.type === 'JUSTERING_DEADLINE_PASSED' || e.type === 'ANSLAG_DEADLINE_PASSED') return e.on;
    if (e.type === 'INHIBITION_ORDERED') return e.orderedOn;
    if (e.type === 'INHIBITION_LIFTED') return e.liftedOn;
    return protocolDefinition.legalDateOf(event, context);
  },
  eventRoles: {
    ...protocolDefinition.eventRoles,
    INHIBITION_ORDERED: ROLES,
    INHIBITION_LIFTED: ROLES,
    JUSTERING_DEADLINE_PASSED: [],
    ANSLAG_DEADLINE_PASSED: [],
  },
  systemEvents: ['APPEAL_PERIOD_ENDED', 'JUSTERING_DEADLINE_PASSED', 'ANSLAG_DEADLINE_PASSED'],
  // R-I7 (only where the appeal clock runs, R-I15), R-I1, R-I4.
  dueEvents: (context: ProtocolContext, state: string) => [
    ...protocolDefinition.dueEvents!(context, state),
    ...deadlineDueEvents(context, state),
  ],
};
