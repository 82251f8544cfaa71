import type { RefusedAttemptPageView } from '../../audit/refused-attempts.views';
import { errorSummary, field, type ShownRefusal } from '../forms';
import { html, type Html } from '../html';
import { stockholmTime } from '../i18n/messages';
import { roleText } from '../layout';
import type { PageContext } from '../web-page';
import { fieldId } from './audit-index-render';

/** The filter form's fields, by their names in the query. */
export interface RefusedFilter {
  regel: string;
  arbetsflode: string;
  fran: string;
  till: string;
}

const refusalsFor = (refusals: ShownRefusal[], name: string) => refusals.filter((r) => r.field === name);

/** The link to the next (older) page: the same filters and the cursor. */
function olderHref(filter: RefusedFilter, cursor: number): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) q.set(k, v);
  q.set('fore', String(cursor));
  return `/granskning/vagrade-forsok?${q.toString()}`;
}

/**
 * Refused attempts (kept outside the chain), filterable by rule or error code, workflow and dates; newest first, a
 * page at a time. The refusal's sentence is the one recorded (English: the log keeps one language), its rule linked.
 */
export function renderRefused(
  ctx: PageContext,
  filter: RefusedFilter,
  page: RefusedAttemptPageView | null,
  refusals: ShownRefusal[],
): Html {
  const { t } = ctx;
  const f = (name: keyof RefusedFilter, label: string, hint: string, kind: 'text' | 'date') =>
    field({
      id: `r-${name}`,
      name,
      label,
      hint,
      value: filter[name],
      kind,
      refusals: refusalsFor(refusals, name),
      t,
    });
  return html`<h1>${t.refusedTitle}</h1>
    <p>${t.refusedIntro}</p>
    ${errorSummary(refusals, t, fieldId('refused'))}
    <form method="get" action="/granskning/vagrade-forsok" class="filters" novalidate>
      ${f('regel', t.refusedRule, t.refusedRuleHint, 'text')}
      ${f('arbetsflode', t.auditWorkflowId, t.auditWorkflowIdHint, 'text')}
      ${f('fran', t.refusedFrom, t.dateHint, 'date')} ${f('till', t.refusedTo, t.dateHint, 'date')}
      <button type="submit" class="button button--secondary">${t.refusedFilter}</button>
    </form>
    ${page ? attemptsTable(ctx, filter, page) : ''}`;
}

function attemptsTable(ctx: PageContext, filter: RefusedFilter, page: RefusedAttemptPageView): Html {
  const { t } = ctx;
  if (!page.attempts.length) return html`<p id="refused-none">${t.refusedNone}</p>`;
  return html`<h2 id="refused-list">${t.refusedCount(page.attempts.length)}</h2>
    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="refused-list">
      <table>
        <thead>
          <tr>
            <th scope="col">${t.refusedWhen}</th>
            <th scope="col">${t.historyWho}</th>
            <th scope="col">${t.refusedEvent}</th>
            <th scope="col">${t.historyRule}</th>
            <th scope="col">${t.verifyMessage}</th>
          </tr>
        </thead>
        <tbody>
          ${page.attempts.map(
            (a) =>
              html`<tr>
                <td><time datetime="${a.recordedAt}">${stockholmTime(a.recordedAt)}</time></td>
                <td>
                  ${a.actor.name ? html`${a.actor.name}, ` : ''}${roleText(t, a.actor.role, a.actor.municipality)}
                </td>
                <td>
                  ${a.eventType ? html`${t.historyEvent(a.eventType)} <span class="muted">(${a.eventType})</span>` : '–'}
                  ${
                    a.workflowId
                      ? html`<br /><a href="/granskning/arbetsfloden/${a.workflowId}">${t.historyLinkText}</a>`
                      : ''
                  }
                  ${a.input.fields.length ? html`<br /><span class="muted">${t.refusedFields(a.input.fields.join(', '))}</span>` : ''}
                </td>
                <td>
                  ${a.refusal.ruleId ? html`<a href="/regler#${a.refusal.ruleId}">${a.refusal.ruleId}</a><br />` : ''}
                  <code>${a.refusal.code}</code>
                </td>
                <td lang="en">${a.refusal.message}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${page.nextCursor ? html`<p><a href="${olderHref(filter, page.nextCursor)}">${t.refusedOlder}</a></p>` : ''}`;
}
