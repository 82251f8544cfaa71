import { Injectable } from '@nestjs/common';
import type { DecisionParagraph } from '../../machines/protocol/decision.types';
import { checkSecrecyLifting, markingsInForce } from '../../machines/protocol/secrecy-lifting.rules';
import { checkSecrecyMarking, secrecyMarkingOf } from '../../machines/protocol/secrecy.rules';
import type { Tx } from '../database/db';
import { assertActsFor } from '../auth/access';
import { notFound } from '../common/errors';
import { SecretTextService } from '../personal-data/secret-text.service';
import type { Actor } from '../workflow/actor';
import { WorkflowEngine } from '../workflow/engine/workflow-engine.service';
import { DecisionEntity } from './decision.entities';
import { DecisionPersons } from './decision-persons';
import { minimalRecord, paragraphOf, throwIfRefused } from './decision-checks';
import { DecisionService } from './decision.service';
import type { DecisionView } from './decision.views';
import type { LiftSecrecyDto, SecrecyMarkingDto } from './dto/secrecy.dto';

/**
 * Sekretessmarkering of a recorded paragraph (issue 11 §8, R-K7). A marking added later is a record of its own,
 * hashed into the municipality's register (a logged event), never a rewrite of the paragraph: its texts are in the
 * log as markers from the start (decision-persons.ts), so the marking withholds them from then on wherever the reader
 * has no right to them (R-K12), and always in an extract, on a public page and in an export.
 */
@Injectable()
export class DecisionSecrecy {
  constructor(
    private readonly engine: WorkflowEngine,
    private readonly decisions: DecisionService,
    private readonly persons: DecisionPersons,
    private readonly secrets: SecretTextService,
  ) {}

  async mark(decisionId: string, dto: SecrecyMarkingDto, actor: Actor): Promise<DecisionView> {
    return this.engine.transaction(async (wtx) => {
      const decision = await heldBy(wtx.tx, decisionId, actor);
      if (!decision.workflowId) throw minimalRecord();
      const view = (await wtx.views([decision.workflowId])).get(decision.workflowId);
      const paragraph = paragraphOf(view?.context) as DecisionParagraph;
      // A lifted marking does not stand in the way of a new one: a later prövning may find the secrecy applies again.
      const earlier = markingsInForce(await this.secrets.markingsOf(decisionId, wtx.tx));
      const marking = secrecyMarkingOf(dto);
      const committed = await this.persons.committedAt(wtx.tx, decision.meetingId);
      throwIfRefused(checkSecrecyMarking(paragraph, marking, earlier, committed));
      await this.secrets.mark(wtx, actor, { municipalityCode: decision.municipalityCode, decisionId }, marking);
      return this.decisions.getDecision(decisionId, wtx);
    });
  }

  /**
   * R-K13: a sekretessprövning found that the secrecy no longer applies. The lifting is a record of its own beside the
   * marking, so the texts show from then on (in the extract and the public extract too) and the history keeps both.
   */
  async lift(decisionId: string, dto: LiftSecrecyDto, actor: Actor): Promise<DecisionView> {
    return this.engine.transaction(async (wtx) => {
      const decision = await heldBy(wtx.tx, decisionId, actor);
      const markings = await this.secrets.standingsOf(decisionId, wtx.tx);
      const lifting = {
        field: dto.field ?? null,
        decidedOn: dto.decidedOn,
        decidedBy: dto.decidedBy,
        reason: dto.reason,
      };
      throwIfRefused(checkSecrecyLifting(markings, lifting));
      const marking = markingsInForce(markings).find((m) => m.field === lifting.field)!;
      const at = { municipalityCode: decision.municipalityCode, decisionId, markingId: marking.id };
      await this.secrets.lift(wtx, actor, at, lifting);
      return this.decisions.getDecision(decisionId, wtx);
    });
  }
}

/** The decision, which only its own municipality (its clerks, or the admin) marks or lifts. */
async function heldBy(tx: Tx, decisionId: string, actor: Actor): Promise<DecisionEntity> {
  const decision = await tx.findOne(DecisionEntity, { where: { id: decisionId } });
  if (!decision) throw notFound(`Decision ${decisionId}`, `Beslutet ${decisionId}`);
  assertActsFor(actor, decision.municipalityCode);
  return decision;
}
