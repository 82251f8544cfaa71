/**
 * What every page of the PDF carries, drawn once the text has flowed (the pages are buffered): the draft marking
 * (R-K10) or the example-data marking, from the second page on the banner and a running header, and the footer with the page number.
 */
import type { ProtocolExtract } from './extract-model';
import { BOLD, FONT, GREY, RED, rule, type PdfLayout } from './pdf-layout';
import { pdfText } from './pdf-text';

/** Page number, running header, and the draft marking on every page. */
export function decoratePages(page: PdfLayout, x: ProtocolExtract) {
  const { doc } = page;
  const range = doc.bufferedPageRange();
  const ref = `${x.header.municipality}, ${x.header.body} – Protokollsutdrag${x.paragraph.number ? ` ${x.paragraph.number}` : ''} – ${x.header.date}`;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margins = doc.page.margins;
    const bottom = margins.bottom;
    margins.bottom = 0; // writing in the margin must not start a new page
    if (x.draft || x.example) watermark(doc, x.example ? 'EXEMPEL' : 'UTKAST');
    if (i > range.start) runningHeader(page, x, ref);
    pageFooter(page, x, `Sida ${i - range.start + 1} (${range.count})`);
    margins.bottom = bottom;
  }
}

function watermark(doc: PDFKit.PDFDocument, word: string) {
  const pageHeight = doc.page.height;
  doc.save();
  doc.rotate(-35, { origin: [doc.page.width / 2, pageHeight / 2] });
  doc.font(BOLD).fontSize(110).fillColor('#b00020', 0.07);
  doc.text(word, 0, pageHeight / 2 - 55, { width: doc.page.width, align: 'center', lineBreak: false });
  doc.restore();
}

/** Pages after the first: the banner, if any, and where the page comes from, above a rule. */
function runningHeader(page: PdfLayout, x: ProtocolExtract, ref: string) {
  const { doc, left, width } = page;
  // The first page carries the banner in a box above the header (firstPageHeader).
  if (x.banner) {
    doc
      .font(BOLD)
      .fontSize(9)
      .fillColor(RED)
      .text(pdfText(x.banner), left, 26, { width, align: 'center', lineBreak: false });
  }
  doc
    .font(FONT)
    .fontSize(8.5)
    .fillColor(GREY)
    .text(pdfText(ref), left, 42, { width, lineBreak: false, ellipsis: true });
  rule(doc, left, left + width, 54, 0.4, '#aaaaaa');
}

function pageFooter(page: PdfLayout, x: ProtocolExtract, pageNumber: string) {
  const { doc, left, width } = page;
  const pageHeight = doc.page.height;
  rule(doc, left, left + width, pageHeight - 44, 0.4, '#aaaaaa');
  doc.font(FONT).fontSize(8.5).fillColor(GREY);
  doc.text(pdfText(`${x.header.municipality} – ${x.header.body}`), left, pageHeight - 38, {
    width: width - 80,
    lineBreak: false,
    ellipsis: true,
  });
  doc.text(pageNumber, left + width - 80, pageHeight - 38, {
    width: 80,
    align: 'right',
    lineBreak: false,
  });
  doc.fillColor('black');
}
