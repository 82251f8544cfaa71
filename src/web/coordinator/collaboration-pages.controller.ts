import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isValidLocalDate } from '../../../machines/calendar/calendar';
import { AreaReader } from '../../area/area.reader';
import { READERS, Public } from '../../auth/roles.decorator';
import { CollaborationService } from '../../collaboration/collaboration.service';
import { MembershipService } from '../../collaboration/membership.service';
import { Clock } from '../../workflow/clock';
import { WorkflowHistory } from '../../workflow/history/workflow-history';
import { html, type Html } from '../html';
import { genitive, longDate, type Messages } from '../i18n/messages';
import { layout } from '../layout';
import { WebAuth } from '../web-auth';
import { WebExceptionFilter } from '../web-exception.filter';
import { sendHtml, type PageContext } from '../web-page';
import { renderMembership } from './membership-render';
import { predecessorSection } from './predecessor-render';
import { renderPipeline } from './pipeline-render';

/** A local date typed by the reader, or today in Stockholm (an impossible date is shown as a refusal, not a 500). */
function dateOf(value: unknown, today: string): { date: string; invalid: boolean } {
  if (value === undefined || value === '') return { date: today, invalid: false };
  return typeof value === 'string' && isValidLocalDate(value)
    ? { date: value, invalid: false }
    : { date: today, invalid: true };
}

export function exampleBanner(example: unknown, t: Messages): Html {
  return example ? html`<p class="tag tag--example">${t.exampleData}</p>` : html``;
}

export function statusText(t: Messages, status: string): string {
  const value = t[`status_${status}` as keyof Messages];
  return typeof value === 'string' ? value : status;
}

/** The coordinator's pages of a collaboration: the list, its parties on a date, its areas by stage. */
@ApiExcludeController()
@Public()
@UseFilters(WebExceptionFilter)
@Controller('samverkan')
export class CollaborationPagesController {
  constructor(
    private readonly auth: WebAuth,
    private readonly collaborations: CollaborationService,
    private readonly areas: AreaReader,
    private readonly clock: Clock,
    private readonly memberships: MembershipService,
    private readonly history: WorkflowHistory,
  ) {}

  @Get()
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await this.auth.require(request, reply, READERS);
    const { t } = ctx;
    const rows = await this.collaborations.list();
    const body = html`<h1>${t.collaborationsTitle}</h1>
      <p>${t.collaborationsIntro}</p>
      <div class="table-wrap" tabindex="0" role="region" aria-label="${t.collaborationsTitle}">
        <table>
          <thead>
            <tr>
              <th scope="col">${t.colName}</th>
              <th scope="col">${t.colDeclaration}</th>
              <th scope="col">${t.colParties}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (c) =>
                html`<tr>
                  <td>
                    <a href="/samverkan/${c.slug}">${c.name}</a
                    >${c.example ? html` <span class="tag tag--example">${t.exampleData}</span>` : ''}
                  </td>
                  <td>${c.declaration.version}</td>
                  <td>${String(c.parties)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
    sendHtml(reply, 200, layout(ctx, { title: t.collaborationsTitle, body }));
  }

  @Get(':slug')
  async show(
    @Param('slug') slug: string,
    @Query('datum') datum: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = await this.auth.require(request, reply, READERS);
    const { t, lang } = ctx;
    const { date, invalid } = dateOf(datum, this.clock.todayInStockholm());
    const c = await this.collaborations.describe(slug, date);
    const typed = typeof datum === 'string' ? datum : date;
    const body = html`${exampleBanner(c.example, t)}
      <h1>${t.partiesOf(genitive(c.name, lang))}</h1>
      <p>${t.declarationInForce}: ${(c.declarationInForce as { version: string }).version}</p>
      <form method="get" action="/samverkan/${c.slug}" class="date-form" novalidate>
        <div class="form-group${invalid ? ' form-group--error' : ''}">
          <label for="datum">${t.pickDate}</label>
          <div id="datum-hint" class="hint">${t.dateHint}</div>
          ${invalid ? html`<p id="datum-error" class="error-message">${t.dateHint}</p>` : ''}
          <input
            type="date"
            id="datum"
            name="datum"
            value="${invalid ? typed : date}"
            aria-describedby="datum-hint${invalid ? ' datum-error' : ''}"
            ${invalid ? html` aria-invalid="true"` : ''}
          />
        </div>
        <button type="submit" class="button button--secondary">${t.show}</button>
      </form>
      <h2 id="parties-heading">${t.partiesOn(longDate(date, lang))}</h2>
      ${partiesTable(ctx, c.slug, c.members)}
      ${
        c.organisations.length
          ? html`<h2>${t.organisations}</h2>
              <ul>
                ${c.organisations.map((o) => html`<li>${o.name}</li>`)}
              </ul>`
          : ''
      }
      ${predecessorSection(ctx, c.name, c.predecessor)}
      <p><a href="/samverkan/${c.slug}/omraden">${t.toPipeline}</a></p>
      <p><a href="/samverkan/${c.slug}/andringar">${t.web2_toAmendments}</a></p>
      <p><a href="/samverkan/${c.slug}/verksamhetsplan">${t.cp_toPlan}</a></p>
      <p><a href="/samverkan/${c.slug}/rad">${t.cp_toCouncil}</a></p>
      <p><a href="/samverkan/${c.slug}/kostnader">${t.cost_toCosts}</a></p>`;
    sendHtml(
      reply,
      200,
      layout(ctx, {
        title: t.partiesOf(genitive(c.name, lang)),
        body,
        back: { href: '/samverkan', text: t.collaborationsTitle },
      }),
    );
  }

  /** A party's membership: its status on the date, its exit notice (issue 11 §7) and the events of its log. */
  @Get(':slug/parter/:code')
  async party(
    @Param('slug') slug: string,
    @Param('code') code: string,
    @Query('datum') datum: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = await this.auth.require(request, reply, READERS);
    const { date } = dateOf(datum, this.clock.todayInStockholm());
    const m = await this.memberships.getMembership(slug, code, date);
    const { transitions } = await this.history.history(m.workflowId);
    const title = ctx.t.membershipOf(`${m.municipality.name} (${m.municipality.code})`);
    const body = renderMembership(ctx, m, transitions);
    sendHtml(reply, 200, layout(ctx, { title, body, back: { href: `/samverkan/${slug}`, text: slug } }));
  }

  @Get(':slug/omraden')
  async pipeline(
    @Param('slug') slug: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = await this.auth.require(request, reply, READERS);
    const query = request.query as Record<string, unknown>;
    const stage = typeof query.fas === 'string' && query.fas ? query.fas : undefined;
    const waitingOn = typeof query['vantar-pa'] === 'string' && query['vantar-pa'] ? query['vantar-pa'] : undefined;
    const c = await this.collaborations.describe(slug);
    const all = await this.areas.list(slug, {});
    // The filters go to the service (it decides what "waiting on" means); unknown values simply match nothing.
    const stageKeys = all.stages.map((s) => s.stage.key);
    const codes = c.members.map((m) => m.municipality.code);
    const filtered =
      (stage && !stageKeys.includes(stage)) || (waitingOn && !codes.includes(waitingOn))
        ? { ...all, stages: all.stages.map((s) => ({ ...s, areas: [] })) }
        : await this.areas.list(slug, { stage, waitingOn });
    const body = renderPipeline(ctx, c, all, filtered, { stage, waitingOn });
    sendHtml(
      reply,
      200,
      layout(ctx, { title: ctx.t.pipelineTitle(c.name), body, back: { href: `/samverkan/${slug}`, text: c.name } }),
    );
  }
}

function partiesTable(
  ctx: PageContext,
  slug: string,
  members: Awaited<ReturnType<CollaborationService['describe']>>['members'],
): Html {
  const { t } = ctx;
  return html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="parties-heading">
    <table aria-labelledby="parties-heading">
      <thead>
        <tr>
          <th scope="col">${t.colMunicipality}</th>
          <th scope="col">${t.colStatus}</th>
          <th scope="col">${t.colMemberFrom}</th>
          <th scope="col">${t.colExitEffective}</th>
        </tr>
      </thead>
      <tbody>
        ${members.map(
          (m) =>
            html`<tr>
              <td>
                <a href="/samverkan/${slug}/parter/${m.municipality.code}">${m.municipality.name}</a>
                <span class="muted">(${m.municipality.code})</span>
              </td>
              <td><span class="status status--${m.status.toLowerCase()}">${statusText(t, m.status)}</span></td>
              <td>${m.memberFrom ? html`<time datetime="${m.memberFrom}">${m.memberFrom}</time>` : '–'}</td>
              <td>
                ${m.exitEffectiveOn ? html`<time datetime="${m.exitEffectiveOn}">${m.exitEffectiveOn}</time>` : '–'}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
