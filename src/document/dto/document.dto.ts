import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, MaxLength } from 'class-validator';
import { IsLongText, IsText } from '../../common/validators';

export class CreateDocumentDto {
  @ApiProperty({ example: 'dalslandssamverkan-avsiktsforklaring' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'key must be lower-case letters, digits and single hyphens' })
  @MaxLength(100)
  key: string;
  @ApiProperty({ example: 'Avsiktsförklaring Dalslandssamverkan' })
  @IsText(300)
  title: string;
  @ApiPropertyOptional({ example: 'dalslandssamverkan' })
  @IsOptional()
  @IsText(64)
  collaboration?: string;
}

export class CreateDocumentVersionDto {
  @ApiProperty({ example: '1.0' }) @IsText(64) version: string;
  @ApiProperty({ description: 'The full text of this version; its SHA-256 (UTF-8) identifies it' })
  @IsLongText(2_000_000)
  text: string;
}
