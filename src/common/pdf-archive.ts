/**
 * The PDFs people keep (the protokollsutdrag, the invoices) as PDF/A-3b, as pdfkit makes it (issue 12 §7): the
 * `subset: 'PDF/A-3b'` option writes the XMP identification (pdfaid:part 3, pdfaid:conformance B) and an output
 * intent with the sRGB IEC 61966-2.1 profile that pdfkit ships; PDF 1.7; no encryption. Every font is embedded: the
 * DejaVu Sans TrueType files of the `dejavu-fonts-ttf` package (subset per document), never one of the standard 14
 * fonts, which a PDF/A file may not leave out. DejaVu covers å, ä, ö and far more; the text still goes through
 * pdfText (src/decision/extract/pdf-text.ts) so that every document prints the same characters.
 *
 * Two things pdfkit leaves to its caller are done here: its XMP copies the document info without XML escaping (an
 * "&" in a title would break the packet), so the info is escaped while the packet is written; and the default font is
 * one of ours, so Helvetica is never loaded and never named in the file.
 */
import { readFileSync } from 'fs';
import { dirname, join } from 'path';
import PDFDocument from 'pdfkit';

export const PDF_FONT = 'DejaVuSans';
export const PDF_BOLD = 'DejaVuSans-Bold';
export const PDF_BOLD_OBLIQUE = 'DejaVuSans-BoldOblique';

const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
let fonts: Record<string, Buffer> | undefined;

/** The font files, read once. */
function fontFiles(): Record<string, Buffer> {
  fonts ??= Object.fromEntries(
    [PDF_FONT, PDF_BOLD, PDF_BOLD_OBLIQUE].map((name) => [name, readFileSync(join(FONT_DIR, `${name}.ttf`))]),
  );
  return fonts;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);

type ArchivalOptions = Omit<PDFKit.PDFDocumentOptions, 'font' | 'subset' | 'pdfVersion' | 'userPassword'>;

/** A PDF/A-3b document with the DejaVu fonts registered under PDF_FONT, PDF_BOLD and PDF_BOLD_OBLIQUE. */
export function archivalPdf(options: ArchivalOptions): PDFKit.PDFDocument {
  const files = fontFiles();
  const font = join(FONT_DIR, `${PDF_FONT}.ttf`);
  // pdfkit's XMP names the Creator as pdf:Producer: the info says the same, as PDF/A wants them to agree.
  const info = { ...options.info, Producer: options.info?.Creator ?? 'Samverkan' };
  const doc = new PDFDocument({ ...options, info, font, subset: 'PDF/A-3b', pdfVersion: '1.7' });
  for (const [name, file] of Object.entries(files)) doc.registerFont(name, file);
  doc.font(PDF_FONT);
  const internal = doc as unknown as { _addInfo(): void; info: Record<string, unknown> };
  const addInfo = internal._addInfo.bind(doc);
  internal._addInfo = () => {
    // The info dictionary is written before the XMP: escaping the copy the XMP reads changes only the XMP.
    const info = internal.info;
    internal.info = Object.fromEntries(
      Object.entries(info).map(([k, v]) => [k, typeof v === 'string' ? escapeXml(v) : v]),
    );
    try {
      addInfo();
    } finally {
      internal.info = info;
    }
  };
  return doc;
}

/** Draws with `draw` and resolves to the finished file. */
export function pdfBytes(doc: PDFKit.PDFDocument, draw: () => void): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    try {
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      draw();
      doc.end();
    } catch (err) {
      reject(err);
    }
  });
}
