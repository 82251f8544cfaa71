import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A person an admin set up to sign in to the pages with a user name and a password (issue 12 §1): the same role and
 * municipality as a token, the password only as a salted scrypt hash (src/auth/password.ts). Their id is the actor id
 * the log records, as a token's id is.
 */
@Entity('person_account')
export class PersonAccountEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** What they type to sign in, in lower case (unique). */
  @Column({ name: 'user_name', type: 'varchar', length: 64, unique: true })
  userName: string;

  /** The person: "Anna Andersson". */
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  role: string;

  @Column({ name: 'municipality_code', type: 'varchar', length: 4, nullable: true })
  municipalityCode: string | null;

  @Column({ name: 'password_hash', type: 'varchar', length: 200 })
  passwordHash: string;

  /** `token:<id>` of the admin (API), `cli:<os user>`. */
  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ name: 'revoked_at', type: 'varchar', length: 30, nullable: true })
  revokedAt: string | null;

  @Column({ name: 'revoked_by', type: 'varchar', length: 100, nullable: true })
  revokedBy: string | null;
}
