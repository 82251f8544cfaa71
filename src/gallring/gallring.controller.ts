import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ErrorBodyDto } from '../common/error-body.dto';
import type { Actor } from '../workflow/actor';
import { GallraDto } from './dto/gallra.dto';
import { GallringService, GallringView } from './gallring.service';

@ApiTags('gallring')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorBodyDto })
@ApiResponse({ status: 403, type: ErrorBodyDto })
@Controller('gallring')
export class GallringController {
  constructor(private readonly gallring: GallringService) {}

  @Post()
  @HttpCode(201)
  // The admin, and the registrator (clerk) of the municipality whose records they are: gallring is records
  // management under the municipality's own gallringsbeslut; a coordinator keeps no diarium, an auditor never writes.
  @Roles('admin', 'clerk')
  @ApiOperation({
    summary:
      'Gallring: removes personal data (names) from decision records under a gallringsbeslut; logged, the commitments stay (R-K8, R-K9)',
  })
  @ApiCreatedResponse({ type: GallringView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: field and reason', type: ErrorBodyDto })
  @ApiResponse({ status: 404, description: 'Unknown decision', type: ErrorBodyDto })
  @ApiResponse({
    status: 422,
    type: ErrorBodyDto,
    description: 'Refused: no or a future decision, an item needed, already removed or in the chain',
  })
  gallra(@Body() dto: GallraDto, @CurrentActor() actor: Actor) {
    return this.gallring.gallra(dto, actor);
  }
}
