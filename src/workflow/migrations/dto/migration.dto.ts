import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  registerDecorator,
} from 'class-validator';

/** A state string as machines name them: dot-separated ASCII keys ('formalisering.villkor'). */
const STATE = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;
export const MAX_MAPPED_STATES = 200;
const MAX_STATE_LENGTH = 200;

/** A state mapping: an object of at most 200 entries, each old state string → new state string. */
function IsStateMapping(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isStateMapping',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `stateMapping must be an object of at most ${MAX_MAPPED_STATES} entries, each a state string (such as 'beslut' or 'formalisering.villkor', at most ${MAX_STATE_LENGTH} characters) → a state string`,
      },
      validator: {
        validate(value: unknown) {
          if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
          const entries = Object.entries(value as Record<string, unknown>);
          const state = (s: unknown) => typeof s === 'string' && s.length <= MAX_STATE_LENGTH && STATE.test(s);
          return (
            entries.length > 0 && entries.length <= MAX_MAPPED_STATES && entries.every(([k, v]) => state(k) && state(v))
          );
        },
      },
    });
}

/** Moving running instances of a machine to a newer version (admin only). */
export class MigrateInstancesDto {
  @ApiProperty({ example: 1, description: 'The version the instances are on' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  from: number;

  @ApiProperty({ example: 2, description: 'The version they move to (newer than `from`)' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  to: number;

  @ApiProperty({
    example: { beslut: 'beredning', drift: 'genomforande', ide: 'ide' },
    description: 'Old state string → new state string; an instance in a state not named here is refused',
  })
  @IsStateMapping()
  stateMapping: Record<string, string>;

  @ApiPropertyOptional({ default: false, description: 'Show what would change and write nothing' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ description: 'Only these instances (workflow ids); default every instance on `from`' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  only?: string[];
}
