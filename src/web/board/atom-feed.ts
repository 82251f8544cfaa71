import type { NoticeBoardView, NoticeView } from '../../decision/notice-board.reader';
import { escapeHtml } from '../html';
import { genitive, LANGS, longDate, stockholmTime, type Lang } from '../i18n/messages';
import { boardPath, noticeAnchor } from './board-render';

export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';

/** A tag URI (RFC 4151): an entry's id stays the same whatever host or path serves the feed. */
function tagOf(code: string, notice?: NoticeView): string {
  return `tag:samverkan.se,2024:anslagstavla/${code}${notice ? `/${notice.id}` : ''}`;
}

/**
 * The board as an Atom 1.0 feed (RFC 4287) for a municipality's own site to embed: the notices up today, newest
 * first; `updated` is the newest notice's instant (a feed without notices: the day's start is not a fact, so the
 * answer's own instant). Every text is escaped for XML; ids are tag URIs, links absolute.
 */
export function atomFeed(view: NoticeBoardView, origin: string, lang: Lang, now: string): string {
  const t = LANGS[lang];
  const m = view.municipality;
  const board = `${origin}${boardPath(m)}`;
  const up = view.notices.filter((n) => n.up);
  const x = escapeHtml;
  const updated = up.length ? up[0].postedAt : now;
  const entries = up.map((n) => {
    const text = [
      ...(n.delegation ? [t.boardDelegationText(n.delegation.point)] : []),
      ...(n.justeradOn ? [t.boardJusterat(longDate(n.justeradOn, lang))] : []),
      t.boardPosted(longDate(n.anslagOn, lang), stockholmTime(n.postedAt)),
      t.boardAppealLastDay(longDate(n.appealLastDay, lang)),
      ...(n.keptAt ? [t.boardKeptAt(n.keptAt)] : []),
      ...n.paragraphs.map((p) => `${p.paragraphNumber ? `${p.paragraphNumber} ` : ''}${p.title}`),
    ].join('\n');
    return `  <entry>
    <id>${x(tagOf(m.code, n))}</id>
    <title>${x(n.delegation ? t.boardDelegationFeedEntry(n.body.name, n.delegation.number) : t.boardFeedEntry(n.body.name, longDate(n.meetingDate!, lang)))}</title>
    <updated>${x(n.postedAt)}</updated>
    <published>${x(n.postedAt)}</published>
    <link rel="alternate" type="text/html" href="${x(`${board}#${noticeAnchor(n)}`)}"/>
    <summary type="text">${x(text)}</summary>
  </entry>
`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">
  <id>${x(tagOf(m.code))}</id>
  <title>${x(t.boardFeedTitle(m.name, genitive(m.name, lang)))}</title>
  <subtitle>${x(t.boardIntro)}</subtitle>
  <updated>${x(updated)}</updated>
  <author><name>${x(m.name)}</name></author>
  <link rel="self" type="application/atom+xml" href="${x(`${board}/flode.atom`)}"/>
  <link rel="alternate" type="text/html" href="${x(board)}"/>
${entries.join('')}</feed>
`;
}
