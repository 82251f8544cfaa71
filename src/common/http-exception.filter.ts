import type { ServiceErrorCode } from './error-codes';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { HttpServer } from '@nestjs/common';
import { AppError, HTTP_STATUS_OF } from './errors';
import { validationFailed } from './validation';

const CODE_OF_STATUS: Record<number, { code: ServiceErrorCode | `HTTP_${number}`; sv: string }> = {
  400: { code: 'BAD_REQUEST', sv: 'Felaktig begäran.' },
  401: { code: 'UNAUTHENTICATED', sv: 'Inloggning krävs.' },
  403: { code: 'FORBIDDEN', sv: 'Åtkomst nekad.' },
  404: { code: 'NOT_FOUND', sv: 'Finns inte.' },
  405: { code: 'METHOD_NOT_ALLOWED', sv: 'Metoden stöds inte.' },
  413: { code: 'PAYLOAD_TOO_LARGE', sv: 'Begäran är för stor.' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', sv: 'Formatet stöds inte.' },
};

/** The one place where errors become HTTP: { code, message, messageSv, ruleId?, details? }. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly http: HttpServer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse();
    // Always JSON, also on a route that answers HTML or PDF when it succeeds.
    const res = {
      status: (status: number) => ({
        json: (body: unknown) => {
          this.http.setHeader(response, 'Content-Type', 'application/json; charset=utf-8');
          this.http.reply(response, body, status);
        },
      }),
    };
    if (exception instanceof AppError) {
      res.status(HTTP_STATUS_OF[exception.kind]).json(exception.toBody());
      return;
    }
    // Fastify's own refusals before a route runs (a body that is not JSON, too large, of another media type) carry
    // their status in `statusCode`. An undecodable URL never gets here: bootstrap's frameworkErrors answers it.
    const fastify = exception as { code?: unknown; statusCode?: unknown; message?: unknown };
    if (!(exception instanceof HttpException) && typeof fastify?.statusCode === 'number') {
      const status = fastify.statusCode;
      if (status === 400) {
        const error = validationFailed([
          {
            field: 'body',
            reason: `must be a JSON object (${String(fastify.message)})`,
            reasonSv: 'ska vara ett JSON-objekt',
          },
        ]);
        res.status(400).json(error.toBody());
        return;
      }
      if (status >= 400 && status < 500) {
        const known = CODE_OF_STATUS[status] ?? { code: `HTTP_${status}`, sv: 'Begäran kunde inte utföras.' };
        res.status(status).json({ code: known.code, message: String(fastify.message), messageSv: known.sv });
        return;
      }
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse() as any;
      // A 400 from Nest itself (outside the validation pipe, which throws AppError) is about the body.
      if (status === 400) {
        const error = validationFailed([
          {
            field: 'body',
            reason: `must be a JSON object (${exception.message})`,
            reasonSv: 'ska vara ett JSON-objekt',
          },
        ]);
        res.status(400).json(error.toBody());
        return;
      }
      const known = CODE_OF_STATUS[status] ?? { code: `HTTP_${status}`, sv: 'Begäran kunde inte utföras.' };
      const message =
        typeof body === 'string'
          ? body
          : Array.isArray(body?.message)
            ? body.message.join('; ')
            : (body?.message ?? exception.message);
      res.status(status).json({ code: known.code, message, messageSv: known.sv });
      return;
    }
    // Other parser refusals (413 too large, 415 unsupported charset) can be http-errors with an exposable status.
    const httpError = exception as { status?: unknown; expose?: unknown; message?: unknown };
    if (
      typeof httpError?.status === 'number' &&
      httpError.status >= 400 &&
      httpError.status < 500 &&
      httpError.expose === true
    ) {
      const known = CODE_OF_STATUS[httpError.status] ?? {
        code: `HTTP_${httpError.status}`,
        sv: 'Begäran kunde inte utföras.',
      };
      res.status(httpError.status).json({ code: known.code, message: String(httpError.message), messageSv: known.sv });
      return;
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    res.status(500).json({
      code: 'INTERNAL_ERROR',
      message: 'An unexpected error occurred; nothing was recorded.',
      messageSv: 'Ett oväntat fel inträffade; inget registrerades.',
    });
  }
}
