import { Injectable } from '@nestjs/common';
import { checkOpenMeetingsDecision } from '../../machines/protocol/openness.rules';
import { registerRecords } from '../audit/record-register';
import { assertActsFor } from '../auth/access';
import { AppError, notFound } from '../common/errors';
import type { Actor } from '../workflow/actor';
import { WorkflowEngine } from '../workflow/engine/workflow-engine.service';
import { throwIfRefused } from './decision-checks';
import { BodyEntity } from './decision.entities';
import { bodyView } from './decision.mapping';
import type { OpenMeetingsDecisionDto } from './dto/decision.dto';
import type { BodyView } from './meeting.views';

/**
 * R-H18: fullmäktige's decision that lets an existing nämnd (KS, utskott) meet in public, recorded after the body was.
 * The body's row is registered again in the log with its new hash (src/audit/record-register.ts), so the table checks
 * vouch for the row as it now stands and the log keeps the row as it stood before.
 */
@Injectable()
export class BodyOpennessService {
  constructor(private readonly engine: WorkflowEngine) {}

  async recordOpenMeetingsDecision(bodyId: string, dto: OpenMeetingsDecisionDto, actor: Actor): Promise<BodyView> {
    return this.engine.transaction(async (wtx) => {
      const body = await wtx.tx.findOne(BodyEntity, { where: { id: bodyId } });
      if (!body) throw notFound(`Body ${bodyId}`, `Organet ${bodyId}`);
      assertActsFor(actor, body.municipalityCode);
      throwIfRefused(checkOpenMeetingsDecision(body));
      // One decision a body: a meeting recorded as open was checked against it, so it is not replaced afterwards.
      if (body.openMeetingsDecidedOn) {
        throw new AppError(
          'CONFLICT',
          'OPEN_MEETINGS_DECISION_EXISTS',
          `${body.name} already records fullmäktige's decision allowing open meetings (${body.openMeetingsReference}, ${body.openMeetingsDecidedOn}).`,
          `${body.name} har redan fullmäktiges beslut om offentliga sammanträden registrerat (${body.openMeetingsReference}, ${body.openMeetingsDecidedOn}).`,
          undefined,
          { decidedOn: body.openMeetingsDecidedOn, reference: body.openMeetingsReference },
        );
      }
      const decision = { openMeetingsDecidedOn: dto.decidedOn, openMeetingsReference: dto.reference };
      await wtx.tx.update(BodyEntity, { id: body.id }, decision);
      const updated = Object.assign(body, decision);
      await registerRecords(wtx, actor, body.municipalityCode, [{ table: 'body', row: updated }]);
      return bodyView(updated);
    });
  }
}
