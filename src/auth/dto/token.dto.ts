import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsMunicipalityCode, IsText } from '../../common/validators';
import { ROLES } from '../roles.decorator';
import { TOKEN_STATUSES, type TokenStatus } from '../token.view';

export class CreateTokenDto {
  @ApiProperty({ example: 'Anna Andersson, registrator Åmål', description: 'The person (or system) the token is for' })
  @IsText(200)
  name: string;

  @ApiProperty({ enum: ROLES, example: 'clerk' })
  @IsIn(ROLES)
  role: string;

  @ApiPropertyOptional({ example: '1492', description: 'A clerk token is bound to one municipality; others to none' })
  @IsOptional()
  @IsMunicipalityCode()
  municipalityCode?: string;

  @ApiPropertyOptional({ example: 'Diariet, ärende 2025/114', description: 'A free note' })
  @IsOptional()
  @IsText(200)
  label?: string;

  @ApiPropertyOptional({
    example: 30,
    description: 'Days until it expires: 1 to TOKEN_TTL_DAYS (default TOKEN_TTL_DAYS, 90)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  expiresInDays?: number;
}

export class ListTokensQueryDto {
  @ApiPropertyOptional({ enum: TOKEN_STATUSES, description: 'Only the tokens of this status (default: all)' })
  @IsOptional()
  @IsIn(TOKEN_STATUSES)
  status?: TokenStatus;
}

/** A token as the API shows it: never its hash. */
export class TokenViewDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'Anna Andersson, registrator Åmål' }) name: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty({ nullable: true, type: String }) municipalityCode: string | null;
  @ApiProperty({ nullable: true, type: String }) label: string | null;
  @ApiProperty({ enum: ['cli', 'api', 'env', 'internal'] }) origin: string;
  @ApiProperty({ nullable: true, type: String, example: 'token:3f1c…' }) createdBy: string | null;
  @ApiProperty({ example: '2025-03-01T09:00:00.000Z' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, example: '2025-05-30T09:00:00.000Z' }) expiresAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'To the minute' }) lastUsedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedBy: string | null;
  @ApiProperty({ enum: TOKEN_STATUSES }) status: string;
}

export class IssuedTokenDto extends TokenViewDto {
  @ApiProperty({ example: 'svk_…', description: 'The secret: shown in this answer only, stored as SHA-256' })
  token: string;
}
