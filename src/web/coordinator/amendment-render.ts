import type { AmendmentView } from '../../amendment/amendment.views';
import { html, type Html } from '../html';
import type { Messages } from '../i18n/messages';
import { table } from '../municipality/waiting-render';
import { dayCell, pageForm, recordedNotice, type FormFieldSpec, type FormState } from './coordinator-forms';

export interface AmendmentPageData {
  slug: string;
  name: string;
  today: string;
  amendments: AmendmentView[];
  /** The parties today, by kommunkod, with their names (the approval form's choice). */
  parties: Array<{ code: string; name: string }>;
  /** Whom the signed-in person may record an approval for: a clerk its own municipality, others every party. */
  approvalParties: Array<{ code: string; name: string }>;
  /** The organ the form proposes: the one every party approves amendments with (D2), else KF. */
  organ: string;
  writer: boolean;
  approver: boolean;
  csrf: string;
  state: FormState | null;
  recorded: boolean;
}

/** One amendment: its status today, when it is (or will be) in force, each approval, and whose approval is missing. */
function amendmentSection(a: AmendmentView, t: Messages, names: Map<string, string>, form: Html): Html {
  const name = (code: string) => names.get(code) ?? code;
  return html`<section aria-labelledby="amendment-${a.id}">
    <h2 id="amendment-${a.id}">${a.title}</h2>
    <dl class="summary">
      <div>
        <dt>${t.web2_amendmentStatus}</dt>
        <dd>${t.web2_amendmentStatusName(a.status)}</dd>
      </div>
      <div>
        <dt>${t.web2_amendmentRegistered}</dt>
        <dd>${dayCell(a.registeredOn)}</dd>
      </div>
      ${
        a.inForceFrom
          ? html`<div>
              <dt>${t.web2_amendmentInForceFrom}</dt>
              <dd>${dayCell(a.inForceFrom)}</dd>
            </div>`
          : ''
      }
      <div>
        <dt>${t.web2_amendmentDocument}</dt>
        <dd>${a.document.version}</dd>
      </div>
      ${
        a.awaitingApprovalOf.length
          ? html`<div>
              <dt>${t.web2_amendmentAwaiting}</dt>
              <dd>${a.awaitingApprovalOf.map(name).join(', ')}</dd>
            </div>`
          : ''
      }
    </dl>
    ${
      a.approvals.length
        ? table(
            t.web2_amendmentApprovals(a.title),
            [t.colMunicipality, t.web2_organ, t.web2_decisionDate, t.web2_colParagraph],
            a.approvals.map(
              (p) =>
                html`<tr>
                  <td>
                    ${name(p.party)}${p.voidedOn ? html` <span class="muted">(${t.web2_voidedOn(p.voidedOn)})</span>` : ''}
                  </td>
                  <td>${p.organ}</td>
                  <td>${dayCell(p.decidedOn)}</td>
                  <td>${p.paragraph ?? '–'}</td>
                </tr>`,
            ),
          )
        : html`<p>${t.web2_amendmentNoApprovals}</p>`
    }
    ${form}
  </section>`;
}

/** The approval of a party and the decision behind it (R-D1, R-D2): a recorded decision, or the decision's facts. */
function approvalForm(a: AmendmentView, d: AmendmentPageData, t: Messages): Html {
  const waiting = new Set(a.awaitingApprovalOf);
  // The parties still awaited first: the one the coordinator most likely records.
  const parties = [...d.approvalParties].sort((x, y) => Number(waiting.has(y.code)) - Number(waiting.has(x.code)));
  const fields: FormFieldSpec[] = [
    {
      name: 'party',
      kind: 'select',
      label: t.cp_approvalParty,
      options: parties.map((p) => ({ value: p.code, text: `${p.name} (${p.code})` })),
    },
    {
      name: 'decision_organ',
      kind: 'select',
      label: t.web2_organ,
      options: ['KF', 'KS', 'NAMND'].map((o) => ({ value: o, text: t[`web2_organ_${o}` as 'web2_organ_KF'] })),
      initial: d.organ,
    },
    { name: 'decision_date', kind: 'date', label: t.web2_decisionDate, hint: t.field_dateHint, initial: d.today },
    { name: 'decision_paragraph', kind: 'text', label: t.web2_decisionParagraph },
    { name: 'decision_diarienummer', kind: 'text', label: t.web2_diarienummer },
    { name: 'decisionId', kind: 'text', label: t.cp_approvalDecisionId, hint: t.cp_approvalDecisionIdHint },
    { name: 'note', kind: 'text', label: t.cp_note, hint: t.cp_noteHint },
  ];
  return pageForm({
    id: `approval-${a.id}`,
    action: `/samverkan/${d.slug}/andringar/${a.id}/godkannanden`,
    legend: t.cp_approvalOf(a.title),
    fields,
    hidden: { expectedVersion: String(a.version) },
    csrf: d.csrf,
    t,
    state: d.state,
    idempotent: true,
  });
}

function newAmendmentForm(d: AmendmentPageData, t: Messages): Html {
  return pageForm({
    id: 'amendment-new',
    action: `/samverkan/${d.slug}/andringar`,
    legend: t.cp_newAmendment,
    intro: html`<p>${t.cp_amendmentIntro} <a href="/regler#R-D1">R-D1</a></p>`,
    fields: [
      { name: 'title', kind: 'text', label: t.cp_amendmentTitleField },
      { name: 'version', kind: 'text', label: t.cp_amendmentVersion },
      { name: 'text', kind: 'textarea', label: t.cp_amendmentText },
      {
        name: 'statedEffectiveDate',
        kind: 'date',
        label: t.cp_statedEffectiveDate,
        hint: t.cp_statedEffectiveDateHint,
      },
      { name: 'addsParty', kind: 'text', label: t.cp_addsParty, hint: t.cp_addsPartyHint },
      { name: 'note', kind: 'text', label: t.cp_note, hint: t.cp_noteHint },
    ],
    csrf: d.csrf,
    t,
    state: d.state,
  });
}

/** The amendments page: each amendment with its approvals and, where the machine takes one, the approval form. */
export function renderAmendments(d: AmendmentPageData, t: Messages): Html {
  const names = new Map(d.parties.map((p) => [p.code, p.name] as const));
  const sections = d.amendments.map((a) =>
    amendmentSection(
      a,
      t,
      names,
      d.approver && a.allowedEvents.includes('AMENDMENT_APPROVED') ? approvalForm(a, d, t) : html``,
    ),
  );
  return html`${recordedNotice(d.recorded, t)}
    <h1>${t.web2_amendmentsTitle(d.name)}</h1>
    ${sections.length ? sections : html`<p>${t.web2_amendmentsNoneAtAll}</p>`}
    ${d.approver ? '' : html`<p>${t.cp_approvalByMunicipality}</p>`}
    <p>${t.cp_noJointBody} <a href="/regler#R-D5">R-D5</a></p>
    ${d.writer ? newAmendmentForm(d, t) : ''}`;
}
