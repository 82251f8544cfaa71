import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Min,
  ValidateNested,
} from 'class-validator';
import { ExampleMarkDto } from '../../common/example-mark.dto';
import { IsLocalDate, IsLongText, IsPastDate, IsPastInstant, IsText } from '../../common/validators';
import { RecordParagraphDto } from './decision.dto';

class ProtocolEventBase {
  @ApiProperty() @IsString() type: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) expectedVersion?: number;
  @ApiPropertyOptional() @IsOptional() @IsText(2000) note?: string;
  @ApiPropertyOptional({ type: ExampleMarkDto, description: 'Example (demo) data: what of the event is invented' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ExampleMarkDto)
  example?: ExampleMarkDto;
}

export class ParagraphAmendedDto extends ProtocolEventBase {
  @ApiProperty({ enum: ['PARAGRAPH_AMENDED'], description: 'Only while the paragraph is a draft' })
  declare type: 'PARAGRAPH_AMENDED';
  @ApiProperty({ type: RecordParagraphDto })
  @IsObject()
  @ValidateNested()
  @Type(() => RecordParagraphDto)
  paragraph: RecordParagraphDto;
  @ApiProperty() @IsText(1000) reason: string;
}

export class JusteratDto extends ProtocolEventBase {
  @ApiProperty({
    enum: ['JUSTERAT'],
    description:
      'Omedelbar justering of this paragraph (R-I3) with immediate: true; a whole protocol via POST /meetings/{id}/justering',
  })
  declare type: 'JUSTERAT';
  @ApiProperty() @IsPastDate() justeradOn: string;
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @IsText(200, { each: true })
  justerare: string[];
  @ApiPropertyOptional({ description: 'R-I2: the chair who signs beside the justerare (not counted among them)' })
  @IsOptional()
  @IsText(200)
  chair?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() immediate?: boolean;
}

export class AnslagPostedDto extends ProtocolEventBase {
  @ApiProperty({ enum: ['ANSLAG_POSTED'] }) declare type: 'ANSLAG_POSTED';
  @ApiProperty() @IsPastDate() anslagOn: string;
  @ApiPropertyOptional() @IsOptional() @IsText(500) noticeBoard?: string;
  @ApiPropertyOptional({ description: 'R-I4: where the justerat protocol is kept (förvaringsplats)' })
  @IsOptional()
  @IsText(500)
  keptAt?: string;
  @ApiPropertyOptional({ description: 'R-I4: the day the anslag is taken down (not before the appeal period ends)' })
  @IsOptional()
  @IsLocalDate()
  takenDownOn?: string;
}

export class AppealReceivedDto extends ProtocolEventBase {
  @ApiProperty({
    enum: ['APPEAL_RECEIVED'],
    description: 'An appeal (laglighetsprövning) reached förvaltningsrätten (R-I5)',
  })
  declare type: 'APPEAL_RECEIVED';
  @ApiProperty() @IsPastDate() receivedOn: string;
  @ApiPropertyOptional({ example: 'Förvaltningsrätten i Göteborg' })
  @IsOptional()
  @IsText(200)
  court?: string;
  @ApiPropertyOptional({ example: 'Mål nr 1234-24' }) @IsOptional() @IsText(100) caseNumber?: string;
}

export class NoAppealConfirmedDto extends ProtocolEventBase {
  @ApiProperty({
    enum: ['NO_APPEAL_CONFIRMED'],
    description: 'D9: a clerk confirms no appeal arrived in time → FINAL (laga kraft)',
  })
  declare type: 'NO_APPEAL_CONFIRMED';
  @ApiProperty() @IsPastDate() confirmedOn: string;
  @ApiPropertyOptional({ example: 'Lagakraftbevis från förvaltningsrätten' })
  @IsOptional()
  @IsText(500)
  basis?: string;
}

export class AppealDecidedDto extends ProtocolEventBase {
  @ApiProperty({
    enum: ['APPEAL_DECIDED'],
    description:
      'The final judgment: REJECTED → FINAL, ANNULLED (upphävt) → ANNULLED and compensations (R-C11); DISMISSED ' +
      '(avvisat): the appeal was not tried (a late one, R-I14), the decision stands as it was',
  })
  declare type: 'APPEAL_DECIDED';
  @ApiProperty({ enum: ['REJECTED', 'ANNULLED', 'DISMISSED'] })
  @IsIn(['REJECTED', 'ANNULLED', 'DISMISSED'])
  outcome: 'REJECTED' | 'ANNULLED' | 'DISMISSED';
  @ApiProperty() @IsPastDate() decidedOn: string;
  @ApiPropertyOptional() @IsOptional() @IsText(200) court?: string;
  @ApiPropertyOptional() @IsOptional() @IsText(100) caseNumber?: string;
}

export class CorrectionRecordedDto extends ProtocolEventBase {
  @ApiProperty({
    enum: ['CORRECTION_RECORDED'],
    description: 'A correction of a justerat paragraph, referring to it; the paragraph itself is never edited',
  })
  declare type: 'CORRECTION_RECORDED';
  @ApiProperty() @IsPastDate() correctedOn: string;
  @ApiProperty() @IsText(1000) reason: string;
  @ApiProperty() @IsLongText(10000) text: string;
}

export class ReservationMotivationSubmittedDto extends ProtocolEventBase {
  @ApiProperty({
    enum: ['RESERVATION_MOTIVATION_SUBMITTED'],
    description: 'R-H14: written motivation, before the time set for justering',
  })
  declare type: 'RESERVATION_MOTIVATION_SUBMITTED';
  @ApiProperty() @IsText(200) member: string;
  @ApiProperty() @IsLongText(20000) text: string;
  @ApiProperty() @IsPastInstant() submittedAt: string;
}

export class InhibitionOrderedDto extends ProtocolEventBase {
  @ApiProperty({
    enum: ['INHIBITION_ORDERED'],
    description: 'R-I13: the court orders that the decision must not be carried out until it has judged (inhibition)',
  })
  declare type: 'INHIBITION_ORDERED';
  @ApiProperty({ example: 'Förvaltningsrätten i Göteborg' }) @IsText(200) court: string;
  @ApiPropertyOptional({ example: 'Mål nr 1234-24' }) @IsOptional() @IsText(100) caseNumber?: string;
  @ApiProperty() @IsPastDate() orderedOn: string;
}

export class InhibitionLiftedDto extends ProtocolEventBase {
  @ApiProperty({ enum: ['INHIBITION_LIFTED'], description: 'R-I13: the court lifts the inhibition in force' })
  declare type: 'INHIBITION_LIFTED';
  @ApiProperty() @IsPastDate() liftedOn: string;
}

export const PROTOCOL_EVENT_DTOS = {
  PARAGRAPH_AMENDED: ParagraphAmendedDto,
  JUSTERAT: JusteratDto,
  ANSLAG_POSTED: AnslagPostedDto,
  APPEAL_RECEIVED: AppealReceivedDto,
  NO_APPEAL_CONFIRMED: NoAppealConfirmedDto,
  APPEAL_DECIDED: AppealDecidedDto,
  CORRECTION_RECORDED: CorrectionRecordedDto,
  RESERVATION_MOTIVATION_SUBMITTED: ReservationMotivationSubmittedDto,
  INHIBITION_ORDERED: InhibitionOrderedDto,
  INHIBITION_LIFTED: InhibitionLiftedDto,
} as const;
