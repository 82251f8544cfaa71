import { Module } from '@nestjs/common';
import { CollaborationModule } from '../collaboration/collaboration.module';
import { DecisionModule } from '../decision/decision.module';
import { DocumentModule } from '../document/document.module';
import { MunicipalityModule } from '../municipality/municipality.module';
import { PlanModule } from '../plan/plan.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { AreaController } from './area.controller';
import { AreaReader } from './area.reader';
import { AreaService } from './area.service';

/** Collaboration areas (samverkansområden): their workflows, the index table `area`, the coordinator's view. */
@Module({
  imports: [WorkflowModule, MunicipalityModule, DecisionModule, DocumentModule, CollaborationModule, PlanModule],
  controllers: [AreaController],
  providers: [AreaService, AreaReader],
  exports: [AreaService, AreaReader],
})
export class AreaModule {}
