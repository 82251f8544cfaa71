import { Module } from '@nestjs/common';
import { Clock } from './clock';
import { DueEventsScheduler } from './due-events/due-events.scheduler';
import { DueEventsService } from './due-events/due-events.service';
import { WorkflowEngine } from './engine/workflow-engine.service';
import { WorkflowLog } from './log/workflow-log';
import { MachineRegistry } from './machine-registry';
import { VerifyService } from './verify/verify.service';
// History that reads like a record (h-history)
import { ActorDirectory } from './history/actor-directory';
import { WorkflowHistory } from './history/workflow-history';
import { WorkflowController } from './workflow.controller';
// Chain coverage of the tables (h-chain)
import { TableChecks } from '../audit/table-checks';
// Verify at every scale (h-verify)
import { VerifyController } from './verify/verify.controller';
import { VerifyJobsService } from './verify/verify-jobs.service';
import { VerifyRunService } from './verify/verify-run.service';
// Versioned machines and migrations of running instances (h-versions)
import { InstanceMigrationService } from './migrations/instance-migration.service';
import { MigrationsController } from './migrations/migrations.controller';
import { DefinitionRecords } from './versions/definition-records';

/** The engine: the write path, the log, verify, due events, links between workflows, and machine versions. */
@Module({
  controllers: [
    WorkflowController,
    // Verify at every scale (h-verify)
    VerifyController,
    // Versioned machines and migrations of running instances (h-versions)
    MigrationsController,
  ],
  providers: [
    MachineRegistry,
    Clock,
    WorkflowLog,
    WorkflowEngine,
    VerifyService,
    DueEventsService,
    DueEventsScheduler,
    ActorDirectory,
    WorkflowHistory,
    // Verify at every scale (h-verify)
    VerifyRunService,
    VerifyJobsService,
    // Chain coverage of the tables (h-chain)
    TableChecks,
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
    ActorDirectory,
    WorkflowHistory,
    // Verify at every scale (h-verify)
    VerifyRunService,
    // Chain coverage of the tables (h-chain)
    TableChecks,
    InstanceMigrationService,
    // The auditor's pages run verify as the API's jobs (h-audpages)
    VerifyJobsService,
  ],
})
export class WorkflowModule {}
