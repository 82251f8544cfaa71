import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsUUID, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { DecisionDto, EventBaseDto } from '../../collaboration/dto/membership-event.dto';
import { IsLocalDate, IsLongText, IsMunicipalityCode, IsPastDate, IsText } from '../../common/validators';

/** An amendment: its written text (a new version of the declaration's document, R-D1) and what it states (D3, D4). */
export class CreateAmendmentDto {
  @ApiProperty({ example: 'Tillägg: Vänersborgs kommun blir part' })
  @IsText(300)
  title: string;

  @ApiProperty({
    example: '2026-1',
    description: "The version label of the amended text in the declaration's document",
  })
  @IsText(64)
  version: string;

  @ApiProperty({
    description: 'The full text of the amended declaration (or of the addition); its SHA-256 identifies it',
  })
  @IsLongText(2_000_000)
  text: string;

  @ApiPropertyOptional({
    example: 'dalslandssamverkan-avsiktsforklaring',
    description: "The declaration's document (registered if it is not yet); default '<slug>-avsiktsforklaring'",
  })
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'documentKey must be lower-case letters, digits and single hyphens' })
  @MaxLength(100)
  documentKey?: string;

  @ApiPropertyOptional({
    example: '2027-01-01',
    description: 'D3: a later date the amendment states for its entry into force (else: the date of the last approval)',
  })
  @IsOptional()
  @IsLocalDate()
  statedEffectiveDate?: string;

  @ApiPropertyOptional({
    example: '1487',
    description: 'D4, R-B6: a municipality the amendment adds as a party; it then enters as any party does',
  })
  @IsOptional()
  @IsMunicipalityCode()
  addsParty?: string;

  @ApiPropertyOptional({ description: 'Free text kept with the record (for example where the data comes from).' })
  @IsOptional()
  @IsText(2000)
  note?: string;
}

export class AmendmentApprovedDto extends EventBaseDto {
  @ApiProperty({ enum: ['AMENDMENT_APPROVED'] })
  declare type: 'AMENDMENT_APPROVED';

  @ApiProperty({ example: '1460', description: 'The approving municipality (a clerk approves for its own)' })
  @IsMunicipalityCode()
  party: string;

  @ApiPropertyOptional({
    type: DecisionDto,
    description:
      "R-D2 (D2): a decision of the municipality's amendment organ (KF by default; settings.amendmentOrgan). Inline form: a minimal decision record. Give this or decisionId.",
  })
  @ValidateIf((o) => o.decisionId === undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => DecisionDto)
  decision?: DecisionDto;

  @ApiPropertyOptional({ description: 'A recorded, justerat decision paragraph (subject AMENDMENT_APPROVAL, D10)' })
  @ValidateIf((o) => o.decision === undefined)
  @IsUUID()
  decisionId?: string;
}

export class JointBodyApprovedDto extends EventBaseDto {
  @ApiProperty({
    enum: ['JOINT_BODY_APPROVED'],
    description: 'Always refused NOT_COMPETENT: neither Samverkansrådet nor KDG approves an amendment (R-D5)',
  })
  declare type: 'JOINT_BODY_APPROVED';

  @ApiProperty({ enum: ['SAMVERKANSRADET', 'KDG'] })
  @IsIn(['SAMVERKANSRADET', 'KDG'])
  body: 'SAMVERKANSRADET' | 'KDG';

  @ApiProperty({ example: '2026-03-02' })
  @IsPastDate()
  decidedOn: string;
}

export const AMENDMENT_EVENT_DTOS = {
  AMENDMENT_APPROVED: AmendmentApprovedDto,
  JOINT_BODY_APPROVED: JointBodyApprovedDto,
} as const;

export class AmendmentAsOfQueryDto {
  @ApiPropertyOptional({ example: '2026-12-31', description: 'Status on this date (default: today in Stockholm)' })
  @IsOptional()
  @IsLocalDate()
  asOf?: string;
}
