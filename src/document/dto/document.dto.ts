import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class CreateDocumentDto {
  @ApiProperty({ example: 'dalslandssamverkan-avsiktsforklaring' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'key must be lower-case letters, digits and single hyphens' })
  @MaxLength(100)
  key: string;
  @ApiProperty({ example: 'Avsiktsförklaring Dalslandssamverkan' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;
  @ApiPropertyOptional({ example: 'dalslandssamverkan' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  collaboration?: string;
}

export class CreateDocumentVersionDto {
  @ApiProperty({ example: '1.0' }) @IsString() @IsNotEmpty() @MaxLength(64) version: string;
  @ApiProperty({ description: 'The full text of this version; its SHA-256 (UTF-8) identifies it' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2_000_000)
  text: string;
}
