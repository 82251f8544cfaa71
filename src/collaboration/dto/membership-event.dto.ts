import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ExampleMarkDto } from '../../common/example-mark.dto';
import { IsLocalDate, IsMunicipalityCode, IsPastDate, IsPastInstant, IsText } from '../../common/validators';

export class DecisionDto {
  @ApiProperty({
    enum: ['KF', 'KS', 'NAMND'],
    description: 'KF = kommunfullmäktige, KS = kommunstyrelsen, NAMND = a nämnd',
  })
  @IsIn(['KF', 'KS', 'NAMND'])
  organ: 'KF' | 'KS' | 'NAMND';

  @ApiProperty({
    example: '2023-11-27',
    description: 'Date of the decision (meeting date), YYYY-MM-DD, not after today',
  })
  @IsPastDate()
  date: string;

  @ApiPropertyOptional({ example: '§ 112' })
  @IsOptional()
  @IsText(50)
  paragraph?: string;

  @ApiPropertyOptional({ example: 'KS 2023/412', description: "The municipality's own diarienummer (opaque)" })
  @IsOptional()
  @IsText(100)
  diarienummer?: string;
}

export class SignatoryDto {
  @ApiProperty({ example: 'Michael Karlsson' })
  @IsText(200)
  name: string;

  @ApiProperty({ enum: ['KSO', 'OPPOSITIONSRAD', 'KOMMUNDIREKTOR', 'OTHER'] })
  @IsIn(['KSO', 'OPPOSITIONSRAD', 'KOMMUNDIREKTOR', 'OTHER'])
  office: 'KSO' | 'OPPOSITIONSRAD' | 'KOMMUNDIREKTOR' | 'OTHER';
}

export class StandInDto {
  @ApiProperty({ example: 'KS 2023-11-20 § 201: vice ordförande undertecknar i KSO:s ställe' })
  @IsText(500)
  legalBasis: string;
}

/** Fields every event may carry. */
export class EventBaseDto {
  @ApiProperty()
  @IsString()
  type: string;

  @ApiPropertyOptional({
    description: 'Optimistic concurrency: the version the client read; 409 VERSION_CONFLICT if it changed.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number;

  @ApiPropertyOptional({ description: 'Free text kept with the record (for example where the data comes from).' })
  @IsOptional()
  @IsText(2000)
  note?: string;

  @ApiPropertyOptional({
    type: ExampleMarkDto,
    description: 'Example (demo) data: the event is not real, and these of its facts are invented (kept in the log)',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ExampleMarkDto)
  example?: ExampleMarkDto;
}

export class FullmaktigeAdoptedDeclarationDto extends EventBaseDto {
  @ApiProperty({ enum: ['FULLMAKTIGE_ADOPTED_DECLARATION'] })
  declare type: 'FULLMAKTIGE_ADOPTED_DECLARATION';

  @ApiPropertyOptional({
    type: DecisionDto,
    description:
      'R-B1, R-B2: must be a decision of fullmäktige (KF). Inline form: creates a minimal decision record. Give this or decisionId.',
  })
  @ValidateIf((o) => o.decisionId === undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => DecisionDto)
  decision?: DecisionDto;

  @ApiPropertyOptional({
    description: 'A recorded, justerat decision paragraph (subject DECLARATION_ADOPTION) instead of inline data (D10)',
  })
  @ValidateIf((o) => o.decision === undefined)
  @IsUUID()
  decisionId?: string;

  @ApiPropertyOptional({ description: 'R-B5: the declaration version adopted (defaults to the current one)' })
  @IsOptional()
  @IsText(64)
  declarationVersion?: string;
}

/** The neutral entry event (membership version 2): the decision by the organ the collaboration's entry rule names. */
export class EntryDecidedDto extends EventBaseDto {
  @ApiProperty({ enum: ['ENTRY_DECIDED'] })
  declare type: 'ENTRY_DECIDED';

  @ApiPropertyOptional({
    type: DecisionDto,
    description:
      "R-B1, R-B2: a decision of the organ the collaboration's entry rule names (settings.entryDecisionOrgan: KF, or KS as in Västra Mälardalen). Give this or decisionId.",
  })
  @ValidateIf((o) => o.decisionId === undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => DecisionDto)
  decision?: DecisionDto;

  @ApiPropertyOptional({ description: 'A recorded, justerat decision paragraph (subject DECLARATION_ADOPTION)' })
  @ValidateIf((o) => o.decision === undefined)
  @IsUUID()
  decisionId?: string;

  @ApiPropertyOptional({ description: 'R-B5: the declaration version adopted (defaults to the current one)' })
  @IsOptional()
  @IsText(64)
  declarationVersion?: string;
}

export class KsoSignedDto extends EventBaseDto {
  @ApiProperty({ enum: ['KSO_SIGNED'] })
  declare type: 'KSO_SIGNED';

  @ApiPropertyOptional({ example: '2023-12-08', description: 'Required unless signatureId is given' })
  @ValidateIf((o) => o.signatureId === undefined)
  @IsPastDate()
  signedOn?: string;

  @ApiPropertyOptional({ type: SignatoryDto, description: 'R-B3: the KSO signs. Required unless signatureId is given' })
  @ValidateIf((o) => o.signatureId === undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => SignatoryDto)
  signatory?: SignatoryDto;

  @ApiPropertyOptional({
    description: 'A recorded signature (POST /signatures) of the declaration version, with its hash (R-B5)',
  })
  @IsOptional()
  @IsUUID()
  signatureId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsText(64)
  declarationVersion?: string;

  @ApiPropertyOptional({
    type: StandInDto,
    description: 'D12: a stand-in for the KSO with its legal basis (admin only)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => StandInDto)
  standIn?: StandInDto;
}

export class FullmaktigeRequestedExitDto extends EventBaseDto {
  @ApiProperty({ enum: ['FULLMAKTIGE_REQUESTED_EXIT'] })
  declare type: 'FULLMAKTIGE_REQUESTED_EXIT';

  @ApiPropertyOptional({
    type: DecisionDto,
    description: 'R-C1: a decision of fullmäktige (KF). Give this or decisionId.',
  })
  @ValidateIf((o) => o.decisionId === undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => DecisionDto)
  decision?: DecisionDto;

  @ApiPropertyOptional({ description: 'A recorded, justerat decision paragraph (subject EXIT_REQUEST)' })
  @ValidateIf((o) => o.decision === undefined)
  @IsUUID()
  decisionId?: string;

  @ApiPropertyOptional({
    example: '2027-12-31',
    description: 'R-C4: a 31 December no earlier than 31 December of the year after the request',
  })
  @IsOptional()
  @IsLocalDate()
  desiredExitDate?: string;
}

export class NoticeSenderDto {
  @ApiProperty({ example: 'Michael Karlsson' })
  @IsText(200)
  name: string;

  @ApiProperty({
    enum: ['KSO', 'OPPOSITIONSRAD', 'KOMMUNDIREKTOR', 'OTHER'],
    description: "R-C6: the leaving municipality's KSO (SEED-AF §13); another office needs standIn",
  })
  @IsIn(['KSO', 'OPPOSITIONSRAD', 'KOMMUNDIREKTOR', 'OTHER'])
  office: 'KSO' | 'OPPOSITIONSRAD' | 'KOMMUNDIREKTOR' | 'OTHER';

  @ApiPropertyOptional({ type: StandInDto, description: 'D12 by analogy: a stand-in for the KSO with its legal basis' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StandInDto)
  standIn?: StandInDto;
}

export class NoticeRecipientDto {
  @ApiProperty({ example: 'Stig Bertilsson' })
  @IsText(200)
  name: string;

  @ApiProperty({
    enum: ['COUNCIL_CHAIR', 'COORDINATOR', 'OTHER'],
    description: 'R-C6: the chair of Samverkansrådet (SEED-AF §13); the notice counts from its arrival there (R-C5)',
  })
  @IsIn(['COUNCIL_CHAIR', 'COORDINATOR', 'OTHER'])
  office: 'COUNCIL_CHAIR' | 'COORDINATOR' | 'OTHER';

  @ApiPropertyOptional({
    example: '1460',
    description: 'The municipality whose KSO chairs the council: its diarium registers the notice (R-K5)',
  })
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;
}

export class NoticeRegistrationDto {
  @ApiProperty({ example: '1492', description: 'R-K5: the sending municipality, or the receiving one (the chair’s)' })
  @IsMunicipalityCode()
  municipality: string;

  @ApiProperty({ example: 'KS 2025/87', description: "R-K6: the municipality's own diarienummer (opaque)" })
  @IsText(100)
  diarienummer: string;

  @ApiPropertyOptional({
    example: '2025-03-20',
    description: 'R-K2: registered on (the receiving one: not before arrival)',
  })
  @IsOptional()
  @IsPastDate()
  registeredOn?: string;
}

export class ExitNoticeDeliveredDto extends EventBaseDto {
  @ApiProperty({ enum: ['EXIT_NOTICE_DELIVERED'] })
  declare type: 'EXIT_NOTICE_DELIVERED';

  @ApiProperty({
    example: '2025-03-20T09:15:00+01:00',
    description: "The instant the KSO's notice reached the council chair (R-C5, D1)",
  })
  @IsPastInstant()
  arrivedAt: string;

  @ApiPropertyOptional({
    type: NoticeSenderDto,
    description: "R-C6, R-C12: who sent the notice: the leaving municipality's KSO (name and office)",
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => NoticeSenderDto)
  sender?: NoticeSenderDto;

  @ApiPropertyOptional({
    type: NoticeRecipientDto,
    description: "R-C6, R-C12: who received it: the council's chair (and the chair's municipality)",
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => NoticeRecipientDto)
  recipient?: NoticeRecipientDto;

  @ApiPropertyOptional({
    enum: ['EMAIL', 'LETTER', 'E_SIGNATURE', 'HANDED_OVER', 'OTHER'],
    description: 'R-C12: how it arrived: e-post, brev, e-underskrift, överlämnat personligen, annat',
  })
  @IsOptional()
  @IsIn(['EMAIL', 'LETTER', 'E_SIGNATURE', 'HANDED_OVER', 'OTHER'])
  channel?: 'EMAIL' | 'LETTER' | 'E_SIGNATURE' | 'HANDED_OVER' | 'OTHER';

  @ApiPropertyOptional({
    type: [NoticeRegistrationDto],
    description: "R-K5, R-K6: its diarienummer in the sending municipality's diarium and in the receiving one's",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2)
  @ValidateNested({ each: true })
  @Type(() => NoticeRegistrationDto)
  registrations?: NoticeRegistrationDto[];
}

export class CouncilInformedDto extends EventBaseDto {
  @ApiProperty({ enum: ['COUNCIL_INFORMED'] })
  declare type: 'COUNCIL_INFORMED';

  @ApiProperty({
    example: '2025-04-02',
    description: 'R-C6: the chair informed Samverkansrådet (a record, not an approval)',
  })
  @IsPastDate()
  informedOn: string;
}

export class ExitRequestWithdrawnDto extends EventBaseDto {
  @ApiProperty({ enum: ['EXIT_REQUEST_WITHDRAWN'] })
  declare type: 'EXIT_REQUEST_WITHDRAWN';

  @ApiPropertyOptional({
    type: DecisionDto,
    description: 'D6: fullmäktige decides to withdraw. Give this or decisionId.',
  })
  @ValidateIf((o) => o.decisionId === undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => DecisionDto)
  decision?: DecisionDto;

  @ApiPropertyOptional({ description: 'A recorded, justerat decision paragraph (subject EXIT_WITHDRAWAL)' })
  @ValidateIf((o) => o.decision === undefined)
  @IsUUID()
  decisionId?: string;

  @ApiProperty({
    example: '2025-10-01T10:00:00+02:00',
    description: "The instant the KSO's withdrawal notice reached the council chair",
  })
  @IsPastInstant()
  noticeArrivedAt: string;
}

export class CouncilApprovedExitDto extends EventBaseDto {
  @ApiProperty({
    enum: ['COUNCIL_APPROVED_EXIT'],
    description: 'Always refused: Samverkansrådet decides nothing (R-C6, R-E2)',
  })
  declare type: 'COUNCIL_APPROVED_EXIT';

  @ApiProperty({ example: '2025-04-02' })
  @IsPastDate()
  decidedOn: string;
}

export const MEMBERSHIP_EVENT_DTOS = {
  FULLMAKTIGE_ADOPTED_DECLARATION: FullmaktigeAdoptedDeclarationDto,
  KSO_SIGNED: KsoSignedDto,
  FULLMAKTIGE_REQUESTED_EXIT: FullmaktigeRequestedExitDto,
  EXIT_NOTICE_DELIVERED: ExitNoticeDeliveredDto,
  COUNCIL_INFORMED: CouncilInformedDto,
  EXIT_REQUEST_WITHDRAWN: ExitRequestWithdrawnDto,
  COUNCIL_APPROVED_EXIT: CouncilApprovedExitDto,
  ENTRY_DECIDED: EntryDecidedDto,
} as const;
