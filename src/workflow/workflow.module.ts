import { Module } from '@nestjs/common';
import { Clock } from './clock';
import { DueEventsScheduler } from './due-events/due-events.scheduler';
import { DueEventsService } from './due-events/due-events.service';
import { WorkflowEngine } from './engine/workflow-engine.service';
import { WorkflowLog } from './log/workflow-log';
import { MachineRegistry } from './machine-registry';
import { VerifyService } from './verify/verify.service';
import { WorkflowController } from './workflow.controller';
// Chain coverage of the tables (h-chain)
import { TableChecks } from '../audit/table-checks';

/** The engine: the write path, the log, verify, due events and links between workflows. */
@Module({
  controllers: [WorkflowController],
  providers: [
    MachineRegistry,
    Clock,
    WorkflowLog,
    WorkflowEngine,
    VerifyService,
    DueEventsService,
    DueEventsScheduler,
    // Chain coverage of the tables (h-chain)
    TableChecks,
  ],
  exports: [WorkflowEngine, VerifyService, DueEventsService, DueEventsScheduler, Clock, MachineRegistry, TableChecks],
})
export class WorkflowModule {}
