import { ApiTokenEntity } from '../auth/api-token.entity';
import { CollaborationEntity } from '../collaboration/collaboration.entity';
import { MembershipEntity } from '../collaboration/membership.entity';
import { MunicipalityEntity } from '../collaboration/municipality.entity';
import { BodyEntity, DecisionEffectEntity, DecisionEntity, MatterEntity, MeetingEntity } from '../decision/decision.entities';
import { DocumentEntity, DocumentVersionEntity, SignatureEntity } from '../document/document.entities';
import { WorkflowDueEventEntity } from '../workflow/workflow-due-event.entity';
import { WorkflowInstanceEntity } from '../workflow/workflow-instance.entity';
import { WorkflowTransitionEntity } from '../workflow/workflow-transition.entity';

export const ENTITIES = [
  WorkflowInstanceEntity,
  WorkflowTransitionEntity,
  WorkflowDueEventEntity,
  ApiTokenEntity,
  MunicipalityEntity,
  CollaborationEntity,
  MembershipEntity,
  BodyEntity,
  MeetingEntity,
  MatterEntity,
  DecisionEntity,
  DecisionEffectEntity,
  DocumentEntity,
  DocumentVersionEntity,
  SignatureEntity,
];
