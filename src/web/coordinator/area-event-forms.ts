import { randomUUID } from 'crypto';
import { AppError } from '../../common/errors';
import { csrfField, errorSummary, field, type ShownRefusal } from '../forms';
import { one, type FormBody } from '../form-body';
import { html, type Html } from '../html';
import type { Lang, Messages } from '../i18n/messages';

type FieldKind = 'date' | 'text' | 'textarea';
interface EventField {
  name: string;
  kind: FieldKind;
  label: (t: Messages) => string;
  hint?: (t: Messages) => string;
  optional?: boolean;
}

const dateField = (name: string): EventField => ({
  name,
  kind: 'date',
  label: (t) => t.field_date,
  hint: (t) => t.field_dateHint,
});

/**
 * The area events a page can record with a form of dates and texts: the steps an area waits for (area.status.ts) and
 * the follow-up. Events that name decisions, documents or signatories (PARTICIPATION_DECIDED, AREA_FORMALISED, …)
 * are recorded through the API for now. The field names are the API's (src/area/dto/area-event.dto.ts), so a
 * refusal's field is the form's field.
 */
export const AREA_EVENT_FORMS: Record<string, EventField[]> = {
  FORANKRING_STARTED: [dateField('startedOn')],
  KDG_ASSIGNED: [
    dateField('assignedOn'),
    { name: 'assignment', kind: 'textarea', label: (t) => t.field_assignment },
    { name: 'focusArea', kind: 'text', label: (t) => t.field_focusArea, optional: true },
  ],
  COUNCIL_INFORMED: [dateField('informedOn')],
  FORSTUDIE_STARTED: [dateField('startedOn')],
  DECISIONS_REQUESTED: [dateField('requestedOn')],
  OPERATION_STARTED: [dateField('startedOn')],
  FOLLOW_UP_STARTED: [dateField('startedOn')],
  FOLLOW_UP_REPORTED: [dateField('reportedOn'), { name: 'summary', kind: 'textarea', label: (t) => t.field_summary }],
  REVISION_STARTED: [dateField('startedOn'), { name: 'reason', kind: 'textarea', label: (t) => t.field_reason }],
};

/** The events of `allowed` that have a form here, in the order the machine offers them. */
export function formEvents(allowed: string[]): string[] {
  return allowed.filter((type) => AREA_EVENT_FORMS[type]);
}

/** The API's body of a posted form: the event's own fields only (an optional text left empty is left out). */
export function eventBody(type: string, form: FormBody, version: number): Record<string, unknown> {
  const body: Record<string, unknown> = { type, expectedVersion: version };
  for (const f of AREA_EVENT_FORMS[type] ?? []) {
    const value = one(form, f.name);
    if (f.optional && !value.trim()) continue;
    body[f.name] = value;
  }
  return body;
}

/** A refusal in the reader's language, beside the field it names (a validation's fields, a rule's `field`). */
export function refusalsOf(error: AppError, lang: Lang, fieldNames: string[]): ShownRefusal[] {
  const details = error.details as
    { fields?: Array<{ field: string; reason: string; reasonSv: string }>; field?: string } | undefined;
  if (details?.fields?.length) {
    return details.fields.map((f) => ({
      field: fieldNames.includes(f.field) ? f.field : null,
      text: lang === 'sv' ? f.reasonSv : f.reason,
    }));
  }
  const named = typeof details?.field === 'string' && fieldNames.includes(details.field) ? details.field : null;
  return [{ field: named, text: lang === 'sv' ? error.messageSv : error.message, ruleId: error.ruleId }];
}

export interface EventFormState {
  type: string;
  values: FormBody;
  refusals: ShownRefusal[];
}

/** One form per event: works without JavaScript, and a refused form comes back with what was typed. */
export function eventForm(
  areaId: string,
  type: string,
  version: number,
  csrf: string,
  t: Messages,
  state: EventFormState | null,
): Html {
  const mine = state?.type === type ? state : null;
  const refusals = mine?.refusals ?? [];
  const id = (name: string) => `${type}-${name}`;
  const fields = AREA_EVENT_FORMS[type];
  return html`<form method="post" action="/omraden/${areaId}/handelser" class="event-form" novalidate>
    <fieldset>
      <legend><h3>${t.event(type)}</h3></legend>
      ${errorSummary(refusals, t, id)} ${csrfField(csrf)}
      <input type="hidden" name="type" value="${type}" />
      <input type="hidden" name="version" value="${String(version)}" />
      <input type="hidden" name="_key" value="${randomUUID()}" />
      ${fields.map((f) =>
        field({
          id: id(f.name),
          name: f.name,
          label: f.label(t),
          hint: f.hint?.(t),
          value: mine ? one(mine.values, f.name) : '',
          kind: f.kind,
          refusals: refusals.filter((r) => r.field === f.name),
          t,
        }),
      )}
      <button type="submit" class="button">${t.recordButton}</button>
    </fieldset>
  </form>`;
}
