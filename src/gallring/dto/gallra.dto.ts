import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { IsLocalDate, IsText } from '../../common/validators';

/** The decision allowing the gallring (R-K8), e.g. of the kommunstyrelse as arkivmyndighet. */
export class GallringsbeslutDto {
  @ApiProperty({ example: 'KS 2026/112', description: 'Diarienummer of the gallringsbeslut' })
  @IsText(100)
  diarienummer: string;

  @ApiProperty({ example: '2026-03-02', description: 'Date of the gallringsbeslut (not after today, R-K8)' })
  @IsLocalDate()
  decidedOn: string;

  @ApiPropertyOptional({ example: 'KS', description: 'The organ that decided' })
  @IsOptional()
  @IsText(50)
  organ?: string;
}

/** One person named in one decision record: by name, or by the commitment the log holds (`pd:<commitment>`). */
export class GallringItemDto {
  @ApiProperty({ description: 'The decision (paragraph) whose record names the person' })
  @IsUUID()
  decisionId: string;

  @ApiPropertyOptional({ example: 'Anna Andersson', description: 'The name as the record shows it' })
  @IsOptional()
  @IsText(200)
  name?: string;

  @ApiPropertyOptional({ description: 'The commitment (64 hex digits), as the log and the evidence package hold it' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'commitment must be 64 lower-case hex digits' })
  commitment?: string;
}

export class GallraDto {
  @ApiPropertyOptional({ type: GallringsbeslutDto, description: 'Without it the gallring is refused (R-K8)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => GallringsbeslutDto)
  beslut?: GallringsbeslutDto;

  @ApiProperty({ type: [GallringItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => GallringItemDto)
  items: GallringItemDto[];
}
