import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { READERS, Roles } from '../auth/roles.decorator';
import { uuidParam } from '../common/uuid.pipe';
import { CurrentActor } from '../auth/current-actor.decorator';
import type { Actor } from '../workflow/actor';
import { ErrorBodyDto } from '../common/error-body.dto';
import { DocumentService } from './document.service';
import { CreateDocumentDto, CreateDocumentVersionDto } from './dto/document.dto';

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
  create(@Body() dto: CreateDocumentDto, @CurrentActor() actor: Actor) {
    return this.documents.create(dto, actor);
  }

  @Get('documents/:key')
  @Roles(...READERS)
  get(@Param('key') key: string) {
    return this.documents.get(key);
  }

  @Post('documents/:key/versions')
  @Roles('admin')
  @ApiOperation({ summary: 'Add a version of the text; its SHA-256 identifies it (R-B5)' })
  addVersion(@Param('key') key: string, @Body() dto: CreateDocumentVersionDto, @CurrentActor() actor: Actor) {
    return this.documents.addVersion(key, dto, actor);
  }

  @Get('document-versions/:id')
  @Roles(...READERS)
  getVersion(@Param('id', uuidParam) id: string) {
    return this.documents.getVersion(id);
  }
}
