import { Module } from '@nestjs/common';
import { Clock } from './clock';
import { DueEventsScheduler } from './due-events/due-events.scheduler';
import { DueEventsService } from './due-events/due-events.service';
import { WorkflowEngine } from './engine/workflow-engine.service';
import { WorkflowLog } from './log/workflow-log';
import { MachineRegistry } from './machine-registry';
import { VerifyService } from './verify/verify.service';
import { WorkflowController } from './workflow.controller';

/** The engine: the write path, the log, verify, due events and links between workflows. */
@Module({
  controllers: [WorkflowController],
  providers: [MachineRegistry, Clock, WorkflowLog, WorkflowEngine, VerifyService, DueEventsService, DueEventsScheduler],
  exports: [WorkflowEngine, VerifyService, DueEventsService, DueEventsScheduler, Clock, MachineRegistry],
})
export class WorkflowModule {}
