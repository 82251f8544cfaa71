/**
 * The protocol extract (protokollsutdrag) as a PDF (A4, pdfkit, the standard Helvetica: no embedded fonts). Draws the
 * same model as the HTML (extract-model.ts). Text wraps to the column and flows onto new pages; every page carries the
 * page number, a running header after the first page and, for a draft, the "UTKAST – ej justerat" marking (R-K10).
 *
 * All text goes through pdfText (pdf-text.ts): the standard fonts print WinAnsiEncoding only, and a character outside
 * it is printed as its base letter or "?", never as a broken glyph.
 *
 * This file draws the parts of the first page and the paragraph; the lines of a section are extract-pdf-lines.ts's,
 * the decoration of every page extract-pdf-pages.ts's, the column and its fonts pdf-layout.ts's.
 */
import PDFDocument from 'pdfkit';
import type { DecisionView } from '../decision.views';
import { buildExtract, type ProtocolExtract } from './extract-model';
import { drawLine } from './extract-pdf-lines';
import { decoratePages } from './extract-pdf-pages';
import { BOLD, FONT, GREY, MARGINS, PdfLayout, RED, rule, SIZE } from './pdf-layout';
import { pdfText } from './pdf-text';

export { pdfText } from './pdf-text';

export function renderExtractPdf(view: DecisionView): Promise<Buffer> {
  return extractToPdf(buildExtract(view));
}

export function extractToPdf(x: ProtocolExtract): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    try {
      const doc = new PDFDocument({
        size: 'A4',
        margins: MARGINS,
        bufferPages: true,
        font: FONT,
        lang: 'sv-SE',
        displayTitle: true,
        info: {
          Title: pdfText(x.title),
          Subject: pdfText(`${x.paragraph.number ? `${x.paragraph.number} ` : ''}${x.paragraph.title}`),
          Author: pdfText(`${x.header.municipality}, ${x.header.body}`),
          Creator: 'Samverkan',
          Keywords: 'protokollsutdrag',
        },
      });
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      new ExtractPdf(doc, x).draw();
      doc.end();
    } catch (err) {
      reject(err);
    }
  });
}

class ExtractPdf extends PdfLayout {
  constructor(
    doc: PDFKit.PDFDocument,
    private readonly x: ProtocolExtract,
  ) {
    super(doc);
  }

  draw() {
    this.firstPageHeader();
    this.paragraphHeading();
    for (const s of this.x.sections) {
      this.sectionHeading(s.heading, s.key === 'justering' || s.key === 'rattelser' || s.key === 'exempel');
      for (const l of s.lines) drawLine(this, l);
    }
    this.certification();
    decoratePages(this, this.x);
  }

  /** The banner in a red box, when there is one (the later pages carry it in their running header). */
  private firstPageBanner(banner: string) {
    const { doc, left, width } = this;
    const top = doc.page.margins.top;
    doc.font(BOLD).fontSize(12);
    const h = doc.heightOfString(pdfText(banner), { width: width - 16 }) + 12;
    doc.save().lineWidth(1.5).strokeColor(RED).rect(left, top, width, h).stroke().restore();
    doc.fillColor(RED).text(pdfText(banner), left + 8, top + 6.5, { width: width - 16, align: 'center' });
    doc.fillColor('black');
    doc.y = top + h + 14;
  }

  /** The municipality and the body on the left; PROTOKOLLSUTDRAG, the date and the place on the right. */
  private firstPageHeader() {
    const { doc, x, left, width } = this;
    if (x.banner) this.firstPageBanner(x.banner);
    const y0 = doc.y;
    const leftWidth = width * 0.58;
    const rightWidth = width - leftWidth - 12;
    const rightX = left + leftWidth + 12;
    doc.font(BOLD).fontSize(15).text(pdfText(x.header.municipality), left, y0, { width: leftWidth });
    doc
      .font(FONT)
      .fontSize(12)
      .text(pdfText(x.header.body), left, doc.y + 2, { width: leftWidth });
    const leftBottom = doc.y;
    doc
      .font(BOLD)
      .fontSize(11.5)
      .text(pdfText(x.header.documentKind), rightX, y0 + 2, {
        width: rightWidth,
        align: 'right',
        characterSpacing: 0.6,
      });
    doc
      .font(FONT)
      .fontSize(8.5)
      .fillColor(GREY)
      .text(pdfText(x.header.dateLabel), rightX, doc.y + 4, { width: rightWidth, align: 'right' });
    doc
      .fillColor('black')
      .fontSize(10.5)
      .text(pdfText(x.header.date), rightX, doc.y + 1, { width: rightWidth, align: 'right' });
    if (x.header.place) {
      doc
        .fontSize(8.5)
        .fillColor(GREY)
        .text('Plats', rightX, doc.y + 3, { width: rightWidth, align: 'right' });
      doc
        .fillColor('black')
        .fontSize(10.5)
        .text(pdfText(x.header.place), rightX, doc.y + 1, { width: rightWidth, align: 'right' });
    }
    const bottom = Math.max(leftBottom, doc.y) + 8;
    rule(doc, left, left + width, bottom, 1.2);
    doc.x = left;
    doc.y = bottom + 20;
  }

  private paragraphHeading() {
    const { doc, x, left, width } = this;
    const numWidth = x.paragraph.number ? 56 : 0;
    this.ensure(this.lineHeight(13) * 3);
    const y0 = doc.y;
    if (x.paragraph.number)
      doc.font(BOLD).fontSize(13).text(pdfText(x.paragraph.number), left, y0, { width: numWidth, lineBreak: false });
    doc
      .font(BOLD)
      .fontSize(13)
      .text(pdfText(x.paragraph.title), left + numWidth, y0, { width: width - numWidth });
    if (x.paragraph.dnr)
      doc
        .font(FONT)
        .fontSize(10)
        .fillColor(GREY)
        .text(pdfText(x.paragraph.dnr), left + numWidth, doc.y + 3, { width: width - numWidth });
    doc.fillColor('black');
    doc.x = left;
    this.gap(8);
  }

  private sectionHeading(heading: string, withRule: boolean) {
    const { doc, left, width } = this;
    this.gap(10);
    // Keep a heading with at least three lines of its text.
    this.ensure(this.lineHeight(11.5) + this.lineHeight() * 3 + (withRule ? 8 : 0));
    if (withRule) {
      rule(doc, left, left + width, doc.y, 0.6, '#999999');
      doc.y += 8;
    }
    doc.font(BOLD).fontSize(11.5).fillColor('black').text(pdfText(heading), left, doc.y, { width });
    doc.y += 3;
  }

  /** R-I12: "Protokollsutdrag – rätt utdraget intygar", the secretary's signature line and name; never for example data. */
  private certification() {
    const { doc, x, left } = this;
    const f = x.footer;
    this.gap(20);
    this.ensure(this.lineHeight() * (f.note ? 8 : 6) + 30);
    if (f.note) {
      doc.font(BOLD).fontSize(SIZE).fillColor(RED).text(pdfText(f.note), left, doc.y, { width: this.width });
      doc.fillColor('black');
      doc.y += 6;
    }
    if (x.example) {
      // Example data is never certified: the mark, and no signature line.
      doc.font(BOLD).fontSize(SIZE).fillColor(RED).text(pdfText(f.certification), left, doc.y, { width: this.width });
      doc.fillColor('black');
      return;
    }
    doc.font(FONT).fontSize(SIZE).fillColor('black').text(pdfText(f.certification), left, doc.y, { width: this.width });
    doc.y += 32;
    rule(doc, left, left + 220, doc.y, 0.8);
    doc.y += 3;
    if (f.secretary) doc.font(FONT).fontSize(SIZE).text(pdfText(f.secretary), left, doc.y, { width: 220 });
    doc
      .font(FONT)
      .fontSize(8.5)
      .fillColor(GREY)
      .text(pdfText(f.role), left, doc.y + 1, { width: 220 });
    doc.fillColor('black');
  }
}
