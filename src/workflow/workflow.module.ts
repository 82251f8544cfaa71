import { Module } from '@nestjs/common';
import { Clock } from './clock';
import { DueEventsScheduler } from './due-events/due-events.scheduler';
import { DueEventsService } from './due-events/due-events.service';
import { WorkflowEngine } from './engine/workflow-engine.service';
import { WorkflowLog } from './log/workflow-log';
import { MachineRegistry } from './machine-registry';
import { VerifyService } from './verify/verify.service';
import { WorkflowController } from './workflow.controller';
// Versioned machines and migrations of running instances (h-versions)
import { InstanceMigrationService } from './migrations/instance-migration.service';
import { MigrationsController } from './migrations/migrations.controller';
import { DefinitionRecords } from './versions/definition-records';

/** The engine: the write path, the log, verify, due events, links between workflows, and machine versions. */
@Module({
  controllers: [WorkflowController, MigrationsController],
  providers: [
    MachineRegistry,
    Clock,
    WorkflowLog,
    WorkflowEngine,
    VerifyService,
    DueEventsService,
    DueEventsScheduler,
    DefinitionRecords,
    InstanceMigrationService,
  ],
  exports: [
    WorkflowEngine,
    VerifyService,
    DueEventsService,
    DueEventsScheduler,
    Clock,
    MachineRegistry,
    InstanceMigrationService,
  ],
})
export class WorkflowModule {}
