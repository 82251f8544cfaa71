import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A bearer token, stored only as its SHA-256. */
@Entity('api_token')
export class ApiTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64, unique: true })
  tokenHash: string;

  @Column({ type: 'varchar', length: 32 })
  role: string;

  @Column({ name: 'municipality_code', type: 'varchar', length: 4, nullable: true })
  municipalityCode: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  label: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ name: 'revoked_at', type: 'varchar', length: 30, nullable: true })
  revokedAt: string | null;
}
