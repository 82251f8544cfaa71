import { randomUUID } from 'crypto';
import { AppError } from '../../common/errors';
import { placeRefusals, selectField } from '../clerk/clerk-fields';
import { csrfField, errorSummary, field, type ShownRefusal } from '../forms';
import { one, type FormBody } from '../form-body';
import { html, type Html } from '../html';
import type { Lang, Messages } from '../i18n/messages';

/**
 * The coordinator's plan, council and amendment forms (h-coordplan): each field declared once (its name is the one the
 * form posts), drawn with forms.ts's field or the select of clerk-fields.ts, its refusal beside it.
 */
export interface FormFieldSpec {
  name: string;
  kind: 'text' | 'date' | 'textarea' | 'select';
  label: string;
  hint?: string;
  options?: Array<{ value: string; text: string }>;
  /** Shown in an empty form (never over what was typed). */
  initial?: string;
}

/** A form as it is drawn: what was posted and refused, when this is the form that was posted. */
export interface FormState {
  form: string;
  values: FormBody;
  refusals: ShownRefusal[];
}

export interface PageFormSpec {
  /** Unique on the page: the prefix of its fields' ids and the form's `_form` value. */
  id: string;
  action: string;
  legend: string;
  intro?: Html;
  fields: FormFieldSpec[];
  hidden?: Record<string, string>;
  csrf: string;
  t: Messages;
  state: FormState | null;
  /** A retry of the same form (a double submit) answers with the first result. */
  idempotent?: boolean;
}

export function pageForm(f: PageFormSpec): Html {
  const mine = f.state?.form === f.id ? f.state : null;
  const refusals = mine?.refusals ?? [];
  const id = (name: string) => `${f.id}-${name}`;
  const valueOf = (spec: FormFieldSpec) => (mine ? one(mine.values, spec.name) : (spec.initial ?? ''));
  const fields = f.fields.map((spec) => {
    const refused = refusals.filter((r) => r.field === spec.name);
    if (spec.kind === 'select') {
      return selectField({
        id: id(spec.name),
        name: spec.name,
        label: spec.label,
        hint: spec.hint,
        value: valueOf(spec),
        options: spec.options ?? [],
        refusals: refused,
        t: f.t,
      });
    }
    return field({
      id: id(spec.name),
      name: spec.name,
      label: spec.label,
      hint: spec.hint,
      value: valueOf(spec),
      kind: spec.kind,
      refusals: refused,
      t: f.t,
    });
  });
  const hidden = Object.entries({ _form: f.id, ...(f.hidden ?? {}) });
  return html`<form method="post" action="${f.action}" class="event-form" id="${f.id}" novalidate>
    <fieldset>
      <legend><h3>${f.legend}</h3></legend>
      ${f.intro ?? ''} ${errorSummary(refusals, f.t, id)} ${csrfField(f.csrf)}
      ${hidden.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`)}
      ${f.idempotent ? html`<input type="hidden" name="_key" value="${randomUUID()}" />` : ''} ${fields}
      <button type="submit" class="button">${f.t.recordButton}</button>
    </fieldset>
  </form>`;
}

/** A form's text, trimmed; an empty optional text is left out of the API's body. */
export const optionalText = (form: FormBody, name: string): string | undefined => {
  const value = one(form, name).trim();
  return value ? value : undefined;
};

/** The form's `_key`, the API's Idempotency-Key (a double submit records once). */
export const keyOf = (form: FormBody): string | undefined => optionalText(form, '_key')?.slice(0, 200);

/** A version number as the form carries it; anything else as typed, so the DTO refuses it by name. */
export const intOrText = (text: string): number | string => (/^\d{1,9}$/.test(text.trim()) ? Number(text) : text);

/**
 * The service's refusal placed beside a field of the form: a validation's DTO path through `pathToField`, a rule's
 * code through `codeToField`; what fits no field is shown in the summary only.
 */
export function formRefusals(
  error: AppError,
  lang: Lang,
  fieldNames: string[],
  pathToField: (path: string) => string = (path) => path.split('.')[0],
  codeToField: Record<string, string> = {},
): ShownRefusal[] {
  return placeRefusals(error, lang, (path, code) => {
    const name = path !== null ? pathToField(path) : codeToField[code];
    return name && fieldNames.includes(name) ? name : null;
  });
}

/** A refused form's status: 400 bad input, 404 a record it names is unknown, 409 conflict, else 422 (a rule). */
export const refusedStatus = (e: AppError): number =>
  e.kind === 'BAD_INPUT' ? 400 : e.kind === 'NOT_FOUND' ? 404 : e.kind === 'CONFLICT' ? 409 : 422;

/** What a form shows as a refusal: every AppError but a forbidden one (the error page says that). */
export const shownOnForm = (e: unknown): e is AppError => e instanceof AppError && e.kind !== 'FORBIDDEN';

/** Focus areas typed one a line, `nyckel: Namn` (the key stable across versions, SEED-AF §11). */
export function focusAreasOf(text: string): Array<{ key: string; name: string }> {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf(':');
      return at < 0 ? { key: line, name: line } : { key: line.slice(0, at).trim(), name: line.slice(at + 1).trim() };
    });
}

export const focusAreasText = (areas: Array<{ key: string; name: string }>): string =>
  areas.map((a) => `${a.key}: ${a.name}`).join('\n');

/** The GET form of a date ("as on"): the page can be bookmarked; an impossible date is shown beside the field. */
export function dateQueryForm(a: { action: string; value: string; invalid: boolean; t: Messages }): Html {
  const { t, invalid } = a;
  return html`<form method="get" action="${a.action}" class="date-form" novalidate>
    <div class="form-group${invalid ? ' form-group--error' : ''}">
      <label for="datum">${t.pickDate}</label>
      <div id="datum-hint" class="hint">${t.dateHint}</div>
      ${invalid ? html`<p id="datum-error" class="error-message">${t.dateHint}</p>` : ''}
      <input
        type="date"
        id="datum"
        name="datum"
        value="${a.value}"
        aria-describedby="datum-hint${invalid ? ' datum-error' : ''}"
        ${invalid ? html` aria-invalid="true"` : ''}
      />
    </div>
    <button type="submit" class="button button--secondary">${t.show}</button>
  </form>`;
}

/** The success note after a 303 back to the page (a reload does not post again). */
export const recordedNotice = (recorded: boolean, t: Messages): Html =>
  recorded ? html`<div class="notice notice--success" role="status"><p>${t.cp_recordedOk}</p></div>` : html``;

/** A date cell or a dash. */
export const dayCell = (date: string | undefined | null): Html =>
  date ? html`<time datetime="${date}">${date}</time>` : html`–`;
