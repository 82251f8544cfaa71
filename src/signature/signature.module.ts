import { Module } from '@nestjs/common';
import { DecisionModule } from '../decision/decision.module';
import { DocumentModule } from '../document/document.module';
import { MunicipalityModule } from '../municipality/municipality.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { SignatureController } from './signature.controller';
import { SignatureService } from './signature.service';

@Module({
  imports: [WorkflowModule, MunicipalityModule, DocumentModule, DecisionModule],
  controllers: [SignatureController],
  providers: [SignatureService],
  exports: [SignatureService],
})
export class SignatureModule {}
