import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/roles.decorator';
import { AppError } from '../../common/errors';
import { uuidParam } from '../../common/uuid.pipe';
import { StartVerifyDto } from '../../workflow/verify/verify-job.dto';
import { scopeOf, VerifyJobsService } from '../../workflow/verify/verify-jobs.service';
import { checkedDto } from '../clerk/dto-check';
import { one, type FormBody } from '../form-body';
import { html } from '../html';
import { layout } from '../layout';
import { WebAuth } from '../web-auth';
import { WebExceptionFilter } from '../web-exception.filter';
import { redirect, sendHtml } from '../web-page';
import { AUDITORS, AuditIndex } from './audit-index';
import { InputCheck, queryText, refusalsOf, statusOf } from './audit-inputs';
import { renderVerifyJob, VERIFY_REFRESH_SECONDS } from './verify-render';

/**
 * Verify of everything, a collaboration or a workflow, as the API's job (VerifyJobsService: the run reads one
 * snapshot and checks it in worker threads, so the service goes on answering). The form starts a job (POST, 303 to
 * its page); the job's page shows a <progress> bar and reloads itself without JavaScript (a <noscript> meta refresh),
 * while the script polls it in place; when done it shows the result and the problems.
 */
@ApiExcludeController()
@Public()
@UseFilters(WebExceptionFilter)
@Controller('granskning/verifiering')
export class VerifyPagesController {
  constructor(
    private readonly auth: WebAuth,
    private readonly jobs: VerifyJobsService,
    private readonly pages: AuditIndex,
  ) {}

  @Post()
  async start(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() form: FormBody): Promise<void> {
    const values = form ?? {};
    const ctx = await this.auth.requirePost(request, reply, values, AUDITORS);
    const { t, lang } = ctx;
    const scope = one(values, 'omfattning');
    const check = new InputCheck(t);
    let body: Record<string, string> = {};
    if (scope === 'arbetsflode') {
      const id = check.id('arbetsflode', one(values, 'arbetsflode').trim());
      if (id) body = { workflowId: id };
      else if (check.ok) check.refuse('arbetsflode', t.auditIdInvalid);
    } else if (scope.startsWith('samverkan:')) {
      const slug = scope.slice('samverkan:'.length);
      if ((await this.pages.choices()).some((c) => c.slug === slug)) body = { collaboration: slug };
      else check.refuse('omfattning', t.auditUnknownCollaboration);
    } else if (scope !== 'allt') check.refuse('omfattning', t.auditScopeInvalid);
    if (!check.ok) return this.pages.send(ctx, reply, 400, { form: 'verify', values, refusals: check.refusals });
    try {
      const job = await this.jobs.start(scopeOf(checkedDto(StartVerifyDto, body)));
      redirect(reply, `/granskning/verifiering/${job.id}`);
    } catch (error) {
      if (error instanceof AppError && error.code === 'VERIFY_RUNNING') {
        const running = (error.details as { jobId: string }).jobId;
        return redirect(reply, `/granskning/verifiering/${running}?pagar=1`);
      }
      if (!(error instanceof AppError) || error.kind === 'FORBIDDEN') throw error;
      // An unknown workflow (404) is the typed id's refusal: beside its field.
      const refusals = refusalsOf(error, lang, { workflowId: 'arbetsflode', collaboration: 'omfattning' }).map((r) =>
        error.kind === 'NOT_FOUND' && body.workflowId ? { ...r, field: 'arbetsflode' } : r,
      );
      return this.pages.send(ctx, reply, statusOf(error), { form: 'verify', values, refusals });
    }
  }

  @Get(':jobId')
  async job(@Param('jobId', uuidParam) jobId: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const ctx = await this.auth.require(request, reply, AUDITORS);
    const job = this.jobs.get(jobId);
    const names = new Map((await this.pages.choices()).map((c) => [c.slug, c.name]));
    const body = renderVerifyJob(ctx, job, names, queryText(request.query, 'pagar') === '1');
    const head =
      job.status === 'running'
        ? html`<noscript><meta http-equiv="refresh" content="${String(VERIFY_REFRESH_SECONDS)}" /></noscript>`
        : undefined;
    sendHtml(
      reply,
      200,
      layout(ctx, { title: ctx.t.verifyTitle, body, head, back: { href: '/granskning', text: ctx.t.auditTitle } }),
    );
  }
}
