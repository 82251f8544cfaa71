import { Injectable } from '@nestjs/common';
import { PersonalDataService } from '../../personal-data/personal-data.service';
import { Clock } from '../../workflow/clock';
import { DecisionService } from '../decision.service';
import { renderExtractPdf } from './extract-pdf';

/**
 * The protokollsutdrag as a PDF. Its names are shown before it is drawn: the answer hook that shows each stored
 * marker as its name (src/personal-data/reveal-personal-data.ts) reads text answers only, never a PDF's bytes. Its
 * certification is dated today in Stockholm, the day the extract is made.
 */
@Injectable()
export class ExtractDocuments {
  constructor(
    private readonly decisions: DecisionService,
    private readonly personal: PersonalDataService,
    private readonly clock: Clock,
  ) {}

  async pdf(decisionId: string): Promise<Buffer> {
    const view = await this.personal.revealValue(await this.decisions.getDecision(decisionId));
    return renderExtractPdf(view, this.clock.todayInStockholm());
  }
}
