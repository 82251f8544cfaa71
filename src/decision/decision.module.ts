import { Module } from '@nestjs/common';
import { DocumentModule } from '../document/document.module';
import { MunicipalityModule } from '../municipality/municipality.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { DecisionReferences } from './decision-references.service';
// The past as it stood (h-asof)
import { DecisionAsOf } from './decision-as-of';
import { DecisionController } from './decision.controller';
import { DecisionService } from './decision.service';
import { BodyOpennessService } from './body-openness.service';
import { ExtractDocuments } from './extract/extract-documents';
// Gallring of personal data (h-gallring)
import { PersonalDataModule } from '../personal-data/personal-data.module';
import { DecisionPersons } from './decision-persons';
import { MeetingList } from './meeting-list';
// The public notice board (h-auditor)
import { NoticeBoardReader } from './notice-board.reader';
// Secrecy and openness (h-secret)
import { DecisionSecrecy } from './decision-secrecy';
// Delegationsbeslut and their anmälan (h-deleg)
import { DelegationController } from './delegation/delegation.controller';
import { DelegationService } from './delegation/delegation.service';

@Module({
  imports: [WorkflowModule, MunicipalityModule, DocumentModule, PersonalDataModule],
  controllers: [DecisionController, DelegationController],
  providers: [
    DecisionService,
    BodyOpennessService,
    DecisionReferences,
    DecisionAsOf,
    DecisionPersons,
    MeetingList,
    NoticeBoardReader,
    ExtractDocuments,
    DecisionSecrecy,
    DelegationService,
  ],
  exports: [
    DecisionService,
    DecisionReferences,
    DecisionPersons,
    MeetingList,
    NoticeBoardReader,
    ExtractDocuments,
    DelegationService,
    // The clerk's page of a paragraph's secrecy (h-secrecy)
    DecisionSecrecy,
  ],
})
export class DecisionModule {}
