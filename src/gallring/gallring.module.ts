import { Module } from '@nestjs/common';
import { DecisionModule } from '../decision/decision.module';
import { PersonalDataModule } from '../personal-data/personal-data.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { GallringController } from './gallring.controller';
import { GallringService } from './gallring.service';

/** Gallring of personal data under a gallringsbeslut (issue 10 §9): the endpoint and the CLI's `gallra`. */
@Module({
  imports: [WorkflowModule, DecisionModule, PersonalDataModule],
  controllers: [GallringController],
  providers: [GallringService],
  exports: [GallringService],
})
export class GallringModule {}
