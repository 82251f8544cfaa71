import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { DecisionModule } from './decision/decision.module';
import { DocumentModule } from './document/document.module';
import { CollaborationModule } from './collaboration/collaboration.module';
import { AppConfig } from './config/app-config';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health.controller';
import { MunicipalityModule } from './municipality/municipality.module';
import { SignatureModule } from './signature/signature.module';
import { WorkflowModule } from './workflow/workflow.module';
// The past as it stood (h-asof)
import { AsOfModule } from './as-of/as-of.module';
import { AmendmentModule } from './amendment/amendment.module';
// Collaboration areas
import { AreaModule } from './area/area.module';
// plan and council
import { CouncilModule } from './council/council.module';
import { PlanModule } from './plan/plan.module';
// Cost sharing (kostnadsfördelning)
import { CostModule } from './cost/cost.module';
// The auditor's evidence package
import { EvidenceModule } from './evidence/evidence.module';
// Refused attempts (h-history)
import { RefusedAttemptsModule } from './audit/refused-attempts.module';
// Signed checkpoints of the log (h-checkpoint)
import { CheckpointModule } from './checkpoint/checkpoint.module';
// Web pages (h-web)
import { WebModule } from './web/web.module';
// Gallring of personal data (h-gallring)
import { GallringModule } from './gallring/gallring.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        DatabaseModule,
        AuthModule,
        WorkflowModule,
        MunicipalityModule,
        DocumentModule,
        DecisionModule,
        SignatureModule,
        CollaborationModule,
        CalendarModule,
        // Amendments of the declaration (h-amend)
        AmendmentModule,
        // Collaboration areas
        AreaModule,
        // plan and council
        CouncilModule,
        PlanModule,
        // Cost sharing (kostnadsfördelning)
        CostModule,
        // The auditor's evidence package
        EvidenceModule,
        // Refused attempts (h-history)
        RefusedAttemptsModule,
        // Signed checkpoints of the log (h-checkpoint)
        CheckpointModule,
        // The past as it stood (h-asof)
        AsOfModule,
        // Web pages (h-web)
        WebModule,
        // Gallring of personal data (h-gallring)
        GallringModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}
