import type {
  ExitNoticeFacts,
  NoticeRecipient,
  NoticeRegistration,
  NoticeSender,
} from '../../../machines/membership/membership.types';
import type { ExitNoticeView, MembershipView } from '../../collaboration/membership.views';
import type { HistoryEntryView } from '../../workflow/history/history.views';
import { html, type Html } from '../html';
import { stockholmTime, type Messages } from '../i18n/messages';
import type { PageContext } from '../web-page';

/** A key of the catalogue with a prefix (`event_`, `office_`, …), or the value itself where the catalogue has none. */
function label(t: Messages, prefix: string, value: string): string {
  const text = t[`${prefix}${value}` as keyof Messages];
  return typeof text === 'string' ? text : value;
}

function sender(t: Messages, s: NoticeSender): Html {
  return html`${s.name} (${label(t, 'office_', s.office)})${s.standIn ? html`, ${s.standIn.legalBasis}` : ''}`;
}

function recipient(t: Messages, r: NoticeRecipient): Html {
  return html`${r.name} (${label(t, 'office_', r.office)}${r.municipality ? html`, ${r.municipality}` : ''})`;
}

function registrations(t: Messages, list: NoticeRegistration[]): Html {
  return html`${list.map(
    (r, i) =>
      html`${i ? '; ' : ''}${r.diarienummer}
      ${t.noticeRegisteredIn(r.municipality)}${
        r.registeredOn ? html` (<time datetime="${r.registeredOn}">${r.registeredOn}</time>)` : ''
      }`,
  )}`;
}

/** What an exit notice event recorded (issue 11 §7), in one cell of the events table. */
function noticeDetails(t: Messages, payload: ExitNoticeFacts & { arrivedAt?: string }): Html {
  const parts: Html[] = [];
  if (payload.arrivedAt) parts.push(html`${t.noticeArrived}: ${stockholmTime(payload.arrivedAt)}`);
  if (payload.sender) parts.push(html`${t.noticeSender}: ${sender(t, payload.sender)}`);
  if (payload.recipient) parts.push(html`${t.noticeRecipient}: ${recipient(t, payload.recipient)}`);
  if (payload.channel) parts.push(html`${t.noticeChannel}: ${label(t, 'channel_', payload.channel)}`);
  if (payload.registrations?.length)
    parts.push(html`${t.noticeRegistrations}: ${registrations(t, payload.registrations)}`);
  return html`${parts.map((p, i) => html`${i ? html`<br />` : ''}${p}`)}`;
}

/** The exit notice of the request that stands, with what it has not recorded (R-C12). */
export function exitNoticeSection(t: Messages, n: ExitNoticeView): Html {
  const row = (term: string, value: Html | string) =>
    html`<div>
      <dt>${term}</dt>
      <dd>${value}</dd>
    </div>`;
  return html`<h2 id="exit-notice">${t.exitNoticeHeading}</h2>
    <dl class="summary">
      ${row(t.noticeArrived, html`<time datetime="${n.arrivedAt}">${stockholmTime(n.arrivedAt)}</time>`)}
      ${n.sender ? row(t.noticeSender, sender(t, n.sender)) : ''}
      ${n.recipient ? row(t.noticeRecipient, recipient(t, n.recipient)) : ''}
      ${n.channel ? row(t.noticeChannel, label(t, 'channel_', n.channel)) : ''}
      ${n.registrations.length ? row(t.noticeRegistrations, registrations(t, n.registrations)) : ''}
      ${n.notRecorded.length ? row(t.noticeNotRecorded, n.notRecorded.map((g) => label(t, 'gap_', g)).join(', ')) : ''}
    </dl>`;
}

/** A party's membership page: its status on the date, its exit notice, and every event of its log. */
export function renderMembership(ctx: PageContext, m: MembershipView, events: HistoryEntryView[]): Html {
  const { t } = ctx;
  const recorded = events.filter((e) => e.fromState !== null);
  return html`<h1>${t.membershipOf(`${m.municipality.name} (${m.municipality.code})`)}</h1>
    <p>
      ${t.colStatus}: <span class="status status--${m.status.toLowerCase()}">${label(t, 'status_', m.status)}</span>
      ${
        m.exitEffectiveOn
          ? html` · ${t.colExitEffective}: <time datetime="${m.exitEffectiveOn}">${m.exitEffectiveOn}</time>`
          : ''
      }
    </p>
    ${m.exitNotice ? exitNoticeSection(t, m.exitNotice) : ''}
    <h2 id="events-heading">${t.membershipEvents}</h2>
    ${
      recorded.length
        ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="events-heading">
            <table aria-labelledby="events-heading">
              <thead>
                <tr>
                  <th scope="col">${t.colEventDate}</th>
                  <th scope="col">${t.colEvent}</th>
                  <th scope="col">${t.colEventDetails}</th>
                  <th scope="col">${t.colRecordedAt}</th>
                </tr>
              </thead>
              <tbody>
                ${recorded.map(
                  (e) =>
                    html`<tr>
                      <td>${e.legalDate ? html`<time datetime="${e.legalDate}">${e.legalDate}</time>` : '–'}</td>
                      <td>${label(t, 'event_', e.eventType)}</td>
                      <td>
                        ${
                          e.eventType === 'EXIT_NOTICE_DELIVERED'
                            ? noticeDetails(t, e.payload as ExitNoticeFacts & { arrivedAt?: string })
                            : ''
                        }
                      </td>
                      <td><time datetime="${e.recordedAt}">${stockholmTime(e.recordedAt)}</time></td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : html`<p>${t.noEvents}</p>`
    }`;
}
