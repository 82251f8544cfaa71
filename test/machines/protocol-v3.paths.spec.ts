/**
 * Protocol machine version 3 (protocol.v3.machine.ts): the path coverage of the shared suite over a delegationsbeslut's
 * own workflow (input `ownNotice`), where both ways to `anslaget` exist: the own tillkännagivande (DELEGATION_ANNOUNCED,
 * R-I9) and, as for every paragraph, justering then anslag. Every leaf state and passable transition reached, the
 * refused notice never taken, every path replayed, the engine's transition as xstate's.
 */
import type { ProtocolEvent, ProtocolInput } from '../../machines/protocol/protocol.types';
import { protocolMachineV3 } from '../../machines/protocol/protocol.v3.machine';
import { beyondBound, EVENT_TYPES, eventsFor, INPUT, type Snap } from './protocol-v2.path-events';
import { describePaths } from './path-suite';

const LIMIT = Number(process.env.TL ?? 100_000);

const OWN: ProtocolInput = {
  ...INPUT,
  ownNotice: true,
  delegation: {
    delegationId: INPUT.decisionId,
    kind: 'DELEGATIONSBESLUT',
    number: 'D 2024/7',
    delegate: 'Anna Berg',
    point: '3.2',
    decidedOn: '2024-12-02',
    bodyId: 'body-1',
    bodyName: 'Socialnämnden',
  },
};

describePaths<Snap, ProtocolEvent>('protocol v3', {
  machine: protocolMachineV3,
  input: OWN,
  events: (s) => [
    ...eventsFor(s),
    { type: 'DELEGATION_ANNOUNCED', postedOn: '2024-12-04', keptAt: 'Kommunkansliet' },
    { type: 'DELEGATION_ANNOUNCED', postedOn: '2024-12-01' }, // refused (R-I9: before the decision)
  ],
  stopWhen: beyondBound,
  limit: LIMIT,
  eventTypes: [...EVENT_TYPES, 'DELEGATION_ANNOUNCED'],
  leafIds: [
    'protocol.draft',
    'protocol.justerat',
    'protocol.anslaget',
    'protocol.presumedFinal',
    'protocol.appealed',
    'protocol.final',
    'protocol.unappealable',
    'protocol.annulled',
  ],
  refusalOnly: [
    'protocol.anslaget --NO_APPEAL_CONFIRMED--> protocol.final',
    'protocol.anslaget --PARAGRAPH_AMENDED--> protocol.anslaget',
    'protocol.appealed --PARAGRAPH_AMENDED--> protocol.appealed',
    'protocol.final --PARAGRAPH_AMENDED--> protocol.final',
    'protocol.justerat --PARAGRAPH_AMENDED--> protocol.justerat',
    'protocol.presumedFinal --PARAGRAPH_AMENDED--> protocol.presumedFinal',
    'protocol.unappealable --PARAGRAPH_AMENDED--> protocol.unappealable',
  ],
  minSnapshots: 100,
  minPassable: 36,
});
