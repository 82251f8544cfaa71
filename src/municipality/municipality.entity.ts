import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A municipality, by its official four-digit code (kommunkod). */
@Entity('municipality')
export class MunicipalityEntity {
  @PrimaryColumn({ type: 'varchar', length: 4 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;
}
