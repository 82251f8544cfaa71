/**
 * The protocol lifecycle of one decision paragraph (§): draft → justerat → anslaget (the appeal period runs) →
 * presumedFinal → final, or appealed → final | annulled (RULEBOOK I; DECISIONS D8, D9, D10). A meeting's justering
 * and anslag reach each of its paragraphs as events; an omedelbart justerad paragraph gets its own (R-I3).
 * Pure; deadlines are due events fired by the engine (APPEAL_PERIOD_ENDED), never timers.
 */
import { and, assign, setup } from 'xstate';
import type { MachineDefinition } from '../kernel/machine-definition';
import { eventNarrower, guardsOf, type EventOf, type RuleTable } from '../kernel/rule-table';
import {
  anslagWarnings,
  appealDates,
  checkAmendedDraft,
  checkAmendment,
  checkAnslag,
  checkAppeal,
  checkAppealDecided,
  checkAppealPeriodEnded,
  checkCorrection,
  checkJustering,
  checkLateKnownAppeal,
  checkMotivation,
  checkNoAppeal,
  justeringWarnings,
  refuseWhileAppealPeriodRuns,
  protocolLegalDate,
  decisionCauseKey,
  isAnnulled,
} from './protocol.rules';
import type { ProtocolContext, ProtocolEvent, ProtocolInput } from './protocol.types';

const on = eventNarrower<ProtocolContext, ProtocolEvent>();

/** The rules behind the guards that refuse with a reason (one declaration: guards and explanations both come from here). */
export const PROTOCOL_RULES = {
  amendedDraftOk: checkAmendedDraft,
  justeringOk: checkJustering,
  anslagOk: checkAnslag,
  appealPeriodEndedOk: checkAppealPeriodEnded,
  appealOk: checkAppeal,
  noAppealOk: checkNoAppeal,
  appealPeriodOver: refuseWhileAppealPeriodRuns,
  lateKnownAppealOk: checkLateKnownAppeal,
  appealDecidedOk: checkAppealDecided,
  amendmentOk: checkAmendment,
  correctionOk: checkCorrection,
  motivationOk: checkMotivation,
} satisfies RuleTable<ProtocolContext>;

const motivation = {
  RESERVATION_MOTIVATION_SUBMITTED: { guard: 'motivationOk', actions: 'recordMotivation' },
} as const;

const correction = {
  CORRECTION_RECORDED: { guard: 'correctionOk', actions: 'recordCorrection' },
  // Refused with PARAGRAPH_JUSTERAD: a justerat paragraph is never edited.
  PARAGRAPH_AMENDED: { guard: 'amendmentOk', meta: { refusalOnly: true } },
} as const;

export const PROTOCOL_MACHINE_ID = 'protocol';

export const protocolMachine = setup({
  types: { context: {} as ProtocolContext, events: {} as ProtocolEvent, input: {} as ProtocolInput },
  guards: {
    ...guardsOf<ProtocolContext, ProtocolEvent, typeof PROTOCOL_RULES>(PROTOCOL_RULES),
    // The court's outcome picks the transition; not a refusal.
    annulled: on('APPEAL_DECIDED', (_context, event) => event.outcome === 'ANNULLED'),
  },
  actions: {
    recordMotivation: assign({
      motivations: on('RESERVATION_MOTIVATION_SUBMITTED', (context, e) => [
        ...context.motivations.filter((m) => m.member !== e.member),
        { member: e.member, text: e.text, submittedAt: e.submittedAt },
      ]),
    }),
    recordCorrection: assign({
      corrections: on('CORRECTION_RECORDED', (context, e) => [
        ...context.corrections,
        { correctedOn: e.correctedOn, reason: e.reason, text: e.text, index: context.corrections.length + 1 },
      ]),
    }),
    amend: assign({ paragraph: on('PARAGRAPH_AMENDED', (_context, e) => e.paragraph) }),
    justera: assign(
      on('JUSTERAT', (context, e) => ({
        justeradOn: e.justeradOn,
        justerare: e.justerare,
        // R-I2: the signing chair, where the justering names one (issue 11 §5; absent in records from before)
        ...(e.chair !== undefined ? { chair: e.chair } : {}),
        immediate: !!e.immediate,
        warnings: [...context.warnings, ...justeringWarnings(context, e.justeradOn)],
      })),
    ),
    postAnslag: assign(
      on('ANSLAG_POSTED', (context, e) => {
        const update: Partial<ProtocolContext> = {
          anslagOn: e.anslagOn,
          ...appealDates(e.anslagOn),
          warnings: [...context.warnings, ...anslagWarnings(context, e.anslagOn)],
        };
        if (e.noticeBoard) update.noticeBoard = e.noticeBoard;
        // R-I4 (issue 11 §5): where the protocol is kept, and the day the anslag comes down where it was recorded
        if (e.keptAt) update.keptAt = e.keptAt;
        if (e.takenDownOn) update.takenDownOn = e.takenDownOn;
        return update;
      }),
    ),
    recordAppeal: assign({
      appeal: on('APPEAL_RECEIVED', (_context, e) => ({
        receivedOn: e.receivedOn,
        ...(e.court ? { court: e.court } : {}),
        ...(e.caseNumber ? { caseNumber: e.caseNumber } : {}),
      })),
      // R-I7: APPEALED until the judgment; a "no appeal" outcome confirmed before the appeal became known is void.
      outcome: () => undefined,
    }),
    recordFinal: assign({
      outcome: on(['NO_APPEAL_CONFIRMED', 'APPEAL_DECIDED'], (context, e) => {
        if (e.type === 'NO_APPEAL_CONFIRMED')
          return { kind: 'FINAL' as const, on: context.finalFrom!, ...(e.basis ? { basis: e.basis } : {}) };
        return {
          kind: 'FINAL' as const,
          on: e.decidedOn,
          ...(e.court ? { court: e.court } : {}),
          ...(e.caseNumber ? { caseNumber: e.caseNumber } : {}),
        };
      }),
    }),
    recordAnnulment: assign({
      outcome: on('APPEAL_DECIDED', (_context, e) => ({
        kind: 'ANNULLED' as const,
        on: e.decidedOn,
        ...(e.court ? { court: e.court } : {}),
        ...(e.caseNumber ? { caseNumber: e.caseNumber } : {}),
      })),
    }),
  },
}).createMachine({
  id: PROTOCOL_MACHINE_ID,
  context: ({ input }) => ({ ...input, corrections: [], motivations: [], warnings: input.warnings ?? [] }),
  initial: 'draft',
  states: {
    draft: {
      on: {
        // Checked like a new paragraph against its meeting (quorum, votes, reservations).
        PARAGRAPH_AMENDED: { guard: 'amendedDraftOk', actions: 'amend' },
        JUSTERAT: { guard: 'justeringOk', target: 'justerat', actions: 'justera' },
        ...motivation,
      },
    },
    justerat: {
      on: {
        ANSLAG_POSTED: { guard: 'anslagOk', target: 'anslaget', actions: 'postAnslag' },
        ...correction,
        ...motivation,
      },
    },
    // The appeal period runs (R-I5, R-I6).
    anslaget: {
      on: {
        APPEAL_PERIOD_ENDED: { guard: 'appealPeriodEndedOk', target: 'presumedFinal' },
        APPEAL_RECEIVED: { guard: 'appealOk', target: 'appealed', actions: 'recordAppeal' },
        // Refused with APPEAL_PERIOD_RUNNING: the period ends by the due event, not by a claimed date.
        NO_APPEAL_CONFIRMED: {
          guard: 'appealPeriodOver',
          target: 'final',
          actions: 'recordFinal',
          meta: { refusalOnly: true },
        },
        ...correction,
        ...motivation,
      },
    },
    // D9: the period is over; final once a clerk confirms that no appeal arrived in time.
    presumedFinal: {
      on: {
        NO_APPEAL_CONFIRMED: { guard: 'noAppealOk', target: 'final', actions: 'recordFinal' },
        // An appeal that reached the court in time may become known to the municipality later.
        APPEAL_RECEIVED: { guard: 'lateKnownAppealOk', target: 'appealed', actions: 'recordAppeal' },
        ...correction,
        ...motivation,
      },
    },
    appealed: {
      on: {
        APPEAL_DECIDED: [
          { guard: and(['appealDecidedOk', 'annulled']), target: 'annulled', actions: 'recordAnnulment' },
          { guard: 'appealDecidedOk', target: 'final', actions: 'recordFinal' },
        ],
        ...correction,
        ...motivation,
      },
    },
    final: {
      on: {
        // A timely appeal may become known after "no appeal" was confirmed; the confirmation was then wrong (R-I5).
        APPEAL_RECEIVED: { guard: 'lateKnownAppealOk', target: 'appealed', actions: 'recordAppeal' },
        ...correction,
        ...motivation,
      },
    },
    // R-I7, R-C11: upphävt; the workflows it drove are compensated by the service.
    annulled: { type: 'final' },
  },
});

export const protocolDefinition: MachineDefinition = {
  id: PROTOCOL_MACHINE_ID,
  version: 1,
  machine: protocolMachine,
  guardRules: PROTOCOL_RULES,

  legalDateOf: (event) => protocolLegalDate(event as ProtocolEvent),
  eventRoles: {
    PARAGRAPH_AMENDED: ['admin', 'clerk'],
    JUSTERAT: ['admin', 'clerk'],
    ANSLAG_POSTED: ['admin', 'clerk'],
    APPEAL_RECEIVED: ['admin', 'clerk'],
    NO_APPEAL_CONFIRMED: ['admin', 'clerk'],
    APPEAL_DECIDED: ['admin', 'clerk'],
    CORRECTION_RECORDED: ['admin', 'clerk'],
    RESERVATION_MOTIVATION_SUBMITTED: ['admin', 'clerk'],
    APPEAL_PERIOD_ENDED: [],
  },
  systemEvents: ['APPEAL_PERIOD_ENDED'],
  // R-C11, D10: an annulled decision compensates every workflow it drove, naming the annulment as the cause.
  causes: ({ before, after, event }) => {
    if (!isAnnulled(after.state) || isAnnulled(before.state) || event.type !== 'APPEAL_DECIDED') return null;
    const judgment = event as EventOf<ProtocolEvent, 'APPEAL_DECIDED'>;
    const decisionId = (after.context as ProtocolContext).decisionId;
    return {
      from: decisionCauseKey(decisionId),
      event: (origin) => ({
        type: 'DECISION_ANNULLED',
        decisionId,
        annulledOn: judgment.decidedOn,
        cause:
          `Upphävt av ${judgment.court ?? 'förvaltningsrätten'}${judgment.caseNumber ? ` (${judgment.caseNumber})` : ''} ` +
          `${judgment.decidedOn}: protokollförlopp ${origin.workflowId} seq ${origin.seq}`,
      }),
    };
  },
  // R-I7: the day after the appeal period's last day, the decision is presumed final.
  dueEvents: (context: ProtocolContext, state: string) =>
    state === 'anslaget' && context.finalFrom
      ? [{ type: 'APPEAL_PERIOD_ENDED', dueOn: context.finalFrom, payload: { on: context.finalFrom } }]
      : [],
};
