import { randomUUID } from 'crypto';
import type { DelegationDecisionView } from '../../decision/delegation/delegation.views';
import type { MeetingListItem } from '../../decision/meeting-list';
import { csrfField, errorSummary, field, type ShownRefusal } from '../forms';
import { one, type FormBody } from '../form-body';
import { html, type Html } from '../html';
import type { Messages } from '../i18n/messages';
import { selectField } from './clerk-fields';

/** Which form of the page was sent and refused: its values come back as typed, its refusals beside its fields. */
export interface DelegationFormState {
  form: 'record' | `report:${string}` | `notice:${string}`;
  values: FormBody;
  refusals: ShownRefusal[];
}

export interface DelegationPage {
  body: { id: string; name: string };
  decisions: DelegationDecisionView[];
  /** The meetings of the body, newest first (where a delegationsbeslut reported to it is anmält). */
  meetings: MeetingListItem[];
  csrf: string;
  writer: boolean;
  today: string;
  state: DelegationFormState | null;
  done: string | null;
}

/** The API's body of POST /bodies/:id/delegation-decisions from the form. */
export function recordBody(v: FormBody): Record<string, unknown> {
  const s = (name: string) => one(v, name).trim();
  const title = s('delegateTitle');
  const dnr = s('diarienummer');
  return {
    kind: s('kind'),
    number: s('number'),
    delegate: { name: s('delegate'), ...(title ? { title } : {}) },
    point: s('point'),
    decidedOn: s('decidedOn'),
    matter: { title: s('matterTitle'), ...(dnr ? { diarienummer: dnr } : {}) },
    decision: s('decision'),
  };
}

/** The record form's field of a validation path (`delegate.name` → delegate, `matter.title` → matterTitle). */
export function recordFieldOf(path: string | null): string | null {
  const map: Record<string, string> = {
    'delegate.name': 'delegate',
    'delegate.title': 'delegateTitle',
    'matter.title': 'matterTitle',
    'matter.diarienummer': 'diarienummer',
    delegate: 'delegate',
    matter: 'matterTitle',
  };
  if (!path) return 'kind';
  return map[path] ?? (['kind', 'number', 'point', 'decidedOn', 'decision'].includes(path) ? path : null);
}

export function renderDelegations(t: Messages, p: DelegationPage): Html {
  return html`<h1>${t.deleg_title(p.body.name)}</h1>
    ${p.done ? html`<div class="notice notice--success" role="status"><p>${p.done}</p></div>` : ''}
    ${table(t, p.decisions)}
    ${p.writer ? p.decisions.filter((d) => d.status === 'AWAITING_ANMALAN').map((d) => awaitingForms(t, p, d)) : ''}
    ${
      p.writer
        ? html`<h2 id="new-delegation-heading">${t.deleg_new}</h2>
            ${recordForm(t, p)}`
        : ''
    }`;
}

function statusText(t: Messages, d: DelegationDecisionView): string {
  if (d.anmalan)
    return `${t.deleg_reportedAt(d.anmalan.paragraphNumber ?? '', d.anmalan.meeting?.date ?? '')} – ${t.deleg_status(d.status)}`;
  const n = d.tillkannagivande;
  if (n) return `${t.deleg_announced(n.anslagOn ?? '', n.appealLastDay ?? '')} – ${t.deleg_status(d.status)}`;
  return t.deleg_awaiting;
}

function table(t: Messages, decisions: DelegationDecisionView[]): Html {
  if (!decisions.length) return html`<p>${t.deleg_none}</p>`;
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t.deleg_link}">
    <table>
      <thead>
        <tr>
          <th scope="col">${t.deleg_colNumber}</th>
          <th scope="col">${t.deleg_colDecided}</th>
          <th scope="col">${t.deleg_colDelegate}</th>
          <th scope="col">${t.deleg_colMatter}</th>
          <th scope="col">${t.deleg_colStatus}</th>
        </tr>
      </thead>
      <tbody>
        ${decisions.map(
          (d) =>
            html`<tr>
              <td>${d.number}</td>
              <td><time datetime="${d.decidedOn}">${d.decidedOn}</time></td>
              <td>${d.delegate.name}${d.delegate.title ? `, ${d.delegate.title}` : ''}</td>
              <td>${d.matter.title}</td>
              <td>${statusText(t, d)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** A form's values and refusals when it is the one sent back, else its defaults. */
function stateOf(p: DelegationPage, form: DelegationFormState['form']) {
  const mine = p.state?.form === form ? p.state : null;
  return { values: mine?.values ?? {}, refusals: mine?.refusals ?? [], sent: !!mine };
}

function awaitingForms(t: Messages, p: DelegationPage, d: DelegationDecisionView): Html {
  const rep = stateOf(p, `report:${d.id}`);
  const not = stateOf(p, `notice:${d.id}`);
  const rid = (name: string) => `r-${d.id}-${name}`;
  const nid = (name: string) => `n-${d.id}-${name}`;
  const of = (refusals: ShownRefusal[], name: string) => refusals.filter((r) => r.field === name);
  const meetings = p.meetings.filter((m) => m.body.id === d.reportToBodyId && m.date >= d.decidedOn);
  return html`<section aria-labelledby="${rid('h')}">
    <h2 id="${rid('h')}">${t.deleg_reportHeading(d.number)}</h2>
    ${
      meetings.length
        ? html`<form method="post" action="/protokoll/delegationsbeslut/${d.id}/anmalan" class="event-form" novalidate>
            ${errorSummary(rep.refusals, t, rid)} ${csrfField(p.csrf)}
            <input type="hidden" name="_key" value="${randomUUID()}" />
            ${selectField({
              id: rid('meetingId'),
              name: 'meetingId',
              label: t.deleg_meeting,
              value: one(rep.values, 'meetingId'),
              options: meetings.map((m) => ({ value: m.id, text: `${m.date} ${m.body.name}` })),
              refusals: of(rep.refusals, 'meetingId'),
              t,
            })}
            ${field({ id: rid('paragraphNumber'), name: 'paragraphNumber', label: t.deleg_paragraph, hint: t.deleg_paragraphHint, value: one(rep.values, 'paragraphNumber'), kind: 'text', refusals: of(rep.refusals, 'paragraphNumber'), t })}
            ${d.kind === 'ORDFORANDEBESLUT' ? field({ id: rid('lateReason'), name: 'lateReason', label: t.deleg_lateReason, value: one(rep.values, 'lateReason'), kind: 'textarea', refusals: of(rep.refusals, 'lateReason'), t }) : ''}
            <button type="submit" class="button">${t.deleg_report}</button>
          </form>`
        : html`<p>${t.deleg_noMeetings}</p>`
    }
    <h3 id="${nid('h')}">${t.deleg_noticeHeading(d.number)}</h3>
    <p class="hint">${t.deleg_noticeHint}</p>
    <form method="post" action="/protokoll/delegationsbeslut/${d.id}/tillkannagivande" class="event-form" novalidate>
      ${errorSummary(not.refusals, t, nid)} ${csrfField(p.csrf)}
      <input type="hidden" name="_key" value="${randomUUID()}" />
      ${field({ id: nid('postedOn'), name: 'postedOn', label: t.deleg_postedOn, hint: t.field_dateHint, value: not.sent ? one(not.values, 'postedOn') : p.today, kind: 'date', refusals: of(not.refusals, 'postedOn'), t })}
      ${field({ id: nid('keptAt'), name: 'keptAt', label: t.deleg_keptAt, value: one(not.values, 'keptAt'), kind: 'text', refusals: of(not.refusals, 'keptAt'), t })}
      ${field({ id: nid('takenDownOn'), name: 'takenDownOn', label: t.deleg_takenDownOn, hint: t.field_dateHint, value: one(not.values, 'takenDownOn'), kind: 'date', refusals: of(not.refusals, 'takenDownOn'), t })}
      <button type="submit" class="button">${t.deleg_announce}</button>
    </form>
  </section>`;
}

function recordForm(t: Messages, p: DelegationPage): Html {
  const { values, refusals } = stateOf(p, 'record');
  const id = (name: string) => `df-${name}`;
  const of = (name: string) => refusals.filter((r) => r.field === name);
  const text = (name: string, label: string, kind: 'text' | 'date' | 'textarea' = 'text', hint?: string) =>
    field({ id: id(name), name, label, hint, value: one(values, name), kind, refusals: of(name), t });
  return html`<form
    method="post"
    action="/protokoll/organ/${p.body.id}/delegationsbeslut"
    class="event-form"
    novalidate
  >
    ${errorSummary(refusals, t, id)} ${csrfField(p.csrf)}
    <input type="hidden" name="_key" value="${randomUUID()}" />
    ${selectField({
      id: id('kind'),
      name: 'kind',
      label: t.deleg_kind,
      value: one(values, 'kind'),
      options: ['DELEGATIONSBESLUT', 'ORDFORANDEBESLUT'].map((k) => ({ value: k, text: t.deleg_kindName(k) })),
      refusals: of('kind'),
      t,
    })}
    ${text('number', t.deleg_number)} ${text('delegate', t.deleg_delegate)}
    ${text('delegateTitle', t.deleg_delegateTitle)} ${text('point', t.deleg_point)}
    ${text('decidedOn', t.deleg_decidedOn, 'date', t.field_dateHint)} ${text('matterTitle', t.deleg_matterTitle)}
    ${text('diarienummer', t.deleg_diarienummer)} ${text('decision', t.deleg_decision, 'textarea')}
    <button type="submit" class="button">${t.deleg_record}</button>
  </form>`;
}
