import { Controller, Get, Param, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import * as fs from 'fs';
import * as path from 'path';
import { Public } from '../auth/roles.decorator';
import { notFound } from '../common/errors';
import { WebExceptionFilter } from './web-exception.filter';

/**
 * The folder of the CSS and the script: beside this file under ts-node, in the sources when running from dist/, or in
 * the sources of the working directory (a build compiled elsewhere, as the crash tests' child service).
 */
function assetsDir(): string {
  const candidates = [
    path.join(__dirname, 'assets'),
    path.resolve(__dirname, '../../../src/web/assets'),
    path.resolve(process.cwd(), 'src/web/assets'),
  ];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'app.css'))) ?? candidates[0];
}

const TYPES: Record<string, string> = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' };

/** Read once at start: a fixed set of files by name, so no path from a request ever reaches the file system. */
const ASSETS = new Map<string, { type: string; body: string }>(
  ['app.css', 'app.js'].map((name) => [
    name,
    { type: TYPES[name.split('.').pop() as string], body: fs.readFileSync(path.join(assetsDir(), name), 'utf8') },
  ]),
);

/** /assets/app.css and /assets/app.js: files, so the pages need no inline style or script (strict CSP). */
@ApiExcludeController()
@Public()
@UseFilters(WebExceptionFilter)
@Controller('assets')
export class AssetsController {
  @Get(':file')
  file(@Param('file') file: string, @Res() reply: FastifyReply): void {
    const asset = ASSETS.get(file);
    if (!asset) throw notFound(`Asset ${file}`, `Filen ${file}`);
    void reply.code(200).type(asset.type).send(asset.body);
  }
}
