import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module';
import { AsOfController } from './as-of.controller';
import { AsOfService } from './as-of.service';

/** The past as it stood: collaborations (and decisions) computed from the log up to an instant. */
@Module({
  imports: [WorkflowModule],
  controllers: [AsOfController],
  providers: [AsOfService],
  exports: [AsOfService],
})
export class AsOfModule {}
