import type { CostRuleView } from '../../cost/cost.views';
import { checkboxField, selectField } from '../clerk/clerk-fields';
import { csrfField, errorSummary } from '../forms';
import { one } from '../form-body';
import { html, type Html } from '../html';
import type { PageContext } from '../web-page';
import {
  costField,
  costTable,
  groupError,
  rulePeriod,
  ruleKey,
  ruleStateText,
  stateOf,
  type CostFormState,
} from './cost-fields';

export interface CostListData {
  slug: string;
  name: string;
  /** The collaboration's parties, in its order. */
  parties: Array<{ code: string; name: string }>;
  /** Its areas (a rule of an area is keyed by the area's workflow id). */
  areas: Array<{ id: string; workflowId: string; title: string }>;
  rules: CostRuleView[];
  /** Whether the reader may create a rule (the API's writers). */
  writes: boolean;
}

/**
 * The cost rules of a collaboration (/samverkan/:slug/kostnader): grouped by what they belong to, the
 * collaboration's common function or one of its areas (the API keys them so: `scope`), each with its key, period,
 * host and state, and the form that creates one.
 */
export function renderCostList(
  ctx: PageContext & { session: { csrfToken: string } },
  d: CostListData,
  state: CostFormState | null,
): Html {
  const { t } = ctx;
  const groups: Array<{ title: Html | string; rules: CostRuleView[] }> = [
    { title: t.cost_commonFunction, rules: d.rules.filter((r) => r.scope.kind === 'common') },
    ...d.areas.map((a) => ({
      title: html`<a href="/omraden/${a.id}">${a.title}</a>`,
      rules: d.rules.filter((r) => r.scope.areaWorkflowId === a.workflowId),
    })),
  ].filter((g) => g.rules.length);
  return html`<h1>${t.cost_title(d.name)}</h1>
    <p>${t.cost_intro}</p>
    ${
      groups.length
        ? groups.map(
            (g) =>
              html`<h2>${g.title}</h2>
                ${costTable(
                  t.cost_rulesCaption,
                  [t.cost_colRule, t.cost_colKey, t.cost_colPeriod, t.cost_colHost, t.cost_colState, t.cost_colRuns],
                  g.rules.map(
                    (r) =>
                      html`<tr>
                        <td>
                          <a href="/samverkan/${d.slug}/kostnader/${r.id}">${r.title}</a>
                          <br /><a class="muted" href="/samverkan/${d.slug}/kostnader/${r.id}#history-heading"
                            >${t.cost_historyLink}</a
                          >
                        </td>
                        <td>${ruleKey(t, r)}</td>
                        <td>${rulePeriod(t, r)}</td>
                        <td>${r.host.name}</td>
                        <td>${ruleStateText(t, r.state)}</td>
                        <td>${String(r.runs.length)}</td>
                      </tr>`,
                  ),
                )}`,
          )
        : html`<p>${t.cost_noRules}</p>`
    }
    ${d.writes ? ruleForm(ctx, d, stateOf(state, 'rule')) : ''}`;
}

/** The form of a new rule: one row per party (pays, its percent, its inhabitants), the adoption optional. */
function ruleForm(ctx: PageContext & { session: { csrfToken: string } }, d: CostListData, state: CostFormState | null) {
  const { t } = ctx;
  const refusals = state?.refusals ?? [];
  const on = (name: string) => refusals.filter((r) => r.field === name);
  const value = (name: string, initial = '') => (state ? one(state.values, name) : initial);
  const f = (name: string, kind: 'date' | 'text' | 'textarea' | 'month', label: string, hint?: string) =>
    costField(t, state, { prefix: 'rule', name, kind, label, hint });
  const id = (name: string) => `rule-${name}`;
  const parties = d.parties.map((p) => ({ value: p.code, text: `${p.name} (${p.code})` }));
  return html`<h2 id="new-rule-heading">${t.cost_newRule}</h2>
    <form method="post" action="/samverkan/${d.slug}/kostnader" class="event-form" novalidate>
      ${errorSummary(refusals, t, id)} ${csrfField(ctx.session.csrfToken)} ${f('title', 'text', t.cost_fieldTitle)}
      ${selectField({
        id: id('scope'),
        name: 'scope',
        label: t.cost_fieldScope,
        hint: t.cost_fieldScopeHint,
        value: value('scope', 'common'),
        options: [
          { value: 'common', text: t.cost_commonFunction },
          ...d.areas.map((a) => ({ value: a.workflowId, text: a.title })),
        ],
        refusals: on('scope'),
        t,
      })}
      ${f('function', 'text', t.cost_fieldFunction, t.cost_fieldFunctionHint)}
      ${selectField({
        id: id('host'),
        name: 'host',
        label: t.cost_fieldHost,
        hint: t.cost_fieldHostHint,
        value: value('host'),
        options: [{ value: '', text: t.cost_choose }, ...parties],
        refusals: on('host'),
        t,
      })}
      ${selectField({
        id: id('method'),
        name: 'method',
        label: t.cost_fieldMethod,
        value: value('method', 'percent'),
        options: ['percent', 'equal', 'population'].map((m) => ({
          value: m,
          text: t[`cost_method_${m}` as 'cost_method_percent'],
        })),
        refusals: on('method'),
        t,
      })}
      <fieldset id="${id('payers')}" ${on('payers').length ? html`aria-describedby="${id('payers')}-error"` : ''}>
        <legend>${t.cost_payers}</legend>
        <p class="hint">${t.cost_payersHint}</p>
        ${groupError(id('payers'), on('payers'), t)}
        ${d.parties.map(
          (p) =>
            html`<div class="payer-row">
              ${checkboxField({
                id: id(`pay_${p.code}`),
                name: `pay_${p.code}`,
                label: t.cost_pays(`${p.name} (${p.code})`),
                checked: state ? one(state.values, `pay_${p.code}`) !== '' : false,
                refusals: on(`pay_${p.code}`),
                t,
              })}
              ${f(`share_${p.code}`, 'text', t.cost_sharePercent(p.name), t.cost_sharePercentHint)}
              ${f(`inh_${p.code}`, 'text', t.cost_inhabitants(p.name), t.cost_inhabitantsHint)}
            </div>`,
        )}
      </fieldset>
      <fieldset
        id="${id('population')}"
        ${on('population').length ? html`aria-describedby="${id('population')}-error"` : ''}
      >
        <legend>${t.cost_population}</legend>
        ${groupError(id('population'), on('population'), t)}
        ${f('populationSource', 'text', t.cost_populationSource, t.cost_populationSourceHint)}
        ${f('populationAsOf', 'date', t.cost_populationAsOf)}
      </fieldset>
      ${f('costBase', 'textarea', t.cost_fieldCostBase, t.cost_fieldCostBaseHint)}
      ${f('startMonth', 'month', t.cost_fieldStartMonth)}
      ${f('endMonth', 'month', t.cost_fieldEndMonth, t.cost_fieldEndMonthHint)}
      <fieldset>
        <legend>${t.cost_adoption}</legend>
        <p class="hint">${t.cost_adoptionHint}</p>
        ${f('adoptedOn', 'date', t.cost_fieldAdoptedOn)} ${f('basis', 'textarea', t.cost_fieldBasis, t.cost_basisHint)}
      </fieldset>
      ${f('note', 'textarea', t.cost_fieldNote)}
      <button type="submit" class="button">${t.cost_createButton}</button>
    </form>`;
}
