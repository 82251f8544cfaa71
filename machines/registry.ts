import type { MachineDefinition } from './kernel/machine-definition';
import { amendmentDefinition } from './amendment/amendment.machine';
import {
  collaborationDefinition,
  collaborationDefinitionV1,
  collaborationDefinitionV3,
} from './collaboration/collaboration.machine';
import { membershipDefinition, membershipDefinitionV2 } from './membership/membership.machine';
import { protocolDefinition } from './protocol/protocol.machine';
// Collaboration areas
import { areaDefinition } from './area/area.machine';
// plan and council
import { councilDefinition } from './council/council.machine';
import { planDefinition } from './plan/plan.machine';
// Cost sharing (kostnadsfördelning)
import { costRuleDefinition } from './cost/cost-rule.machine';
// Chain coverage of the tables (h-chain)
import { recordRegisterDefinition } from './register/record-register.machine';
// Versioned machines and migrations of running instances (h-versions)
import { areaDefinitionV2 } from './area/area.v2.machine';
// Gallring of personal data (h-gallring)
import { gallringDefinition } from './gallring/gallring.machine';
// The protocol machine's version 2: deadlines as due events, inhibition, late appeals, no appeal clock (h-proto2)
import { protocolDefinitionV2 } from './protocol/protocol.v2.machine';
// The protocol machine's version 3: a delegationsbeslut's own tillkännagivande (h-delegnotice)
import { protocolDefinitionV3 } from './protocol/protocol.v3.machine';
// The legal forms as the law writes them (h-forms): area v3
import { areaDefinitionV3 } from './area/area.v3.machine';

/**
 * Every machine version that a stored instance may be pinned to. A new version is added beside the old one,
 * never in its place: a persisted snapshot is a schema.
 */
export const MACHINE_DEFINITIONS: MachineDefinition[] = [
  membershipDefinition,
  collaborationDefinitionV1,
  collaborationDefinition,
  protocolDefinition,
  // Amendments and each collaboration's own rules (h-amend)
  membershipDefinitionV2,
  collaborationDefinitionV3,
  amendmentDefinition,
  // Collaboration areas
  areaDefinition,
  // plan and council
  planDefinition,
  councilDefinition,
  // Cost sharing (kostnadsfördelning)
  costRuleDefinition,
  // Chain coverage of the tables (h-chain)
  recordRegisterDefinition,
  // Versioned machines and migrations of running instances (h-versions): area v2 (D7), for migrating areas into
  areaDefinitionV2,
  // Gallring of personal data (h-gallring)
  gallringDefinition,
  // The protocol machine's version 2 (h-proto2): new paragraphs start on it; version 1 stays for the logs it wrote.
  protocolDefinitionV2,
  // The protocol machine's version 3 (h-delegnotice): new paragraphs start on it; versions 1 and 2 replay their logs.
  protocolDefinitionV3,
  // The legal forms as the law writes them (h-forms): area v3, reached by migration for now (new areas still start on v1).
  areaDefinitionV3,
];
