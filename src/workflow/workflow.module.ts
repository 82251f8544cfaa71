import { Module } from '@nestjs/common';
import { Clock } from './clock';
import { DueEventsScheduler } from './due-events.scheduler';
import { MachineRegistry } from './machine-registry';
import { WorkflowController } from './workflow.controller';
import { WorkflowEngine } from './workflow-engine.service';

@Module({
  controllers: [WorkflowController],
  providers: [MachineRegistry, Clock, WorkflowEngine, DueEventsScheduler],
  exports: [WorkflowEngine, Clock, MachineRegistry],
})
export class WorkflowModule {}
