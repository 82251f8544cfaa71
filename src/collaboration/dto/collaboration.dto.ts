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
  ValidateNested,
} from 'class-validator';
import { ExampleMarkDto } from '../../common/example-mark.dto';
import { IsLocalDate, IsMunicipalityCode, IsPastDate, IsText } from '../../common/validators';

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
