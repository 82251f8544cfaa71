import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, Matches, ValidateNested } from 'class-validator';
import { IsMunicipalityCode, IsPastDate, IsText } from '../../common/validators';
import { SignatoryDto, StandInDto } from '../../collaboration/dto/membership-event.dto';

export class RecordSignatureDto {
  @ApiProperty({ example: 'dalslandssamverkan-avsiktsforklaring' }) @IsText(100) documentKey: string;
  @ApiProperty({ example: '1.0' }) @IsText(64) version: string;
  @ApiProperty({ example: '1492' }) @IsMunicipalityCode() municipalityCode: string;
  @ApiProperty({ type: SignatoryDto }) @IsObject() @ValidateNested() @Type(() => SignatoryDto) signatory: SignatoryDto;
  @ApiProperty({ example: '2023-12-08', description: 'Not after today' }) @IsPastDate() signedOn: string;
  @ApiProperty({ enum: ['INK', 'E_SIGNATURE'], description: 'Wet ink or e-signature' })
  @IsIn(['INK', 'E_SIGNATURE'])
  method: 'INK' | 'E_SIGNATURE';
  @ApiProperty({ description: 'SHA-256 (hex) of the exact text that was signed (R-B5)' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'signedHash must be a lower-case hex SHA-256' })
  signedHash: string;
  @ApiPropertyOptional({
    type: StandInDto,
    description: 'D12: a stand-in for the KSO with its legal basis (admin only)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => StandInDto)
  standIn?: StandInDto;
}
