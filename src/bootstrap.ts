import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { TokenService } from './auth/token.service';
import { answerClientError } from './common/client-error';
import { AllExceptionsFilter } from './common/http-exception.filter';
import { buildValidationPipe, validationFailed } from './common/validation';
import { AppConfig } from './config/app-config';
import { IsoTimeConsoleLogger } from './http/app-logger';
import { HttpLayer } from './http/http-layer';
import type { HttpPaths } from './http/security-headers';
import { seedDemoData } from './seed/demo-seed';
import { DueEventsScheduler } from './workflow/due-events/due-events.scheduler';
// Web pages (h-web): their paths are outside the API prefix
import { WEB_ROUTES } from './web/web.module';

export const API_PREFIX = 'api/v1';
/** The largest request body accepted (413 above it): far above any event, decision or document metadata. */
export const BODY_LIMIT_BYTES = 100 * 1024;
/** Swagger UI and the OpenAPI document, open without a token. */
const DOCS_PATH = 'api/docs';
const DOCS_JSON_PATH = 'api/docs-json';
const HTTP_PATHS: HttpPaths = {
  apiPrefix: `/${API_PREFIX}`,
  docsPath: `/${DOCS_PATH}`,
  docsJsonPath: `/${DOCS_JSON_PATH}`,
};

export interface CreateAppOptions {
  /** false: no Nest log lines (tests, the benchmark). */
  logger?: false | undefined;
  /** The access log goes to this stream instead of where ACCESS_LOG says (tests read it). */
  accessLogStream?: DestinationStream;
}

/** Builds the application exactly as it runs: used by main.ts, the e2e tests and the benchmark. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<INestApplication> {
  // Security headers, X-Request-Id and the access log on every answer (src/http/http-layer.ts).
  const http = new HttpLayer(HTTP_PATHS, { accessLog: config.ACCESS_LOG, accessLogStream: options.accessLogStream });
  // Fastify under Nest: its router and JSON parsing cost a fraction of Express's per request, which is what the
  // durable-transition rate through HTTP is bound by once commits are grouped (docs/benchmark.md).
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    ...http.fastifyOptions,
    // What Node's HTTP parser refuses before Fastify (414, 431, malformed HTTP): in the service's error shape too.
    clientErrorHandler: answerClientError,
    // Fastify answers an undecodable URL itself, before any route, hook or filter runs: in the service's error shape
    // too, and with the headers and the log line of every other answer.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      http.outsideHooks(request, reply);
      const refusal = validationFailed([
        { field: 'path', reason: error.message, reasonSv: 'sökvägen kan inte avkodas' },
      ]);
      void reply.code(400).type('application/json; charset=utf-8').send(refusal.toBody());
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: options.logger === false ? false : new IsoTimeConsoleLogger({ logLevels: ['error', 'warn', 'log'] }),
  });
  // Before any route is added: a route's security policy is set when it is added.
  await http.register(app.getHttpAdapter().getInstance());
  app.setGlobalPrefix(API_PREFIX, { exclude: WEB_ROUTES });
  app.useGlobalPipes(buildValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(app.getHttpAdapter()));
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Samverkan')
      .setDescription(
        'Governance workflow engine for Swedish inter-municipal collaboration (Dalslandssamverkan). Every refusal is ' +
          '{ code, message, messageSv, ruleId?, details? }; rule ids refer to RULEBOOK.md.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: DOCS_JSON_PATH });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();

  if (config.ADMIN_TOKEN)
    await app.get(TokenService).create('admin', null, 'ADMIN_TOKEN from the environment', config.ADMIN_TOKEN);
  if (config.SEED === 'demo') {
    const seeded = await seedDemoData(app);
    if (seeded) new Logger('Seed').log('Demo data seeded (Dalslandssamverkan, Västra Mälardalen)');
  }
  // Deadlines that passed while the service was down take effect now.
  await app.get(DueEventsScheduler).tick();
  return app;
}
