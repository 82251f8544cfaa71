/**
 * Model-based path coverage of the council machine (Samverkansrådet) with @xstate/graph: seats and their
 * replacement, a meeting, records of every kind the council keeps and those it refuses (R-E1, R-E2, R-E3, R-G8).
 * Context is bounded (two seatings, one meeting, one record).
 */
import type { SnapshotFrom } from 'xstate';
import { councilMachine } from '../../machines/council/council.machine';
import type { CouncilEvent, CouncilInput } from '../../machines/council/council.types';
import { describePaths } from './path-suite';

type Snap = SnapshotFrom<typeof councilMachine>;

const INPUT: CouncilInput = { collaboration: 'dalslandssamverkan' };

function eventsFor(s: Snap): CouncilEvent[] {
  const record = (kind: string, extra: Partial<CouncilEvent> = {}) =>
    ({
      type: 'RECORD_ADDED',
      recordId: `r${s.context.records.length}`,
      kind,
      title: kind,
      recordedOn: '2024-03-14',
      ...extra,
    }) as CouncilEvent;
  return [
    {
      type: 'MEMBER_SEATED',
      municipality: '1492',
      seat: 'KSO',
      name: 'Michael Karlsson',
      politicalParty: 'M',
      from: '2023-12-08',
    },
    { type: 'MEMBER_SEATED', municipality: '1492', seat: 'KSO', name: 'Ny Ordförande', from: '2025-01-01' },
    {
      type: 'MEMBER_SEATED',
      municipality: '1460',
      seat: 'KSO',
      name: 'X',
      from: '2024-01-01',
      equivalent: { office: 'vice', basis: 'b' },
    },
    {
      type: 'MEMBER_SEATED',
      municipality: '1438',
      seat: 'OPPOSITIONSRAD',
      name: 'E',
      from: '2024-01-15',
      equivalent: { office: 'Gruppledare', basis: 'KS § 3' },
    },
    ...(s.context.meetings.length === 0
      ? [{ type: 'MEETING_HELD' as const, meetingId: 'm1', date: '2024-03-14', place: 'Dals-Ed' }]
      : []),
    record('INFORMATION', { subject: 'COST_ARRANGEMENT' }),
    record('RECOMMENDATION', { meetingId: 'm1' }),
    record('INFORMATION', { meetingId: 'm1', recordedOn: '2024-03-13' }),
    record('BESLUT'),
    record('GODKANNANDE', { subject: 'COST_ARRANGEMENT' }),
  ];
}

describePaths<Snap, CouncilEvent>('council', {
  machine: councilMachine,
  input: INPUT,
  events: eventsFor,
  stopWhen: (s) => s.context.seats.length > 2 || s.context.records.length > 1,
  eventTypes: ['MEMBER_SEATED', 'MEETING_HELD', 'RECORD_ADDED'],
  leafIds: ['council.sitting'],
  refusalOnly: [],
  minSnapshots: 30,
  minPassable: 3,
});
