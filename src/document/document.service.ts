import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { sha256Hex } from '../common/sha256';
import { AppError, notFound } from '../common/errors';
import { Db, type Tx } from '../database/db';
import { Clock } from '../workflow/clock';
import { WorkflowEngine } from '../workflow/engine/workflow-engine.service';
import type { WorkflowTx } from '../workflow/engine/workflow-tx';
import type { Actor } from '../workflow/actor';
import { DOCUMENTS_SCOPE, registerRecords } from '../audit/record-register';
import { DocumentEntity, DocumentVersionEntity } from './document.entities';
import type { CreateDocumentDto, CreateDocumentVersionDto } from './dto/document.dto';
import type { DocumentVersionView, DocumentView } from './document.views';

/**
 * Governing documents and their versions; a version's text never changes, and its SHA-256 identifies it. Each row is
 * registered in the log in the transaction that writes it (src/audit/record-register.ts, scope `documents`).
 */
@Injectable()
export class DocumentService {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly clock: Clock,
    private readonly engine: WorkflowEngine,
  ) {}

  async create(dto: CreateDocumentDto, actor: Actor): Promise<DocumentView> {
    return this.engine.transaction(async (wtx) => {
      const { tx } = wtx;
      if (await tx.findOne(DocumentEntity, { where: { key: dto.key } })) {
        throw new AppError(
          'CONFLICT',
          'DOCUMENT_EXISTS',
          `A document '${dto.key}' already exists.`,
          `Dokumentet '${dto.key}' finns redan.`,
        );
      }
      await this.insertDocument(wtx, actor, dto);
      // The answer is read inside the unit: an error here rolls the write back (src/workflow/answer-reader.ts).
      return this.documentIn(tx, dto.key);
    });
  }

  async addVersion(key: string, dto: CreateDocumentVersionDto, actor: Actor): Promise<DocumentVersionView> {
    const id = randomUUID();
    return this.engine.transaction(async (wtx) => {
      await this.addVersionIn(wtx, actor, key, dto, id);
      return this.versionIn(wtx.tx, id);
    });
  }

  /** Adds a version in the caller's transaction (an amendment's text, src/amendment): its identity and hash. */
  async addVersionIn(
    wtx: WorkflowTx,
    actor: Actor,
    key: string,
    dto: CreateDocumentVersionDto,
    id = randomUUID(),
  ): Promise<VersionFacts> {
    const { tx } = wtx;
    const doc = await tx.findOne(DocumentEntity, { where: { key } });
    if (!doc) throw notFound(`Document '${key}'`, `Dokumentet '${key}'`);
    if (await tx.findOne(DocumentVersionEntity, { where: { documentId: doc.id, version: dto.version } })) {
      throw new AppError(
        'CONFLICT',
        'VERSION_EXISTS',
        `Version ${dto.version} of '${key}' already exists; a version is never changed.`,
        `Version ${dto.version} av '${key}' finns redan; en version ändras aldrig.`,
      );
    }
    const sha256 = sha256Hex(dto.text);
    const row = {
      id,
      documentId: doc.id,
      version: dto.version,
      text: dto.text,
      sha256,
      createdAt: this.clock.nowIso(),
    };
    await tx.insert(DocumentVersionEntity, row);
    await registerRecords(wtx, actor, DOCUMENTS_SCOPE, [{ table: 'document_version', row }]);
    return { id, documentId: doc.id, documentKey: doc.key, documentTitle: doc.title, version: dto.version, sha256 };
  }

  /** The document of this key, registered in the caller's transaction when it is not yet (an amendment's document). */
  async ensureDocumentIn(wtx: WorkflowTx, actor: Actor, dto: CreateDocumentDto): Promise<void> {
    if (await wtx.tx.findOne(DocumentEntity, { where: { key: dto.key } })) return;
    await this.insertDocument(wtx, actor, dto);
  }

  private async insertDocument(wtx: WorkflowTx, actor: Actor, dto: CreateDocumentDto): Promise<void> {
    const row = {
      id: randomUUID(),
      key: dto.key,
      title: dto.title,
      collaboration: dto.collaboration ?? null,
      createdAt: this.clock.nowIso(),
    };
    await wtx.tx.insert(DocumentEntity, row);
    await registerRecords(wtx, actor, DOCUMENTS_SCOPE, [{ table: 'document', row }]);
  }

  get(key: string): Promise<DocumentView> {
    return this.db.read((tx) => this.documentIn(tx, key));
  }

  getVersion(id: string): Promise<DocumentVersionView> {
    return this.db.read((tx) => this.versionIn(tx, id));
  }

  private async documentIn(tx: Tx, key: string): Promise<DocumentView> {
    const doc = await tx.findOne(DocumentEntity, { where: { key } });
    if (!doc) throw notFound(`Document '${key}'`, `Dokumentet '${key}'`);
    const versions = await tx.find(DocumentVersionEntity, {
      where: { documentId: doc.id },
      order: { createdAt: 'ASC' },
    });
    return {
      key: doc.key,
      title: doc.title,
      collaboration: doc.collaboration,
      versions: versions.map((v) => ({ id: v.id, version: v.version, sha256: v.sha256, createdAt: v.createdAt })),
    };
  }

  private async versionIn(tx: Tx, id: string): Promise<DocumentVersionView> {
    const v = await tx.findOne(DocumentVersionEntity, { where: { id } });
    if (!v) throw notFound(`Document version ${id}`, `Dokumentversionen ${id}`);
    const doc = (await tx.findOne(DocumentEntity, { where: { id: v.documentId } }))!;
    return {
      id: v.id,
      documentKey: doc.key,
      version: v.version,
      sha256: v.sha256,
      text: v.text,
      createdAt: v.createdAt,
    };
  }

  /** A version by its id, with its document's key and title, read in the caller's transaction. */
  async versionById(tx: Tx, id: string): Promise<VersionFacts | null> {
    const v = await tx.findOne(DocumentVersionEntity, { where: { id } });
    if (!v) return null;
    const doc = (await tx.findOne(DocumentEntity, { where: { id: v.documentId } }))!;
    return {
      id: v.id,
      documentId: v.documentId,
      documentKey: doc.key,
      documentTitle: doc.title,
      version: v.version,
      sha256: v.sha256,
    };
  }

  /** A version by its document's key and its version label. */
  async versionByKey(tx: Tx, key: string, version: string): Promise<VersionFacts | null> {
    const doc = await tx.findOne(DocumentEntity, { where: { key } });
    const v = doc && (await tx.findOne(DocumentVersionEntity, { where: { documentId: doc.id, version } }));
    return v
      ? {
          id: v.id,
          documentId: doc.id,
          documentKey: doc.key,
          documentTitle: doc.title,
          version: v.version,
          sha256: v.sha256,
        }
      : null;
  }
}

/** What other modules need of a document version: its identity and the SHA-256 of its text. */
export interface VersionFacts {
  id: string;
  documentId: string;
  documentKey: string;
  documentTitle: string;
  version: string;
  sha256: string;
}
