import { html, type Html } from './html';
import type { Messages } from './i18n/messages';

/** A refusal as a page shows it: the sentence in the page's language, which field it concerns, the rule behind it. */
export interface ShownRefusal {
  field: string | null;
  text: string;
  ruleId?: string;
}

/** The link of a rule id: the served copy of docs/rules.md, at the id's row. */
export function ruleLink(ruleId: string, t: Messages): Html {
  return html`<a href="/regler#${ruleId}">${t.refusedBy} ${ruleId}</a>`;
}

/** The error summary at the top of a form (GOV.UK pattern): each refusal linked to its field. */
export function errorSummary(refusals: ShownRefusal[], t: Messages, fieldId: (name: string) => string): Html {
  if (!refusals.length) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
    <h2 id="error-summary-title">${t.errorSummary}</h2>
    <ul>
      ${refusals.map(
        (r) =>
          html`<li>
            ${r.field ? html`<a href="#${fieldId(r.field)}">${r.text}</a>` : r.text}${
              r.ruleId ? html` (${ruleLink(r.ruleId, t)})` : ''
            }
          </li>`,
      )}
    </ul>
  </div>`;
}

export interface FieldSpec {
  id: string;
  name: string;
  label: string;
  hint?: string;
  value: string;
  kind: 'text' | 'date' | 'time' | 'textarea' | 'password';
  refusals: ShownRefusal[];
  t: Messages;
  autocomplete?: string;
}

/** A labelled input with its hint and, beside it, the refusal that concerns it (aria-describedby ties them). */
export function field(f: FieldSpec): Html {
  const hintId = `${f.id}-hint`;
  const errorId = `${f.id}-error`;
  const describedBy = [f.hint ? hintId : '', f.refusals.length ? errorId : ''].filter(Boolean).join(' ');
  const invalid = f.refusals.length > 0;
  const common = html`id="${f.id}" name="${f.name}" ${describedBy ? html`aria-describedby="${describedBy}"` : ''}
  ${invalid ? html`aria-invalid="true"` : ''}`;
  const input =
    f.kind === 'textarea'
      ? html`<textarea ${common} rows="5">${f.value}</textarea>`
      : html`<input
          ${common}
          type="${f.kind === 'date' ? 'date' : f.kind}"
          value="${f.value}"
          ${f.autocomplete ? html`autocomplete="${f.autocomplete}"` : ''}
        />`;
  return html`<div class="form-group${invalid ? ' form-group--error' : ''}">
    <label for="${f.id}">${f.label}</label>
    ${f.hint ? html`<div id="${hintId}" class="hint">${f.hint}</div>` : ''}
    ${
      invalid
        ? html`<p id="${errorId}" class="error-message">
            ${f.refusals.map(
              (r) => html`<span>${r.text}${r.ruleId ? html` (${ruleLink(r.ruleId, f.t)})` : ''}</span> `,
            )}
          </p>`
        : ''
    }
    ${input}
  </div>`;
}

export function csrfField(token: string): Html {
  return html`<input type="hidden" name="_csrf" value="${token}" />`;
}
