import { amendmentTargets } from './amendment';
import { areaTargets } from './area';
import { authTargets } from './auth';
import { costTargets } from './cost';
import { councilTargets } from './council';
import { planTargets } from './plan';
import { collaborationTargets } from './collaboration';
import { decisionTargets } from './decision';
import { documentTargets } from './document';
import type { FuzzKit, FuzzTarget } from './kit';
import { municipalityTargets } from './municipality';
import { signatureTargets } from './signature';
import { workflowTargets } from './workflow';
// Signed checkpoints of the log (h-checkpoint)
import { checkpointTargets } from './checkpoint';
// Versioned machines and migrations of running instances (h-versions)
import { machineTargets } from './machines';
// Gallring of personal data (h-gallring)
import { gallringTargets } from './gallring';
// Delegationsbeslut, their anmälan, and secrecy markings added later (h-deleg, h-secret)
import { delegationTargets } from './delegation';
// Lifting a secrecy marking (h-secrecy)
import { secrecyTargets } from './secrecy';

export * from './kit';
export { writeRoutes, routeKey, webWriteRoutes } from './routes';

/**
 * Every module's fuzz targets. A new module with write endpoints adds a file here (`<module>.ts` exporting
 * `<module>Targets(fx)`, see decision.ts for one with set-ups) and appends one line to this list: the suite fails,
 * naming the route, when a write route of the app has no target.
 */
export const FUZZ_TARGETS: Array<(fx: FuzzKit) => FuzzTarget[]> = [
  municipalityTargets,
  collaborationTargets,
  decisionTargets,
  documentTargets,
  signatureTargets,
  workflowTargets,
  authTargets,
  areaTargets,
  amendmentTargets,
  planTargets,
  councilTargets,
  costTargets,
  // Signed checkpoints of the log (h-checkpoint)
  checkpointTargets,
  // Versioned machines and migrations of running instances (h-versions)
  machineTargets,
  // Gallring of personal data (h-gallring)
  gallringTargets,
  delegationTargets,
  // Lifting a secrecy marking (h-secrecy)
  secrecyTargets,
];
