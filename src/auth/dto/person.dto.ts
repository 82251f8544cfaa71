import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, MinLength } from 'class-validator';
import { IsMunicipalityCode, IsText } from '../../common/validators';
import { PASSWORD_MAX, PASSWORD_MIN, PERSON_STATUSES, type PersonStatus } from '../person.service';
import { ROLES } from '../roles.decorator';

export class CreatePersonDto {
  @ApiProperty({ example: 'anna.andersson', description: 'What they type to sign in (stored in lower case)' })
  @IsText(64)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/, {
    message: 'userName must be 2 to 64 characters: letters a–z, digits, dot, hyphen or underscore',
  })
  userName: string;

  @ApiProperty({ example: 'Anna Andersson', description: 'The person, as the pages and the history show them' })
  @IsText(200)
  name: string;

  @ApiProperty({ enum: ROLES, example: 'clerk' })
  @IsIn(ROLES)
  role: string;

  @ApiPropertyOptional({ example: '1461', description: 'A clerk is bound to one municipality; others to none' })
  @IsOptional()
  @IsMunicipalityCode()
  municipalityCode?: string;

  @ApiProperty({
    example: 'korrekt-häst-batteri-häftklammer',
    description: `${PASSWORD_MIN} to ${PASSWORD_MAX} characters; kept only as a salted scrypt hash`,
  })
  // A text like every other (no control or bidi characters, not blank), of the length a password needs.
  @IsText(PASSWORD_MAX)
  @MinLength(PASSWORD_MIN)
  password: string;
}

export class ListPersonsQueryDto {
  @ApiPropertyOptional({ enum: PERSON_STATUSES, description: 'Only the people of this status (default: all)' })
  @IsOptional()
  @IsIn(PERSON_STATUSES)
  status?: PersonStatus;
}

/** A person as the API shows them: never the password's hash. */
export class PersonViewDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'anna.andersson' }) userName: string;
  @ApiProperty({ example: 'Anna Andersson' }) name: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty({ nullable: true, type: String }) municipalityCode: string | null;
  @ApiProperty({ example: 'token:3f1c…' }) createdBy: string;
  @ApiProperty({ example: '2026-12-03T09:00:00.000Z' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedBy: string | null;
  @ApiProperty({ enum: PERSON_STATUSES }) status: string;
}
