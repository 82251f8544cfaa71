/**
 * Samverkansrådet of a collaboration (avsiktsförklaringen §5): one workflow per collaboration's council holding its
 * seats (R-E1), its meetings and its records (R-E2). Pure: guards are the rule functions of council.rules.ts.
 *
 * G5 (RULEBOOK §4.2): no council record moves any workflow. This machine has no `causes` (nothing it records is
 * sent on to another workflow), the host never links a council record as the cause of an event (`wtx.link`), and no
 * machine takes a council record id as the ground of a transition: the plan's COUNCIL_INFORMED is the coordinator's
 * act in the plan workflow and only names the record (test/machines/council.g5.spec.ts).
 */
import { assign, setup } from 'xstate';
import type { MachineDefinition } from '../kernel/machine-definition';
import { eventNarrower, guardsOf, type RuleTable } from '../kernel/rule-table';
import { checkRecord, checkSeating, councilLegalDate, seated } from './council.rules';
import type { CouncilContext, CouncilEvent, CouncilInput, CouncilRecord, CouncilRecordKind } from './council.types';

const on = eventNarrower<CouncilContext, CouncilEvent>();

export const COUNCIL_MACHINE_ID = 'council';
export const COUNCIL_MACHINE_VERSION = 1;

const COUNCIL_RULES = {
  seatingOk: checkSeating,
  recordOk: checkRecord,
} satisfies RuleTable<CouncilContext>;

export const councilMachine = setup({
  types: { context: {} as CouncilContext, events: {} as CouncilEvent, input: {} as CouncilInput },
  guards: guardsOf<CouncilContext, CouncilEvent, typeof COUNCIL_RULES>(COUNCIL_RULES),
  actions: {
    recordSeating: assign({ seats: on('MEMBER_SEATED', (context, event) => seated(context, event)) }),
    recordMeeting: assign({
      meetings: on('MEETING_HELD', (context, event) => [
        ...context.meetings,
        {
          meetingId: event.meetingId,
          date: event.date,
          place: event.place,
          ...(event.note !== undefined ? { note: event.note } : {}),
        },
      ]),
    }),
    recordRecord: assign({
      records: on('RECORD_ADDED', (context, event) => {
        // The guard let only the council's own kinds through.
        const record: CouncilRecord = {
          recordId: event.recordId,
          kind: event.kind as CouncilRecordKind,
          title: event.title,
          recordedOn: event.recordedOn,
        };
        if (event.text !== undefined) record.text = event.text;
        if (event.meetingId !== undefined) record.meetingId = event.meetingId;
        if (event.subject !== undefined) record.subject = event.subject;
        if (event.note !== undefined) record.note = event.note;
        return [...context.records, record];
      }),
    }),
  },
}).createMachine({
  id: COUNCIL_MACHINE_ID,
  context: ({ input }) => ({ ...input, seats: [], meetings: [], records: [] }),
  initial: 'sitting',
  states: {
    // R-E3: the council meets regularly under principles its members set; no quorum is enforced.
    sitting: {
      on: {
        MEMBER_SEATED: { guard: 'seatingOk', actions: 'recordSeating' },
        MEETING_HELD: { actions: 'recordMeeting' },
        RECORD_ADDED: { guard: 'recordOk', actions: 'recordRecord' },
      },
    },
  },
});

export const councilDefinition: MachineDefinition = {
  id: COUNCIL_MACHINE_ID,
  version: COUNCIL_MACHINE_VERSION,
  machine: councilMachine,
  guardRules: COUNCIL_RULES,
  legalDateOf: (event) => councilLegalDate(event as CouncilEvent),
  // R-E5: the coordinator is the council's support function and keeps its records; everyone reads.
  eventRoles: {
    MEMBER_SEATED: ['admin', 'coordinator'],
    MEETING_HELD: ['admin', 'coordinator'],
    RECORD_ADDED: ['admin', 'coordinator'],
  },
};
