import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module';
import { PersonalDataService } from './personal-data.service';
import { RevealPersonalData } from './reveal-personal-data';

/** Personal data committed by a salted hash (issue 10 §9): owns personal_datum; shows each marker as its name. */
@Module({
  imports: [WorkflowModule],
  providers: [PersonalDataService, RevealPersonalData],
  exports: [PersonalDataService],
})
export class PersonalDataModule {}
