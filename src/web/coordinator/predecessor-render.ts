import type { PredecessorView } from '../../collaboration/collaboration.views';
import { ruleLink } from '../forms';
import { html, type Html } from '../html';
import { longDate } from '../i18n/messages';
import type { PageContext } from '../web-page';

/** "Bengtsfors, Dals-Ed, Färgelanda och Mellerud": the names as a list in the page's language. */
function names(parties: PredecessorView['parties'], lang: PageContext['lang']): string {
  return new Intl.ListFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { type: 'conjunction' }).format(
    parties.map((p) => p.name),
  );
}

/** R-A5: the collaboration a collaboration followed, with the parties that joined or left since, on its page. */
export function predecessorSection(ctx: PageContext, collaboration: string, p: PredecessorView | null): Html | string {
  if (!p) return '';
  const { t, lang } = ctx;
  return html`<section aria-labelledby="predecessor-heading">
    <h2 id="predecessor-heading">${t.pred_heading}</h2>
    <p>${t.pred_followed(collaboration, p.name, names(p.parties, lang))}</p>
    ${p.decided ? html`<p>${t.pred_decided(p.decided)}</p>` : ''}
    ${p.joined.length ? html`<p>${t.pred_joined(names(p.joined, lang), p.joined.length)}</p>` : ''}
    ${p.left.length ? html`<p>${t.pred_left(names(p.left, lang))}</p>` : ''}
    <p>${t.pred_from(longDate(p.followedFrom, lang))} (${ruleLink('R-A5', t)})</p>
  </section>`;
}
