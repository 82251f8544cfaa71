import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A governing document (the declaration first), identified by a key. */
@Entity('document')
export class DocumentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 100, unique: true }) key: string;
  @Column({ type: 'varchar', length: 300 }) title: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) collaboration: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt: string;
}

/** One version of a document's text, with the SHA-256 of that exact text (R-B5). Never changed once stored. */
@Entity('document_version')
export class DocumentVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'document_id', type: 'varchar', length: 36 }) documentId: string;
  @Column({ type: 'varchar', length: 64 }) version: string;
  @Column({ type: 'text' }) text: string;
  @Column({ type: 'varchar', length: 64 }) sha256: string;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt: string;
}
