import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module';
import { RefusedAttemptsController } from './refused-attempts.controller';
import { RefusedAttemptsService } from './refused-attempts.service';

/** Refused attempts (issue 10, point 7): owns the refused_attempt table; the engine hands it what it refused. */
@Module({
  imports: [WorkflowModule],
  controllers: [RefusedAttemptsController],
  providers: [RefusedAttemptsService],
  exports: [RefusedAttemptsService],
})
export class RefusedAttemptsModule {}
