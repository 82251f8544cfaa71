/**
 * One DTO per area event type (as src/collaboration/dto/membership-event.dto.ts does): what a client sends. The
 * service turns references into the facts the machine judges (decisionId → the decision, documentVersionId → the
 * version with its hash) and adds the collaboration's active parties on the event's date.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { AREA_PURPOSES, LEGAL_FORMS } from '../../../machines/area/area.types';
import { EventBaseDto } from '../../collaboration/dto/membership-event.dto';
import { IsLocalDate, IsLongText, IsMunicipalityCode, IsPastDate, IsText } from '../../common/validators';
import { FORBUND_BODIES, GOVERNING_DOCUMENT_KINDS, RepresentationDto } from './legal-form.dto';

const PURPOSES = Object.keys(AREA_PURPOSES);
/** What a client may name as a form: the four legal forms, and a network, which the rules refuse (R-F3, 422). */
const NAMED_FORMS = [...LEGAL_FORMS, 'NATVERK'];
const OFFICES = ['KSO', 'OPPOSITIONSRAD', 'KOMMUNDIREKTOR', 'OTHER'];

class ProposalFieldsDto extends EventBaseDto {
  @ApiProperty({ example: 'Gemensam rekryteringsenhet' })
  @IsText(200)
  title: string;

  @ApiProperty({ enum: PURPOSES, isArray: true, description: 'The §4 purposes of the declaration it serves' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(PURPOSES, { each: true })
  purposes: Array<keyof typeof AREA_PURPOSES>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsLongText(4000)
  description?: string;

  @ApiProperty({
    example: ['1460', '1461', '1492'],
    description: 'Municipality codes of the proposed participants (R-F1: at least two; a non-party may take part)',
  })
  @IsArray()
  @ArrayMaxSize(290)
  @IsMunicipalityCode({ each: true })
  participants: string[];
}

export class AreaProposedDto extends ProposalFieldsDto {
  @ApiProperty({ enum: ['AREA_PROPOSED'] })
  declare type: 'AREA_PROPOSED';

  @ApiProperty({ example: '2025-02-03' })
  @IsPastDate()
  proposedOn: string;
}

export class AreaRegisteredExistingDto extends ProposalFieldsDto {
  @ApiProperty({
    enum: ['AREA_REGISTERED_EXISTING'],
    description: 'G6: an existing collaboration straight into operation',
  })
  declare type: 'AREA_REGISTERED_EXISTING';

  @ApiProperty({ example: '2025-02-03' })
  @IsPastDate()
  registeredOn: string;

  @ApiProperty({ enum: NAMED_FORMS })
  @IsIn(NAMED_FORMS)
  legalForm: (typeof LEGAL_FORMS)[number] | 'NATVERK';

  @ApiProperty({ description: 'Document versions of the governing documents (G6: at least one)' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  documentVersionIds: string[];

  @ApiPropertyOptional({ example: '1461', description: 'The host municipality, when the documents name one' })
  @IsOptional()
  @IsMunicipalityCode()
  hostMunicipality?: string;

  @ApiProperty({ example: '2021-06-01' })
  @IsLocalDate()
  startDate: string;

  @ApiProperty({ example: 'Uppsägning 12 månader' })
  @IsLongText(2000)
  noticeTerms: string;
}

export class ForankringStartedDto extends EventBaseDto {
  @ApiProperty({ enum: ['FORANKRING_STARTED'] }) declare type: 'FORANKRING_STARTED';
  @ApiProperty({ example: '2025-02-10' }) @IsPastDate() startedOn: string;
}

export class KdgAssignedDto extends EventBaseDto {
  @ApiProperty({ enum: ['KDG_ASSIGNED'] }) declare type: 'KDG_ASSIGNED';
  @ApiProperty({ example: '2025-02-17' }) @IsPastDate() assignedOn: string;
  @ApiProperty({ description: "KDG's assignment (uppdrag) for the förstudie" }) @IsLongText(4000) assignment: string;

  @ApiPropertyOptional({
    description: 'R-D8: a focus area (key or name) of the operational plan in force on assignedOn; recorded by its key',
  })
  @IsOptional()
  @IsText(300)
  focusArea?: string;

  @ApiPropertyOptional({ description: 'The plan in force that the focus area belongs to (filled in when left out)' })
  @IsOptional()
  @IsUUID()
  planId?: string;
}

export class AreaCouncilInformedDto extends EventBaseDto {
  @ApiProperty({ enum: ['COUNCIL_INFORMED'] }) declare type: 'COUNCIL_INFORMED';
  @ApiProperty({ example: '2025-02-20', description: 'G1: Samverkansrådet informed (not deciding)' })
  @IsPastDate()
  informedOn: string;
}

export class CouncilDecidedDto extends EventBaseDto {
  @ApiProperty({ enum: ['COUNCIL_DECIDED'], description: 'Always refused: the council decides nothing (G5, R-E2)' })
  declare type: 'COUNCIL_DECIDED';
  @ApiProperty({ example: '2025-02-20' }) @IsPastDate() decidedOn: string;
}

export class ForstudieStartedDto extends EventBaseDto {
  @ApiProperty({ enum: ['FORSTUDIE_STARTED'] }) declare type: 'FORSTUDIE_STARTED';
  @ApiProperty({ example: '2025-03-01' }) @IsPastDate() startedOn: string;
}

export class CostModelDto {
  @ApiProperty({ example: 'Fördelning efter invånarantal' }) @IsText(200) name: string;
  @ApiPropertyOptional() @IsOptional() @IsLongText(4000) description?: string;
}

export class ReportSubmittedDto extends EventBaseDto {
  @ApiProperty({ enum: ['REPORT_SUBMITTED'] }) declare type: 'REPORT_SUBMITTED';
  @ApiProperty({ example: '2025-05-15' }) @IsPastDate() submittedOn: string;
  @ApiProperty({ description: 'The report: a document version (its SHA-256 is recorded)' })
  @IsUUID()
  documentVersionId: string;
  @ApiProperty({ description: 'R-F4: the analysis of the fitting form' }) @IsLongText(8000) formAnalysis: string;
  @ApiProperty({ enum: NAMED_FORMS, description: 'R-F3: a network is refused' })
  @IsIn(NAMED_FORMS)
  proposedLegalForm: (typeof LEGAL_FORMS)[number] | 'NATVERK';
  @ApiProperty({ type: CostModelDto, description: 'R-G1: a named cost model' })
  @IsObject()
  @ValidateNested()
  @Type(() => CostModelDto)
  costModel: CostModelDto;
}

export class DecisionsRequestedDto extends EventBaseDto {
  @ApiProperty({ enum: ['DECISIONS_REQUESTED'] }) declare type: 'DECISIONS_REQUESTED';
  @ApiProperty({ example: '2025-05-20' }) @IsPastDate() requestedOn: string;
}

export class ParticipationDecidedDto extends EventBaseDto {
  @ApiProperty({ enum: ['PARTICIPATION_DECIDED'] }) declare type: 'PARTICIPATION_DECIDED';
  @ApiProperty({ example: '1461' }) @IsMunicipalityCode() municipalityCode: string;
  @ApiProperty({ enum: ['YES', 'NO'] }) @IsIn(['YES', 'NO']) answer: 'YES' | 'NO';
  @ApiProperty({
    description:
      'A recorded, justerat decision of that municipality (subject AREA_PARTICIPATION) by the organ competent for the legal form (R-J5)',
  })
  @IsUUID()
  decisionId: string;
}

export class AreaFormalisedDto extends EventBaseDto {
  @ApiProperty({ enum: ['AREA_FORMALISED'] }) declare type: 'AREA_FORMALISED';
  @ApiProperty({ example: '2025-09-01' }) @IsPastDate() formalisedOn: string;
  @ApiProperty({ enum: NAMED_FORMS }) @IsIn(NAMED_FORMS) legalForm: (typeof LEGAL_FORMS)[number] | 'NATVERK';
  @ApiProperty({
    description: 'The governing documents (avtal, reglemente, förbundsordning, bolagsordning) as versions',
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  documentVersionIds: string[];
  @ApiPropertyOptional({
    enum: GOVERNING_DOCUMENT_KINDS,
    isArray: true,
    description:
      'What each of documentVersionIds is, in the same order (area@3, R-J1..R-J4, R-J6): FORBUNDSORDNING; OVERENSKOMMELSE + REGLEMENTE; AVTAL; BOLAGSORDNING + AGARDIREKTIV',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(GOVERNING_DOCUMENT_KINDS, { each: true })
  documentKinds?: Array<(typeof GOVERNING_DOCUMENT_KINDS)[number]>;
  @ApiProperty({ example: '1492' }) @IsMunicipalityCode() hostMunicipality: string;
  @ApiProperty({ example: '2026-01-01' }) @IsLocalDate() startDate: string;
  @ApiProperty({ example: 'Uppsägning 12 månader före årsskifte' }) @IsLongText(2000) noticeTerms: string;
  @ApiPropertyOptional({ enum: FORBUND_BODIES, description: 'R-J1: a kommunalförbund’s decision-making body' })
  @IsOptional()
  @IsIn(FORBUND_BODIES)
  forbundBody?: (typeof FORBUND_BODIES)[number];
  @ApiPropertyOptional({ type: [RepresentationDto], description: 'R-J1, R-J2: each participant’s seats' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(290)
  @ValidateNested({ each: true })
  @Type(() => RepresentationDto)
  representation?: RepresentationDto[];
  @ApiPropertyOptional({ description: 'R-J4: the kommunala ändamålet as the bolagsordning states it' })
  @IsOptional()
  @IsLongText(2000)
  municipalPurpose?: string;
  @ApiPropertyOptional({ description: 'R-J3, R-J4: the form includes myndighetsutövning' })
  @IsOptional()
  @IsBoolean()
  myndighetsutovning?: boolean;
  @ApiPropertyOptional({ description: 'R-J4: the law that lets a company exercise it (KL 10 kap. 1 §)' })
  @IsOptional()
  @IsText(500)
  legalBasis?: string;
}

export class AreaSignatoryDto {
  @ApiProperty({ example: 'Göran Eriksson' }) @IsText(200) name: string;
  @ApiProperty({ enum: OFFICES }) @IsIn(OFFICES) office: 'KSO' | 'OPPOSITIONSRAD' | 'KOMMUNDIREKTOR' | 'OTHER';
  @ApiPropertyOptional({ example: 'Kommunchef Bengtsfors' }) @IsOptional() @IsText(200) title?: string;
}

export class SigningAuthorityDto {
  @ApiProperty({ example: 'Firmatecknare enligt KS delegationsordning' }) @IsText(500) basis: string;
  @ApiPropertyOptional({ description: 'The decision that designates the signatory, if recorded' })
  @IsOptional()
  @IsUUID()
  decisionId?: string;
}

export class AgreementSignedDto extends EventBaseDto {
  @ApiProperty({ enum: ['AGREEMENT_SIGNED'] }) declare type: 'AGREEMENT_SIGNED';
  @ApiProperty({ example: '2025-09-10' }) @IsPastDate() signedOn: string;
  @ApiProperty({ example: ['1460'], description: 'The municipalities the signatory signs for' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(290)
  @IsMunicipalityCode({ each: true })
  municipalityCodes: string[];
  @ApiProperty({ type: AreaSignatoryDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AreaSignatoryDto)
  signatory: AreaSignatoryDto;
  @ApiPropertyOptional({
    type: SigningAuthorityDto,
    description: 'R-F6: the authority it was signed under (required by the rule)',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SigningAuthorityDto)
  authority?: SigningAuthorityDto;
  @ApiProperty({ description: 'The governing document version signed' }) @IsUUID() documentVersionId: string;
}

export class OperationStartedDto extends EventBaseDto {
  @ApiProperty({ enum: ['OPERATION_STARTED'] }) declare type: 'OPERATION_STARTED';
  @ApiProperty({ example: '2026-01-01' }) @IsPastDate() startedOn: string;
}

export class FollowUpStartedDto extends EventBaseDto {
  @ApiProperty({ enum: ['FOLLOW_UP_STARTED'] }) declare type: 'FOLLOW_UP_STARTED';
  @ApiProperty({ example: '2026-09-01' }) @IsPastDate() startedOn: string;
}

export class FollowUpReportedDto extends EventBaseDto {
  @ApiProperty({ enum: ['FOLLOW_UP_REPORTED'] }) declare type: 'FOLLOW_UP_REPORTED';
  @ApiProperty({ example: '2026-10-01' }) @IsPastDate() reportedOn: string;
  @ApiProperty() @IsLongText(8000) summary: string;
  @ApiPropertyOptional({ description: 'The follow-up report as a document version' })
  @IsOptional()
  @IsUUID()
  documentVersionId?: string;
}

export class RevisionStartedDto extends EventBaseDto {
  @ApiProperty({ enum: ['REVISION_STARTED'] }) declare type: 'REVISION_STARTED';
  @ApiProperty({ example: '2026-10-15' }) @IsPastDate() startedOn: string;
  @ApiProperty() @IsLongText(2000) reason: string;
}

export class RevisionDecidedDto extends EventBaseDto {
  @ApiProperty({ enum: ['REVISION_DECIDED'] }) declare type: 'REVISION_DECIDED';
  @ApiProperty({ example: '2026-11-01' }) @IsPastDate() decidedOn: string;
  @ApiProperty({ enum: ['BESLUT', 'FORMALISERING'], description: 'Back to new decisions (3) or revised documents (4)' })
  @IsIn(['BESLUT', 'FORMALISERING'])
  backTo: 'BESLUT' | 'FORMALISERING';
  @ApiProperty() @IsLongText(2000) reason: string;
}

export class AreaWoundDownDto extends EventBaseDto {
  @ApiProperty({ enum: ['AREA_WOUND_DOWN'] }) declare type: 'AREA_WOUND_DOWN';
  @ApiProperty({ example: '2026-12-31' }) @IsPastDate() woundDownOn: string;
  @ApiProperty() @IsLongText(2000) reason: string;
  @ApiProperty({ description: "The agreement's own terms it ends under (R-C8)" }) @IsLongText(2000) underTerms: string;
}

export class AreaPausedDto extends EventBaseDto {
  @ApiProperty({ enum: ['AREA_PAUSED'] }) declare type: 'AREA_PAUSED';
  @ApiProperty({ example: '2025-04-01' }) @IsPastDate() pausedOn: string;
  @ApiProperty() @IsLongText(2000) reason: string;
}

export class AreaResumedDto extends EventBaseDto {
  @ApiProperty({ enum: ['AREA_RESUMED'] }) declare type: 'AREA_RESUMED';
  @ApiProperty({ example: '2025-06-01' }) @IsPastDate() resumedOn: string;
}

export class AreaClosedDto extends EventBaseDto {
  @ApiProperty({ enum: ['AREA_CLOSED'] }) declare type: 'AREA_CLOSED';
  @ApiProperty({ example: '2025-06-01' }) @IsPastDate() closedOn: string;
  @ApiProperty() @IsLongText(2000) reason: string;
}

/** POST /collaborations/{slug}/areas: propose an area, or register an existing collaboration (G6). */
export const AREA_CREATION_DTOS = {
  AREA_PROPOSED: AreaProposedDto,
  AREA_REGISTERED_EXISTING: AreaRegisteredExistingDto,
} as const;

/** POST /areas/{id}/events: every later step. */
export const AREA_STEP_DTOS = {
  FORANKRING_STARTED: ForankringStartedDto,
  KDG_ASSIGNED: KdgAssignedDto,
  COUNCIL_INFORMED: AreaCouncilInformedDto,
  COUNCIL_DECIDED: CouncilDecidedDto,
  FORSTUDIE_STARTED: ForstudieStartedDto,
  REPORT_SUBMITTED: ReportSubmittedDto,
  DECISIONS_REQUESTED: DecisionsRequestedDto,
  PARTICIPATION_DECIDED: ParticipationDecidedDto,
  AREA_FORMALISED: AreaFormalisedDto,
  AGREEMENT_SIGNED: AgreementSignedDto,
  OPERATION_STARTED: OperationStartedDto,
  FOLLOW_UP_STARTED: FollowUpStartedDto,
  FOLLOW_UP_REPORTED: FollowUpReportedDto,
  REVISION_STARTED: RevisionStartedDto,
  REVISION_DECIDED: RevisionDecidedDto,
  AREA_WOUND_DOWN: AreaWoundDownDto,
  AREA_PAUSED: AreaPausedDto,
  AREA_RESUMED: AreaResumedDto,
  AREA_CLOSED: AreaClosedDto,
} as const;

/** Every client event of the area machine (test/machines/event-shapes.spec.ts checks them against the machine). */
export const AREA_EVENT_DTOS = { ...AREA_CREATION_DTOS, ...AREA_STEP_DTOS } as const;
