import type { FormBody } from '../form-body';
import { one } from '../form-body';
import { csrfField, errorSummary, field, type ShownRefusal } from '../forms';
import { html, type Html } from '../html';
import type { Messages } from '../i18n/messages';
import type { PageContext } from '../web-page';

export interface CollaborationChoice {
  slug: string;
  name: string;
}

/** Which of the index's forms was refused, with what was typed and the refusals (each beside its field). */
export interface AuditFormState {
  form: 'history' | 'verify' | 'evidence';
  values: FormBody;
  refusals: ShownRefusal[];
}

/** The id of a form's field: the form's prefix and the field's name (what the error summary links to). */
export const FIELD_PREFIX = { history: 'h', verify: 'v', evidence: 'e', asOf: 'a', refused: 'r' } as const;
export const fieldId = (form: keyof typeof FIELD_PREFIX) => (name: string) => `${FIELD_PREFIX[form]}-${name}`;

const of = (state: AuditFormState | null, form: AuditFormState['form']) =>
  state?.form === form ? state : { values: {} as FormBody, refusals: [] as ShownRefusal[] };
const refusalsFor = (refusals: ShownRefusal[], name: string) => refusals.filter((r) => r.field === name);

/** A select of the collaborations, its refusal beside it. */
export function collaborationSelect(
  t: Messages,
  id: string,
  value: string,
  choices: CollaborationChoice[],
  refusals: ShownRefusal[],
): Html {
  const invalid = refusals.length > 0;
  return html`<div class="form-group${invalid ? ' form-group--error' : ''}">
    <label for="${id}">${t.auditCollaboration}</label>
    ${
      invalid
        ? html`<p id="${id}-error" class="error-message">${refusals.map((r) => html`<span>${r.text}</span> `)}</p>`
        : ''
    }
    <select id="${id}" name="samverkan" ${invalid ? html`aria-invalid="true" aria-describedby="${id}-error"` : ''}>
      ${choices.map(
        (c) => html`<option value="${c.slug}" ${c.slug === value ? html`selected` : ''}>${c.name}</option>`,
      )}
    </select>
  </div>`;
}

/** The verify form: everything, a collaboration, or one workflow by its id. */
function verifyForm(ctx: PageContext, choices: CollaborationChoice[], v: Omit<AuditFormState, 'form'>): Html {
  const { t } = ctx;
  const scope = one(v.values, 'omfattning') || 'allt';
  const scopes = [
    { value: 'allt', text: t.auditScopeAll },
    ...choices.map((c) => ({ value: `samverkan:${c.slug}`, text: t.auditScopeCollaboration(c.name) })),
    { value: 'arbetsflode', text: t.auditScopeWorkflow },
  ];
  const scopeRefused = refusalsFor(v.refusals, 'omfattning');
  return html`${errorSummary(v.refusals, t, fieldId('verify'))}
    <form method="post" action="/granskning/verifiering" class="event-form" novalidate>
      ${csrfField(ctx.session?.csrfToken ?? '')}
      <div class="form-group${scopeRefused.length ? ' form-group--error' : ''}">
        <fieldset class="radios" id="v-omfattning">
          <legend>${t.auditVerifyScope}</legend>
          ${
            scopeRefused.length
              ? html`<p class="error-message">${scopeRefused.map((r) => html`<span>${r.text}</span> `)}</p>`
              : ''
          }
          ${scopes.map(
            (s, i) =>
              html`<div class="radio">
                <input
                  type="radio"
                  id="v-omfattning-${String(i)}"
                  name="omfattning"
                  value="${s.value}"
                  ${s.value === scope ? html`checked` : ''}
                />
                <label for="v-omfattning-${String(i)}">${s.text}</label>
              </div>`,
          )}
        </fieldset>
      </div>
      ${field({
        id: 'v-arbetsflode',
        name: 'arbetsflode',
        label: t.auditVerifyWorkflowId,
        hint: t.auditWorkflowIdHint,
        value: one(v.values, 'arbetsflode'),
        kind: 'text',
        refusals: refusalsFor(v.refusals, 'arbetsflode'),
        t,
      })}
      <button type="submit" class="button">${t.auditStartVerify}</button>
    </form>`;
}

/** The history form (GET): a workflow's id. */
function historyForm(t: Messages, h: Omit<AuditFormState, 'form'>): Html {
  return html`${errorSummary(h.refusals, t, fieldId('history'))}
    <form method="get" action="/granskning/arbetsfloden" class="event-form" novalidate>
      ${field({
        id: 'h-id',
        name: 'id',
        label: t.auditWorkflowId,
        hint: t.auditWorkflowIdHint,
        value: one(h.values, 'id'),
        kind: 'text',
        refusals: refusalsFor(h.refusals, 'id'),
        t,
      })}
      <button type="submit" class="button button--secondary">${t.auditShowHistory}</button>
    </form>`;
}

/** The evidence form (GET, a download): a collaboration and the period. */
function evidenceForm(t: Messages, choices: CollaborationChoice[], e: Omit<AuditFormState, 'form'>): Html {
  const date = (name: 'fran' | 'till', label: string) =>
    field({
      id: `e-${name}`,
      name,
      label,
      hint: t.dateHint,
      value: one(e.values, name),
      kind: 'date',
      refusals: refusalsFor(e.refusals, name),
      t,
    });
  return html`${errorSummary(e.refusals, t, fieldId('evidence'))}
    <form method="get" action="/granskning/bevispaket" class="event-form" novalidate>
      ${collaborationSelect(t, 'e-samverkan', one(e.values, 'samverkan'), choices, refusalsFor(e.refusals, 'samverkan'))}
      ${date('fran', t.auditEvidenceFrom)} ${date('till', t.auditEvidenceTo)}
      <button type="submit" class="button button--secondary">${t.auditDownload}</button>
    </form>`;
}

/** The auditor's start page: verify, a workflow's history, as it stood, refused attempts, the evidence package. */
export function renderAuditIndex(ctx: PageContext, choices: CollaborationChoice[], state: AuditFormState | null): Html {
  const { t } = ctx;
  return html`<h1>${t.auditTitle}</h1>
    <p>${t.auditIntro}</p>
    <ul>
      <li><a href="#verify-heading">${t.auditVerifyHeading}</a></li>
      <li><a href="#history-heading">${t.auditHistoryHeading}</a></li>
      <li><a href="#asof-heading">${t.auditAsOfHeading}</a></li>
      <li><a href="/granskning/vagrade-forsok">${t.auditRefusedLink}</a></li>
      <li><a href="#evidence-heading">${t.auditEvidenceHeading}</a></li>
    </ul>
    <h2 id="verify-heading">${t.auditVerifyHeading}</h2>
    <p>${t.auditVerifyIntro}</p>
    ${verifyForm(ctx, choices, of(state, 'verify'))}
    <h2 id="history-heading">${t.auditHistoryHeading}</h2>
    ${historyForm(t, of(state, 'history'))}
    <h2 id="asof-heading">${t.auditAsOfHeading}</h2>
    ${asOfForm(ctx, choices, {}, [])}
    <h2 id="refused-heading">${t.auditRefusedHeading}</h2>
    <p><a href="/granskning/vagrade-forsok">${t.auditRefusedLink}</a></p>
    <h2 id="evidence-heading">${t.auditEvidenceHeading}</h2>
    <p>${t.auditEvidenceIntro}</p>
    ${evidenceForm(t, choices, of(state, 'evidence'))}`;
}

/** The as-of form (GET, so an answer can be bookmarked): a collaboration, a date, and a time if wanted. */
export function asOfForm(
  ctx: PageContext,
  choices: CollaborationChoice[],
  values: Record<string, string>,
  refusals: ShownRefusal[],
): Html {
  const { t } = ctx;
  return html`${errorSummary(refusals, t, fieldId('asOf'))}
    <form method="get" action="/granskning/som-den-stod" class="event-form" novalidate>
      ${collaborationSelect(t, 'a-samverkan', values.samverkan ?? '', choices, refusalsFor(refusals, 'samverkan'))}
      ${field({
        id: 'a-datum',
        name: 'datum',
        label: t.auditAsOfDate,
        hint: t.auditAsOfDateHint,
        value: values.datum ?? '',
        kind: 'date',
        refusals: refusalsFor(refusals, 'datum'),
        t,
      })}
      ${field({
        id: 'a-klockslag',
        name: 'klockslag',
        label: t.auditAsOfTime,
        hint: t.auditAsOfTimeHint,
        value: values.klockslag ?? '',
        kind: 'text',
        refusals: refusalsFor(refusals, 'klockslag'),
        t,
      })}
      <button type="submit" class="button button--secondary">${t.auditShowAsOf}</button>
    </form>`;
}
