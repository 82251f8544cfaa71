import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { EventBaseDto } from '../../collaboration/dto/membership-event.dto';
import { IsLocalDate, IsPastDate, IsPastInstant, IsText } from '../../common/validators';

/** A fokusområde: a stable key (lower-case letters, digits, hyphens) that area work names, and its name. */
export class FocusAreaDto {
  @ApiProperty({ example: 'kompetensforsorjning', description: 'Stable across versions: areas name it (SEED-AF §11)' })
  @IsText(64)
  @Matches(/^[a-z0-9][a-z0-9-]*$/, { message: 'key must be lower-case letters a-z, digits and hyphens' })
  key: string;

  @ApiProperty({ example: 'Kompetensförsörjning' })
  @IsText(200)
  name: string;
}

/** What a version of a plan states (R-D8): its validity period and its focus areas. */
export class PlanVersionFieldsDto {
  @ApiProperty({ example: '2024-11-15', description: 'The day the version was drafted, not after today' })
  @IsPastDate()
  draftedOn: string;

  @ApiProperty({ example: '2025-01-01', description: 'First day of the validity period (local date)' })
  @IsLocalDate()
  validFrom: string;

  @ApiProperty({ example: '2026-12-31', description: 'Last day of the validity period (local date)' })
  @IsLocalDate()
  validTo: string;

  @ApiProperty({ type: [FocusAreaDto], description: 'The fokusområden, at least one, keys distinct (R-D8)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FocusAreaDto)
  focusAreas: FocusAreaDto[];
}

/** A new plan of a collaboration with its first version (version 1). */
export class CreatePlanDto extends PlanVersionFieldsDto {
  @ApiProperty({ example: 'Verksamhetsplan Dalslandssamverkan 2025–2026' })
  @IsText(200)
  title: string;

  @ApiPropertyOptional({ description: 'Free text kept with the record (for example where the data comes from).' })
  @IsOptional()
  @IsText(2000)
  note?: string;
}

export class VersionDraftedDto extends EventBaseDto {
  @ApiProperty({ enum: ['VERSION_DRAFTED'] })
  declare type: 'VERSION_DRAFTED';

  @ApiProperty({ example: '2025-05-02' })
  @IsPastDate()
  draftedOn: string;

  @ApiProperty({ example: '2025-01-01' })
  @IsLocalDate()
  validFrom: string;

  @ApiProperty({ example: '2026-12-31' })
  @IsLocalDate()
  validTo: string;

  @ApiProperty({ type: [FocusAreaDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FocusAreaDto)
  focusAreas: FocusAreaDto[];
}

export class PlanCouncilInformedDto extends EventBaseDto {
  @ApiProperty({ enum: ['COUNCIL_INFORMED'] })
  declare type: 'COUNCIL_INFORMED';

  @ApiProperty({ example: 1, description: 'R-D7 — the one exact version the council was informed of' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({
    example: '2024-12-05T10:00:00+01:00',
    description: 'When the council was informed; its Stockholm date is the legal date',
  })
  @IsPastInstant()
  informedAt: string;

  @ApiPropertyOptional({
    description:
      "The council's own record of the occasion (POST /collaborations/{slug}/council/records), named for the reader: no rule reads it (G5)",
  })
  @IsOptional()
  @IsUUID()
  councilRecordId?: string;
}

export class KdgAdoptedDto extends EventBaseDto {
  @ApiProperty({ enum: ['KDG_ADOPTED'] })
  declare type: 'KDG_ADOPTED';

  @ApiProperty({ example: 1, description: 'The version KDG adopts (R-D6)' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({
    example: '2024-12-12T14:00:00+01:00',
    description: 'When KDG adopted it: after the council was informed of this version (R-D7)',
  })
  @IsPastInstant()
  adoptedAt: string;
}

/** R-D6, R-E2: accepted as input only to be refused with its reason (COUNCIL_NOT_DECISION_MAKING). */
export class CouncilAdoptedDto extends EventBaseDto {
  @ApiProperty({ enum: ['COUNCIL_ADOPTED'] })
  declare type: 'COUNCIL_ADOPTED';

  @ApiProperty({ example: '2024-12-05' })
  @IsPastDate()
  decidedOn: string;

  @ApiPropertyOptional({ description: 'A council record offered as the ground; refused all the same (G5)' })
  @IsOptional()
  @IsUUID()
  councilRecordId?: string;
}

/** The DTO of each plan event type a client may send (POST /plans/{id}/events). */
export const PLAN_EVENT_DTOS = {
  VERSION_DRAFTED: VersionDraftedDto,
  COUNCIL_INFORMED: PlanCouncilInformedDto,
  KDG_ADOPTED: KdgAdoptedDto,
  COUNCIL_ADOPTED: CouncilAdoptedDto,
};
