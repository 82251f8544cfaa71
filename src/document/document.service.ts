import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { sha256Hex } from '../common/sha256';
import { AppError, notFound } from '../common/errors';
import { Db } from '../database/db';
import { Clock } from '../workflow/clock';
import { DocumentEntity, DocumentVersionEntity } from './document.entities';
import type { CreateDocumentDto, CreateDocumentVersionDto } from './dto/document.dto';


/** Governing documents and their versions; a version's text never changes, and its SHA-256 identifies it. */
@Injectable()
export class DocumentService {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async create(dto: CreateDocumentDto) {
    await this.db.write(async (m) => {
      if (await m.findOne(DocumentEntity, { where: { key: dto.key } })) {
        throw new AppError('CONFLICT', 'DOCUMENT_EXISTS', `A document '${dto.key}' already exists.`, `Dokumentet '${dto.key}' finns redan.`);
      }
      await m.insert(DocumentEntity, { id: randomUUID(), key: dto.key, title: dto.title, collaboration: dto.collaboration ?? null, createdAt: this.clock.nowIso() });
    });
    return this.get(dto.key);
  }

  async addVersion(key: string, dto: CreateDocumentVersionDto) {
    const id = randomUUID();
    await this.db.write(async (m) => {
      const doc = await m.findOne(DocumentEntity, { where: { key } });
      if (!doc) throw notFound(`Document '${key}'`, `Dokumentet '${key}'`);
      if (await m.findOne(DocumentVersionEntity, { where: { documentId: doc.id, version: dto.version } })) {
        throw new AppError('CONFLICT', 'VERSION_EXISTS', `Version ${dto.version} of '${key}' already exists; a version is never changed.`, `Version ${dto.version} av '${key}' finns redan; en version ändras aldrig.`);
      }
      await m.insert(DocumentVersionEntity, { id, documentId: doc.id, version: dto.version, text: dto.text, sha256: sha256Hex(dto.text), createdAt: this.clock.nowIso() });
    });
    return this.getVersion(id);
  }

  async get(key: string) {
    return this.db.read(async (m) => {
      const doc = await m.findOne(DocumentEntity, { where: { key } });
      if (!doc) throw notFound(`Document '${key}'`, `Dokumentet '${key}'`);
      const versions = await m.find(DocumentVersionEntity, { where: { documentId: doc.id }, order: { createdAt: 'ASC' } });
      return { key: doc.key, title: doc.title, collaboration: doc.collaboration, versions: versions.map((v) => ({ id: v.id, version: v.version, sha256: v.sha256, createdAt: v.createdAt })) };
    });
  }

  async getVersion(id: string) {
    return this.db.read(async (m) => {
      const v = await m.findOne(DocumentVersionEntity, { where: { id } });
      if (!v) throw notFound(`Document version ${id}`, `Dokumentversionen ${id}`);
      const doc = (await m.findOne(DocumentEntity, { where: { id: v.documentId } }))!;
      return { id: v.id, documentKey: doc.key, version: v.version, sha256: v.sha256, text: v.text, createdAt: v.createdAt };
    });
  }
}
