import { statusText } from '../coordinator/collaboration-pages.controller';
import { waitingText } from '../coordinator/pipeline-render';
import { html, type Html } from '../html';
import type { Messages } from '../i18n/messages';
import type { PageContext } from '../web-page';
import type { PartyMembership, WaitingOnMunicipality } from './waiting-reader';

const time = (date: string | undefined) => (date ? html`<time datetime="${date}">${date}</time>` : html`–`);

/** A table that scrolls inside its own box at a phone's width, captioned for a screen reader. */
export function table(caption: string, head: string[], rows: Html[]): Html {
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="${caption}">
    <table>
      <caption class="visually-hidden">
        ${caption}
      </caption>
      <thead>
        <tr>
          ${head.map((h) => html`<th scope="col">${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}

/** "beslut 2025-05-20, undertecknat –": what of an entry is recorded (the service's pendingEntry), else nothing. */
function pending(t: Messages, m: PartyMembership['membership']): Html {
  const parts: string[] = [];
  if (m.pendingEntry?.decisionOn) parts.push(t.web2_pendingDecision(m.pendingEntry.decisionOn));
  if (m.pendingEntry?.signedOn) parts.push(t.web2_pendingSignature(m.pendingEntry.signedOn));
  if (m.exitEffectiveOn && m.status === 'LEAVING') parts.push(t.web2_exitOn(m.exitEffectiveOn));
  return html`${parts.length ? parts.join(', ') : '–'}`;
}

export function membershipLink(code: string, slug: string, name: string, t: Messages): Html {
  return html`<a href="/kommun/medlemskap/${slug}?kommun=${code}">${t.web2_openMembership(name)}</a>`;
}

/** The clerk's start page: four sections, each saying "nothing" in words when nothing waits. */
export function renderWaiting(ctx: PageContext, name: string, w: WaitingOnMunicipality): Html {
  const { t } = ctx;
  const memberships = w.memberships.length
    ? table(
        t.web2_membershipsHeading,
        [t.web2_colCollaboration, t.web2_colStatusToday, t.web2_colPending, t.web2_colNextSteps],
        w.memberships.map(
          (m) =>
            html`<tr>
              <td>${membershipLink(w.code, m.slug, m.collaborationName, t)}</td>
              <td>${statusText(t, m.membership.status)}</td>
              <td>${pending(t, m.membership)}</td>
              <td>
                ${
                  m.membership.allowedEvents.length
                    ? m.membership.allowedEvents.map((e) => t.web2_event(e)).join('; ')
                    : '–'
                }
              </td>
            </tr>`,
        ),
      )
    : html`<p>${t.web2_membershipsNone}</p>`;
  const areas = w.areas.length
    ? html`<ul>
        ${w.areas.map(
          (a) =>
            html`<li>
              <a href="/omraden/${a.area.id}">${a.area.title}</a> (${a.slug}):
              ${a.waits.map((x, i) => html`${i ? '; ' : ''}${waitingText(t, x)}`)}
            </li>`,
        )}
      </ul>`
    : html`<p>${t.web2_areasNone}</p>`;
  const amendments = w.amendments.length
    ? html`<ul>
        ${w.amendments.map(
          (a) => html`<li>${a.amendment.title} (${a.slug}), ${t.web2_registeredOn(a.amendment.registeredOn)}</li>`,
        )}
      </ul>`
    : html`<p>${t.web2_amendmentsNone}</p>`;
  const protocols = w.paragraphs.length
    ? table(
        t.web2_protocolsHeading,
        [t.web2_colMeeting, t.web2_colParagraph, t.web2_colWaitsFor, t.web2_colDeadline],
        w.paragraphs.map(
          (p) =>
            html`<tr>
              <td>
                ${
                  p.decision.meeting
                    ? html`<a href="/protokoll/sammantraden/${p.decision.meeting.id}"
                        >${p.decision.body?.name ?? p.decision.organ} ${p.decision.meeting.date}</a
                      >`
                    : p.decision.decidedOn
                }
              </td>
              <td>${p.decision.paragraphNumber ?? '–'} ${p.decision.matter?.title ?? ''}</td>
              <td>${p.step === 'JUSTERAT' ? t.web2_step_JUSTERAT : t.web2_step_ANSLAG_POSTED}</td>
              <td>${time(p.deadline)}</td>
            </tr>`,
        ),
      )
    : html`<p>${t.web2_protocolsNone}</p>`;
  return html`<h1>${t.web2_waitingTitle(name)}</h1>
    <p>${t.web2_waitingIntro}</p>
    <h2>${t.web2_protocolsHeading}</h2>
    ${protocols}
    <h2>${t.web2_areasHeading}</h2>
    ${areas}
    <h2>${t.web2_amendmentsHeading}</h2>
    ${amendments}
    <h2>${t.web2_membershipsHeading}</h2>
    ${memberships}`;
}

/** For a role without a municipality of its own (an admin, a coordinator): which municipality to look at. */
export function chooseMunicipality(t: Messages, action: string): Html {
  return html`<h1>${t.web2_chooseMunicipality}</h1>
    <form method="get" action="${action}" class="event-form">
      <div class="form-group">
        <label for="kommun">${t.colMunicipality}</label>
        <div id="kommun-hint" class="hint">${t.clerk_municipalityHint}</div>
        <input id="kommun" name="kommun" type="text" inputmode="numeric" aria-describedby="kommun-hint" />
      </div>
      <button type="submit" class="button">${t.show}</button>
    </form>`;
}
