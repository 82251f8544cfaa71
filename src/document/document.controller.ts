import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { READERS, Roles } from '../auth/roles.decorator';
import { uuidParam } from '../common/uuid.pipe';
import { CurrentActor } from '../auth/current-actor.decorator';
import type { Actor } from '../workflow/actor';
import { ErrorBodyDto } from '../common/error-body.dto';
import { DocumentService } from './document.service';
import { CreateDocumentDto, CreateDocumentVersionDto } from './dto/document.dto';
import { DocumentVersionView, DocumentView } from './document.views';

@ApiTags('documents')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorBodyDto })
@ApiResponse({ status: 403, type: ErrorBodyDto })
@Controller()
export class DocumentController {
  constructor(private readonly documents: DocumentService) {}

  @Post('documents')
  @Roles('admin')
  @ApiOperation({ summary: 'Register a governing document (the declaration first)' })
  @ApiCreatedResponse({ type: DocumentView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: field and reason', type: ErrorBodyDto })
  @ApiResponse({ status: 409, description: 'DOCUMENT_EXISTS', type: ErrorBodyDto })
  create(@Body() dto: CreateDocumentDto, @CurrentActor() actor: Actor) {
    return this.documents.create(dto, actor);
  }

  @Get('documents/:key')
  @Roles(...READERS)
  @ApiOperation({ summary: 'A document and its versions (identity and hash), oldest first' })
  @ApiOkResponse({ type: DocumentView })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  get(@Param('key') key: string) {
    return this.documents.get(key);
  }

  @Post('documents/:key/versions')
  @Roles('admin')
  @ApiOperation({ summary: 'Add a version of the text; its SHA-256 identifies it (R-B5)' })
  @ApiCreatedResponse({ type: DocumentVersionView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: field and reason', type: ErrorBodyDto })
  @ApiResponse({ status: 404, description: 'Unknown document', type: ErrorBodyDto })
  @ApiResponse({ status: 409, description: 'VERSION_EXISTS: a version is never changed', type: ErrorBodyDto })
  addVersion(@Param('key') key: string, @Body() dto: CreateDocumentVersionDto, @CurrentActor() actor: Actor) {
    return this.documents.addVersion(key, dto, actor);
  }

  @Get('document-versions/:id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'A document version with its full text and hash' })
  @ApiOkResponse({ type: DocumentVersionView })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  getVersion(@Param('id', uuidParam) id: string) {
    return this.documents.getVersion(id);
  }
}
