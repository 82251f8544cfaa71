import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { checkSignature } from '../../machines/membership/signature.rules';
import { assertActsFor, assertMayRecordStandIn } from '../auth/access';
import { AppError, notFound } from '../common/errors';
import { Db, type Tx } from '../database/db';
import { DecisionReferences } from '../decision/decision-references.service';
import { DocumentService } from '../document/document.service';
import { MunicipalityService } from '../municipality/municipality.service';
import type { Actor } from '../workflow/actor';
import { Clock } from '../workflow/clock';
import { WorkflowEngine } from '../workflow/engine/workflow-engine.service';
import { registerRecords } from '../audit/record-register';
import type { RecordSignatureDto } from './dto/signature.dto';
import { SignatureEntity } from './signature.entity';
import type { SignatureView } from './signature.views';

/**
 * Signatures of governing documents (R-B3, R-B5, D12): who signed, in which office, when, by what method, and the
 * hash of the exact text signed. The rules are machines/membership/signature.rules.ts; this records and reads.
 */
@Injectable()
export class SignatureService {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly clock: Clock,
    private readonly municipalities: MunicipalityService,
    private readonly documents: DocumentService,
    private readonly decisions: DecisionReferences,
    private readonly engine: WorkflowEngine,
  ) {}

  async record(dto: RecordSignatureDto, actor: Actor): Promise<SignatureView> {
    assertActsFor(actor, dto.municipalityCode);
    assertMayRecordStandIn(actor, dto.standIn);
    const id = randomUUID();
    // The signature is registered in the log in the same transaction (src/audit/record-register.ts).
    return this.engine.transaction(async (wtx) => {
      const { tx } = wtx;
      await this.municipalities.get(tx, dto.municipalityCode);
      const version = await this.documents.versionByKey(tx, dto.documentKey, dto.version);
      if (!version)
        throw notFound(
          `Version ${dto.version} of '${dto.documentKey}'`,
          `Version ${dto.version} av '${dto.documentKey}'`,
        );
      const adopted = await this.decisions.adoptedVersion(tx, dto.municipalityCode, version.documentId);
      const refused = checkSignature({ ...dto, version, adopted });
      if (refused)
        throw new AppError(
          'RULE_REFUSED',
          refused.code,
          refused.message,
          refused.messageSv,
          refused.ruleId,
          refused.details,
        );
      const signature = {
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
      };
      await tx.insert(SignatureEntity, signature);
      await registerRecords(wtx, actor, dto.municipalityCode, [{ table: 'signature', row: signature }]);
      // The answer is read inside the unit: an error here rolls the write back (src/workflow/answer-reader.ts).
      return this.signatureIn(tx, id);
    });
  }

  get(id: string): Promise<SignatureView> {
    return this.db.read((tx) => this.signatureIn(tx, id));
  }

  private async signatureIn(tx: Tx, id: string): Promise<SignatureView> {
    const s = await tx.findOne(SignatureEntity, { where: { id } });
    if (!s) throw notFound(`Signature ${id}`, `Underskriften ${id}`);
    const v = (await this.documents.versionById(tx, s.documentVersionId))!;
    return {
      id: s.id,
      document: { key: v.documentKey, title: v.documentTitle, version: v.version, versionId: v.id, sha256: v.sha256 },
      municipalityCode: s.municipalityCode,
      // Stored as text; written only from a validated SignatoryDto.
      signatory: { name: s.signatoryName, office: s.signatoryOffice as SignatureView['signatory']['office'] },
      signedOn: s.signedOn,
      method: s.method,
      signedHash: s.signedHash,
      standIn: s.standInBasis ? { legalBasis: s.standInBasis } : null,
      createdAt: s.createdAt,
    };
  }

  /** The KSO_SIGNED data a membership event takes from a recorded signature. */
  async resolveForMembership(tx: Tx, signatureId: string, code: string) {
    const s = await tx.findOne(SignatureEntity, { where: { id: signatureId } });
    if (!s) throw notFound(`Signature ${signatureId}`, `Underskriften ${signatureId}`);
    if (s.municipalityCode !== code) {
      throw new AppError(
        'RULE_REFUSED',
        'SIGNATURE_WRONG_MUNICIPALITY',
        `The signature is for municipality ${s.municipalityCode}, not ${code}.`,
        `Underskriften gäller kommun ${s.municipalityCode}, inte ${code}.`,
        'R-B3',
      );
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
}
