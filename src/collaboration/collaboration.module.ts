import { Module } from '@nestjs/common';
import { DecisionModule } from '../decision/decision.module';
import { DocumentModule } from '../document/document.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { CollaborationController, MunicipalityController } from './collaboration.controller';
import { CollaborationService } from './collaboration.service';

@Module({
  imports: [WorkflowModule, DecisionModule, DocumentModule],
  controllers: [CollaborationController, MunicipalityController],
  providers: [CollaborationService],
  exports: [CollaborationService],
})
export class CollaborationModule {}
