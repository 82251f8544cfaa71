import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../common/errors';
import { html } from './html';
import { layout } from './layout';
import { WebCsrfRefused, WebForbidden, WebRedirect } from './web-auth';
import { pageContext, redirect, sendHtml } from './web-page';

/**
 * The pages' answers to what went wrong: an HTML page in the reader's language (never the API's JSON), a redirect to
 * sign in, 403 for a role or a form token that does not fit, 404 for what does not exist, 500 for the rest (logged).
 */
@Catch()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Web');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (exception instanceof WebRedirect) return redirect(reply, exception.location);
    const ctx = pageContext(request, reply, null);
    const { t } = ctx;
    let status = 500;
    let title = t.errorTitle;
    let text = t.errorText;
    if (exception instanceof WebForbidden) [status, title, text] = [403, t.forbiddenTitle, ''];
    else if (exception instanceof WebCsrfRefused) [status, title, text] = [403, t.forbiddenTitle, t.csrfRefused];
    else if (exception instanceof AppError && exception.kind === 'NOT_FOUND')
      [status, title, text] = [404, t.notFoundTitle, t.notFoundText];
    else if (exception instanceof AppError && exception.kind !== 'RULE_REFUSED' && exception.kind !== 'CONFLICT') {
      status = exception.kind === 'FORBIDDEN' ? 403 : exception.kind === 'BAD_INPUT' ? 400 : 500;
      title = status === 403 ? t.forbiddenTitle : t.errorTitle;
      text = ctx.lang === 'sv' ? exception.messageSv : exception.message;
    } else if (exception instanceof HttpException && exception.getStatus() === 404)
      [status, title, text] = [404, t.notFoundTitle, t.notFoundText];
    else this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    const body = html`<h1>${title}</h1>
      ${text ? html`<p>${text}</p>` : ''}
      <p><a href="/">${t.toStart}</a></p>`;
    sendHtml(reply, status, layout(ctx, { title, body }));
  }
}
