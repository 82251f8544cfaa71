import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module';
import { CollaborationController, MunicipalityController } from './collaboration.controller';
import { CollaborationService } from './collaboration.service';

@Module({
  imports: [WorkflowModule],
  controllers: [CollaborationController, MunicipalityController],
  providers: [CollaborationService],
  exports: [CollaborationService],
})
export class CollaborationModule {}
