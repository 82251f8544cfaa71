import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module';
import { CheckpointController } from './checkpoint.controller';
import { CheckpointScheduler } from './checkpoint.scheduler';
import { CheckpointService } from './checkpoint.service';
import { WitnessService } from './witness.service';

/** Signed checkpoints of the whole log, their proofs, and witnesses (docs/checkpoints.md). Reads the log, never writes it. */
@Module({
  imports: [WorkflowModule],
  controllers: [CheckpointController],
  providers: [CheckpointService, WitnessService, CheckpointScheduler],
  exports: [CheckpointService],
})
export class CheckpointModule {}
