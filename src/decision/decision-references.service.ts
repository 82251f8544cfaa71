import { Injectable, type OnModuleInit } from '@nestjs/common';
import { In } from 'typeorm';
import { randomUUID } from 'crypto';
import type { DecisionRef } from '../../machines/membership/membership.types';
import { checkDecisionDrives, decisionStands, SUBJECT_OF_EVENT } from '../../machines/protocol/decision.rules';
import { paragraphOutcome } from '../../machines/protocol/questions.rules';
import type { ProtocolContext } from '../../machines/protocol/protocol.types';
import { inhibitionInForce, stopOf } from '../../machines/protocol/protocol.v2.rules';
import { decisionCauseKey } from '../../machines/protocol/protocol.rules';
import { WorkflowHistory } from '../workflow/history/workflow-history';
import type { WorkflowStop } from '../workflow/history/history.views';
import { plainJson } from '../common/canonical-json';
import { AppError, notFound } from '../common/errors';
import type { Tx } from '../database/db';
import { DocumentService } from '../document/document.service';
import { Clock } from '../workflow/clock';
import { WorkflowEngine } from '../workflow/engine/workflow-engine.service';
import { DecisionEntity, MatterEntity } from './decision.entities';
import { DecisionRows } from './decision.repository';

/**
 * What other modules ask of the decision records, in their own transaction: the decision a membership event rests
 * on (D10, R-C11), the minimal record of an inline decision, and the version of a document a municipality adopted.
 */
@Injectable()
export class DecisionReferences implements OnModuleInit {
  constructor(
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
    private readonly documents: DocumentService,
    private readonly history: WorkflowHistory,
  ) {}

  /** R-I13: a workflow's history and view show the decisions under inhibition that drove it. */
  onModuleInit(): void {
    this.history.useStopReader((tx, keys) => this.stopsOf(tx, keys));
  }

  /** The decisions among the cause keys (`decision:<id>`) whose inhibition is in force, as a stop (R-I13). */
  async stopsOf(tx: Tx, causeKeys: string[]): Promise<WorkflowStop[]> {
    const ids = causeKeys.filter((k) => k.startsWith('decision:')).map((k) => k.slice('decision:'.length));
    if (!ids.length) return [];
    const decisions = await tx.find(DecisionEntity, { where: { id: In(ids) } });
    const out: WorkflowStop[] = [];
    for (const d of decisions) {
      const protocol = await this.protocolOf(tx, d);
      const stop = protocol ? stopOf(protocol.context) : null;
      if (stop) out.push({ causeKey: decisionCauseKey(d.id), ...stop });
    }
    return out;
  }

  /**
   * The decision an event references (of a membership, an area, an amendment: SUBJECT_OF_EVENT names the subject): the right municipality, collaboration and subject, justerat (D10)
   * and not annulled (R-C11). The organ is left to the membership rules (WRONG_DECISION_ORGAN, R-B2, R-C1).
   */
  async resolveForEvent(
    tx: Tx,
    decisionId: string,
    code: string,
    slug: string,
    eventType: string,
  ): Promise<DecisionRef> {
    const decision = await tx.findOne(DecisionEntity, { where: { id: decisionId } });
    if (!decision) throw notFound(`Decision ${decisionId}`, `Beslutet ${decisionId}`);
    const protocol = await this.protocolOf(tx, decision);
    const refused = checkDecisionDrives(
      {
        municipalityCode: decision.municipalityCode,
        collaboration: decision.collaboration,
        subject: decision.subject,
        protocolState: protocol?.state ?? null,
        // R-H22, R-I13: a matter sent on decides nothing; an inhibited decision drives nothing new.
        ...(protocol ? { matterOutcome: paragraphOutcome(protocol.context.paragraph) } : {}),
        ...(protocol ? { inhibition: inhibitionInForce(protocol.context) } : {}),
      },
      { municipalityCode: code, collaboration: slug, eventType },
    );
    if (refused)
      throw new AppError('RULE_REFUSED', refused.code, refused.message, refused.messageSv, refused.ruleId, {
        decisionId,
      });
    const ref: DecisionRef = {
      organ: decision.organ as DecisionRef['organ'],
      date: decision.decidedOn,
      decisionId: decision.id,
    };
    if (decision.paragraphNumber) ref.paragraph = decision.paragraphNumber;
    if (decision.matterId)
      ref.diarienummer = (await tx.findOne(MatterEntity, { where: { id: decision.matterId } }))?.diarienummer;
    const documentHash = decision.documentVersionId
      ? (await this.documents.versionById(tx, decision.documentVersionId))?.sha256
      : undefined;
    if (documentHash) ref.documentHash = documentHash;
    return plainJson(ref);
  }

  /** The inline form keeps working: it creates a minimal decision record (no protocol lifecycle). */
  async createMinimal(
    tx: Tx,
    code: string,
    slug: string,
    eventType: string,
    decision: DecisionRef,
    stableId?: string,
  ): Promise<string> {
    const id = stableId ?? randomUUID();
    if (stableId && (await tx.findOne(DecisionEntity, { where: { id } }))) return id;
    const matter = { title: `${eventType} (${slug})`, diarienummer: decision.diarienummer };
    const matterId = decision.diarienummer ? await DecisionRows.upsertMatter(tx, code, matter) : null;
    await tx.insert(DecisionEntity, {
      id,
      municipalityCode: code,
      bodyId: null,
      meetingId: null,
      matterId,
      organ: decision.organ,
      decidedOn: decision.date,
      paragraphNumber: decision.paragraph ?? null,
      subject: Object.hasOwn(SUBJECT_OF_EVENT, eventType) ? SUBJECT_OF_EVENT[eventType] : 'OTHER',
      collaboration: slug,
      documentVersionId: null,
      minimal: true,
      workflowId: null,
      createdAt: this.clock.nowIso(),
    });
    return id;
  }

  /** The version of a document that a municipality's latest standing adoption decision names, if any (R-B5). */
  async adoptedVersion(tx: Tx, code: string, documentId: string): Promise<{ id: string; version: string } | null> {
    const decisions = await tx.find(DecisionEntity, {
      where: { municipalityCode: code, subject: 'DECLARATION_ADOPTION' },
      order: { decidedOn: 'DESC' },
    });
    for (const d of decisions) {
      if (!d.documentVersionId) continue;
      // Only a decision that stands counts: a draft is not yet a decision, an annulled one no longer is (R-C11).
      if (!decisionStands(await this.protocolState(tx, d))) continue;
      const v = await this.documents.versionById(tx, d.documentVersionId);
      if (v?.documentId === documentId) return { id: v.id, version: v.version };
    }
    return null;
  }

  async assertVersionExists(tx: Tx, documentVersionId: string | undefined): Promise<void> {
    if (documentVersionId && !(await this.documents.versionById(tx, documentVersionId))) {
      throw notFound(`Document version ${documentVersionId}`, `Dokumentversionen ${documentVersionId}`);
    }
  }

  /** The state and context of the decision's protocol workflow; null for a minimal record. */
  private async protocolOf(tx: Tx, d: DecisionEntity): Promise<{ state: string; context: ProtocolContext } | null> {
    if (!d.workflowId) return null;
    const s = (await this.engine.snapshotsOf(tx, [d.workflowId])).get(d.workflowId);
    return s ? { state: s.state, context: s.context as ProtocolContext } : null;
  }

  /** The state of the decision's protocol workflow, as the engine has it; null for a minimal record. */
  private async protocolState(tx: Tx, d: DecisionEntity): Promise<string | null> {
    if (!d.workflowId) return null;
    return (await this.engine.statesOf(tx, [d.workflowId])).get(d.workflowId) ?? null;
  }
}
