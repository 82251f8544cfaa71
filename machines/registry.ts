import type { MachineDefinition } from './kernel/machine-definition';
import { collaborationDefinition, collaborationDefinitionV1 } from './collaboration/collaboration.machine';
import { membershipDefinition } from './membership/membership.machine';
import { protocolDefinition } from './protocol/protocol.machine';
// Cost sharing (kostnadsfördelning)
import { costRuleDefinition } from './cost/cost-rule.machine';

/**
 * Every machine version that a stored instance may be pinned to. A new version is added beside the old one,
 * never in its place: a persisted snapshot is a schema.
 */
export const MACHINE_DEFINITIONS: MachineDefinition[] = [
  membershipDefinition,
  collaborationDefinitionV1,
  collaborationDefinition,
  protocolDefinition,
  // Cost sharing (kostnadsfördelning)
  costRuleDefinition,
];
