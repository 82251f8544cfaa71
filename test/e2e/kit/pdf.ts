import { inflateSync } from 'zlib';

/** The WinAnsi bytes above 0x7f that pdfkit's standard fonts print and Latin-1 does not decode as such. */
const WIN_ANSI_HIGH: Record<number, string> = {
  0x80: '€',
  0x85: '…',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x96: '–',
  0x97: '—',
};

/**
 * The text an extract PDF shows, read without poppler (pdftotext may be absent): every TJ operator of every inflated
 * content stream, decoded from WinAnsi, joined with single spaces (as test/medium/extract.medium-spec.ts reads it).
 */
export function pdfPlainText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const runs: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const tj of content.matchAll(/\[((?:<[0-9a-f]*>\s*-?[\d.]*\s*)+)\]\s*TJ/g)) {
      const hex = [...tj[1].matchAll(/<([0-9a-f]*)>/g)].map((h) => h[1]).join('');
      let s = '';
      for (let i = 0; i + 1 < hex.length; i += 2) {
        const b = parseInt(hex.slice(i, i + 2), 16);
        s += WIN_ANSI_HIGH[b] ?? String.fromCharCode(b);
      }
      runs.push(s);
    }
  }
  return runs.join(' ').replace(/\s+/g, ' ');
}
