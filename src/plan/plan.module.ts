import { Module } from '@nestjs/common';
import { CollaborationModule } from '../collaboration/collaboration.module';
import { CouncilModule } from '../council/council.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { PlanController } from './plan.controller';
import { PlanService } from './plan.service';

/**
 * The verksamhetsplaner of each collaboration: owns the `plan` table and exports PlanService, whose `planInForce`
 * and `focusAreaInForce` other modules (areas) ask.
 */
@Module({
  imports: [WorkflowModule, CollaborationModule, CouncilModule],
  controllers: [PlanController],
  providers: [PlanService],
  exports: [PlanService],
})
export class PlanModule {}
