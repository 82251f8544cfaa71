import { Injectable } from '@nestjs/common';
import { PersonalDataService } from '../../personal-data/personal-data.service';
import { SecretTextService } from '../../personal-data/secret-text.service';
import { Clock } from '../../workflow/clock';
import { DecisionService } from '../decision.service';
import { renderExtractPdf } from './extract-pdf';

/**
 * The protokollsutdrag as a PDF. Its names and texts are shown before it is drawn: the answer hook that shows each
 * stored marker (src/personal-data/reveal-personal-data.ts) reads text answers only, never a PDF's bytes. An extract is
 * handed out, so a text marked secret is withheld in it whoever asks (R-K12).
 * Its certification is dated today in Stockholm, the day the extract is made.
 */
@Injectable()
export class ExtractDocuments {
  constructor(
    private readonly decisions: DecisionService,
    private readonly personal: PersonalDataService,
    private readonly secrets: SecretTextService,
    private readonly clock: Clock,
  ) {}

  async pdf(decisionId: string): Promise<Buffer> {
    const view = await this.personal.revealValue(await this.decisions.getDecision(decisionId));
    return renderExtractPdf(await this.secrets.revealValue(view, null), this.clock.todayInStockholm());
  }
}
