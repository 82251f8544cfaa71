import type { MembershipView } from '../../collaboration/membership.views';
import type { HistoryView } from '../../workflow/history/history.views';
import { statusText } from '../coordinator/collaboration-pages.controller';
import { errorSummary, ruleLink, type ShownRefusal } from '../forms';
import type { FormBody } from '../form-body';
import { html, type Html } from '../html';
import { longDate, stockholmTime } from '../i18n/messages';
import type { PageContext } from '../web-page';
import { exitNoticeSection } from '../coordinator/membership-render';
import { membershipEventForm, membershipFormEvents } from './membership-forms';
import { table } from './waiting-render';

/** A refused form of the page: which event, what was typed, why. */
export interface MembershipFormState {
  type: string;
  values: FormBody;
  refusals: ShownRefusal[];
}

export interface MembershipPageInput {
  slug: string;
  collaborationName: string;
  membership: MembershipView;
  history: HistoryView;
  /** Whether the signed-in role records membership events (the API route's roles). */
  writer: boolean;
  csrf: string;
  today: string;
  state: MembershipFormState | null;
  recorded: boolean;
}

function fact(label: string, date: string | undefined, ctx: PageContext): Html {
  return date
    ? html`<div>
        <dt>${label}</dt>
        <dd><time datetime="${date}">${longDate(date, ctx.lang)}</time></dd>
      </div>`
    : html``;
}

/**
 * A municipality's membership of one collaboration: its status today and the dates behind it (the service's view),
 * the history of its events (the workflow's log, who and which rule), and a form for each event it takes now.
 */
export function renderMembership(ctx: PageContext, p: MembershipPageInput): Html {
  const { t } = ctx;
  const m = p.membership;
  const pending = m.pendingEntry
    ? [
        m.pendingEntry.decisionOn ? t.web2_pendingDecision(m.pendingEntry.decisionOn) : '',
        m.pendingEntry.signedOn ? t.web2_pendingSignature(m.pendingEntry.signedOn) : '',
      ]
        .filter(Boolean)
        .join(', ')
    : '';
  const history = table(
    t.web2_historyHeading,
    [t.web2_colRecordedAt, t.web2_colLegalDate, t.web2_colEvent, t.web2_colWho, t.web2_colRule],
    p.history.transitions.map(
      (e) =>
        html`<tr>
          <td><time datetime="${e.recordedAt}">${stockholmTime(e.recordedAt)}</time></td>
          <td>${e.legalDate ? html`<time datetime="${e.legalDate}">${e.legalDate}</time>` : '–'}</td>
          <td>${t.web2_event(e.eventType)}</td>
          <td>${e.actor.name ?? e.actor.role}</td>
          <td>
            ${e.rule?.ruleIds.length ? e.rule.ruleIds.map((id, i) => html`${i ? ', ' : ''}${ruleLink(id, t)}`) : '–'}
          </td>
        </tr>`,
    ),
  );
  const events = p.writer ? membershipFormEvents(m.allowedEvents) : [];
  const action = `/kommun/medlemskap/${p.slug}/handelser?kommun=${m.municipality.code}`;
  const forms = events.map((type) => {
    const mine = p.state?.type === type ? p.state : null;
    return membershipEventForm({
      type,
      action,
      csrf: p.csrf,
      version: m.version,
      values: mine?.values ?? null,
      refusals: mine?.refusals ?? [],
      t,
      today: p.today,
      municipality: m.municipality.code,
    });
  });
  return html`<h1>${t.web2_membershipTitle(m.municipality.name, p.collaborationName)}</h1>
    ${p.recorded ? html`<div class="notice" role="status"><p>${t.web2_recorded}</p></div>` : ''}
    ${p.state ? errorSummary(p.state.refusals, t, (name) => `${p.state!.type}-${name}`) : ''}
    <h2>${t.web2_statusHeading}</h2>
    <dl class="summary">
      <div>
        <dt>${t.web2_colStatusToday}</dt>
        <dd>${statusText(t, m.status)}</dd>
      </div>
      ${fact(t.web2_memberFrom, m.memberFrom, ctx)} ${fact(t.web2_exitRequestedOn, m.exitRequestedOn, ctx)}
      ${fact(t.web2_exitEffectiveOn, m.exitEffectiveOn, ctx)}
      ${
        pending
          ? html`<div>
              <dt>${t.web2_pendingEntry}</dt>
              <dd>${pending}</dd>
            </div>`
          : ''
      }
      ${fact(t.web2_councilInformedOn, m.councilInformedOn, ctx)}
    </dl>
    ${m.exitNotice ? exitNoticeSection(t, m.exitNotice) : ''}
    <h2>${t.web2_historyHeading}</h2>
    ${history}
    ${
      p.writer
        ? html`<h2>${t.web2_formsHeading}</h2>
            ${forms.length ? forms : html`<p>${t.web2_formsNone}</p>`}`
        : ''
    }`;
}
