/**
 * The gallring log of a municipality (issue 10 §9, R-K8, R-K9): one workflow per kommunkod whose rows are the
 * removals of personal data, each naming its gallringsbeslut and the commitments removed. The removed names and salts
 * are deleted beside the log; the commitments stay, in the records' own log rows and here. Pure: the guard reads only
 * the event and what this log already removed, so a replay decides as the write did.
 */
import { assign, setup } from 'xstate';
import type { MachineDefinition } from '../kernel/machine-definition';
import { eventNarrower, guardsOf, type RuleTable } from '../kernel/rule-table';
import { checkGallringsbeslut, checkNotRemovedBefore, type Gallringsbeslut } from './gallring.rules';

export const GALLRING_MACHINE_ID = 'gallring';

/** One removed datum: its commitment and the record (scope) that named it. */
export interface RemovedDatum {
  commitment: string;
  record: string;
}

export interface GallringInput {
  municipality: string;
}

export interface GallringContext {
  municipality: string;
  removed: string[];
}

export type GallringEvent = {
  type: 'PERSONAL_DATA_REMOVED';
  beslut: Gallringsbeslut;
  /** The Stockholm date of the removal (the service's today). */
  removedOn: string;
  items: RemovedDatum[];
};

const on = eventNarrower<GallringContext, GallringEvent>();

const GALLRING_RULES = {
  removalOk: (context: GallringContext, event: GallringEvent) =>
    checkGallringsbeslut(event.beslut, event.removedOn) ??
    checkNotRemovedBefore(
      context.removed,
      (event.items ?? []).map((i) => i.commitment),
    ),
} satisfies RuleTable<GallringContext>;

export const gallringMachine = setup({
  types: { context: {} as GallringContext, events: {} as GallringEvent, input: {} as GallringInput },
  guards: guardsOf<GallringContext, GallringEvent, typeof GALLRING_RULES>(GALLRING_RULES),
  actions: {
    remove: assign({
      removed: on('PERSONAL_DATA_REMOVED', (context, e) => [...context.removed, ...e.items.map((i) => i.commitment)]),
    }),
  },
}).createMachine({
  id: GALLRING_MACHINE_ID,
  context: ({ input }) => ({ municipality: input.municipality, removed: [] }),
  initial: 'keeping',
  states: {
    keeping: { on: { PERSONAL_DATA_REMOVED: { guard: 'removalOk', actions: 'remove' } } },
  },
});

export const gallringDefinition: MachineDefinition = {
  id: GALLRING_MACHINE_ID,
  version: 1,
  machine: gallringMachine,
  guardRules: GALLRING_RULES,
  legalDateOf: (event) => (event as GallringEvent).removedOn ?? null,
  // Sent by the gallring service (admin, registrator as clerk); no generic event endpoint takes it.
  eventRoles: { PERSONAL_DATA_REMOVED: ['admin', 'clerk'] },
};
