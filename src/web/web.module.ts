import { Module, OnModuleInit, RequestMethod } from '@nestjs/common';
import type { RouteInfo } from '@nestjs/common/interfaces';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AreaModule } from '../area/area.module';
import { AuthModule } from '../auth/auth.module';
import { CollaborationModule } from '../collaboration/collaboration.module';
import { CostModule } from '../cost/cost.module';
import { DecisionModule } from '../decision/decision.module';
import { AssetsController } from './assets.controller';
import { AreaPagesController } from './coordinator/area-pages.controller';
import { CollaborationPagesController } from './coordinator/collaboration-pages.controller';
import { registerFormParser } from './form-body';
import { RulesController } from './rules.controller';
import { WebSessionService } from './session/web-session.service';
import { SignInController } from './sign-in.controller';
import { WebAuth } from './web-auth';
import { WorkflowModule } from '../workflow/workflow.module';
// The clerk's pages (h-clerk)
import { PersonalDataModule } from '../personal-data/personal-data.module';
import { ClerkPagesController } from './clerk/clerk-pages.controller';
// The clerk's delegationsbeslut (h-delegnotice)
import { DelegationPagesController } from './clerk/delegation-pages.controller';
// A paragraph's secrecy on the clerk's pages (h-secrecy)
import { SecrecyPagesController } from './clerk/secrecy-pages.controller';
// The auditor's pages and the public notice board (h-auditor)
import { BoardController } from './board/board.controller';
// The auditor's pages (h-audpages)
import { AsOfModule } from '../as-of/as-of.module';
import { RefusedAttemptsModule } from '../audit/refused-attempts.module';
import { DocumentModule } from '../document/document.module';
import { EvidenceModule } from '../evidence/evidence.module';
import { SignatureModule } from '../signature/signature.module';
import { AuditIndex } from './auditor/audit-index';
import { AuditPagesController } from './auditor/audit-pages.controller';
import { VerifyPagesController } from './auditor/verify-pages.controller';
// What waits on my municipality, its memberships (h-web2)
import { AmendmentModule } from '../amendment/amendment.module';
import { CouncilModule } from '../council/council.module';
import { PlanModule } from '../plan/plan.module';
import { MunicipalityPagesController } from './municipality/municipality-pages.controller';
import { AmendmentPagesController } from './coordinator/amendment-pages.controller';
import { CouncilPagesController } from './coordinator/council-pages.controller';
import { PlanPagesController } from './coordinator/plan-pages.controller';
import { WaitingReader } from './municipality/waiting-reader';
// An instance's diagram as SVG (h-docsout)
import { DiagramPagesController } from './diagram-pages.controller';
// The coordinator's cost pages (h-coordcost)
import { CostPagesController } from './coordinator/cost-pages.controller';

/**
 * The paths of the pages, outside the API's /api/v1 prefix (bootstrap.ts excludes them). A new page's controller
 * path goes here too (docs/web.md, "Adding a page").
 */
export const WEB_PATHS = [
  '/',
  'logga-in',
  // sign-in by a person's name and password (h-web2)
  'logga-in/*path',
  'logga-ut',
  'regler',
  'assets/*path',
  'samverkan',
  'samverkan/*path',
  'omraden/*path',
  'beslut/*path',
  // the clerk's pages (h-clerk)
  'protokoll',
  'protokoll/*path',
  // The public notice board (h-auditor)
  'anslagstavla',
  'anslagstavla/*path',
  // The auditor's pages (h-audpages)
  'granskning',
  'granskning/*path',
  // the municipality's pages: what waits on it, its memberships (h-web2)
  'kommun',
  'kommun/*path',
  // An instance's diagram (h-docsout)
  'arbetsfloden/*path',
];
export const WEB_ROUTES: RouteInfo[] = WEB_PATHS.map((path) => ({ path, method: RequestMethod.ALL }));

/** The web pages (docs/web.md): server-rendered HTML over the services, with sessions of their own (web_session). */
@Module({
  imports: [
    WorkflowModule,
    // The clerk's forms read the meeting's names as typed, not as their markers (issue 10 §9)
    PersonalDataModule,
    AuthModule,
    CollaborationModule,
    AreaModule,
    CostModule,
    DecisionModule,
    // The auditor's pages (h-audpages)
    AsOfModule,
    RefusedAttemptsModule,
    EvidenceModule,
    DocumentModule,
    SignatureModule,
    // What waits on my municipality (h-web2)
    AmendmentModule,
    // The coordinator's plan and council pages (h-coordplan)
    PlanModule,
    CouncilModule,
  ],
  controllers: [
    SignInController,
    AssetsController,
    RulesController,
    CollaborationPagesController,
    AreaPagesController,
    ClerkPagesController,
    DelegationPagesController,
    SecrecyPagesController,
    // The auditor's pages and the public notice board (h-auditor)
    BoardController,
    // The auditor's pages (h-audpages)
    AuditPagesController,
    VerifyPagesController,
    // What waits on my municipality, its memberships (h-web2)
    MunicipalityPagesController,
    AmendmentPagesController,
    // The operational plan and Samverkansrådet (h-coordplan)
    PlanPagesController,
    CouncilPagesController,
    // An instance's diagram as SVG (h-docsout)
    DiagramPagesController,
    // The coordinator's cost pages (h-coordcost)
    CostPagesController,
  ],
  providers: [WebSessionService, WebAuth, AuditIndex, WaitingReader],
})
export class WebModule implements OnModuleInit {
  constructor(private readonly adapter: HttpAdapterHost) {}

  /** The pages' form bodies; an application context without HTTP (a test, a script) has no server to teach. */
  onModuleInit(): void {
    const http = this.adapter.httpAdapter;
    if (http) registerFormParser(http.getInstance<FastifyInstance>());
  }
}
