/**
 * The parts of a formalisation that area@3 judges per legal form (RULEBOOK §J, machines/area/legal-form.rules.ts):
 * the seats each participant has in a kommunalförbund's body or a gemensam nämnd (R-J1, R-J2).
 */
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { FORBUND_BODIES, GOVERNING_DOCUMENT_KINDS } from '../../../machines/area/area.types';
import { IsMunicipalityCode } from '../../common/validators';

export { FORBUND_BODIES, GOVERNING_DOCUMENT_KINDS };

export class RepresentationDto {
  @ApiProperty({ example: '1460' }) @IsMunicipalityCode() municipalityCode: string;
  @ApiProperty({ example: 2, description: 'Ledamöter (R-J1, R-J2: at least one)' })
  @IsInt()
  @Min(0)
  @Max(99)
  members: number;
  @ApiProperty({ example: 2, description: 'Ersättare (R-J1: at least one in a kommunalförbund)' })
  @IsInt()
  @Min(0)
  @Max(99)
  substitutes: number;
}
