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
  408: { code: 'REQUEST_TIMEOUT', sv: 'Begäran tog för lång tid.' },
  413: { code: 'PAYLOAD_TOO_LARGE', sv: 'Begäran är för stor.' },
  414: { code: 'URI_TOO_LONG', sv: 'Adressen (URL) är för lång.' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', sv: 'Formatet stöds inte.' },
  431: { code: 'HEADERS_TOO_LARGE', sv: 'Begärans huvuden (headers) är för stora.' },
};

/** What the filter answers: a status and the JSON body. */
interface Answer {
  status: number;
  body: unknown;
}

const INTERNAL_ERROR = {
  code: 'INTERNAL_ERROR',
  message: 'An unexpected error occurred; nothing was recorded.',
  messageSv: 'Ett oväntat fel inträffade; inget registrerades.',
};

/** The one place where errors become HTTP: { code, message, messageSv, ruleId?, details? }. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly http: HttpServer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const answer =
      appErrorAnswer(exception) ??
      fastifyAnswer(exception) ??
      httpExceptionAnswer(exception) ??
      httpErrorAnswer(exception);
    // Anything else is unexpected: logged, and answered 500 without its details.
    if (!answer) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    const { status, body } = answer ?? { status: 500, body: INTERNAL_ERROR };
    const response = host.switchToHttp().getResponse();
    // Always JSON, also on a route that answers HTML or PDF when it succeeds.
    this.http.setHeader(response, 'Content-Type', 'application/json; charset=utf-8');
    this.http.reply(response, body, status);
  }
}

function appErrorAnswer(exception: unknown): Answer | null {
  return exception instanceof AppError ? { status: HTTP_STATUS_OF[exception.kind], body: exception.toBody() } : null;
}

/**
 * Fastify's own refusals before a route runs (a body that is not JSON, too large, of another media type) carry their
 * status in `statusCode`. An undecodable URL never gets here: bootstrap's frameworkErrors answers it.
 */
function fastifyAnswer(exception: unknown): Answer | null {
  const fastify = exception as { code?: unknown; statusCode?: unknown; message?: unknown };
  if (exception instanceof HttpException || typeof fastify?.statusCode !== 'number') return null;
  const status = fastify.statusCode;
  if (status === 400) return notJsonAnswer(String(fastify.message));
  if (status >= 400 && status < 500) return statusAnswer(status, String(fastify.message));
  return null;
}

function httpExceptionAnswer(exception: unknown): Answer | null {
  if (!(exception instanceof HttpException)) return null;
  const status = exception.getStatus();
  const body = exception.getResponse() as any;
  // A 400 from Nest itself (outside the validation pipe, which throws AppError) is about the body.
  if (status === 400) return notJsonAnswer(exception.message);
  const message =
    typeof body === 'string'
      ? body
      : Array.isArray(body?.message)
        ? body.message.join('; ')
        : (body?.message ?? exception.message);
  return statusAnswer(status, message);
}

/** Other parser refusals (413 too large, 415 unsupported charset) can be http-errors with an exposable status. */
function httpErrorAnswer(exception: unknown): Answer | null {
  const httpError = exception as { status?: unknown; expose?: unknown; message?: unknown };
  if (
    typeof httpError?.status === 'number' &&
    httpError.status >= 400 &&
    httpError.status < 500 &&
    httpError.expose === true
  ) {
    return statusAnswer(httpError.status, String(httpError.message));
  }
  return null;
}

/** A 400 about the request body, answered as the validation pipe answers (VALIDATION_FAILED on the field "body"). */
function notJsonAnswer(reason: string): Answer {
  const error = validationFailed([
    { field: 'body', reason: `must be a JSON object (${reason})`, reasonSv: 'ska vara ett JSON-objekt' },
  ]);
  return { status: 400, body: error.toBody() };
}

/** The code and Swedish text of a status (HTTP_<status> when it has none of its own), with the given message. */
function statusAnswer(status: number, message: unknown): Answer {
  const known = Object.hasOwn(CODE_OF_STATUS, status)
    ? CODE_OF_STATUS[status]
    : { code: `HTTP_${status}` as const, sv: 'Begäran kunde inte utföras.' };
  return { status, body: { code: known.code, message, messageSv: known.sv } };
}
