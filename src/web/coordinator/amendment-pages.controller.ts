import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AmendmentService } from '../../amendment/amendment.service';
import type { AmendmentView } from '../../amendment/amendment.views';
import { Public, READERS } from '../../auth/roles.decorator';
import { CollaborationService } from '../../collaboration/collaboration.service';
import { html, type Html } from '../html';
import type { Messages } from '../i18n/messages';
import { layout } from '../layout';
import { table } from '../municipality/waiting-render';
import { WebAuth } from '../web-auth';
import { WebExceptionFilter } from '../web-exception.filter';
import { sendHtml } from '../web-page';

const day = (date: string | undefined) => (date ? html`<time datetime="${date}">${date}</time>` : html`–`);

/** One amendment: its status today, when it is (or will be) in force, each approval, and whose approval is missing. */
function amendmentSection(a: AmendmentView, t: Messages, names: Map<string, string>): Html {
  const name = (code: string) => names.get(code) ?? code;
  return html`<section aria-labelledby="amendment-${a.id}">
    <h2 id="amendment-${a.id}">${a.title}</h2>
    <dl class="summary">
      <div>
        <dt>${t.web2_amendmentStatus}</dt>
        <dd>${t.web2_amendmentStatusName(a.status)}</dd>
      </div>
      <div>
        <dt>${t.web2_amendmentRegistered}</dt>
        <dd>${day(a.registeredOn)}</dd>
      </div>
      ${
        a.inForceFrom
          ? html`<div>
              <dt>${t.web2_amendmentInForceFrom}</dt>
              <dd>${day(a.inForceFrom)}</dd>
            </div>`
          : ''
      }
      <div>
        <dt>${t.web2_amendmentDocument}</dt>
        <dd>${a.document.version}</dd>
      </div>
      ${
        a.awaitingApprovalOf.length
          ? html`<div>
              <dt>${t.web2_amendmentAwaiting}</dt>
              <dd>${a.awaitingApprovalOf.map(name).join(', ')}</dd>
            </div>`
          : ''
      }
    </dl>
    ${
      a.approvals.length
        ? table(
            t.web2_amendmentApprovals(a.title),
            [t.colMunicipality, t.web2_organ, t.web2_decisionDate, t.web2_colParagraph],
            a.approvals.map(
              (p) =>
                html`<tr>
                  <td>
                    ${name(p.party)}${p.voidedOn ? html` <span class="muted">(${t.web2_voidedOn(p.voidedOn)})</span>` : ''}
                  </td>
                  <td>${p.organ}</td>
                  <td>${day(p.decidedOn)}</td>
                  <td>${p.paragraph ?? '–'}</td>
                </tr>`,
            ),
          )
        : html`<p>${t.web2_amendmentNoApprovals}</p>`
    }
  </section>`;
}

/**
 * The coordinator's amendments of a collaboration's declaration and their approvals (issue 12 §2): each with its
 * status today (AmendmentService: R-D1 all parties counted on the day, R-D4), the approvals recorded and whose is
 * missing. Read only: approvals are recorded by the clerks through the API for now.
 */
@ApiExcludeController()
@Public()
@UseFilters(WebExceptionFilter)
@Controller('samverkan')
export class AmendmentPagesController {
  constructor(
    private readonly auth: WebAuth,
    private readonly collaborations: CollaborationService,
    private readonly amendments: AmendmentService,
  ) {}

  @Get(':slug/andringar')
  async list(@Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await this.auth.require(request, reply, READERS);
    const { t } = ctx;
    const c = await this.collaborations.describe(slug);
    const names = new Map(c.members.map((m) => [m.municipality.code, m.municipality.name] as const));
    const list = await this.amendments.list(slug);
    const title = t.web2_amendmentsTitle(c.name);
    const body = html`<h1>${title}</h1>
      ${list.length ? list.map((a) => amendmentSection(a, t, names)) : html`<p>${t.web2_amendmentsNoneAtAll}</p>`}`;
    sendHtml(reply, 200, layout(ctx, { title, body, back: { href: `/samverkan/${slug}`, text: c.name } }));
  }
}
