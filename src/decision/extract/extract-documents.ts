import { Injectable } from '@nestjs/common';
import { PersonalDataService } from '../../personal-data/personal-data.service';
import { DecisionService } from '../decision.service';
import { renderExtractPdf } from './extract-pdf';

/**
 * The protokollsutdrag as a PDF. Its names are shown before it is drawn: the answer hook that shows each stored
 * marker as its name (src/personal-data/reveal-personal-data.ts) reads text answers only, never a PDF's bytes.
 */
@Injectable()
export class ExtractDocuments {
  constructor(
    private readonly decisions: DecisionService,
    private readonly personal: PersonalDataService,
  ) {}

  async pdf(decisionId: string): Promise<Buffer> {
    return renderExtractPdf(await this.personal.revealValue(await this.decisions.getDecision(decisionId)));
  }
}
