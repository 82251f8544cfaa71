import { Module } from '@nestjs/common';
import { AreaModule } from '../area/area.module';
import { CollaborationModule } from '../collaboration/collaboration.module';
import { MunicipalityModule } from '../municipality/municipality.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { CostController } from './cost.controller';
import { CostRuleService } from './cost-rule.service';
import { InvoicingService } from './invoicing.service';

/** Cost sharing (kostnadsfördelning): cost rules and their invoices, each rule a `cost-rule` workflow. */
@Module({
  imports: [WorkflowModule, MunicipalityModule, CollaborationModule, AreaModule],
  controllers: [CostController],
  providers: [CostRuleService, InvoicingService],
  exports: [CostRuleService, InvoicingService],
})
export class CostModule {}
