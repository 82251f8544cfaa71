import { AppError } from '../../common/errors';
import type { ShownRefusal } from '../forms';
import { ruleLink } from '../forms';
import { html, type Html } from '../html';
import type { Lang, Messages } from '../i18n/messages';

/** The refusals that concern one field, shown beside it (the rule's sentence, the rule id linked to /regler). */
function errorOf(id: string, refusals: ShownRefusal[], t: Messages): Html {
  if (!refusals.length) return html``;
  return html`<p id="${id}-error" class="error-message">
    ${refusals.map((r) => html`<span>${r.text}${r.ruleId ? html` (${ruleLink(r.ruleId, t)})` : ''}</span> `)}
  </p>`;
}

function describedBy(id: string, hint: boolean, refused: boolean): Html {
  const ids = [hint ? `${id}-hint` : '', refused ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids ? html`aria-describedby="${ids}"` : html``;
}

export interface SelectSpec {
  id: string;
  name: string;
  label: string;
  hint?: string;
  value: string;
  options: Array<{ value: string; text: string }>;
  refusals: ShownRefusal[];
  t: Messages;
}

/** A labelled select with its hint and its refusal beside it (forms.ts's field, for a choice). */
export function selectField(s: SelectSpec): Html {
  const refused = s.refusals.length > 0;
  return html`<div class="form-group${refused ? ' form-group--error' : ''}">
    <label for="${s.id}">${s.label}</label>
    ${s.hint ? html`<div id="${s.id}-hint" class="hint">${s.hint}</div>` : ''} ${errorOf(s.id, s.refusals, s.t)}
    <select
      id="${s.id}"
      name="${s.name}"
      ${describedBy(s.id, !!s.hint, refused)}
      ${refused ? html`aria-invalid="true"` : ''}
    >
      ${s.options.map(
        (o) => html`<option value="${o.value}" ${o.value === s.value ? html`selected` : ''}>${o.text}</option>`,
      )}
    </select>
  </div>`;
}

/** A checkbox with its label after it (GOV.UK's order), its refusal beside it. */
export function checkboxField(c: {
  id: string;
  name: string;
  label: string;
  checked: boolean;
  refusals: ShownRefusal[];
  t: Messages;
}): Html {
  const refused = c.refusals.length > 0;
  return html`<div class="form-group checkbox${refused ? ' form-group--error' : ''}">
    ${errorOf(c.id, c.refusals, c.t)}
    <input
      type="checkbox"
      id="${c.id}"
      name="${c.name}"
      value="ja"
      ${c.checked ? html`checked` : ''}
      ${describedBy(c.id, false, refused)}
      ${refused ? html`aria-invalid="true"` : ''}
    />
    <label for="${c.id}">${c.label}</label>
  </div>`;
}

/**
 * A service's refusal in the reader's language, placed by `placeOf`: a validation names its fields (the DTO's
 * paths), a rule refusal its code and details. Where nothing fits, the refusal is shown in the summary only.
 */
export function placeRefusals(
  error: AppError,
  lang: Lang,
  placeOf: (path: string | null, code: string, details: Record<string, unknown>) => string | null,
): ShownRefusal[] {
  const details = (error.details ?? {}) as {
    fields?: Array<{ field: string; reason: string; reasonSv: string }>;
  } & Record<string, unknown>;
  if (details.fields?.length) {
    return details.fields.map((f) => ({
      field: placeOf(f.field, error.code, details),
      text: lang === 'sv' ? f.reasonSv : f.reason,
    }));
  }
  return [
    {
      field: placeOf(null, error.code, details),
      text: lang === 'sv' ? error.messageSv : error.message,
      ruleId: error.ruleId,
    },
  ];
}

/** Lines of a textarea (one item a line, blank lines dropped), names of a comma list. */
export const linesOf = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
export const namesOf = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
