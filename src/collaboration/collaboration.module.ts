import { Module } from '@nestjs/common';
import { DecisionModule } from '../decision/decision.module';
import { SignatureModule } from '../signature/signature.module';
import { MunicipalityModule } from '../municipality/municipality.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { CollaborationController } from './collaboration.controller';
import { CollaborationService } from './collaboration.service';
import { MembershipController } from './membership.controller';
import { MembershipService } from './membership.service';

/**
 * A collaboration under a declaration of intent (samverkan, not a samverkansområde) with its settings, and the
 * memberships of its parties: a membership exists only as a party of its collaboration, so the two share a module.
 */
@Module({
  imports: [WorkflowModule, MunicipalityModule, DecisionModule, SignatureModule],
  controllers: [CollaborationController, MembershipController],
  providers: [CollaborationService, MembershipService],
  exports: [CollaborationService, MembershipService],
})
export class CollaborationModule {}
