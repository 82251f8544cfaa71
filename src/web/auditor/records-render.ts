import type { DocumentService } from '../../document/document.service';
import type { SignatureService } from '../../signature/signature.service';
import { html, type Html } from '../html';
import { longDate, stockholmTime } from '../i18n/messages';
import type { PageContext } from '../web-page';

type VersionView = Awaited<ReturnType<DocumentService['getVersion']>>;
type SignatureView = Awaited<ReturnType<SignatureService['get']>>;

const row = (term: string, value: Html | string) =>
  html`<div>
    <dt>${term}</dt>
    <dd>${value}</dd>
  </div>`;

/** A document version behind an event: which document, which version, the SHA-256 that identifies it (R-B5). */
export function renderDocumentVersion(ctx: PageContext, v: VersionView): Html {
  const { t } = ctx;
  return html`<h1>${t.recordDocumentVersion(v.documentKey, v.version)}</h1>
    <dl class="summary">
      ${row(t.recordDocument, v.documentKey)} ${row(t.recordVersion, v.version)}
      ${row('SHA-256', html`<code class="hash">${v.sha256}</code>`)}
      ${row(t.historyRecorded, html`<time datetime="${v.createdAt}">${stockholmTime(v.createdAt)}</time>`)}
    </dl>`;
}

/** A signature behind an event: who signed which document version, when, how. */
export function renderSignature(ctx: PageContext, s: SignatureView): Html {
  const { t, lang } = ctx;
  return html`<h1>${t.recordSignature(s.signatory.name)}</h1>
    <dl class="summary">
      ${row(t.recordSignatory, `${s.signatory.name}, ${s.signatory.office}`)}
      ${row(t.colMunicipality, s.municipalityCode)}
      ${row(t.recordSignedOn, html`<time datetime="${s.signedOn}">${longDate(s.signedOn, lang)}</time>`)}
      ${row(t.recordMethod, s.method)}
      ${row(
        t.recordDocument,
        html`<a href="/granskning/handlingar/dokumentversion/${s.document.versionId}"
          >${s.document.title} (${s.document.version})</a
        >`,
      )}
      ${row(t.recordSignedHash, html`<code class="hash">${s.signedHash}</code>`)}
      ${s.standIn ? row(t.recordStandIn, s.standIn.legalBasis) : ''}
    </dl>`;
}
