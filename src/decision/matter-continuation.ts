/**
 * A matter that goes on (issue 11 point 3, R-H22; R-H16 once per matter): the earlier paragraphs of a matter, as
 * the rules of machines/protocol/questions.rules.ts ask for them. Read in the write's transaction; the service
 * refuses with the rule's answer before it records anything.
 */
import {
  checkContinuation,
  checkMinorityOnce,
  paragraphOutcome,
  type EarlierParagraph,
} from '../../machines/protocol/questions.rules';
import type { DecisionParagraph } from '../../machines/protocol/decision.types';
import type { ProtocolContext } from '../../machines/protocol/protocol.types';
import { AppError } from '../common/errors';
import type { WorkflowTx } from '../workflow/engine/workflow-tx';
import type { Tx } from '../database/db';
import { DecisionEntity } from './decision.entities';
import { paragraphLink } from './decision.mapping';

/** The recorded paragraphs of a matter, oldest first, and which of them a later paragraph already continues. */
async function earlierParagraphs(wtx: WorkflowTx, matterId: string, except?: string) {
  const rows = (
    await wtx.tx.find(DecisionEntity, { where: { matterId }, order: { decidedOn: 'ASC', createdAt: 'ASC' } })
  ).filter((d) => d.workflowId && d.id !== except);
  const views = await wtx.views(rows.map((d) => d.workflowId!));
  const paragraphs: EarlierParagraph[] = rows.flatMap((d) => {
    const p = (views.get(d.workflowId!)?.context as ProtocolContext | undefined)?.paragraph;
    return p
      ? [
          {
            decisionId: d.id,
            paragraphNumber: d.paragraphNumber ?? p.paragraphNumber,
            meetingDate: d.decidedOn,
            formalQuestions: p.formalQuestions ?? [],
          },
        ]
      : [];
  });
  const continued = new Set(rows.map((d) => d.continuesDecisionId).filter((x): x is string => !!x));
  return { paragraphs, continued };
}

/**
 * R-H16, R-H22: checks a new paragraph of the matter against the earlier ones, and answers the paragraph it
 * continues: the latest one that sent the matter on and that no paragraph continues yet (null: none).
 */
export async function continuationOf(
  wtx: WorkflowTx,
  matterId: string | null,
  meetingDate: string,
  p: DecisionParagraph,
): Promise<EarlierParagraph | null> {
  if (!matterId) return null;
  const { paragraphs, continued } = await earlierParagraphs(wtx, matterId);
  throwIfRefused(checkMinorityOnce(paragraphs, p));
  const open = paragraphs.filter((e) => paragraphOutcome(e) !== 'DECIDED' && !continued.has(e.decisionId)).at(-1);
  if (!open) return null;
  throwIfRefused(checkContinuation(open, meetingDate));
  return open;
}

/** R-H16: an amended draft is held to the minority right of its matter as a new paragraph is. */
export async function assertMinorityOnce(
  wtx: WorkflowTx,
  matterId: string | null,
  decisionId: string,
  p: DecisionParagraph,
): Promise<void> {
  if (!matterId) return;
  const { paragraphs } = await earlierParagraphs(wtx, matterId, decisionId);
  throwIfRefused(checkMinorityOnce(paragraphs, p));
}

function throwIfRefused(r: ReturnType<typeof checkMinorityOnce>): void {
  if (r) throw new AppError('RULE_REFUSED', r.code, r.message, r.messageSv, r.ruleId, r.details);
}

/** R-H22: both directions of a decision's continuation, as a write reads them in its transaction. */
export async function continuationLinks(tx: Tx, decision: DecisionEntity) {
  const from = decision.continuesDecisionId
    ? await tx.findOne(DecisionEntity, { where: { id: decision.continuesDecisionId } })
    : null;
  const by = await tx.findOne(DecisionEntity, { where: { continuesDecisionId: decision.id } });
  return { continuesFrom: from ? paragraphLink(from) : null, continuedBy: by ? paragraphLink(by) : null };
}
