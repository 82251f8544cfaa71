import { Module } from '@nestjs/common';
import { CollaborationModule } from '../collaboration/collaboration.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { CouncilController } from './council.controller';
import { CouncilService } from './council.service';

/** Samverkansrådet of each collaboration: owns the `council` table and exports its service. */
@Module({
  imports: [WorkflowModule, CollaborationModule],
  controllers: [CouncilController],
  providers: [CouncilService],
  exports: [CouncilService],
})
export class CouncilModule {}
