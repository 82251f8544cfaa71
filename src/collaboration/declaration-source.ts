import type { DeclarationVersionRef } from '../../machines/amendment/amendment.rules';
import type { AnswerReader } from '../workflow/answer-reader';
import type { CollaborationAmendmentView } from './collaboration.views';

/** What a collaboration's view shows of its declaration's history: the version in force on a date, the amendments. */
export interface DeclarationHistory {
  declarationInForce: DeclarationVersionRef;
  amendments: CollaborationAmendmentView[];
}

/**
 * Where the amendments of a collaboration come from (src/amendment registers itself at start-up): the collaboration
 * module does not depend on the amendment module, which depends on it (memberships, settings).
 */
export interface DeclarationSource {
  historyOf(
    read: AnswerReader,
    collaboration: { id: string; slug: string; declaration: { version: string; effectiveDate: string } },
    asOf: string,
  ): Promise<DeclarationHistory>;
}
