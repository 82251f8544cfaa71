import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { inflateSync } from 'zlib';

/**
 * The text a PDF of ours shows, read without poppler: pdfkit draws every run with a TJ operator in an embedded
 * (Identity-H) font, two bytes per glyph, and writes each font's ToUnicode CMap; the runs are decoded through the CMap
 * of the font selected (Tf) before them. One content stream per page (pdfkit writes them so), in the pages' order.
 */
export function pdfPageRuns(pdf: Buffer): string[][] {
  const raw = pdf.toString('latin1');
  const objects = new Map<string, { dict: string; stream: string | null }>();
  for (const m of raw.matchAll(/(?:^|\n)(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) {
    const s = m[2].match(/^([\s\S]*?)\nstream\r?\n([\s\S]*)\r?\nendstream$/);
    let stream: string | null = null;
    if (s) {
      const bytes = Buffer.from(s[2], 'latin1');
      stream = /\/Filter \/FlateDecode/.test(s[1]) ? inflateSync(bytes).toString('latin1') : s[2];
    }
    objects.set(m[1], { dict: s ? s[1] : m[2], stream });
  }
  const cmaps = new Map<string, Map<number, string>>(); // font resource name (F1 …) -> code -> text
  for (const m of raw.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
    const toUnicode = objects.get(m[2])?.dict.match(/\/ToUnicode (\d+) 0 R/)?.[1];
    const cmap = toUnicode ? objects.get(toUnicode)?.stream : undefined;
    if (cmap && !cmaps.has(m[1])) cmaps.set(m[1], parseCmap(cmap));
  }
  const pages: string[][] = [];
  const tree = [...objects.values()].find((o) => /\/Type \/Pages\b/.test(o.dict));
  for (const kid of tree?.dict.match(/\/Kids \[([^\]]*)\]/)?.[1].matchAll(/(\d+) 0 R/g) ?? []) {
    const contents = objects.get(kid[1])?.dict.match(/\/Contents (\d+) 0 R/)?.[1];
    const stream = (contents && objects.get(contents)?.stream) ?? '';
    const runs: string[] = [];
    let cmap: Map<number, string> | undefined;
    for (const op of stream.matchAll(/\/(F\d+) [\d.]+ Tf|\[((?:<[0-9a-f]*>\s*-?[\d.]*\s*)+)\]\s*TJ/g)) {
      if (op[1]) {
        cmap = cmaps.get(op[1]);
        continue;
      }
      const hex = [...op[2].matchAll(/<([0-9a-f]*)>/g)].map((h) => h[1]).join('');
      let s = '';
      for (let i = 0; i + 3 < hex.length; i += 4) {
        const text = cmap?.get(parseInt(hex.slice(i, i + 4), 16));
        if (text === undefined) throw new Error(`glyph ${hex.slice(i, i + 4)} has no ToUnicode entry`);
        s += text;
      }
      runs.push(s);
    }
    pages.push(runs);
  }
  return pages;
}

/** A ToUnicode CMap's bfchar and bfrange entries (pdfkit writes ranges with arrays of UTF-16BE strings). */
function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const r of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const from = parseInt(r[1], 16);
      const to = parseInt(r[2], 16);
      if (r[3].startsWith('[')) {
        // An entry of several code units (a ligature: "fi") is written with spaces between them.
        [...r[3].matchAll(/<([0-9a-fA-F\s]*)>/g)].forEach((t, k) => map.set(from + k, utf16(t[1].replace(/\s/g, ''))));
      } else {
        const start = parseInt(r[3].slice(1, -1), 16);
        for (let c = from; c <= to; c++) map.set(c, String.fromCharCode(start + c - from));
      }
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const c of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) map.set(parseInt(c[1], 16), utf16(c[2]));
  }
  return map;
}

/** Every text run of the PDF, page after page, in the order drawn. */
export const pdfTextRuns = (pdf: Buffer): string[] => pdfPageRuns(pdf).flat();

/** The text a PDF shows, its runs joined with single spaces. */
export function pdfPlainText(pdf: Buffer): string {
  return pdfTextRuns(pdf).join(' ').replace(/\s+/g, ' ');
}

/**
 * What can be checked of a PDF/A-3b file without a PDF/A validator (issue 12 §7), with Debian's poppler-utils and
 * qpdf: the fonts pdffonts lists, the XMP identification, whether it is encrypted, and qpdf --check's verdict.
 */
export function pdfArchiveFacts(pdf: Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'pdfa-'));
  const file = join(dir, 'doc.pdf');
  try {
    writeFileSync(file, pdf);
    const run = (cmd: string, args: string[]) => {
      try {
        return { ok: true, out: execFileSync(cmd, args, { encoding: 'utf8' }) };
      } catch (err) {
        const e = err as { stdout?: string; stderr?: string };
        return { ok: false, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
      }
    };
    const fonts = run('pdffonts', [file])
      .out.split('\n')
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => {
        // name, type (may hold spaces), encoding, emb, sub, uni, object, generation
        const cols = l.trim().split(/\s+/);
        return { name: cols[0], embedded: cols[cols.length - 5] === 'yes' };
      });
    const xmp = run('pdfinfo', ['-meta', file]).out;
    const info = run('pdfinfo', [file]).out;
    const qpdf = run('qpdf', ['--check', file]);
    return {
      fonts,
      pdfaPart: xmp.match(/<pdfaid:part>(\d+)<\/pdfaid:part>/)?.[1],
      pdfaConformance: xmp.match(/<pdfaid:conformance>(\w+)<\/pdfaid:conformance>/)?.[1],
      encrypted: /^Encrypted:\s+yes/m.test(info),
      outputIntent: /\/OutputIntents\s*\[/.test(pdf.toString('latin1')),
      qpdfOk: qpdf.ok && /No syntax or stream encoding errors found/.test(qpdf.out),
      qpdfOutput: qpdf.out,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
