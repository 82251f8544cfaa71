import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsUUID, Min, ValidateNested } from 'class-validator';
import {
  COUNCIL_RECORD_KINDS,
  COUNCIL_SEATS,
  DECISION_RECORD_KINDS,
  type CouncilSeat,
  type RecordSubject,
  type RequestedRecordKind,
} from '../../../machines/council/council.types';
import { IsLocalDate, IsLongText, IsMunicipalityCode, IsPastDate, IsText } from '../../common/validators';

const RECORD_SUBJECTS: RecordSubject[] = ['COST_ARRANGEMENT', 'PLAN', 'AREA', 'EXIT', 'OTHER'];

/** What every council write may carry besides its data. */
export class CouncilWriteBaseDto {
  @ApiPropertyOptional({
    description: 'Optimistic concurrency: the council version the client read; 409 VERSION_CONFLICT if it changed.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number;

  @ApiPropertyOptional({ description: 'Free text kept with the record (for example where the data comes from).' })
  @IsOptional()
  @IsText(2000)
  note?: string;
}

export class EquivalentDto {
  @ApiProperty({ example: 'Gruppledare för största oppositionspartiet' })
  @IsText(200)
  office: string;

  @ApiProperty({ example: 'KS 2024-01-15 § 3: utsedd att ingå i Samverkansrådet i oppositionsrådets ställe' })
  @IsText(500)
  basis: string;
}

/** R-E1: a person takes a party's KSO or oppositionsråd seat from a date (a later seating replaces the holder). */
export class SeatMemberDto extends CouncilWriteBaseDto {
  @ApiProperty({ example: '1492', description: 'The party (kommunkod); must be a party of the collaboration' })
  @IsMunicipalityCode()
  municipality: string;

  @ApiProperty({ enum: COUNCIL_SEATS })
  @IsIn(COUNCIL_SEATS as CouncilSeat[])
  seat: CouncilSeat;

  @ApiProperty({ example: 'Michael Karlsson' })
  @IsText(200)
  name: string;

  @ApiPropertyOptional({ example: 'M', description: 'Political party' })
  @IsOptional()
  @IsText(50)
  politicalParty?: string;

  @ApiProperty({ example: '2023-12-08', description: 'Holds the seat from this date' })
  @IsPastDate()
  from: string;

  @ApiPropertyOptional({
    type: EquivalentDto,
    description: 'R-E1: on the oppositionsråd seat, a person "motsvarande" and the basis',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => EquivalentDto)
  equivalent?: EquivalentDto;
}

export class CouncilMeetingDto extends CouncilWriteBaseDto {
  @ApiProperty({ example: '2024-03-14', description: 'Meeting date (local date; a planned meeting may lie ahead)' })
  @IsLocalDate()
  date: string;

  @ApiProperty({ example: 'Dals-Eds kommunhus' })
  @IsText(200)
  place: string;
}

export class CouncilRecordDto extends CouncilWriteBaseDto {
  @ApiProperty({
    enum: [...COUNCIL_RECORD_KINDS, ...DECISION_RECORD_KINDS],
    description:
      'INFORMATION, DISCUSSION, RECOMMENDATION (ställningstagande, non-binding) or MINNESANTECKNINGAR. BESLUT, DECISION, GODKANNANDE and APPROVAL are refused with COUNCIL_NOT_DECISION_MAKING (R-E2, R-G8).',
  })
  @IsIn([...COUNCIL_RECORD_KINDS, ...DECISION_RECORD_KINDS])
  kind: RequestedRecordKind;

  @ApiProperty({ example: 'Samordnare för samverkan inom socialtjänst' })
  @IsText(300)
  title: string;

  @ApiPropertyOptional({ description: 'The text of the record' })
  @IsOptional()
  @IsLongText(20000)
  text?: string;

  @ApiProperty({ example: '2022-10-20', description: 'Date of the record, not after today' })
  @IsPastDate()
  recordedOn: string;

  @ApiPropertyOptional({ description: 'The council meeting it was recorded at' })
  @IsOptional()
  @IsUUID()
  meetingId?: string;

  @ApiPropertyOptional({ enum: RECORD_SUBJECTS, description: 'What it is about; COST_ARRANGEMENT: R-G8' })
  @IsOptional()
  @IsIn(RECORD_SUBJECTS)
  subject?: RecordSubject;
}

/** The DTO of each council event, by the event it becomes (one endpoint each; the service adds the ids). */
export const COUNCIL_EVENT_DTOS = {
  MEMBER_SEATED: SeatMemberDto,
  MEETING_HELD: CouncilMeetingDto,
  RECORD_ADDED: CouncilRecordDto,
};
