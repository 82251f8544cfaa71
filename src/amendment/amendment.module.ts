import { Module } from '@nestjs/common';
import { CollaborationModule } from '../collaboration/collaboration.module';
import { DecisionModule } from '../decision/decision.module';
import { DocumentModule } from '../document/document.module';
import { MunicipalityModule } from '../municipality/municipality.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { AmendmentController } from './amendment.controller';
import { AmendmentService } from './amendment.service';

/** Amendments of a collaboration's declaration (§15): owns the amendment table and its workflows. */
@Module({
  imports: [WorkflowModule, CollaborationModule, MunicipalityModule, DocumentModule, DecisionModule],
  controllers: [AmendmentController],
  providers: [AmendmentService],
  exports: [AmendmentService],
})
export class AmendmentModule {}
