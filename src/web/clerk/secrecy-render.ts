import { randomUUID } from 'crypto';
import { markingsInForce } from '../../../machines/protocol/secrecy-lifting.rules';
import { mapParagraphTexts, markableFields } from '../../../machines/protocol/secrecy.rules';
import type { DecisionView } from '../../decision/decision.views';
import type { SecrecyMarkingView } from '../../personal-data/secret-text.service';
import { csrfField, errorSummary, field, ruleLink, type ShownRefusal } from '../forms';
import { one, type FormBody } from '../form-body';
import { html, type Html } from '../html';
import { longDate, type Messages } from '../i18n/messages';
import type { PageContext } from '../web-page';
import { selectField } from './clerk-fields';

/** A refused form of the page: the marking or the lifting, with what was typed and why it was refused. */
export interface SecrecyPageState {
  form: 'mark' | 'lift';
  values: FormBody;
  refusals: ShownRefusal[];
}

export interface SecrecyPageInput {
  decision: DecisionView;
  /** Whether the signed-in role marks and lifts (the API routes' roles). */
  writer: boolean;
  today: string;
  state: SecrecyPageState | null;
  recorded: string | null;
}

/** The form field a refusal concerns: a DTO path, or the rule's code (R-K7, R-K13). */
const FIELD_OF_CODE: Record<string, string> = {
  SECRECY_PROVISION_INVALID: 'provision',
  SECRECY_FIELD_UNKNOWN: 'field',
  SECRECY_ALREADY_MARKED: 'field',
  SECRECY_TEXT_IN_CHAIN: 'field',
  SECRECY_NOT_MARKED: 'field',
  SECRECY_ALREADY_LIFTED: 'field',
  SECRECY_LIFTED_BEFORE_MARKED: 'decidedOn',
};
export const secrecyFieldOf = (path: string | null, code: string): string | null =>
  path ? path.split('.')[0] : (FIELD_OF_CODE[code] ?? null);

/** The API's body of a marking or a lifting from its form: the whole paragraph ('') sends no field. */
export function secrecyBody(form: 'mark' | 'lift', values: FormBody): Record<string, unknown> {
  const field = one(values, 'field');
  const base = field ? { field } : {};
  if (form === 'mark') return { ...base, provision: one(values, 'provision').trim() };
  return {
    ...base,
    decidedOn: one(values, 'decidedOn').trim(),
    decidedBy: one(values, 'decidedBy').trim(),
    reason: one(values, 'reason').trim(),
  };
}

const fieldName = (t: Messages, field: string | null) => t.clerk_secrecyFieldName(field);

/** The texts of the paragraph a marking can cover, as the reader may read them (a withheld one names its provision). */
function textsList(t: Messages, d: DecisionView): Html {
  if (!d.paragraph) return html``;
  const texts: Array<[string, string]> = [];
  mapParagraphTexts(d.paragraph, (f, text) => (texts.push([f, text]), text));
  return html`<h2 id="texts-heading">${t.clerk_secrecyTexts}</h2>
    <dl class="summary" aria-labelledby="texts-heading">
      ${texts.map(
        ([f, text]) =>
          html`<div>
            <dt>${fieldName(t, f)}</dt>
            <dd>${text}</dd>
          </div>`,
      )}
    </dl>`;
}

/** Every marking with its lifting: the history keeps both (R-K7, R-K13). */
function markingsTable(ctx: PageContext, markings: SecrecyMarkingView[]): Html {
  const { t, lang } = ctx;
  if (!markings.length) return html`<p>${t.clerk_secrecyNone}</p>`;
  const day = (d: string) => html`<time datetime="${d}">${longDate(d, lang)}</time>`;
  return html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="secrecy-heading">
    <table aria-labelledby="secrecy-heading">
      <thead>
        <tr>
          <th scope="col">${t.clerk_secrecyColField}</th>
          <th scope="col">${t.clerk_secrecyColProvision}</th>
          <th scope="col">${t.clerk_secrecyColMarkedOn}</th>
          <th scope="col">${t.clerk_secrecyColLifted}</th>
        </tr>
      </thead>
      <tbody>
        ${markings.map(
          (m) =>
            html`<tr>
              <td>${fieldName(t, m.field)}</td>
              <td>${m.provision}</td>
              <td>${day(m.markedOn)}</td>
              <td>
                ${
                  m.lifted
                    ? html`${day(m.lifted.decidedOn)}, ${m.lifted.decidedBy}: ${m.lifted.reason}`
                    : t.clerk_secrecyInForce
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function form(
  ctx: PageContext & { session: { csrfToken: string } },
  a: { name: 'mark' | 'lift'; action: string; title: string; button: string; state: SecrecyPageState | null },
  fields: (v: (name: string, fallback?: string) => string, refused: (name: string) => ShownRefusal[]) => Html[],
): Html {
  const { t } = ctx;
  const refusals = a.state?.refusals ?? [];
  const id = (n: string) => `${a.name}-${n}`;
  const v = (n: string, fallback = '') => (a.state ? one(a.state.values, n) : fallback);
  const refused = (n: string) => refusals.filter((r) => r.field === n);
  return html`<h2 id="${a.name}-heading">${a.title}</h2>
    <form method="post" action="${a.action}" class="event-form" novalidate>
      ${errorSummary(refusals, t, id)} ${csrfField(ctx.session.csrfToken)}
      <input type="hidden" name="_key" value="${randomUUID()}" />
      ${fields(v, refused)}
      <button type="submit" class="button">${a.button}</button>
    </form>`;
}

type Ctx = PageContext & { session: { csrfToken: string } };
const fieldChoice = (t: Messages, list: Array<string | null>) =>
  list.map((f) => ({ value: f ?? '', text: fieldName(t, f) }));

/** R-K7: mark one of the paragraph's texts (the first by default), or the whole paragraph. */
function markForm(ctx: Ctx, p: SecrecyPageInput): Html {
  const { t } = ctx;
  const d = p.decision;
  const fields = d.paragraph ? markableFields(d.paragraph) : [];
  const state = p.state?.form === 'mark' ? p.state : null;
  const a = { name: 'mark' as const, title: t.clerk_secrecyMarkTitle, button: t.clerk_secrecyMark, state };
  return form(ctx, { ...a, action: `/protokoll/beslut/${d.id}/sekretess` }, (v, refused) => [
    selectField({
      id: 'mark-field',
      name: 'field',
      label: t.clerk_secrecyField,
      hint: t.clerk_secrecyFieldHint,
      value: v('field', fields[0] ?? ''),
      options: fieldChoice(t, [...fields, null]),
      refusals: refused('field'),
      t,
    }),
    field({
      id: 'mark-provision',
      name: 'provision',
      label: t.clerk_secrecyProvision,
      hint: t.clerk_secrecyProvisionHint,
      value: v('provision'),
      kind: 'text',
      refusals: refused('provision'),
      t,
    }),
  ]);
}

/** R-K13: lift a marking in force, with the prövning's date (today by default), who decided and why. */
function liftForm(ctx: Ctx, p: SecrecyPageInput, inForce: SecrecyMarkingView[]): Html {
  const { t } = ctx;
  const state = p.state?.form === 'lift' ? p.state : null;
  const a = { name: 'lift' as const, title: t.clerk_secrecyLiftTitle, button: t.clerk_secrecyLift, state };
  return form(ctx, { ...a, action: `/protokoll/beslut/${p.decision.id}/sekretess/havning` }, (v, refused) => [
    html`<p>${t.clerk_secrecyLiftIntro} (${ruleLink('R-K13', t)})</p>`,
    selectField({
      id: 'lift-field',
      name: 'field',
      label: t.clerk_secrecyLiftField,
      value: v('field', inForce[0]?.field ?? ''),
      options: fieldChoice(
        t,
        inForce.map((m) => m.field),
      ),
      refusals: refused('field'),
      t,
    }),
    ...(
      [
        ['decidedOn', t.clerk_secrecyDecidedOn, 'date', t.field_dateHint, p.today],
        ['decidedBy', t.clerk_secrecyDecidedBy, 'text', t.clerk_secrecyDecidedByHint, ''],
        ['reason', t.clerk_secrecyReason, 'textarea', undefined, ''],
      ] as const
    ).map(([name, label, kind, hint, fallback]) =>
      field({ id: `lift-${name}`, name, label, hint, value: v(name, fallback), kind, refusals: refused(name), t }),
    ),
  ]);
}

/** The clerk's page of one paragraph's secrecy: its texts, its markings and their liftings, and the two forms. */
export function renderSecrecy(ctx: Ctx, p: SecrecyPageInput): Html {
  const { t } = ctx;
  const d = p.decision;
  const markings = d.secrecy ?? [];
  const inForce = markingsInForce(markings);
  return html`${p.recorded ? html`<div class="notice notice--success" role="status"><p>${p.recorded}</p></div>` : ''}
    <h1>${t.clerk_secrecyTitle(d.paragraphNumber ?? '', d.matter?.title ?? '')}</h1>
    <p>${t.clerk_secrecyIntro} (${ruleLink('R-K7', t)}, ${ruleLink('R-K12', t)})</p>
    ${textsList(t, d)}
    <h2 id="secrecy-heading">${t.clerk_secrecyHeading}</h2>
    ${markingsTable(ctx, markings)} ${p.writer ? markForm(ctx, p) : ''}
    ${p.writer && inForce.length ? liftForm(ctx, p, inForce) : ''}`;
}
