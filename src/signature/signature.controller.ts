import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { READERS, Roles } from '../auth/roles.decorator';
import { ErrorBodyDto } from '../common/error-body.dto';
import { uuidParam } from '../common/uuid.pipe';
import type { Actor } from '../workflow/actor';
import { RecordSignatureDto } from './dto/signature.dto';
import { SignatureService } from './signature.service';
import { SignatureView } from './signature.views';

@ApiTags('documents')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorBodyDto })
@ApiResponse({ status: 403, type: ErrorBodyDto })
@Controller()
export class SignatureController {
  constructor(private readonly signatures: SignatureService) {}

  @Post('signatures')
  @Roles('admin', 'clerk')
  // The operation ids are the ones these routes had before they moved to this controller: clients are built on them.
  @ApiOperation({
    operationId: 'DocumentController_sign',
    summary: 'Record a signature: who, office, when, ink or e-signature, and the hash of the exact text signed',
  })
  @ApiCreatedResponse({ type: SignatureView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: field and reason', type: ErrorBodyDto })
  @ApiResponse({ status: 404, description: 'Unknown municipality or document version', type: ErrorBodyDto })
  @ApiResponse({ status: 422, description: 'WRONG_SIGNATORY (R-B3), VERSION_MISMATCH (R-B5)', type: ErrorBodyDto })
  sign(@Body() dto: RecordSignatureDto, @CurrentActor() actor: Actor) {
    return this.signatures.record(dto, actor);
  }

  @Get('signatures/:id')
  @Roles(...READERS)
  @ApiOperation({
    operationId: 'DocumentController_getSignature',
    summary: 'A recorded signature with the document version it signed',
  })
  @ApiOkResponse({ type: SignatureView })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  getSignature(@Param('id', uuidParam) id: string) {
    return this.signatures.get(id);
  }
}
