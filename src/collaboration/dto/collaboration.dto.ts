import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsNotEmptyObject,
  IsObject,
  IsOptional,
  Matches,
  MaxLength,
  registerDecorator,
  ValidateNested,
} from 'class-validator';
import { ExampleMarkDto } from '../../common/example-mark.dto';
import { IsLocalDate, IsMunicipalityCode, IsPastDate, IsText } from '../../common/validators';

/** The collaboration's exit rule as data (SEED-AF §13 for Dalslandssamverkan; the only timing the engine knows). */
export class ExitRuleDto {
  @ApiProperty({ enum: ['KF', 'KS'], description: 'R-C1: the organ whose decision requests the exit' })
  @IsIn(['KF', 'KS'])
  decisionOrgan: 'KF' | 'KS';

  @ApiProperty({
    enum: ['COUNCIL_CHAIR'],
    description: "R-C5, R-C6: the exiting KSO's notice goes to the council's chair",
  })
  @IsIn(['COUNCIL_CHAIR'])
  noticeTo: 'COUNCIL_CHAIR';

  @ApiProperty({
    enum: ['DEC_31_YEAR_AFTER'],
    description: 'R-C2: effective 31 December of the year after the request',
  })
  @IsIn(['DEC_31_YEAR_AFTER'])
  effective: 'DEC_31_YEAR_AFTER';
}

/** D2: an object of municipality code → 'KF' | 'KS' (at most one entry per municipality of the country). */
function IsOrganByMunicipality(): PropertyDecorator {
  return (object, propertyName) =>
    registerDecorator({
      // Named as the enum check, whose Swedish reason it shares (src/common/validation.ts).
      name: 'isIn',
      target: object.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must map four-digit municipality codes to KF or KS` },
      validator: {
        validate: (v: unknown) =>
          !!v &&
          typeof v === 'object' &&
          !Array.isArray(v) &&
          Object.keys(v).length <= 290 &&
          Object.entries(v).every(([code, organ]) => /^\d{4}$/.test(code) && (organ === 'KF' || organ === 'KS')),
      },
    });
}

export class CollaborationSettingsDto {
  @ApiPropertyOptional({
    enum: ['noticeArrival', 'fullmaktigeDecision'],
    description: 'DECISIONS D1: which date is the exit request date',
  })
  @IsOptional()
  @IsIn(['noticeArrival', 'fullmaktigeDecision'])
  exitRequestDate?: 'noticeArrival' | 'fullmaktigeDecision';

  @ApiPropertyOptional({
    enum: ['KF', 'KS'],
    description: 'R-B2: the organ whose decision makes an entry (KF for Dalslandssamverkan)',
  })
  @IsOptional()
  @IsIn(['KF', 'KS'])
  entryDecisionOrgan?: 'KF' | 'KS';

  @ApiPropertyOptional({
    type: ExitRuleDto,
    nullable: true,
    description:
      "The collaboration's exit rule; null records that it has none (then every exit request is refused NO_EXIT_RULE). Absent: Dalslandssamverkan's (the default).",
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ExitRuleDto)
  exitRule?: ExitRuleDto | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', enum: ['KF', 'KS'] },
    example: { '1984': 'KS' },
    description: 'DECISIONS D2: the organ approving an amendment, per municipality code (default KF)',
  })
  @IsOptional()
  @IsOrganByMunicipality()
  amendmentOrgan?: Record<string, 'KF' | 'KS'>;
}

/** R-A5: the collaboration this one followed, as the sources describe it (no date the sources do not give). */
export class PredecessorDto {
  @ApiProperty({ example: 'Avsiktsförklaring avseende kommunal samverkan 4D' })
  @IsText(200)
  name: string;

  @ApiProperty({ example: ['1460', '1438', '1439', '1461'], description: 'Municipality codes of its parties' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(290)
  @IsMunicipalityCode({ each: true })
  parties: string[];

  @ApiPropertyOptional({
    example: 'våren 2022',
    description: 'When it was decided, in the words of the sources; leave it out rather than guess a date (R-A5)',
  })
  @IsOptional()
  @IsText(100)
  decided?: string;

  @ApiPropertyOptional({ example: 'SEED-AF §1; SEED-PR: "som tidigare kallades 4D-samverkan"' })
  @IsOptional()
  @IsText(500)
  note?: string;
}

export class CreateCollaborationDto {
  @ApiProperty({ example: 'dalslandssamverkan' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug must be lower-case letters, digits and single hyphens' })
  @MaxLength(64)
  slug: string;

  @ApiProperty({ example: 'Dalslandssamverkan' })
  @IsText(200)
  name: string;

  @ApiProperty({ example: ['1460', '1438', '1439', '1461', '1492'], description: 'Municipality codes of the parties' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(290)
  @IsMunicipalityCode({ each: true })
  parties: string[];

  @ApiProperty({ example: '2023-12-08' })
  @IsText(64)
  declarationVersion: string;

  @ApiProperty({ example: '2024-01-01', description: 'The date the declaration takes effect (§9)' })
  @IsLocalDate()
  declarationEffectiveDate: string;

  @ApiPropertyOptional({ type: CollaborationSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CollaborationSettingsDto)
  settings?: CollaborationSettingsDto;

  @ApiPropertyOptional({ type: PredecessorDto, description: 'R-A5: the collaboration this one followed' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PredecessorDto)
  predecessor?: PredecessorDto;

  @ApiPropertyOptional({
    type: ExampleMarkDto,
    description: 'Example (demo) data: shown as "EXEMPEL – fiktiva uppgifter" on the collaboration and its memberships',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ExampleMarkDto)
  example?: ExampleMarkDto;
}

export class ChangeSettingsDto {
  @ApiProperty({
    type: CollaborationSettingsDto,
    description: 'At least one setting: a change that names none is refused',
  })
  @IsObject()
  // D1: a change that names no setting changes nothing and is not logged.
  @IsNotEmptyObject({ nullable: false }, { message: 'settings must name at least one setting to change' })
  @ValidateNested()
  @Type(() => CollaborationSettingsDto)
  settings: CollaborationSettingsDto;

  @ApiProperty({ example: 'Beslut av parternas jurister 2025-02-01' })
  @IsText(1000)
  reason: string;

  @ApiProperty({ example: '2025-02-01', description: 'The date the change was decided (not after today)' })
  @IsPastDate()
  changedOn: string;
}

export class AsOfQueryDto {
  @ApiPropertyOptional({ example: '2026-12-31', description: 'Status on this date (default: today in Stockholm)' })
  @IsOptional()
  @IsLocalDate()
  asOf?: string;
}

/** A party that is not a municipality signs the declaration (SEED-VM: an association, a company). */
export class OrganisationDto {
  @ApiProperty({ example: 'industriforeningen-vastra-malardalen' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'key must be lower-case letters, digits and single hyphens' })
  @MaxLength(100)
  key: string;

  @ApiProperty({ example: 'Industriföreningen Västra Mälardalen' })
  @IsText(200)
  name: string;

  @ApiProperty({ enum: ['ASSOCIATION', 'COMPANY', 'OTHER'] })
  @IsIn(['ASSOCIATION', 'COMPANY', 'OTHER'])
  form: 'ASSOCIATION' | 'COMPANY' | 'OTHER';
}

export class OrganisationSignatoryDto {
  @ApiProperty({ example: 'Ordförande (demodata)' })
  @IsText(200)
  name: string;

  @ApiPropertyOptional({ example: 'ordförande' })
  @IsOptional()
  @IsText(100)
  title?: string;
}

export class RecordOrganisationSignatureDto {
  @ApiProperty({ type: OrganisationDto })
  @IsObject()
  @ValidateNested()
  @Type(() => OrganisationDto)
  organisation: OrganisationDto;

  @ApiProperty({ example: '2016-08-31' })
  @IsPastDate()
  signedOn: string;

  @ApiPropertyOptional({ type: OrganisationSignatoryDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OrganisationSignatoryDto)
  signatory?: OrganisationSignatoryDto;

  @ApiPropertyOptional({ description: 'The declaration version signed (defaults to the current one)' })
  @IsOptional()
  @IsText(64)
  declarationVersion?: string;

  @ApiPropertyOptional({ description: 'Free text kept with the record (for example where the data comes from).' })
  @IsOptional()
  @IsText(2000)
  note?: string;
}
