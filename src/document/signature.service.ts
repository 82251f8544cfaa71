import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { EntityManager } from 'typeorm';
import { decisionStands } from '../../machines/protocol/decision.rules';
import { checkSignatory } from '../../machines/membership/membership.rules';
import { assertActsFor, assertMayRecordStandIn } from '../auth/access';
import { MunicipalityEntity } from '../collaboration/municipality.entity';
import { AppError, notFound } from '../common/errors';
import { Db } from '../database/db';
import { DecisionEntity } from '../decision/decision.entities';
import type { Actor } from '../workflow/actor';
import { WorkflowInstanceEntity } from '../workflow/workflow-instance.entity';
import { Clock } from '../workflow/clock';
import { DocumentEntity, DocumentVersionEntity, SignatureEntity } from './document.entities';
import type { RecordSignatureDto } from './dto/document.dto';

/**
 * Signatures of governing documents (R-B3, R-B5, D12): who signed, in which office, when, by what method, and the
 * hash of the exact text signed. A signature of another version than the one the municipality adopted is refused.
 */
@Injectable()
export class SignatureService {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async record(dto: RecordSignatureDto, actor: Actor) {
    assertActsFor(actor, dto.municipalityCode);
    assertMayRecordStandIn(actor, dto.standIn);
    const id = randomUUID();
    await this.db.write(async (m) => {
      if (!(await m.findOne(MunicipalityEntity, { where: { code: dto.municipalityCode } }))) {
        throw new AppError('NOT_FOUND', 'UNKNOWN_MUNICIPALITY', `No municipality with code ${dto.municipalityCode}.`, `Ingen kommun med kod ${dto.municipalityCode}.`);
      }
      const doc = await m.findOne(DocumentEntity, { where: { key: dto.documentKey } });
      const version = doc && (await m.findOne(DocumentVersionEntity, { where: { documentId: doc.id, version: dto.version } }));
      if (!version) throw notFound(`Version ${dto.version} of '${dto.documentKey}'`, `Version ${dto.version} av '${dto.documentKey}'`);
      // R-B3 with D12: the same rule the membership machine applies to KSO_SIGNED.
      const wrongSignatory = checkSignatory(dto.signatory, dto.standIn);
      if (wrongSignatory) throw new AppError('RULE_REFUSED', wrongSignatory.code, wrongSignatory.message, wrongSignatory.messageSv, wrongSignatory.ruleId, wrongSignatory.details);
      if (dto.signedHash !== version.sha256) {
        throw mismatch('The signed text is not the text of this version (its SHA-256 differs).', 'Den undertecknade texten är inte denna versions text (SHA-256 skiljer sig).', { signedHash: dto.signedHash, versionHash: version.sha256 });
      }
      const adopted = await this.adoptedVersion(m, dto.municipalityCode, doc!.id);
      if (adopted && adopted.id !== version.id) {
        throw mismatch(
          `The municipality adopted version ${adopted.version} of '${dto.documentKey}'; a signature of version ${dto.version} is refused.`,
          `Kommunen har antagit version ${adopted.version} av '${dto.documentKey}'; en underskrift av version ${dto.version} avvisas.`,
          { adoptedVersion: adopted.version, signedVersion: dto.version },
        );
      }
      await m.insert(SignatureEntity, {
        id,
        documentVersionId: version.id,
        municipalityCode: dto.municipalityCode,
        signatoryName: dto.signatory.name,
        signatoryOffice: dto.signatory.office,
        signedOn: dto.signedOn,
        method: dto.method,
        signedHash: dto.signedHash,
        standInBasis: dto.standIn?.legalBasis ?? null,
        recordedBy: actor.id,
        createdAt: this.clock.nowIso(),
      });
    });
    return this.get(id);
  }

  async get(id: string) {
    return this.db.read(async (m) => {
      const s = await m.findOne(SignatureEntity, { where: { id } });
      if (!s) throw notFound(`Signature ${id}`, `Underskriften ${id}`);
      const v = (await m.findOne(DocumentVersionEntity, { where: { id: s.documentVersionId } }))!;
      const doc = (await m.findOne(DocumentEntity, { where: { id: v.documentId } }))!;
      return signatureView(s, v, doc);
    });
  }

  /** The KSO_SIGNED data a membership event takes from a recorded signature. */
  async resolveForMembership(m: EntityManager, signatureId: string, code: string) {
    const s = await m.findOne(SignatureEntity, { where: { id: signatureId } });
    if (!s) throw notFound(`Signature ${signatureId}`, `Underskriften ${signatureId}`);
    if (s.municipalityCode !== code) {
      throw new AppError('RULE_REFUSED', 'SIGNATURE_WRONG_MUNICIPALITY', `The signature is for municipality ${s.municipalityCode}, not ${code}.`, `Underskriften gäller kommun ${s.municipalityCode}, inte ${code}.`, 'R-B3');
    }
    const out: Record<string, unknown> = {
      signedOn: s.signedOn,
      signatory: { name: s.signatoryName, office: s.signatoryOffice },
      signatureId: s.id,
      documentHash: s.signedHash,
    };
    if (s.standInBasis) out.standIn = { legalBasis: s.standInBasis };
    return out;
  }

  /** The version a municipality's latest adoption decision names, if any. */
  private async adoptedVersion(m: EntityManager, code: string, documentId: string) {
    const decisions = await m
      .createQueryBuilder(DecisionEntity, 'd')
      .where('d.municipality_code = :code AND d.subject = :subject AND d.document_version_id IS NOT NULL', { code, subject: 'DECLARATION_ADOPTION' })
      .orderBy('d.decided_on', 'DESC')
      .getMany();
    for (const d of decisions) {
      // Only a decision that stands counts: a draft is not yet a decision, an annulled one no longer is (R-C11).
      const state = d.workflowId ? (await m.findOne(WorkflowInstanceEntity, { where: { id: d.workflowId }, select: { state: true } }))!.state : null;
      if (!decisionStands(state)) continue;
      const v = await m.findOne(DocumentVersionEntity, { where: { id: d.documentVersionId! } });
      if (v?.documentId === documentId) return v;
    }
    return null;
  }
}

function mismatch(en: string, sv: string, details: Record<string, unknown>) {
  return new AppError('RULE_REFUSED', 'VERSION_MISMATCH', en, sv, 'R-B5', details);
}

function signatureView(s: SignatureEntity, v: DocumentVersionEntity, doc: DocumentEntity) {
  return {
    id: s.id,
    document: { key: doc.key, title: doc.title, version: v.version, versionId: v.id, sha256: v.sha256 },
    municipalityCode: s.municipalityCode,
    signatory: { name: s.signatoryName, office: s.signatoryOffice },
    signedOn: s.signedOn,
    method: s.method,
    signedHash: s.signedHash,
    standIn: s.standInBasis ? { legalBasis: s.standInBasis } : null,
    createdAt: s.createdAt,
  };
}
