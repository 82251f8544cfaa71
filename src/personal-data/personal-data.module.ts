import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module';
import { PersonalDataService } from './personal-data.service';
import { RevealPersonalData } from './reveal-personal-data';
import { SecretTextService } from './secret-text.service';

/**
 * Personal data committed by a salted hash (issue 10 §9): owns personal_datum; shows each marker as its name. And the
 * paragraphs' texts the same way (issue 11 §8): owns secret_text and secrecy_marking; withholds a marked one (R-K12).
 */
@Module({
  imports: [WorkflowModule],
  providers: [PersonalDataService, SecretTextService, RevealPersonalData],
  exports: [PersonalDataService, SecretTextService],
})
export class PersonalDataModule {}
