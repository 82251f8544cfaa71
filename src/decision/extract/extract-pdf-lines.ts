/**
 * The lines of a section in the PDF: text (with its bold lead, quote indent or red notice), subheadings, lists and
 * the omröstningslista as a table. Each block keeps enough of itself on a page (a new page otherwise), and a table
 * that breaks repeats its header row.
 */
import type { ExtractLine } from './extract-model';
import { BOLD, FONT, ITALIC_BOLD, LINE_GAP, RED, SIZE, type PdfLayout } from './pdf-layout';
import { pdfText } from './pdf-text';

type TextLine = Extract<ExtractLine, { kind: 'text' }>;
type ListLine = Extract<ExtractLine, { kind: 'list' }>;
type TableLine = Extract<ExtractLine, { kind: 'table' }>;

export function drawLine(page: PdfLayout, l: ExtractLine) {
  switch (l.kind) {
    case 'subheading':
      drawSubheading(page, l.text);
      return;
    case 'text':
      drawText(page, l);
      return;
    case 'list':
      drawList(page, l);
      return;
    case 'table':
      drawTable(page, l);
      return;
  }
}

function drawSubheading(page: PdfLayout, heading: string) {
  const { doc, left, width } = page;
  page.gap(3);
  page.ensure(page.lineHeight() * 3);
  doc
    .font(ITALIC_BOLD)
    .fontSize(SIZE)
    .fillColor('black')
    .text(pdfText(heading), left, doc.y, { width, lineGap: LINE_GAP });
  doc.y += 2;
}

function drawText(page: PdfLayout, l: TextLine) {
  const { doc, left, width } = page;
  const indent = l.tone === 'quote' ? 18 : 0;
  const opts = { width: width - indent, lineGap: LINE_GAP };
  page.ensure(page.lineHeight() * 2);
  doc.fillColor(l.tone === 'notice' ? RED : 'black');
  const body = pdfText(l.text);
  if (l.lead) {
    doc
      .font(BOLD)
      .fontSize(SIZE)
      .text(`${pdfText(l.lead)} `, left + indent, doc.y, { ...opts, continued: true });
    doc.font(l.tone === 'notice' ? BOLD : FONT).text(body, opts);
  } else {
    doc
      .font(l.tone === 'notice' ? BOLD : FONT)
      .fontSize(SIZE)
      .text(body, left + indent, doc.y, opts);
  }
  doc.fillColor('black');
  doc.x = left;
  doc.y += 5;
}

function drawList(page: PdfLayout, l: ListLine) {
  const { doc, left, width } = page;
  const indent = l.style === 'plain' ? 0 : 22;
  doc.font(FONT).fontSize(SIZE).fillColor('black');
  for (const item of l.items) {
    const textWidth = width - indent;
    const h = doc.heightOfString(pdfText(item.text), { width: textWidth, lineGap: LINE_GAP });
    page.ensure(Math.min(h, page.lineHeight() * 2));
    const y = doc.y;
    const marker = l.style === 'numbered' ? item.marker : l.style === 'bullet' ? '•' : '';
    if (marker)
      doc.text(pdfText(marker), left + (l.style === 'bullet' ? 6 : 0), y, { width: indent, lineBreak: false });
    doc.text(pdfText(item.text), left + indent, y, { width: textWidth, lineGap: LINE_GAP });
    doc.y += 2;
  }
  doc.x = left;
  doc.y += 3;
}

const CELL_PAD = 4;

/** The omröstningslista: a wide first column (the member), narrow centred columns for the marks. */
function drawTable(page: PdfLayout, { columns, rows, footer }: TableLine) {
  const { doc } = page;
  const markWidth = 52;
  const firstWidth = Math.min(page.width - markWidth * (columns.length - 1), 280);
  const widths = columns.map((_, i) => (i === 0 ? firstWidth : markWidth));
  const head = () => drawRow(page, widths, columns, BOLD, '#eeeeee');
  page.ensure(rowHeight(doc, widths, columns, BOLD) + rowHeight(doc, widths, rows[0] ?? columns, FONT) * 2);
  head();
  for (const r of rows) {
    if (doc.y + rowHeight(doc, widths, r, FONT) > page.maxY) {
      doc.addPage();
      head();
    }
    drawRow(page, widths, r, FONT);
  }
  if (footer) {
    if (doc.y + rowHeight(doc, widths, footer, BOLD) > page.maxY) doc.addPage();
    drawRow(page, widths, footer, BOLD);
  }
  doc.y += 6;
}

function rowHeight(doc: PDFKit.PDFDocument, widths: number[], cells: string[], font: string) {
  doc.font(font).fontSize(9.5);
  return (
    Math.max(...cells.map((c, i) => doc.heightOfString(pdfText(c) || ' ', { width: widths[i] - 2 * CELL_PAD }))) +
    2 * CELL_PAD
  );
}

function drawRow(page: PdfLayout, widths: number[], cells: string[], font: string, fill?: string) {
  const { doc, left } = page;
  const h = rowHeight(doc, widths, cells, font);
  const y = doc.y;
  let cx = left;
  cells.forEach((c, i) => {
    if (fill) doc.save().rect(cx, y, widths[i], h).fill(fill).restore();
    doc.save().lineWidth(0.5).strokeColor('#888888').rect(cx, y, widths[i], h).stroke().restore();
    doc
      .font(font)
      .fontSize(9.5)
      .fillColor('black')
      .text(pdfText(c), cx + CELL_PAD, y + CELL_PAD, {
        width: widths[i] - 2 * CELL_PAD,
        align: i === 0 ? 'left' : 'center',
      });
    cx += widths[i];
  });
  doc.x = left;
  doc.y = y + h;
}
