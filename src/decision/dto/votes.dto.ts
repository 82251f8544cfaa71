/**
 * The people and votes of a paragraph, and its parts of issue 11 points 1–3: tjänstgöring per paragraph (R-H20),
 * formal questions on återremiss and bordläggning (R-H6, R-H16), the kontrapropositionsvotering (R-H8). Kept apart
 * from decision.dto.ts, which builds the paragraph from them.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  ValidateNested,
} from 'class-validator';
import { IsLongText, IsText } from '../../common/validators';

export class PersonDto {
  @ApiProperty({ example: 'Daniel Jensen' }) @IsText(200) name: string;
  @ApiPropertyOptional({ example: 'KD' }) @IsOptional() @IsText(50) party?: string;
}

export class VoteDto {
  @ApiProperty() @IsText(200) member: string;
  @ApiProperty({ enum: ['JA', 'NEJ', 'AVSTAR'] }) @IsIn(['JA', 'NEJ', 'AVSTAR']) vote: 'JA' | 'NEJ' | 'AVSTAR';
}

export class MethodDto {
  @ApiProperty({ enum: ['ACKLAMATION', 'OPEN_VOTE', 'CASTING_VOTE', 'LOTTNING'], description: 'R-H7..R-H11' })
  @IsIn(['ACKLAMATION', 'OPEN_VOTE', 'CASTING_VOTE', 'LOTTNING'])
  kind: 'ACKLAMATION' | 'OPEN_VOTE' | 'CASTING_VOTE' | 'LOTTNING';
  @ApiProperty({ example: 'A', description: 'The proposal adopted' })
  @IsText(10)
  adopted: string;
  @ApiPropertyOptional({ example: 'A' }) @IsOptional() @IsText(10) ja?: string;
  @ApiPropertyOptional({ example: 'B' }) @IsOptional() @IsText(10) nej?: string;
  @ApiPropertyOptional({ type: [VoteDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => VoteDto)
  votes?: VoteDto[];
  @ApiPropertyOptional() @IsOptional() @IsText(200) voteRequestedBy?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() election?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsText(10) lotFellOn?: string;
}

/** R-H20: one member serving in the paragraph; an ersättare names the ledamot it serves for. */
export class TjanstgoringDto {
  @ApiProperty({ example: 'Eva Ersättare' }) @IsText(200) member: string;
  @ApiPropertyOptional({ example: 'Lars Ledamot', description: '"tjänstgör för": required for an ersättare' })
  @IsOptional()
  @IsText(200)
  servesFor?: string;
}

/** R-H12: a member who announced not taking part in the decision ("deltar inte i beslutet"). */
export class NotParticipatingDto {
  @ApiProperty({ example: 'Lars Ledamot' }) @IsText(200) member: string;
  @ApiProperty({
    example: true,
    description:
      'Announced before the chair put the question; when false, the member is deemed to take part in an acklamation',
  })
  @IsBoolean()
  announcedBeforeQuestion: boolean;
}

/** How a majority decided a formal question: ja = the motion is granted, nej = the matter is decided today. */
export class FormalMethodDto {
  @ApiProperty({ enum: ['ACKLAMATION', 'OPEN_VOTE', 'CASTING_VOTE'] })
  @IsIn(['ACKLAMATION', 'OPEN_VOTE', 'CASTING_VOTE'])
  kind: 'ACKLAMATION' | 'OPEN_VOTE' | 'CASTING_VOTE';
  @ApiPropertyOptional({ type: [VoteDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => VoteDto)
  votes?: VoteDto[];
  @ApiPropertyOptional() @IsOptional() @IsText(200) voteRequestedBy?: string;
}

/** R-H6, R-H16: a question on återremiss or bordläggning, tried before the matter. */
export class FormalQuestionDto {
  @ApiProperty({ enum: ['ATERREMISS', 'BORDLAGGNING'] })
  @IsIn(['ATERREMISS', 'BORDLAGGNING'])
  kind: 'ATERREMISS' | 'BORDLAGGNING';
  @ApiProperty({ type: [PersonDto], description: 'Who moved it (yrkande)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => PersonDto)
  movedBy: PersonDto[];
  @ApiPropertyOptional({ description: 'Why: required for a minority återremiss, in its requesters’ words (R-H16)' })
  @IsOptional()
  @IsLongText(5000)
  reason?: string;
  @ApiProperty({ enum: ['MAJORITY', 'MINORITY'], description: 'MINORITY: a third of those present, fullmäktige only' })
  @IsIn(['MAJORITY', 'MINORITY'])
  decidedBy: 'MAJORITY' | 'MINORITY';
  @ApiPropertyOptional({ type: [String], description: 'MINORITY: the members who asked for it' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsText(200, { each: true })
  supporters?: string[];
  @ApiPropertyOptional({ type: FormalMethodDto, description: 'MAJORITY: how it was decided' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FormalMethodDto)
  method?: FormalMethodDto;
  @ApiProperty({ enum: ['GRANTED', 'REFUSED'] }) @IsIn(['GRANTED', 'REFUSED']) outcome: 'GRANTED' | 'REFUSED';
}

/** R-H8: with more than two proposals, the vote that picks the motförslag put against the huvudförslag. */
export class KontrapropositionDto {
  @ApiProperty({ example: 'A', description: 'The proposal the chair named the huvudförslag' })
  @IsText(10)
  huvudforslag: string;
  @ApiProperty({ type: MethodDto, description: '`adopted` is the motförslag' })
  @IsObject()
  @ValidateNested()
  @Type(() => MethodDto)
  method: MethodDto;
}
