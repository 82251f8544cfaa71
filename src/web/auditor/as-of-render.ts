import type { CollaborationAsOfView, WorkflowAtView } from '../../as-of/as-of.views';
import { statusText } from '../coordinator/collaboration-pages.controller';
import { html, type Html } from '../html';
import { longDate, stockholmTime, type Messages } from '../i18n/messages';
import type { PageContext } from '../web-page';

/** A party as the as-of answer and the collaboration's own answer both give it. */
export interface PartyRow {
  workflowId: string;
  municipality: { code: string; name: string | null };
  status: string;
  state: string;
  memberFrom?: string;
  exitEffectiveOn?: string;
}

const date = (d?: string) => (d ? html`<time datetime="${d}">${d}</time>` : '–');
const historyLink = (t: Messages, id: string) =>
  html`<a href="/granskning/arbetsfloden/${id}">${t.historyLinkText}</a>`;

function table(id: string, headings: string[], rows: Html[]): Html {
  return html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="${id}">
    <table>
      <thead>
        <tr>
          ${headings.map((h) => html`<th scope="col">${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}

export function partiesTable(t: Messages, id: string, parties: PartyRow[]): Html {
  return table(
    id,
    [t.colMunicipality, t.colStatus, t.colMemberFrom, t.colExitEffective, t.asOfState, t.asOfWorkflow],
    parties.map(
      (p) =>
        html`<tr>
          <td>${p.municipality.name ?? p.municipality.code} <span class="muted">(${p.municipality.code})</span></td>
          <td><span class="status status--${p.status.toLowerCase()}">${statusText(t, p.status)}</span></td>
          <td>${date(p.memberFrom)}</td>
          <td>${date(p.exitEffectiveOn)}</td>
          <td><code>${p.state}</code></td>
          <td>${historyLink(t, p.workflowId)}</td>
        </tr>`,
    ),
  );
}

function workflowsTable(t: Messages, id: string, rows: Array<{ what: Html; w: WorkflowAtView }>): Html {
  return table(
    id,
    [t.asOfWhat, t.asOfState, t.asOfWorkflow],
    rows.map(
      ({ what, w }) =>
        html`<tr>
          <td>${what}</td>
          <td><code>${w.state}</code>${w.replayed ? '' : html` <span class="tag">${t.asOfNotReplayed}</span>`}</td>
          <td>${historyLink(t, w.workflowId)}</td>
        </tr>`,
    ),
  );
}

/**
 * A collaboration as its log stood at an instant, judged on a legal date (the as-of service). When nothing was
 * recorded by then, the page says so, and shows beside it how today's record judges the same legal date.
 */
export function renderAsOf(
  ctx: PageContext,
  view: CollaborationAsOfView,
  title: string,
  todaysRecord: PartyRow[] | null,
): Html {
  const { t, lang } = ctx;
  const others = [
    ...view.areas.map((w) => ({ what: html`<a href="/omraden/${w.areaId}">${t.asOfArea}</a>`, w })),
    ...view.decisions.map((w) => ({ what: html`<a href="/beslut/${w.decisionId}">${t.asOfDecision}</a>`, w })),
    ...view.amendments.map((w) => ({ what: html`${t.asOfAmendment}`, w })),
    ...view.plans.map((w) => ({ what: html`${t.asOfPlan}`, w })),
    ...(view.council ? [{ what: html`${t.asOfCouncil}`, w: view.council }] : []),
    ...view.costRules.map((w) => ({ what: html`${t.asOfCostRule}`, w })),
  ];
  return html`<h2 id="asof-result">${title}</h2>
    <p>${t.asOfReadTo(stockholmTime(view.instant))} ${t.asOfJudgedOn(longDate(view.date, lang))}</p>
    ${
      view.existed
        ? html`${view.declarationInForce ? html`<p>${t.asOfDeclaration}: ${view.declarationInForce.version}</p>` : ''}
            <h3 id="asof-parties">${t.asOfParties}</h3>
            ${partiesTable(t, 'asof-parties', view.parties)}
            <h3 id="asof-workflows">${t.asOfOtherWorkflows}</h3>
            ${others.length ? workflowsTable(t, 'asof-workflows', others) : html`<p>${t.noneRecorded}</p>`}
            <h3 id="asof-deadlines">${t.asOfDeadlines}</h3>
            ${
              view.openDeadlines.length
                ? table(
                    'asof-deadlines',
                    [t.asOfEvent, t.asOfDue, t.asOfWorkflow],
                    view.openDeadlines.map(
                      (d) =>
                        html`<tr>
                          <td>${t.historyEvent(d.eventType)} <span class="muted">(${d.machine})</span></td>
                          <td>${date(d.dueOn)}</td>
                          <td>${historyLink(t, d.workflowId)}</td>
                        </tr>`,
                    ),
                  )
                : html`<p>${t.noneRecorded}</p>`
            }`
        : html`<div class="notice" role="status">
            <p>${t.asOfNotYet(longDate(view.date, lang))}</p>
          </div>`
    }
    ${
      todaysRecord
        ? html`<h3 id="asof-today">${t.asOfTodayRecord(longDate(view.date, lang))}</h3>
            ${partiesTable(t, 'asof-today', todaysRecord)}`
        : ''
    }`;
}
