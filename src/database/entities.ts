import { ApiTokenEntity } from '../auth/api-token.entity';
import { CollaborationEntity } from '../collaboration/collaboration.entity';
import { MembershipEntity } from '../collaboration/membership.entity';
import { BodyEntity, DecisionEntity, MatterEntity, MeetingEntity } from '../decision/decision.entities';
import { DelegationDecisionEntity } from '../decision/delegation/delegation.entity';
import { DocumentEntity, DocumentVersionEntity } from '../document/document.entities';
import { MunicipalityEntity } from '../municipality/municipality.entity';
import { SignatureEntity } from '../signature/signature.entity';
import { WorkflowDueEventEntity } from '../workflow/due-events/workflow-due-event.entity';
import { WorkflowLinkEntity } from '../workflow/links/workflow-link.entity';
import { WorkflowInstanceEntity } from '../workflow/log/workflow-instance.entity';
import { WorkflowTransitionEntity } from '../workflow/log/workflow-transition.entity';
import { AmendmentEntity } from '../amendment/amendment.entity';
// Collaboration areas
import { AreaEntity } from '../area/area.entity';
// plan and council
import { CouncilEntity } from '../council/council.entity';
import { PlanEntity } from '../plan/plan.entity';
// Cost sharing (kostnadsfördelning)
import { CostInvoiceEntity, CostRuleEntity } from '../cost/cost.entities';
// Refused attempts (h-history)
import { RefusedAttemptEntity } from '../audit/refused-attempt.entity';
// Signed checkpoints of the log (h-checkpoint)
import { CHECKPOINT_ENTITIES } from '../checkpoint/checkpoint.entities';
// Chain coverage of the tables (h-chain)
import { RecordRegisterEntity } from '../audit/record-register.entity';
// Web pages' sessions (h-web)
import { WebSessionEntity } from '../web/session/web-session.entity';

// Versioned machines and migrations of running instances (h-versions)
import { MachineDefinitionEntity } from '../workflow/versions/machine-definition.entity';
import { PersonalDatumEntity } from '../personal-data/personal-datum.entity';
// Secrecy and openness (h-secret)
import { SecrecyLiftingEntity, SecrecyMarkingEntity, SecretTextEntity } from '../personal-data/secret-text.entities';
// Sign-in by a person's name and password (h-web2)
import { PersonAccountEntity } from '../auth/person-account.entity';
/** Every table's entity; each belongs to the module of its folder, which alone reads and writes it. */
export const ENTITIES = [
  WorkflowInstanceEntity,
  WorkflowTransitionEntity,
  WorkflowDueEventEntity,
  WorkflowLinkEntity,
  ApiTokenEntity,
  MunicipalityEntity,
  CollaborationEntity,
  MembershipEntity,
  BodyEntity,
  MeetingEntity,
  MatterEntity,
  DecisionEntity,
  DocumentEntity,
  DocumentVersionEntity,
  SignatureEntity,
  // Amendments of the declaration (h-amend)
  AmendmentEntity,
  // Collaboration areas
  AreaEntity,
  // plan and council
  PlanEntity,
  CouncilEntity,
  // Cost sharing (kostnadsfördelning)
  CostRuleEntity,
  CostInvoiceEntity,
  // Refused attempts (h-history)
  RefusedAttemptEntity,
  // Signed checkpoints of the log (h-checkpoint)
  ...CHECKPOINT_ENTITIES,
  // Chain coverage of the tables (h-chain)
  RecordRegisterEntity,
  // Versioned machines and migrations of running instances (h-versions)
  MachineDefinitionEntity,
  // Web pages' sessions (h-web)
  WebSessionEntity,
  // Gallring of personal data (h-gallring)
  PersonalDatumEntity,
  // Secrecy and openness (h-secret)
  SecretTextEntity,
  SecrecyMarkingEntity,
  // Lifting a secrecy marking (h-secrecy)
  SecrecyLiftingEntity,
  // Delegationsbeslut and their anmälan (h-deleg)
  DelegationDecisionEntity,
  // Sign-in by a person's name and password (h-web2)
  PersonAccountEntity,
];
