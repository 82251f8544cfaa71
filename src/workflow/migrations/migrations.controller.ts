import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { Roles } from '../../auth/roles.decorator';
import { ErrorBodyDto } from '../../common/error-body.dto';
import { IsText } from '../../common/validators';
import { MigrateInstancesDto } from './dto/migration.dto';
import { InstanceMigrationService, MigrationReport } from './instance-migration.service';

/** The route's machine id, checked like any text (an unknown id is 404 UNKNOWN_MACHINE). */
export class MachineIdParam {
  @IsText(64)
  id: string;
}

@ApiTags('machines')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorBodyDto })
@ApiResponse({ status: 403, type: ErrorBodyDto })
@Controller('machines')
export class MigrationsController {
  constructor(private readonly migrations: InstanceMigrationService) {}

  @Post(':id/migrations')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Move running instances to a newer machine version with a state mapping (dry run: what would change; applied: one logged xstate.migrate row per instance)',
  })
  @ApiOkResponse({ type: MigrationReport })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: field and reason', type: ErrorBodyDto })
  @ApiResponse({ status: 404, description: 'UNKNOWN_MACHINE or an unknown version', type: ErrorBodyDto })
  migrate(@Param() params: MachineIdParam, @Body() dto: MigrateInstancesDto, @CurrentActor() actor: Actor) {
    return this.migrations.migrate(
      {
        machineId: params.id,
        from: dto.from,
        to: dto.to,
        stateMapping: dto.stateMapping,
        dryRun: dto.dryRun ?? false,
        ...(dto.only ? { only: dto.only } : {}),
      },
      actor,
    );
  }
}
