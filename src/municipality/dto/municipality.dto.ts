import { ApiProperty } from '@nestjs/swagger';
import { IsMunicipalityCode, IsText } from '../../common/validators';

export class CreateMunicipalityDto {
  @ApiProperty({ example: '1487' })
  @IsMunicipalityCode()
  code: string;

  @ApiProperty({ example: 'Vänersborg' })
  @IsText(100)
  name: string;
}
