import type { HistoryEntryView, HistoryView } from '../../workflow/history/history.views';
import type { HistoryLink } from '../../workflow/history/history-links';
import { csrfField } from '../forms';
import { html, type Html } from '../html';
import { longDate, stockholmTime, type Messages } from '../i18n/messages';
import { roleText } from '../layout';
import type { PageContext } from '../web-page';

/** Where the pages show the record behind an event (the API's href is for a bearer token, not a session). */
export function pageOfLink(link: HistoryLink): string {
  switch (link.rel) {
    case 'decision':
      return `/beslut/${link.id}`;
    case 'meeting':
      return `/protokoll/sammantraden/${link.id}`;
    case 'caused-by':
      return `/granskning/arbetsfloden/${link.id}`;
    case 'document-version':
      return `/granskning/handlingar/dokumentversion/${link.id}`;
    case 'signature':
      return `/granskning/handlingar/underskrift/${link.id}`;
  }
}

function who(t: Messages, e: HistoryEntryView): Html {
  const role = roleText(t, e.actor.role, e.actor.municipality);
  if (e.actor.id === 'system') return html`${t.historySystem}`;
  return e.actor.name ? html`${e.actor.name}, ${role}` : html`${role} <span class="muted">(${e.actor.id})</span>`;
}

function rule(t: Messages, e: HistoryEntryView): Html {
  if (!e.rule) return html`${t.historyRuleUnknown}`;
  if (!e.rule.ruleIds.length) return html`${t.historyNoRule}`;
  return html`${e.rule.ruleIds.map((id, i) => html`${i ? ', ' : ''}<a href="/regler#${id}">${id}</a>`)}
    <span class="muted">(${e.rule.machine})</span>`;
}

function entry(t: Messages, lang: PageContext['lang'], e: HistoryEntryView): Html {
  return html`<li class="timeline__entry" id="seq-${String(e.seq)}">
    <h3 class="timeline__title">
      <span class="timeline__seq">${String(e.seq)}</span> ${t.historyEvent(e.eventType)}
      <span class="muted">(${e.eventType})</span>
    </h3>
    <dl class="summary">
      <div>
        <dt>${t.historyWho}</dt>
        <dd>${who(t, e)}</dd>
      </div>
      <div>
        <dt>${t.historyRule}</dt>
        <dd>${rule(t, e)}</dd>
      </div>
      <div>
        <dt>${t.historyLegalDate}</dt>
        <dd>${e.legalDate ? html`<time datetime="${e.legalDate}">${longDate(e.legalDate, lang)}</time>` : '–'}</dd>
      </div>
      <div>
        <dt>${t.historyRecorded}</dt>
        <dd><time datetime="${e.recordedAt}">${stockholmTime(e.recordedAt)}</time> ${t.stockholmTime}</dd>
      </div>
      <div>
        <dt>${t.asOfState}</dt>
        <dd>${t.historyState(e.fromState ?? '–', e.toState)}</dd>
      </div>
      <div>
        <dt>${t.historyBehind}</dt>
        <dd>
          ${
            e.links.length
              ? html`<ul class="plain-list">
                  ${e.links.map(
                    (l) =>
                      html`<li>
                        <a href="${pageOfLink(l)}">${t[`link_${l.rel}`]}</a> <span class="muted">${l.id}</span>
                      </li>`,
                  )}
                </ul>`
              : '–'
          }
        </dd>
      </div>
      <div>
        <dt>${t.historyHash}</dt>
        <dd><code class="hash">${e.hash}</code></dd>
      </div>
    </dl>
  </li>`;
}

/** A workflow's history as a timeline, genesis first: who, what, which rule, the two dates, what lies behind it. */
export function renderHistory(ctx: PageContext, history: HistoryView, canVerify: boolean): Html {
  const { t, lang } = ctx;
  const machine = `${history.machineId}@${history.machineVersion}`;
  return html`<h1>${t.historyTitle(machine)}</h1>
    <p>${t.historyIntro(history.transitions.length)}</p>
    <p class="muted">${t.auditWorkflowId}: <code>${history.workflowId}</code></p>
    ${
      canVerify
        ? html`<form method="post" action="/granskning/verifiering" class="inline-form">
            ${csrfField(ctx.session?.csrfToken ?? '')}
            <input type="hidden" name="omfattning" value="arbetsflode" />
            <input type="hidden" name="arbetsflode" value="${history.workflowId}" />
            <button type="submit" class="button button--secondary">${t.historyVerifyThis}</button>
          </form>`
        : ''
    }
    <p>
      <a href="/granskning/vagrade-forsok?arbetsflode=${history.workflowId}">${t.historyRefusedOfThis}</a>
    </p>
    <ol class="timeline" aria-label="${t.historyTitle(machine)}">
      ${history.transitions.map((e) => entry(t, lang, e))}
    </ol>`;
}
