/**
 * The small pieces every cost page is built from: a field of a cost form (a month is a text with its pattern as the
 * hint), a fieldset's refusal, a table, a rule's state, its key (fördelningsnyckel) and its period in words.
 */
import type { CostRuleView } from '../../cost/cost.views';
import { field, ruleLink, type ShownRefusal } from '../forms';
import { one, type FormBody } from '../form-body';
import { html, type Html } from '../html';
import type { Messages } from '../i18n/messages';

/** What a refused form brings back to its page: which form, what was typed, and the refusals to place. */
export interface CostFormState {
  form: string;
  values: FormBody;
  refusals: ShownRefusal[];
}

/** The state of one form of the page, if it is the one refused. */
export const stateOf = (state: CostFormState | null, form: string): CostFormState | null =>
  state?.form === form ? state : null;

export interface CostFieldSpec {
  prefix: string;
  name: string;
  kind: 'date' | 'text' | 'textarea' | 'month';
  label: string;
  hint?: string;
  /** The value shown when the form was not refused (a default). */
  initial?: string;
}

/** A labelled field of a cost form, with what was typed (when refused) and its refusals beside it. */
export function costField(t: Messages, state: CostFormState | null, f: CostFieldSpec): Html {
  const refusals = state?.refusals.filter((r) => r.field === f.name) ?? [];
  return field({
    id: `${f.prefix}-${f.name}`,
    name: f.name,
    label: f.label,
    hint: f.kind === 'month' ? (f.hint ?? t.cost_monthHint) : f.kind === 'date' ? (f.hint ?? t.field_dateHint) : f.hint,
    value: state ? one(state.values, f.name) : (f.initial ?? ''),
    kind: f.kind === 'month' ? 'text' : f.kind,
    refusals,
    t,
  });
}

/** The refusals of a group of fields (a fieldset), shown at its top; the fieldset carries `id` for the summary's link. */
export function groupError(id: string, refusals: ShownRefusal[], t: Messages): Html {
  if (!refusals.length) return html``;
  return html`<p id="${id}-error" class="error-message">
    ${refusals.map((r) => html`<span>${r.text}${r.ruleId ? html` (${ruleLink(r.ruleId, t)})` : ''}</span> `)}
  </p>`;
}

/** A table in a scrolling region (narrow screens), with its caption for screen readers. */
export function costTable(caption: string, head: string[], rows: Html[], numeric: number[] = []): Html {
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="${caption}">
    <table>
      <caption class="visually-hidden">
        ${caption}
      </caption>
      <thead>
        <tr>
          ${head.map((h, i) => html`<th scope="col" ${numeric.includes(i) ? html` class="num"` : ''}>${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}

export function ruleStateText(t: Messages, state: string): string {
  const value = t[`cost_state_${state}` as keyof Messages];
  return typeof value === 'string' ? value : state;
}

/** The key (fördelningsnyckel): the method and each paying party's share, then what the host carries (R-G3). */
export function ruleKey(t: Messages, r: CostRuleView): Html {
  const method = t[`cost_method_${r.method}` as keyof Messages];
  return html`${typeof method === 'string' ? method : r.method}:
  ${r.payers.map((p, i) => html`${i ? ', ' : ''}${p.municipality.name} ${p.share.percent}`)};
  ${t.cost_hostCarries(r.host.name, r.hostShare.percent)}`;
}

export function rulePeriod(t: Messages, r: Pick<CostRuleView, 'startMonth' | 'endMonth'>): string {
  return r.endMonth ? `${r.startMonth} – ${r.endMonth}` : t.cost_fromMonth(r.startMonth);
}

/** A run's months: one month, or from – to. */
export const monthsText = (from: string, to: string) => (from === to ? from : `${from} – ${to}`);
