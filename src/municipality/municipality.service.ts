import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { In } from 'typeorm';
import { AppError } from '../common/errors';
import { validationFailed } from '../common/validation';
import { Db, type Tx } from '../database/db';
import type { CreateMunicipalityDto } from './dto/municipality.dto';
import { MunicipalityEntity } from './municipality.entity';

export class MunicipalityView {
  @ApiProperty({ example: '1460', description: 'The official code (kommunkod)' }) code: string;
  @ApiProperty({ example: 'Bengtsfors' }) name: string;
}

/** Municipalities by their official code (kommunkod); every other module asks here, never the table. */
@Injectable()
export class MunicipalityService {
  constructor(@Inject(Db) private readonly db: Db) {}

  async create(dto: CreateMunicipalityDto): Promise<MunicipalityView> {
    await this.db.write(async (tx) => {
      if (await tx.findOne(MunicipalityEntity, { where: { code: dto.code } })) {
        throw new AppError(
          'CONFLICT',
          'MUNICIPALITY_EXISTS',
          `Municipality ${dto.code} already exists.`,
          `Kommunen ${dto.code} finns redan.`,
        );
      }
      await tx.insert(MunicipalityEntity, { code: dto.code, name: dto.name });
    });
    return { code: dto.code, name: dto.name };
  }

  async list(): Promise<MunicipalityView[]> {
    return (await this.db.read((tx) => tx.find(MunicipalityEntity, { order: { code: 'ASC' } }))).map(view);
  }

  /** The municipality of this code, read in the caller's transaction; 404 UNKNOWN_MUNICIPALITY if there is none. */
  async get(tx: Tx, code: string, details?: Record<string, unknown>): Promise<MunicipalityView> {
    const found = await tx.findOne(MunicipalityEntity, { where: { code } });
    if (!found) throw unknownMunicipality(code, details);
    return view(found);
  }

  /** 400 VALIDATION_FAILED naming the field of each code that is not a municipality's (nothing is written). */
  async requireKnown(tx: Tx, named: ReadonlyArray<{ code: string; field: string }>): Promise<void> {
    const known = new Set((await this.known(tx, [...new Set(named.map((n) => n.code))])).map((k) => k.code));
    const unknown = named.filter((n) => !known.has(n.code));
    if (unknown.length)
      throw validationFailed(
        unknown.map((n) => ({
          field: n.field,
          reason: `unknown municipality code ${n.code}`,
          reasonSv: `okänd kommunkod ${n.code}`,
        })),
      );
  }

  /** The municipalities of these codes that exist. */
  async known(tx: Tx, codes: string[]): Promise<MunicipalityView[]> {
    if (!codes.length) return [];
    return (await tx.find(MunicipalityEntity, { where: { code: In(codes) } })).map(view);
  }
}

export function unknownMunicipality(code: string, details?: Record<string, unknown>): AppError {
  return new AppError(
    'NOT_FOUND',
    'UNKNOWN_MUNICIPALITY',
    `No municipality with code ${code}.`,
    `Ingen kommun med kod ${code}.`,
    undefined,
    details,
  );
}

function view(m: MunicipalityEntity): MunicipalityView {
  return { code: m.code, name: m.name };
}
