import { Module } from '@nestjs/common';
import { DocumentModule } from '../document/document.module';
import { MunicipalityModule } from '../municipality/municipality.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { DecisionReferences } from './decision-references.service';
// The past as it stood (h-asof)
import { DecisionAsOf } from './decision-as-of';
import { DecisionController } from './decision.controller';
import { DecisionService } from './decision.service';
// The public notice board (h-auditor)
import { NoticeBoardReader } from './notice-board.reader';

@Module({
  imports: [WorkflowModule, MunicipalityModule, DocumentModule],
  controllers: [DecisionController],
  providers: [DecisionService, DecisionReferences, DecisionAsOf, NoticeBoardReader],
  exports: [DecisionService, DecisionReferences, NoticeBoardReader],
})
export class DecisionModule {}
