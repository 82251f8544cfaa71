import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createReadStream } from 'node:fs';
import { Roles } from '../auth/roles.decorator';
import { ErrorBodyDto } from '../common/error-body.dto';
import { EvidenceQueryDto } from './dto/evidence.dto';
import { EvidenceService } from './evidence.service';

@ApiTags('evidence')
@Controller()
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Get('collaborations/:slug/evidence')
  @Roles('admin', 'auditor')
  @ApiOperation({
    summary:
      "A collaboration's evidence package: its log as an E-ARK SIP (METS, PREMIS, the rows as JSON lines, the machine definitions, records, CSV, a summary) in one tar archive; check it offline with `npm run cli -- verify-export PATH`",
  })
  @ApiParam({ name: 'slug', example: 'dalslandssamverkan' })
  @ApiProduces('application/x-tar')
  @ApiResponse({
    status: 200,
    description: 'The archive (Content-Disposition names it)',
    content: { 'application/x-tar': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: from/to', type: ErrorBodyDto })
  @ApiResponse({ status: 404, description: 'Unknown collaboration', type: ErrorBodyDto })
  async download(@Param('slug') slug: string, @Query() query: EvidenceQueryDto, @Res() reply: FastifyReply) {
    const result = await this.evidence.export(slug, query.from, query.to);
    const stream = createReadStream(result.path);
    stream.on('close', () => void result.done());
    return reply
      .header('Content-Type', 'application/x-tar')
      .header('Content-Disposition', `attachment; filename="${result.info.packageId}.tar"`)
      .header('Cache-Control', 'no-store')
      .header('X-Package-Rows', String(result.info.rows))
      .send(stream);
  }
}
