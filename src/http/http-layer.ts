import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DestinationStream } from 'pino';
import { performance } from 'perf_hooks';
import { createAccessLog, logAnswer, type AccessLog } from './access-log';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id';
import { registerSecurityHeaders, setSecurityHeadersOutsideHooks, type HttpPaths } from './security-headers';

export interface HttpLayerOptions {
  /** ACCESS_LOG: 'stdout' or 'off'. */
  accessLog: 'stdout' | 'off';
  /** A stream for the access log instead (tests); it wins over `accessLog`. */
  accessLogStream?: DestinationStream;
}

/**
 * What every answer gets, whatever answered it (a controller, the error filter, Fastify's 404, a refused body, an
 * undecodable URL): the security headers, `X-Request-Id`, and a line in the access log. bootstrap.ts wires it:
 * `fastifyOptions` into the adapter, `register` before any route exists, `outsideHooks` in frameworkErrors.
 */
export class HttpLayer {
  private readonly log: AccessLog | null;

  constructor(
    private readonly paths: HttpPaths,
    options: HttpLayerOptions,
  ) {
    this.log = createAccessLog(options.accessLogStream ?? options.accessLog);
  }

  /** The adapter's request-id options: `request.id` is an acceptable incoming X-Request-Id, or a new UUID. */
  readonly fastifyOptions = { genReqId: requestIdOf, requestIdHeader: false as const };

  async register(fastify: FastifyInstance): Promise<void> {
    // First, so that an answer refused by any later hook carries its id too.
    fastify.addHook('onRequest', (request, reply, done) => {
      void reply.header(REQUEST_ID_HEADER, request.id);
      done();
    });
    await registerSecurityHeaders(fastify, this.paths);
    const log = this.log;
    if (log) {
      fastify.addHook('onResponse', (request, reply, done) => {
        logAnswer(log, request, reply, reply.elapsedTime);
        done();
      });
    }
  }

  /** For an answer Fastify gives before any hook runs (frameworkErrors): the same headers and the same log line. */
  outsideHooks(request: FastifyRequest, reply: FastifyReply): void {
    const started = performance.now();
    void reply.header(REQUEST_ID_HEADER, request.id);
    setSecurityHeadersOutsideHooks(request, reply);
    const log = this.log;
    if (log) reply.raw.once('finish', () => logAnswer(log, request, reply, performance.now() - started));
  }
}
