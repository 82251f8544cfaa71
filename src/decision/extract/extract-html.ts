/**
 * The protocol extract (protokollsutdrag) as a standalone HTML document. Pure: draws the model of extract-model.ts
 * (the PDF draws the same model), escapes every text, and keeps recorded text verbatim (R-H19; newlines are kept with
 * white-space: pre-wrap).
 */
import type { DecisionView } from '../decision.views';
import { buildExtract, type ExtractLine, type ExtractSection, type ProtocolExtract } from './extract-model';

export function renderExtractHtml(view: DecisionView): string {
  return extractToHtml(buildExtract(view));
}

/** Escapes text for element content and (double- or single-quoted) attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The extract's one stylesheet, inlined as it is: src/http/security-headers.ts allows it by its SHA-256 (CSP). */
export const STYLE = `
  @page { size: A4; margin: 20mm 18mm 20mm 22mm; }
  * { box-sizing: border-box; }
  body { margin: 0; background: #f3f3f3; color: #111; font: 11pt/1.45 Arial, Helvetica, sans-serif; }
  .extract { max-width: 180mm; margin: 12mm auto; padding: 14mm 16mm 16mm 18mm; background: #fff; }
  .banner { margin: 0 0 6mm; padding: 2.5mm 4mm; border: 2px solid #b00020; color: #b00020; font-weight: bold; letter-spacing: .04em; text-align: center; }
  .head { display: flex; justify-content: space-between; align-items: flex-start; gap: 8mm; padding-bottom: 3mm; border-bottom: 1.5px solid #111; }
  .head .municipality { font-size: 14pt; font-weight: bold; }
  .head .body { font-size: 12pt; }
  .head .doc { text-align: right; }
  .head .kind { font-weight: bold; letter-spacing: .06em; }
  .head .label { font-size: 9pt; color: #444; }
  .paragraph { margin: 7mm 0 1mm; font-size: 13pt; }
  .paragraph .num { margin-right: 4mm; }
  .dnr { margin: 0 0 5mm; color: #333; }
  h2 { margin: 5mm 0 1.5mm; font-size: 11.5pt; }
  h3 { margin: 3mm 0 1mm; font-size: 11pt; font-style: italic; font-weight: bold; }
  p { margin: 0 0 2.5mm; white-space: pre-wrap; }
  .lead { font-weight: bold; }
  .quote { margin-left: 6mm; padding-left: 3mm; border-left: 2px solid #bbb; }
  .notice { color: #b00020; font-weight: bold; }
  ul, ol { margin: 0 0 2.5mm; padding-left: 7mm; }
  ol.numbered { list-style: none; padding-left: 0; }
  ol.numbered li { display: flex; gap: 2mm; }
  ol.numbered .marker { min-width: 5mm; }
  ul.plain { list-style: none; padding-left: 0; }
  li { white-space: pre-wrap; margin-bottom: 1mm; }
  table.votes { border-collapse: collapse; margin: 1mm 0 3mm; min-width: 110mm; }
  table.votes th, table.votes td { border: 1px solid #999; padding: 1mm 2.5mm; }
  table.votes th { background: #eee; }
  table.votes td.mark, table.votes th.mark { text-align: center; width: 16mm; }
  table.votes tfoot td { font-weight: bold; }
  .section-justering, .section-rattelser { border-top: 1px solid #999; margin-top: 6mm; padding-top: 1mm; }
  .cert { margin-top: 12mm; page-break-inside: avoid; break-inside: avoid; }
  .cert .sign { width: 70mm; margin-top: 12mm; border-top: 1px solid #111; padding-top: 1mm; }
  .cert .role { font-size: 9pt; color: #444; }
  @media screen and (max-width: 600px) {
    .extract { margin: 0; padding: 5mm 4mm; }
    .head { flex-wrap: wrap; gap: 2mm; }
    .head .doc { text-align: left; }
    .extract { overflow-wrap: anywhere; }
  }
  @media print { body { background: #fff; } .extract { margin: 0; padding: 0; max-width: none; } }
`;

export function extractToHtml(x: ProtocolExtract): string {
  const e = escapeHtml;
  const out: string[] = [];
  out.push('<!doctype html>');
  out.push('<html lang="sv">');
  out.push('<head>');
  out.push('<meta charset="utf-8">');
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(`<title>${e(x.title)}</title>`);
  out.push(`<style>${STYLE}</style>`);
  out.push('</head>');
  out.push(`<body>`);
  out.push(`<main class="extract${x.draft ? ' draft' : ''}${x.example ? ' example' : ''}">`);
  if (x.banner) out.push(`<p class="banner" role="note">${e(x.banner)}</p>`);
  out.push('<header class="head">');
  out.push(
    `<div class="org"><div class="municipality">${e(x.header.municipality)}</div><div class="body">${e(x.header.body)}</div></div>`,
  );
  const place = x.header.place ? `<div class="place"><span class="label">Plats</span> ${e(x.header.place)}</div>` : '';
  out.push(
    `<div class="doc"><div class="kind">${e(x.header.documentKind)}</div><div><span class="label">${e(x.header.dateLabel)}</span> ${e(x.header.date)}</div>${place}</div>`,
  );
  out.push('</header>');
  const num = x.paragraph.number ? `<span class="num">${e(x.paragraph.number)}</span>` : '';
  out.push(`<h1 class="paragraph">${num}<span class="title">${e(x.paragraph.title)}</span></h1>`);
  if (x.paragraph.dnr) out.push(`<p class="dnr">${e(x.paragraph.dnr)}</p>`);
  for (const s of x.sections) out.push(section(s));
  out.push('<footer class="cert">');
  if (x.footer.note) out.push(`<p class="notice">${e(x.footer.note)}</p>`);
  if (x.example) {
    // Example data is never certified: the mark, and no signature line.
    out.push(`<p class="notice">${e(x.footer.certification)}</p>`);
  } else {
    out.push(`<p>${e(x.footer.certification)}</p>`);
    if (x.footer.dated) out.push(`<p class="dated">Datum: ${e(x.footer.dated)}</p>`);
    out.push(
      `<div class="sign"><div class="secretary">${e(x.footer.secretary ?? '')}</div><div class="role">${e(x.footer.role)}</div></div>`,
    );
  }
  out.push('</footer>');
  out.push('</main>');
  out.push('</body>');
  out.push('</html>');
  return out.join('\n') + '\n';
}

function section(s: ExtractSection): string {
  return [
    `<section class="section section-${s.key}" data-section="${s.key}">`,
    `<h2>${escapeHtml(s.heading)}</h2>`,
    ...s.lines.map(line),
    '</section>',
  ].join('\n');
}

function line(l: ExtractLine): string {
  const e = escapeHtml;
  switch (l.kind) {
    case 'text': {
      const cls = l.tone && l.tone !== 'normal' ? ` class="${l.tone}"` : '';
      const body = l.href ? `<a href="${e(l.href)}">${e(l.text)}</a>` : e(l.text);
      return `<p${cls}>${l.lead ? `<span class="lead">${e(l.lead)}</span> ` : ''}${body}</p>`;
    }
    case 'subheading':
      return `<h3>${e(l.text)}</h3>`;
    case 'list': {
      if (l.style === 'numbered') {
        return `<ol class="numbered">${l.items.map((i) => `<li><span class="marker">${e(i.marker)}</span><span>${e(i.text)}</span></li>`).join('')}</ol>`;
      }
      return `<ul class="${l.style}">${l.items.map((i) => `<li>${e(i.text)}</li>`).join('')}</ul>`;
    }
    case 'table': {
      const cell = (tag: 'th' | 'td', v: string, i: number) =>
        `<${tag}${i > 0 ? ' class="mark"' : ''}>${e(v)}</${tag}>`;
      const head = `<thead><tr>${l.columns.map((c, i) => cell('th', c, i)).join('')}</tr></thead>`;
      const body = `<tbody>${l.rows.map((r) => `<tr>${r.map((c, i) => cell('td', c, i)).join('')}</tr>`).join('')}</tbody>`;
      const foot = l.footer ? `<tfoot><tr>${l.footer.map((c, i) => cell('td', c, i)).join('')}</tr></tfoot>` : '';
      return `<table class="votes">${head}${body}${foot}</table>`;
    }
  }
}
