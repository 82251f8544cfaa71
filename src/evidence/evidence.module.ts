import { Module } from '@nestjs/common';
import { CheckpointModule } from '../checkpoint/checkpoint.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { EvidenceController } from './evidence.controller';
import { EvidenceService } from './evidence.service';

/** The auditor's evidence package: export of a collaboration's log (its check, `verify-export`, runs in the CLI). */
@Module({
  imports: [WorkflowModule, CheckpointModule],
  controllers: [EvidenceController],
  providers: [EvidenceService],
  exports: [EvidenceService],
})
export class EvidenceModule {}
