import { randomUUID } from 'crypto';
import type { CostRuleView } from '../../cost/cost.views';
import type { HistoryEntryView } from '../../workflow/history/history.views';
import { csrfField, errorSummary, ruleLink } from '../forms';
import { html, type Html } from '../html';
import { stockholmTime, type Messages } from '../i18n/messages';
import { roleText } from '../layout';
import type { PageContext } from '../web-page';
import { costField, costTable, ruleKey, rulePeriod, ruleStateText, stateOf, type CostFormState } from './cost-fields';
import { COST_EVENT_FORMS } from './cost-forms';
import { invoicesSection, runForm, type InvoicesData } from './cost-invoices-render';

export interface CostRulePageData extends InvoicesData {
  rule: CostRuleView;
  /** The area the rule belongs to, for a rule of an area. */
  area: { id: string; title: string } | null;
  history: HistoryEntryView[];
}

type Ctx = PageContext & { session: { csrfToken: string } };

/** What a rule's event recorded, in words (the notice after a 303). */
export function costEventText(t: Messages, type: string): string {
  const value = t[`cost_event_${type}` as keyof Messages];
  return typeof value === 'string' ? value : type;
}

/**
 * A cost rule's page (/samverkan/:slug/kostnader/:id): what it says (key, host, cost base, months, state, adoption),
 * the invoice run form (to its preview), the issued invoices of every run with their CSV and PDF and the credit
 * forms, the forms of the events the rule takes now (its `allowedEvents`), and its history.
 */
export function renderCostRule(ctx: Ctx, d: CostRulePageData, state: CostFormState | null, recorded: string | null) {
  const { t } = ctx;
  const r = d.rule;
  const events = d.writes ? r.allowedEvents.filter((e) => COST_EVENT_FORMS[e]) : [];
  return html`${
      recorded
        ? html`<div class="notice notice--success" role="status"><p>${t.recorded(costEventText(t, recorded))}</p></div>`
        : ''
    }
    <h1>${r.title}</h1>
    ${summary(t, d)}
    ${d.writes && r.allowedEvents.includes('INVOICE_RUN_ISSUED') ? runForm(ctx, d, stateOf(state, 'run')) : ''}
    ${invoicesSection(ctx, d, state)}
    ${
      events.length
        ? html`<h2 id="events-heading">${t.cost_eventsHeading}</h2>
            ${events.map((type) => eventForm(ctx, d, type, stateOf(state, `event:${type}`)))}`
        : ''
    }
    ${historyTable(t, d.history)}`;
}

function summary(t: Messages, d: CostRulePageData): Html {
  const r = d.rule;
  const row = (term: string, value: Html | string) =>
    html`<div>
      <dt>${term}</dt>
      <dd>${value}</dd>
    </div>`;
  const population = r.population as { source: string; asOf: string } | undefined;
  return html`<dl class="summary">
    ${row(
      t.cost_fieldScope,
      d.area
        ? html`<a href="/omraden/${d.area.id}">${d.area.title}</a>`
        : html`${t.cost_commonFunction}: ${r.scope.function ?? ''}`,
    )}
    ${row(t.cost_colKey, ruleKey(t, r))} ${row(t.cost_colHost, `${r.host.name} (${r.host.code})`)}
    ${population ? row(t.cost_population, t.cost_populationFrom(population.source, population.asOf)) : ''}
    ${row(t.cost_fieldCostBase, r.costBase)} ${row(t.cost_colPeriod, rulePeriod(t, r))}
    ${row(t.cost_colState, ruleStateText(t, r.state))}
    ${
      r.adoption
        ? row(
            t.cost_adoption,
            html`<time datetime="${r.adoption.adoptedOn}">${r.adoption.adoptedOn}</time>: ${r.adoption.basis}`,
          )
        : ''
    }
    ${
      r.councilInformedOn.length
        ? row(
            t.cost_councilInformed,
            html`${r.councilInformedOn.map((d, i) => html`${i ? ', ' : ''}<time datetime="${d}">${d}</time>`)}
              <span class="muted">(${t.cost_councilNotApproval} ${ruleLink('R-G8', t)})</span>`,
          )
        : ''
    }
    ${
      r.ending
        ? row(t.cost_ended, html`<time datetime="${r.ending.endedOn}">${r.ending.endedOn}</time>: ${r.ending.reason}`)
        : ''
    }
    ${r.note ? row(t.cost_fieldNote, r.note) : ''}
  </dl>`;
}

const EVENT_LABELS: Record<string, keyof Messages> = {
  adoptedOn: 'cost_fieldAdoptedOn',
  basis: 'cost_fieldBasis',
  informedOn: 'cost_fieldInformedOn',
  endMonth: 'cost_fieldEndMonth',
  endedOn: 'cost_fieldEndedOn',
  reason: 'cost_fieldReason',
};

/** One form per event the rule takes now; a refused one comes back with what was typed. */
function eventForm(ctx: Ctx, d: CostRulePageData, type: string, state: CostFormState | null): Html {
  const { t } = ctx;
  const prefix = `event-${type}`;
  return html`<form
    method="post"
    action="/samverkan/${d.slug}/kostnader/${d.rule.id}/handelser"
    class="event-form"
    novalidate
  >
    <fieldset>
      <legend><h3>${costEventText(t, type)}</h3></legend>
      ${errorSummary(state?.refusals ?? [], t, (name) => `${prefix}-${name}`)} ${csrfField(ctx.session.csrfToken)}
      <input type="hidden" name="type" value="${type}" />
      <input type="hidden" name="version" value="${String(d.rule.version)}" />
      <input type="hidden" name="_key" value="${randomUUID()}" />
      ${COST_EVENT_FORMS[type].map((f) =>
        costField(t, state, { prefix, name: f.name, kind: f.kind, label: t[EVENT_LABELS[f.name]] as string }),
      )}
      <button type="submit" class="button">${t.recordButton}</button>
    </fieldset>
  </form>`;
}

/** Every event of the rule's log: when, what, the legal date, who, and the rules that allowed it. */
function historyTable(t: Messages, history: HistoryEntryView[]): Html {
  return html`<h2 id="history-heading">${t.history}</h2>
    ${costTable(
      t.history,
      [t.colSeq, t.colEvent, t.colLegalDate, t.colRecorded, t.colBy, t.cost_colRules],
      history.map(
        (h) =>
          html`<tr>
            <td>${String(h.seq)}</td>
            <td>${h.fromState === null ? t.cost_event_created : costEventText(t, h.eventType)}</td>
            <td>${h.legalDate ? html`<time datetime="${h.legalDate}">${h.legalDate}</time>` : '–'}</td>
            <td><time datetime="${h.recordedAt}">${stockholmTime(h.recordedAt)}</time></td>
            <td>${h.actor.name ? `${h.actor.name}, ` : ''}${roleText(t, h.actor.role, h.actor.municipality)}</td>
            <td>
              ${h.rule?.ruleIds.length ? h.rule.ruleIds.map((id) => html`<a href="/regler#${id}">${id}</a> `) : '–'}
            </td>
          </tr>`,
      ),
    )}`;
}
