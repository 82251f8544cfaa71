import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A signature of a document version: who, in which office, when, how, and the hash of the exact text signed. */
@Entity('signature')
export class SignatureEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'document_version_id', type: 'varchar', length: 36 }) documentVersionId: string;
  @Column({ name: 'municipality_code', type: 'varchar', length: 4 }) municipalityCode: string;
  @Column({ name: 'signatory_name', type: 'varchar', length: 200 }) signatoryName: string;
  @Column({ name: 'signatory_office', type: 'varchar', length: 32 }) signatoryOffice: string;
  @Column({ name: 'signed_on', type: 'varchar', length: 10 }) signedOn: string;
  @Column({ type: 'varchar', length: 16 }) method: string;
  @Column({ name: 'signed_hash', type: 'varchar', length: 64 }) signedHash: string;
  @Column({ name: 'stand_in_basis', type: 'varchar', length: 500, nullable: true }) standInBasis: string | null;
  @Column({ name: 'recorded_by', type: 'varchar', length: 64 }) recordedBy: string;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt: string;
}
