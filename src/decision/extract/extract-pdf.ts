/**
 * The protocol extract (protokollsutdrag) as a PDF/A-3b file for the archive (A4, pdfkit, DejaVu Sans embedded:
 * src/common/pdf-archive.ts). Draws the
 * same model as the HTML (extract-model.ts). Text wraps to the column and flows onto new pages; every page carries the
 * page number, a running header after the first page and, for a draft, the "UTKAST – ej justerat" marking (R-K10).
 *
 * All text goes through pdfText (pdf-text.ts): a character outside WinAnsiEncoding is printed as its base letter or
 * "?", never as a broken glyph. The certification is dated (the day the extract is made) and never stands alone on a
 * page: the last block above it keeps room for it, so that at least its end goes over to the certification's page.
 *
 * This file draws the parts of the first page and the paragraph; the lines of a section are extract-pdf-lines.ts's,
 * the decoration of every page extract-pdf-pages.ts's, the column and its fonts pdf-layout.ts's.
 */
import { archivalPdf, pdfBytes } from '../../common/pdf-archive';
import type { DecisionView } from '../decision.views';
import { buildExtract, type ProtocolExtract } from './extract-model';
import { drawLine } from './extract-pdf-lines';
import { decoratePages } from './extract-pdf-pages';
import { BOLD, FONT, GREY, MARGINS, PdfLayout, RED, rule, SIZE } from './pdf-layout';
import { pdfText } from './pdf-text';

export { pdfText } from './pdf-text';

/** The extract of `view`, its certification dated `issuedOn` (YYYY-MM-DD, the day in Stockholm it is made). */
export function renderExtractPdf(view: DecisionView, issuedOn: string): Promise<Buffer> {
  return extractToPdf(buildExtract(view, issuedOn));
}

export async function extractToPdf(x: ProtocolExtract): Promise<Buffer> {
  const doc = archivalPdf({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
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
  return pdfBytes(doc, () => new ExtractPdf(doc, x).draw());
}

/** The certification's date as printed under it. */
const datedLine = (dated: string) => `Datum: ${dated}`;

/** The few points a block adds below its last line (drawText's 5, a table's 6). */
const BLOCK_TAIL = 8;

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
    const sections = this.x.sections;
    sections.forEach((s, i) => {
      const last = i === sections.length - 1;
      const heading = () =>
        this.sectionHeading(s.heading, s.key === 'justering' || s.key === 'rattelser' || s.key === 'exempel');
      if (last && s.lines.length === 0) this.keepRoomBelow(this.certificationHeight(), heading);
      else heading();
      s.lines.forEach((l, k) => {
        if (last && k === s.lines.length - 1) this.keepRoomBelow(this.certificationHeight(), () => drawLine(this, l));
        else drawLine(this, l);
      });
    });
    this.certification();
    decoratePages(this, this.x);
  }

  /**
   * Draws `block` with `height` more points of every page's foot kept free, so that it ends with room for `height`
   * below it, on its page or on the page it flows over to: what follows (the certification) then never starts a page
   * of its own.
   */
  private keepRoomBelow(height: number, block: () => void) {
    const { doc } = this;
    const reserve = () => {
      doc.page.margins.bottom = MARGINS.bottom + height + BLOCK_TAIL;
    };
    reserve();
    doc.on('pageAdded', reserve);
    try {
      block();
    } finally {
      doc.removeListener('pageAdded', reserve);
      doc.page.margins.bottom = MARGINS.bottom;
    }
  }

  /** The height of what certification() draws, its gap above included. */
  private certificationHeight(): number {
    const { doc, x, width } = this;
    const f = x.footer;
    const textHeight = (font: string, size: number, s: string, w = width) =>
      doc.font(font).fontSize(size).heightOfString(pdfText(s), { width: w });
    let h = 20 + (f.note ? textHeight(BOLD, SIZE, f.note) + 6 : 0);
    if (x.example) return h + textHeight(BOLD, SIZE, f.certification);
    h += textHeight(FONT, SIZE, f.certification);
    if (f.dated) h += textHeight(FONT, SIZE, datedLine(f.dated)) + 2;
    h += 32 + 3 + (f.secretary ? textHeight(FONT, SIZE, f.secretary, 220) : 0) + 1 + textHeight(FONT, 8.5, f.role, 220);
    return h;
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

  /**
   * R-I12: "Protokollsutdrag – rätt utdraget intygar", its date, the secretary's signature line and name; never for
   * example data. The block is drawn whole on one page, below the end of the text above it (keepRoomBelow).
   */
  private certification() {
    const { doc, x, left } = this;
    const f = x.footer;
    this.ensure(this.certificationHeight());
    this.gap(20);
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
    if (f.dated) doc.text(pdfText(datedLine(f.dated)), left, doc.y + 2, { width: this.width });
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
