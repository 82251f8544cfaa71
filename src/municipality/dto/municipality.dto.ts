import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsMunicipalityCode } from '../../common/validators';

export class CreateMunicipalityDto {
  @ApiProperty({ example: '1487' })
  @IsMunicipalityCode()
  code: string;

  @ApiProperty({ example: 'Vänersborg' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;
}
