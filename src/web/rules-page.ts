import * as fs from 'fs';
import * as path from 'path';
import { html, type Html } from './html';

/** docs/rules.md from the repository (beside src/ under ts-node and dist/). */
function rulesFile(): string {
  const candidates = [
    path.resolve(__dirname, '../../docs/rules.md'),
    path.resolve(__dirname, '../../../docs/rules.md'),
    path.resolve(process.cwd(), 'docs/rules.md'),
  ];
  return candidates.find((f) => fs.existsSync(f)) ?? candidates[0];
}

const cells = (line: string) =>
  line
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim().replace(/`/g, ''));

/**
 * docs/rules.md as HTML, enough to read and to link into: headings, paragraphs, and each table row of a rule with the
 * rule id as its anchor (`/regler#R-F1`). Every text is escaped; no Markdown beyond that is interpreted.
 */
export function renderRules(): Html {
  const lines = fs.existsSync(rulesFile()) ? fs.readFileSync(rulesFile(), 'utf8').split('\n') : [];
  const out: Html[] = [];
  let table: string[][] = [];
  const flush = () => {
    if (!table.length) return;
    const [head, , ...rows] = table;
    out.push(
      html`<div class="table-wrap" tabindex="0" role="region" aria-label="${head.join(', ')}">
        <table>
          <thead>
            <tr>
              ${head.map((h) => html`<th scope="col">${h}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (r) =>
                html`<tr${/^[A-Z]{1,3}-?[A-Z]?\d+/.test(r[0]) ? html` id="${r[0].split(/[\s,]/)[0]}"` : ''}>${r.map(
                  (c) => html`<td>${c}</td>`,
                )}</tr>`,
            )}
          </tbody>
        </table>
      </div>`,
    );
    table = [];
  };
  for (const line of lines) {
    if (line.startsWith('|')) {
      table.push(cells(line));
      continue;
    }
    flush();
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min(heading[1].length + 1, 4);
      out.push(html`<h${String(level)}>${heading[2]}</h${String(level)}>`);
    } else if (line.trim()) out.push(html`<p>${line}</p>`);
  }
  flush();
  return html`${out}`;
}
