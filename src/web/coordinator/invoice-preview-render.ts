import { randomUUID } from 'crypto';
import type { CostRuleView, InvoiceRunView } from '../../cost/cost.views';
import { csrfField } from '../forms';
import type { FormBody } from '../form-body';
import { html, type Html } from '../html';
import type { PageContext } from '../web-page';
import { costTable, monthsText } from './cost-fields';
import { kronor, MONTH_ROWS, runQuery, valuesOf } from './cost-forms';

/** The names of the run form that the confirmation carries on unchanged. */
const CARRIED = [
  'from',
  'to',
  'amount',
  'note',
  ...Array.from({ length: MONTH_ROWS }, (_, i) => [`m${i}_month`, `m${i}_amount`]).flat(),
];

/**
 * The preview of an invoice run (what POST …/invoice-runs?preview=true answers, computed by the rules of
 * machines/cost and written nowhere): each party's invoice, its lines when the costs are per month, the host's part
 * with the rounding residue, and the sum, which is the run's cost to the öre. The confirmation posts the same fields
 * with the rule's version: if anything was recorded on the rule since, the run is refused (409) rather than issued
 * from a preview that no longer holds. The invoice date is the preview's, so the confirmation issues what was shown.
 */
export function renderInvoicePreview(
  ctx: PageContext & { session: { csrfToken: string } },
  slug: string,
  rule: CostRuleView,
  run: InvoiceRunView,
  values: FormBody,
): Html {
  const { t } = ctx;
  const base = `/samverkan/${slug}/kostnader/${rule.id}`;
  const invoiced = run.invoices.reduce((sum, i) => sum + i.amountOre, 0);
  const perMonth = run.invoices.some((i) => i.lines.length > 1);
  return html`<div class="notice" role="status"><p>${t.cost_previewNotice}</p></div>
    <h1>${t.cost_previewTitle(run.run)}</h1>
    <dl class="summary">
      <div>
        <dt>${t.cost_colRule}</dt>
        <dd><a href="${base}">${rule.title}</a></dd>
      </div>
      <div>
        <dt>${t.cost_colPeriod}</dt>
        <dd>${monthsText(run.from, run.to)}</dd>
      </div>
      <div>
        <dt>${t.cost_fieldIssuedOn}</dt>
        <dd><time datetime="${run.issuedOn}">${run.issuedOn}</time></dd>
      </div>
      <div>
        <dt>${t.cost_totalCost}</dt>
        <dd>${kronor(run.totalCostOre)}</dd>
      </div>
      <div>
        <dt>${t.cost_fieldCostBase}</dt>
        <dd>${rule.costBase}</dd>
      </div>
    </dl>
    ${costTable(
      t.cost_previewCaption,
      [t.cost_colNumber, t.cost_colParty, t.cost_colShare, ...(perMonth ? [t.cost_colLines] : []), t.cost_colAmount],
      [
        ...run.invoices.map(
          (i) =>
            html`<tr>
              <td>${i.number}</td>
              <td>${i.municipality.name} (${i.municipality.code})</td>
              <td class="num">${i.lines[0]?.share.percent ?? ''}</td>
              ${
                perMonth
                  ? html`<td>
                      ${i.lines.map((l, k) => html`${k ? html`<br />` : ''}${l.month ?? ''}: ${kronor(l.amountOre)}`)}
                    </td>`
                  : ''
              }
              <td class="num">${kronor(i.amountOre)}</td>
            </tr>`,
        ),
        html`<tr class="host-row">
          <td>–</td>
          <td>${t.cost_hostPart(run.invoices[0]?.host.name ?? rule.host.name)}</td>
          <td class="num">${rule.hostShare.percent}</td>
          ${perMonth ? html`<td>${t.cost_hostResidue}</td>` : ''}
          <td class="num">${kronor(run.hostOre)}</td>
        </tr>`,
        html`<tr>
          <th scope="row" colspan="${perMonth ? '4' : '3'}">${t.cost_sumRow(kronor(invoiced))}</th>
          <td class="num"><strong>${kronor(invoiced + run.hostOre)}</strong></td>
        </tr>`,
      ],
      [2, perMonth ? 4 : 3],
    )}
    <p class="muted">${t.cost_residueNote}</p>
    ${run.note ? html`<p>${t.cost_fieldNote}: ${run.note}</p>` : ''}
    <form method="post" action="${base}/korningar" class="event-form">
      ${csrfField(ctx.session.csrfToken)}
      <input type="hidden" name="version" value="${String(rule.version)}" />
      <input type="hidden" name="_key" value="${randomUUID()}" />
      <input type="hidden" name="issuedOn" value="${run.issuedOn}" />
      ${CARRIED.map((name) => hidden(name, values))}
      ${valuesOf(values, 'parties').map((p) => html`<input type="hidden" name="parties" value="${p}" />`)}
      <button type="submit" class="button" id="confirm-run">${t.cost_confirmButton(run.invoices.length)}</button>
    </form>
    <p><a href="${base}?${runQuery(values)}#run-heading">${t.cost_changeRun}</a></p>`;
}

function hidden(name: string, values: FormBody): Html {
  const v = values[name];
  const value = Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  return value ? html`<input type="hidden" name="${name}" value="${value}" />` : html``;
}
