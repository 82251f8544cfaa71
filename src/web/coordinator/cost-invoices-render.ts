import { randomUUID } from 'crypto';
import type { CostRuleView, CreditView, InvoiceView } from '../../cost/cost.views';
import { csrfField, errorSummary } from '../forms';
import { one } from '../form-body';
import { html, type Html } from '../html';
import type { PageContext } from '../web-page';
import { costField, costTable, groupError, monthsText, stateOf, type CostFormState } from './cost-fields';
import { kronor, MONTH_ROWS, valuesOf } from './cost-forms';

export interface InvoicesData {
  slug: string;
  rule: CostRuleView;
  invoices: InvoiceView[];
  credits: CreditView[];
  /** Whether the reader may write (the API's writers of cost rules). */
  writes: boolean;
}

type Ctx = PageContext & { session: { csrfToken: string } };

/**
 * The run form: a GET to the preview, so nothing is written before the preview has shown each party's invoice and
 * the confirmation posts it. One cost for the whole period, or a row per month; only some parties, if ticked.
 */
export function runForm(ctx: Ctx, d: InvoicesData, state: CostFormState | null): Html {
  const { t } = ctx;
  const refusals = state?.refusals ?? [];
  const prefix = 'run';
  const f = (name: string, kind: 'date' | 'text' | 'month', label: string, hint?: string) =>
    costField(t, state, { prefix, name, kind, label, hint });
  const perMonth = Array.from({ length: MONTH_ROWS }, (_, i) => i);
  const monthsTyped = state
    ? perMonth.some((i) => one(state.values, `m${i}_month`) || one(state.values, `m${i}_amount`))
    : false;
  const partiesRefused = refusals.filter((r) => r.field === 'parties');
  const ticked = state ? valuesOf(state.values, 'parties') : [];
  return html`<h2 id="run-heading">${t.cost_runHeading}</h2>
    <p>${t.cost_runIntro}</p>
    <form method="get" action="/samverkan/${d.slug}/kostnader/${d.rule.id}/forhandsgranskning" class="event-form" novalidate>
      ${errorSummary(refusals, t, (name) => `${prefix}-${name}`)}
      ${f('from', 'month', t.cost_fieldFrom)} ${f('to', 'month', t.cost_fieldTo, t.cost_fieldToHint)}
      ${f('issuedOn', 'date', t.cost_fieldIssuedOn, t.cost_fieldIssuedOnHint)}
      ${f('amount', 'text', t.cost_fieldAmount, t.cost_amountHint)}
      <details${monthsTyped ? html` open` : ''}>
        <summary>${t.cost_perMonth}</summary>
        <p class="hint">${t.cost_perMonthHint}</p>
        ${perMonth.map(
          (i) =>
            html`<div class="month-row">
              ${f(`m${i}_month`, 'month', t.cost_rowMonth(i + 1))} ${f(`m${i}_amount`, 'text', t.cost_rowAmount(i + 1))}
            </div>`,
        )}
      </details>
      <fieldset id="${prefix}-parties" ${partiesRefused.length ? html`aria-describedby="${prefix}-parties-error"` : ''}>
        <legend>${t.cost_onlyParties}</legend>
        <p class="hint">${t.cost_onlyPartiesHint}</p>
        ${groupError(`${prefix}-parties`, partiesRefused, t)}
        ${d.rule.payers.map((p) => checkboxCode(t, p.municipality, ticked.includes(p.municipality.code)))}
      </fieldset>
      ${costField(t, state, { prefix, name: 'note', kind: 'textarea', label: t.cost_fieldNote, hint: t.cost_runNoteHint })}
      <button type="submit" class="button">${t.cost_previewButton}</button>
    </form>`;
}

/** A paying party's checkbox of the run form: repeated `parties` fields carry the codes. */
function checkboxCode(t: Ctx['t'], m: { code: string; name: string }, checked: boolean): Html {
  return html`<div class="form-group checkbox">
    <input
      type="checkbox"
      id="run-parties-${m.code}"
      name="parties"
      value="${m.code}"
      ${checked ? html`checked` : ''}
    />
    <label for="run-parties-${m.code}">${m.name} (${m.code})</label>
  </div>`;
}

/** Every run with its invoices (links to its CSV and PDF), the credit invoices, and a credit form per standing invoice. */
export function invoicesSection(ctx: Ctx, d: InvoicesData, state: CostFormState | null): Html {
  const { t } = ctx;
  const r = d.rule;
  const base = `/samverkan/${d.slug}/kostnader/${r.id}`;
  const mayCredit = d.writes && r.allowedEvents.includes('INVOICE_CREDITED');
  return html`<h2 id="invoices-heading">${t.cost_invoicesHeading}</h2>
    ${r.runs.length ? '' : html`<p>${t.cost_noRuns}</p>`}
    ${[...r.runs].reverse().map((run) => {
      const invoices = d.invoices.filter((i) => i.run === run.run);
      return html`<section aria-labelledby="run-${String(run.run)}">
        <h3 id="run-${String(run.run)}">${t.cost_runTitle(run.run, monthsText(run.from, run.to), run.issuedOn)}</h3>
        <p>
          ${t.cost_runTotals(kronor(run.totalCostOre), kronor(run.hostOre))}
          ${run.note ? html`<br /><span class="muted">${run.note}</span>` : ''}
        </p>
        <p>
          <a href="${base}/korningar/${String(run.run)}/fakturor.csv" download>${t.cost_downloadCsv(run.run)}</a> ·
          <a href="${base}/korningar/${String(run.run)}/fakturor.pdf" download>${t.cost_downloadPdf(run.run)}</a>
        </p>
        ${costTable(
          t.cost_invoicesOfRun(run.run),
          [t.cost_colNumber, t.cost_colParty, t.cost_colAmount, t.cost_colCredited, t.cost_colStanding],
          invoices.map(
            (i) =>
              html`<tr>
                <td>${i.number}</td>
                <td>${i.municipality.name} (${i.municipality.code})</td>
                <td class="num">${kronor(i.amountOre)}</td>
                <td class="num">
                  ${i.creditedOre ? kronor(i.creditedOre) : '–'}${i.credits.length ? html` (${i.credits.join(', ')})` : ''}
                </td>
                <td>${i.standing ? t.cost_standing : t.cost_creditedInFull}</td>
              </tr>`,
          ),
          [2, 3],
        )}
        ${mayCredit ? invoices.filter((i) => i.standing).map((i) => creditForm(ctx, d, i, stateOf(state, `credit:${i.id}`))) : ''}
      </section>`;
    })}
    ${d.credits.length ? creditsTable(ctx, d.credits) : ''}`;
}

function creditsTable(ctx: Ctx, credits: CreditView[]): Html {
  const { t } = ctx;
  return html`<h3>${t.cost_creditsHeading}</h3>
    ${costTable(
      t.cost_creditsHeading,
      [t.cost_colNumber, t.cost_colCreditOf, t.cost_colParty, t.cost_colAmount, t.cost_colDate, t.cost_fieldReason],
      credits.map(
        (k) =>
          html`<tr>
            <td>${k.number}</td>
            <td>${k.creditOf}</td>
            <td>${k.municipality.name}</td>
            <td class="num">${kronor(k.amountOre)}</td>
            <td><time datetime="${k.issuedOn}">${k.issuedOn}</time></td>
            <td>${k.reason}</td>
          </tr>`,
      ),
      [3],
    )}`;
}

/** A credit invoice for one invoice (R-K9: an invoice is never edited), folded until opened; open when refused. */
function creditForm(ctx: Ctx, d: InvoicesData, i: InvoiceView, state: CostFormState | null): Html {
  const { t } = ctx;
  const prefix = `credit-${i.number}`;
  const remaining = i.amountOre - i.creditedOre;
  return html`<details class="credit" ${state ? html` open` : ''}>
    <summary>${t.cost_creditSummary(i.number, i.municipality.name)}</summary>
    <form
      method="post"
      action="/samverkan/${d.slug}/kostnader/${d.rule.id}/fakturor/${i.id}/kreditering"
      class="event-form"
      novalidate
    >
      ${errorSummary(state?.refusals ?? [], t, (name) => `${prefix}-${name}`)} ${csrfField(ctx.session.csrfToken)}
      <input type="hidden" name="version" value="${String(d.rule.version)}" />
      <input type="hidden" name="_key" value="${randomUUID()}" />
      ${costField(t, state, { prefix, name: 'amount', kind: 'text', label: t.cost_fieldCreditAmount, hint: t.cost_creditAmountHint(kronor(remaining)) })}
      ${costField(t, state, { prefix, name: 'issuedOn', kind: 'date', label: t.cost_fieldCreditDate, hint: t.cost_creditDateHint(i.issuedOn) })}
      ${costField(t, state, { prefix, name: 'reason', kind: 'textarea', label: t.cost_fieldReason })}
      <button type="submit" class="button">${t.cost_creditButton}</button>
    </form>
  </details>`;
}
