import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ExampleMarkDto } from '../../common/example-mark.dto';
import { IsInstant, IsLocalDate, IsLongText, IsPastDate, IsPastInstant, IsText } from '../../common/validators';
import {
  DECISION_NATURES,
  DECISION_SUBJECTS,
  JAV_GROUNDS,
  type DecisionNature,
  type DecisionSubject,
  type JavGround,
} from '../../../machines/protocol/decision.types';
import {
  FormalQuestionDto,
  KontrapropositionDto,
  MethodDto,
  NotParticipatingDto,
  PersonDto,
  TjanstgoringDto,
} from './votes.dto';

export {
  FormalMethodDto,
  FormalQuestionDto,
  KontrapropositionDto,
  MethodDto,
  NotParticipatingDto,
  PersonDto,
  TjanstgoringDto,
  VoteDto,
} from './votes.dto';

/** Optional on the records of demo data (src/seed/demo-marks.ts): the record is an example, and what is invented. */
const exampleProperty = () =>
  ApiPropertyOptional({
    type: ExampleMarkDto,
    description: 'Marks example (demo) data: shown as "EXEMPEL – fiktiva uppgifter" wherever the record is shown',
  });

/** R-H18: fullmäktige's decision that allows a nämnd (KS, utskott) to meet in public. */
export class OpenMeetingsDecisionDto {
  @ApiProperty({ example: '2023-01-30', description: 'The day fullmäktige decided it (not after today)' })
  @IsPastDate()
  decidedOn: string;
  @ApiProperty({ example: 'KF § 12', description: 'Its paragraph or diarienummer' }) @IsText(200) reference: string;
}

export class CreateBodyDto {
  @ApiProperty({
    enum: ['KF', 'KS', 'NAMND', 'UTSKOTT'],
    description: 'kommunfullmäktige, kommunstyrelse, nämnd, utskott',
  })
  @IsIn(['KF', 'KS', 'NAMND', 'UTSKOTT'])
  kind: 'KF' | 'KS' | 'NAMND' | 'UTSKOTT';

  @ApiProperty({ example: 'Socialnämnden' })
  @IsText(200)
  name: string;

  @ApiProperty({ example: 9, description: 'Number of ledamöter (for quorum, R-H2)' })
  @IsInt()
  @Min(1)
  @Max(1000)
  memberCount: number;

  @ApiPropertyOptional({
    type: OpenMeetingsDecisionDto,
    description: "R-H18: fullmäktige's decision allowing the body's meetings to be open to the public (not for KF)",
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OpenMeetingsDecisionDto)
  openMeetingsDecision?: OpenMeetingsDecisionDto;
}

export class AttendeeDto extends PersonDto {
  @ApiProperty({
    enum: ['LEDAMOT', 'TJANSTGORANDE_ERSATTARE', 'ERSATTARE'],
    description: 'Only ledamöter and tjänstgörande ersättare serve (R-H3)',
  })
  @IsIn(['LEDAMOT', 'TJANSTGORANDE_ERSATTARE', 'ERSATTARE'])
  role: 'LEDAMOT' | 'TJANSTGORANDE_ERSATTARE' | 'ERSATTARE';

  @ApiPropertyOptional({ description: 'The chair (ordförande) of the meeting' })
  @IsOptional()
  @IsBoolean()
  chair?: boolean;

  @ApiPropertyOptional({
    example: 1,
    description: "An ersättare's place in the body's order of calling in, within the party (R-H21)",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  order?: number;
}

export class CreateMeetingDto {
  @ApiProperty({ example: '2024-05-22', description: 'Not after today' }) @IsPastDate() date: string;
  @ApiPropertyOptional({ example: 'Kommunhuset, Mellerud' }) @IsOptional() @IsText(200) place?: string;
  @ApiProperty({ type: [AttendeeDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => AttendeeDto)
  attendees: AttendeeDto[];
  @ApiPropertyOptional({
    example: '2024-05-22T16:30:00+02:00',
    description: 'When the meeting closed (reservations must be announced before, R-H14)',
  })
  @IsOptional()
  @IsPastInstant()
  closedAt?: string;
  @ApiPropertyOptional({
    example: '2024-05-29T10:00:00+02:00',
    description: 'The time set for justering (written motivations must arrive before, R-H14)',
  })
  @IsOptional()
  @IsInstant()
  justeringAt?: string;
  @ApiPropertyOptional({ example: 'Anna Andersson' }) @IsOptional() @IsText(200) secretary?: string;
  @ApiPropertyOptional({
    description:
      "R-H18: open to the public. Fullmäktige: always (default true, false refused); another body: default false, true only with fullmäktige's decision recorded on the body",
  })
  @IsOptional()
  @IsBoolean()
  public?: boolean;
  @exampleProperty()
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ExampleMarkDto)
  example?: ExampleMarkDto;
}

export class MatterDto {
  @ApiProperty({ example: 'Avsiktsförklaring sociala området version 1.2' }) @IsText(500) title: string;
  @ApiPropertyOptional({
    example: 'SN 2024/15',
    description: "Opaque diarienummer in the municipality's own diarium (R-K5)",
  })
  @IsOptional()
  @IsText(100)
  diarienummer?: string;
  @ApiPropertyOptional({ example: 'SN', description: 'Which diarium (default: the municipality’s main diarium)' })
  @IsOptional()
  @IsText(64)
  diarium?: string;
}

export class ProposalDto {
  @ApiProperty({ example: 'A' }) @IsText(10) id: string;
  @ApiProperty({ type: [PersonDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => PersonDto)
  by: PersonDto[];
  @ApiProperty({ example: 'Socialnämnden beslutar att:' }) @IsLongText(10000) text: string;
  @ApiPropertyOptional({ type: [String], example: ['anta reviderad avsiktsförklaring.'] })
  @IsOptional()
  @IsArray()
  @IsLongText(5000, { each: true })
  attSatser?: string[];
}

export class DecisionTextDto {
  @ApiPropertyOptional({ example: 'Socialnämnden beslutar att:' })
  @IsOptional()
  @IsLongText(10000)
  text?: string;
  @ApiProperty({ type: [String] })
  @IsArray()
  @IsLongText(5000, { each: true })
  attSatser: string[];
}

export class JavDto {
  @ApiProperty() @IsText(200) member: string;
  @ApiProperty() @IsText(1000) reason: string;
  @ApiPropertyOptional({
    enum: JAV_GROUNDS,
    description: 'The jävsgrund (R-H4): PERSONLIGEN in fullmäktige, the FL 16 § grounds in a nämnd',
  })
  @IsOptional()
  @IsIn(JAV_GROUNDS)
  ground?: JavGround;
}

export class MotivationDto {
  @ApiProperty() @IsLongText(10000) text: string;
  @ApiPropertyOptional({ example: '2024-05-27T09:00:00+02:00' }) @IsOptional() @IsPastInstant() submittedAt?: string;
}

export class ReservationDto {
  @ApiProperty({ type: [PersonDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => PersonDto)
  members: PersonDto[];
  @ApiPropertyOptional({ example: 'B', description: '"till förmån för" this proposal' })
  @IsOptional()
  @IsText(10)
  inFavourOf?: string;
  @ApiPropertyOptional() @IsOptional() @IsPastInstant() announcedAt?: string;
  @ApiPropertyOptional({ type: MotivationDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MotivationDto)
  motivation?: MotivationDto;
}

export class ProtokollsanteckningDto {
  @ApiProperty({ type: PersonDto }) @IsObject() @ValidateNested() @Type(() => PersonDto) member: PersonDto;
  @ApiProperty() @IsLongText(10000) text: string;
  @ApiProperty({
    example: true,
    description: 'R-H15: the chair allowed the protokollsanteckning (required; false is refused with 422)',
  })
  @IsBoolean()
  allowedByChair: boolean;
}

export class RecordParagraphDto {
  @ApiProperty({ example: '§ 45' }) @IsText(50) paragraphNumber: string;
  @ApiProperty({ type: MatterDto }) @IsObject() @ValidateNested() @Type(() => MatterDto) matter: MatterDto;
  @ApiProperty({
    enum: DECISION_SUBJECTS,
    description: 'What the decision is about, checked when it drives a workflow',
  })
  @IsIn(DECISION_SUBJECTS)
  subject: DecisionSubject;
  @ApiPropertyOptional({ example: 'dalslandssamverkan' })
  @IsOptional()
  @IsText(64)
  collaboration?: string;
  @ApiPropertyOptional({ description: 'The document version adopted (R-B5)' })
  @IsOptional()
  @IsUUID()
  documentVersionId?: string;
  @ApiPropertyOptional({ description: 'Sammanfattning av ärendet' })
  @IsOptional()
  @IsLongText(20000)
  summary?: string;
  @ApiProperty({ type: [String] })
  @IsArray()
  @IsText(1000, { each: true })
  beslutsunderlag: string[];
  @ApiProperty({ type: [ProposalDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ProposalDto)
  proposals: ProposalDto[];
  @ApiProperty({ type: [String], description: 'Beslutsgång, in order' })
  @IsArray()
  @ArrayMinSize(1)
  @IsLongText(5000, { each: true })
  beslutsgang: string[];
  @ApiPropertyOptional({
    type: MethodDto,
    description: 'The vote on the matter (huvudvotering); left out only when a formal question sent the matter on',
  })
  @ValidateIf((o: RecordParagraphDto) => o.method !== undefined || !sendsMatterOn(o))
  @IsObject()
  @ValidateNested()
  @Type(() => MethodDto)
  method?: MethodDto;
  @ApiProperty({ type: DecisionTextDto })
  @IsObject()
  @ValidateNested()
  @Type(() => DecisionTextDto)
  decision: DecisionTextDto;
  @ApiProperty({ type: [JavDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => JavDto) jav: JavDto[];
  @ApiProperty({ type: [ReservationDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ReservationDto)
  reservations: ReservationDto[];
  @ApiProperty({ type: [ProtokollsanteckningDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ProtokollsanteckningDto)
  protokollsanteckningar: ProtokollsanteckningDto[];
  @ApiProperty({ type: [String], example: ['Kommunstyrelsen'], description: 'Beslutet skickas till' })
  @IsArray()
  @IsText(300, { each: true })
  sendTo: string[];
  @ApiPropertyOptional({ description: 'The body decided to justera this paragraph at once (R-I3)' })
  @IsOptional()
  @IsBoolean()
  immediateJustering?: boolean;
  @ApiPropertyOptional({
    enum: DECISION_NATURES,
    description:
      'R-I15, KL 13 kap. 2 §: BESLUT (default), or only beredning or verkställighet: no laglighetsprövning, no appeal clock',
  })
  @IsOptional()
  @IsIn(DECISION_NATURES)
  nature?: DecisionNature;
  @exampleProperty()
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ExampleMarkDto)
  example?: ExampleMarkDto;
  // issue 11 points 1–3: tjänstgöring per paragraph, several questions in one paragraph (all optional)
  @ApiPropertyOptional({ description: 'The matter is an election (val): no minority right (R-H16)' })
  @IsOptional()
  @IsBoolean()
  election?: boolean;
  @ApiPropertyOptional({ type: [TjanstgoringDto], description: 'Who serves in this paragraph (R-H20)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => TjanstgoringDto)
  tjanstgoring?: TjanstgoringDto[];
  @ApiPropertyOptional({
    type: [FormalQuestionDto],
    description: 'Återremiss and bordläggning, tried before the matter (R-H6, R-H16)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => FormalQuestionDto)
  formalQuestions?: FormalQuestionDto[];
  @ApiPropertyOptional({ type: KontrapropositionDto, description: 'With more than two proposals (R-H8)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => KontrapropositionDto)
  kontraproposition?: KontrapropositionDto;
  // R-H12, R-H18: not taking part in the decision; myndighetsutövning mot enskild (optional)
  @ApiPropertyOptional({
    type: [NotParticipatingDto],
    description: 'R-H12: members who announced that they do not take part in the decision',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => NotParticipatingDto)
  notParticipating?: NotParticipatingDto[];
  @ApiPropertyOptional({
    description:
      'Myndighetsutövning mot enskild: no abstaining (R-H12); behind closed doors at an open meeting (R-H18)',
  })
  @IsOptional()
  @IsBoolean()
  myndighetsutovning?: boolean;
}

/** R-H22: a granted återremiss or bordläggning sends the matter on undecided: then the paragraph has no method. */
function sendsMatterOn(o: RecordParagraphDto): boolean {
  return Array.isArray(o.formalQuestions) && o.formalQuestions.some((q) => q?.outcome === 'GRANTED');
}

export class MeetingJusteringDto {
  @ApiProperty({ example: '2024-05-29', description: 'Not after today' }) @IsPastDate() justeradOn: string;
  @ApiProperty({
    type: [String],
    example: ['Marianne Sand Wallin'],
    description:
      'R-I2: the justerare chosen at the meeting, not counting the chair (a list that names the chair with no `chair` given is read as the signers, chair first)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @IsText(200, { each: true })
  justerare: string[];
  @ApiPropertyOptional({
    example: 'Daniel Jensen',
    description: 'R-I2: the chair who signs the justering; the chair the attendees mark unless given',
  })
  @IsOptional()
  @IsText(200)
  chair?: string;
  @exampleProperty()
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ExampleMarkDto)
  example?: ExampleMarkDto;
}

export class MeetingAnslagDto {
  @ApiProperty({ example: '2024-05-30', description: 'Not after today' }) @IsPastDate() anslagOn: string;
  @ApiPropertyOptional({ example: 'https://mellerud.se/anslagstavla' })
  @IsOptional()
  @IsText(500)
  noticeBoard?: string;
  @ApiPropertyOptional({
    example: 'Kommunkansliet, Storgatan 13, Mellerud',
    description: 'R-I4: where the justerat protocol is kept (förvaringsplats); an anslag without it is flagged',
  })
  @IsOptional()
  @IsText(500)
  keptAt?: string;
  @ApiPropertyOptional({
    example: '2024-06-20',
    description: 'R-I4: the day the anslag is taken down; the appeal period’s last day unless given, never before it',
  })
  @IsOptional()
  @IsLocalDate()
  takenDownOn?: string;
  @exampleProperty()
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ExampleMarkDto)
  example?: ExampleMarkDto;
}

export class DeadlinesQueryDto {
  @ApiPropertyOptional({ example: '2024-11-20' }) @IsOptional() @IsLocalDate() meetingDate?: string;
  @ApiPropertyOptional({ example: '2024-12-02' }) @IsOptional() @IsLocalDate() justeringDate?: string;
  @ApiPropertyOptional({ example: '2024-12-04' }) @IsOptional() @IsLocalDate() anslagDate?: string;
}
