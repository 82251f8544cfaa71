/**
 * The record register (issue 10 §2): one workflow per scope (a municipality's kommunkod, or `documents`) whose log
 * holds the SHA-256 of every record that its host module writes without a workflow of its own (bodies, meetings,
 * signatures, documents and their versions). The record stays in its table; its hash in the payload of a
 * RECORD_WRITTEN row puts it under the chain, and the table checks (src/audit/) find every stored row whose hash the
 * log does not hold. Pure: no rule refuses a record here; the host's own rules ran before it was written.
 */
import { assign, setup } from 'xstate';
import type { MachineDefinition } from '../kernel/machine-definition';
import { eventNarrower } from '../kernel/rule-table';

export const RECORD_REGISTER_MACHINE_ID = 'record-register';
export const RECORD_REGISTER_MACHINE_VERSION = 1;

/** One record as the log names it: its table, its id, and the hash of its legal fields (src/audit/record-hash.ts). */
export interface RegisteredRecord {
  table: string;
  id: string;
  hash: string;
}

export interface RecordRegisterInput {
  scope: string;
}

export interface RecordRegisterContext {
  scope: string;
  /** How many record hashes the log holds (the hashes themselves stay in the log, not in the snapshot). */
  recorded: number;
}

/** `baseline` marks the rows a migration found already stored: coverage of those starts at this row. */
export type RecordRegisterEvent = { type: 'RECORD_WRITTEN'; records: RegisteredRecord[]; baseline?: boolean };

const on = eventNarrower<RecordRegisterContext, RecordRegisterEvent>();

export const recordRegisterMachine = setup({
  types: {
    context: {} as RecordRegisterContext,
    events: {} as RecordRegisterEvent,
    input: {} as RecordRegisterInput,
  },
  actions: {
    count: assign({
      recorded: on('RECORD_WRITTEN', (context, event) => context.recorded + event.records.length),
    }),
  },
}).createMachine({
  id: RECORD_REGISTER_MACHINE_ID,
  context: ({ input }) => ({ scope: input.scope, recorded: 0 }),
  initial: 'keeping',
  states: {
    keeping: { on: { RECORD_WRITTEN: { actions: 'count' } } },
  },
});

export const recordRegisterDefinition: MachineDefinition = {
  id: RECORD_REGISTER_MACHINE_ID,
  version: RECORD_REGISTER_MACHINE_VERSION,
  machine: recordRegisterMachine,
  guardRules: {},
  legalDateOf: () => null,
  // Sent by the host module in the transaction that writes the record, as the writer; no endpoint takes it.
  eventRoles: { RECORD_WRITTEN: ['admin', 'coordinator', 'clerk'] },
};
