import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsLocalDate, IsMunicipalityCode } from '../../common/validators';

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
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: ['1460', '1438', '1439', '1461', '1492'], description: 'Municipality codes of the parties' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(290)
  @IsMunicipalityCode({ each: true })
  parties: string[];

  @ApiProperty({ example: '2023-12-08' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  declarationVersion: string;

  @ApiProperty({ example: '2024-01-01', description: 'The date the declaration takes effect (§9)' })
  @IsLocalDate()
  declarationEffectiveDate: string;

  @ApiPropertyOptional({ type: CollaborationSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CollaborationSettingsDto)
  settings?: CollaborationSettingsDto;
}

export class ChangeSettingsDto {
  @ApiProperty({ type: CollaborationSettingsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CollaborationSettingsDto)
  settings: CollaborationSettingsDto;

  @ApiProperty({ example: 'Beslut av parternas jurister 2025-02-01' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;

  @ApiProperty({ example: '2025-02-01' })
  @IsLocalDate()
  changedOn: string;
}

export class AsOfQueryDto {
  @ApiPropertyOptional({ example: '2026-12-31', description: 'Status on this date (default: today in Stockholm)' })
  @IsOptional()
  @IsLocalDate()
  asOf?: string;
}
