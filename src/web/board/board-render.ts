import type { MeetingNoticeView, NoticeBoardView, NoticeView } from '../../decision/notice-board.reader';
import type { MunicipalityView } from '../../municipality/municipality.service';
import { html, type Html } from '../html';
import { genitive, longDate, stockholmTime } from '../i18n/messages';
import { boardHref, type BoardContext } from './board-page';

/** The board's address of a municipality: its name in lower case ASCII ("Åmål" → "amal"); the code works too. */
export function municipalitySlug(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function boardPath(m: MunicipalityView): string {
  return `/anslagstavla/${municipalitySlug(m.name)}`;
}

/** One tillkännagivande: the protocol, its justering, when it went up, the appeal's last day, where it is kept. */
export function noticeArticle(ctx: BoardContext, n: NoticeView): Html {
  const { t } = ctx;
  const headingId = noticeAnchor(n);
  const d = n.delegation;
  return html`<article class="notice-card" id="${headingId}" aria-labelledby="${headingId}-h">
    <h3 id="${headingId}-h">${noticeHeading(ctx, n)}</h3>
    ${n.example ? html`<p class="tag tag--example">${t.exampleData}</p>` : ''}
    ${d ? html`<p>${t.boardDelegationText(d.point)}</p>` : ''}
    ${n.justeradOn ? html`<p>${t.boardJusterat(longDate(n.justeradOn, ctx.lang))}</p>` : ''}
    <p>${t.boardPosted(longDate(n.anslagOn, ctx.lang), stockholmTime(n.postedAt))}</p>
    <p class="notice-card__deadline"><strong>${t.boardAppealLastDay(longDate(n.appealLastDay, ctx.lang))}</strong></p>
    <p>${n.up ? t.boardTakenDown(longDate(n.takenDownOn, ctx.lang)) : t.boardWasUp(n.anslagOn, n.takenDownOn)}</p>
    ${n.keptAt ? html`<p>${t.boardKeptAt(n.keptAt)}</p>` : ''}
    <h4>${t.boardParagraphs}</h4>
    <ul>
      ${n.paragraphs.map((p) => html`<li>${p.paragraphNumber ? `${p.paragraphNumber} ` : ''}${p.title}</li>`)}
    </ul>
    <p><a href="#appeal">${t.boardAppealHeading}</a></p>
  </article>`;
}

/** The card's anchor: the meeting and the day of its anslag, or the delegationsbeslut announced on its own (R-I9). */
export function noticeAnchor(n: NoticeView): string {
  return n.delegation ? `notice-delegation-${n.delegation.decisionId}` : `notice-${n.meetingId}-${n.anslagOn}`;
}

function noticeHeading(ctx: BoardContext, n: NoticeView): string {
  const d = n.delegation;
  if (d) return ctx.t.boardDelegationHeading(n.body.name, d.number, longDate(d.decidedOn, ctx.lang));
  return ctx.t.boardNoticeHeading(n.body.name, longDate(n.meetingDate!, ctx.lang));
}

function meetingItem(ctx: BoardContext, m: MeetingNoticeView): Html {
  const place = m.place ? ctx.t.boardMeetingPlace(m.place) : '';
  return html`<li>${ctx.t.boardMeetingText(m.bodyName, longDate(m.date, ctx.lang), place)}</li>`;
}

/** How to appeal (laglighetsprövning, KL 13 kap., R-I5): on every board page, whatever is posted. */
export function appealSection(ctx: BoardContext): Html {
  return html`<section aria-labelledby="appeal" class="appeal">
    <h2 id="appeal" tabindex="-1">${ctx.t.boardAppealHeading}</h2>
    ${ctx.t.boardAppealText.map((p) => html`<p>${p}</p>`)}
  </section>`;
}

export function boardBody(ctx: BoardContext, view: NoticeBoardView, feedHref: string): Html {
  const { t, lang } = ctx;
  const m = view.municipality;
  const up = view.notices.filter((n) => n.up);
  return html`<h1>${t.boardTitle(m.name, genitive(m.name, lang))}</h1>
    <p>${t.boardIntro}</p>
    <p>${t.boardToday(longDate(view.today, lang))}</p>
    <section aria-labelledby="notices">
      <h2 id="notices">${t.boardNotices}</h2>
      ${up.length ? up.map((n) => noticeArticle(ctx, n)) : html`<p>${t.boardNoNotices}</p>`}
    </section>
    <section aria-labelledby="meetings">
      <h2 id="meetings">${t.boardMeetings}</h2>
      ${
        view.meetings.length
          ? html`<ul>
              ${view.meetings.map((x) => meetingItem(ctx, x))}
            </ul>`
          : html`<p>${t.boardNoMeetings}</p>`
      }
    </section>
    ${appealSection(ctx)}
    <ul class="board-links">
      <li><a href="${boardHref(ctx, `${boardPath(m)}/arkiv`)}">${t.boardArchive}</a></li>
      <li><a href="${feedHref}" type="application/atom+xml">${t.boardFeed}</a></li>
    </ul>`;
}

export function archiveBody(ctx: BoardContext, view: NoticeBoardView): Html {
  const { t, lang } = ctx;
  const m = view.municipality;
  const down = view.notices.filter((n) => !n.up);
  return html`<p><a class="back-link" href="${boardHref(ctx, boardPath(m))}">${t.boardToBoard}</a></p>
    <h1>${t.boardArchiveTitle(m.name, genitive(m.name, lang))}</h1>
    <p>${t.boardArchiveIntro}</p>
    <section aria-labelledby="archived">
      <h2 id="archived">${t.boardNotices}</h2>
      ${down.length ? down.map((n) => noticeArticle(ctx, n)) : html`<p>${t.boardArchiveNone}</p>`}
    </section>
    ${appealSection(ctx)}`;
}

export function indexBody(ctx: BoardContext, municipalities: MunicipalityView[]): Html {
  const { t } = ctx;
  return html`<h1>${t.boardIndexTitle}</h1>
    <p>${t.boardIndexIntro}</p>
    <ul>
      ${municipalities.map((m) => html`<li><a href="${boardHref(ctx, boardPath(m))}">${m.name}</a></li>`)}
    </ul>`;
}
