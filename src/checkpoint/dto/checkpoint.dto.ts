import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsText } from '../../common/validators';

export class ListCheckpointsQueryDto {
  @ApiPropertyOptional({ example: 0, description: 'Only checkpoints of a larger size (paging: the last size seen)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  afterSize?: number;

  @ApiPropertyOptional({ example: 50, description: '1 to 100 (default 50)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class InclusionQueryDto {
  @ApiProperty({ example: 17, description: 'The log row (its global id, as in a workflow history)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  rowId: number;
}

export class ConsistencyQueryDto {
  @ApiProperty({ example: 10, description: 'The smaller tree size (a witness: the size it last cosigned)' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  from: number;

  @ApiProperty({ example: 25, description: 'A checkpoint size' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  to: number;
}

export class VerifyCheckpointsQueryDto {
  @ApiPropertyOptional({ example: 2, description: 'Witness cosignatures the latest checkpoint must carry (default 0)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  witnesses?: number;
}

export class CreateWitnessDto {
  @ApiProperty({ example: 'witness-1492', description: 'The key name of the witness (as in its vkey)' })
  @IsText(255)
  name: string;

  @ApiProperty({
    example: 'witness-1492+9b3f6763+BK1VnhECZCrJ1e65vdHqtrRPNj/MrZBzCvVQHR1UcfUS',
    description: 'The cosignature/v1 vkey the witness printed (`npm run cli -- keys create --witness`)',
  })
  @IsText(400)
  vkey: string;
}

export class CosignatureDto {
  @ApiProperty({
    example: '— witness-1492 mz9nYwAAAABlU/EAUgORWpqB…',
    description: 'The witness’s cosignature/v1 signature line of the checkpoint (C2SP tlog-cosignature)',
  })
  @IsText(1000)
  cosignature: string;
}
