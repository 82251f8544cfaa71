/**
 * The PDF's layout primitives: the fonts, sizes, colours and margins of the protocol extract, and the column that
 * text flows down (a new page when a block does not fit). The parts of the extract (extract-pdf.ts), their lines
 * (extract-pdf-lines.ts) and the page decoration (extract-pdf-pages.ts) all draw with these, so they look alike.
 */
import { PDF_BOLD, PDF_BOLD_OBLIQUE, PDF_FONT } from '../../common/pdf-archive';

// The embedded DejaVu Sans of the PDF/A file (src/common/pdf-archive.ts).
export const FONT = PDF_FONT;
export const BOLD = PDF_BOLD;
export const ITALIC_BOLD = PDF_BOLD_OBLIQUE;
export const SIZE = 10.5;
export const LINE_GAP = 2;
export const RED = '#b00020';
export const GREY = '#555555';
export const MARGINS = { top: 72, bottom: 64, left: 64, right: 56 };

/** The text column of an A4 page: where it starts, how wide it is, and where a page ends. */
export class PdfLayout {
  readonly left: number;
  readonly width: number;

  constructor(readonly doc: PDFKit.PDFDocument) {
    this.left = MARGINS.left;
    this.width = doc.page.width - MARGINS.left - MARGINS.right;
  }

  get maxY() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Starts a new page unless `height` fits below the current position. */
  ensure(height: number) {
    if (this.doc.y + height > this.maxY) this.doc.addPage();
  }

  lineHeight(size = SIZE) {
    this.doc.fontSize(size);
    return this.doc.currentLineHeight(true) + LINE_GAP;
  }

  gap(points: number) {
    if (this.doc.y + points < this.maxY) this.doc.y += points;
  }
}

/** A horizontal rule from `x0` to `x1` at `y`; without `color` it keeps the current stroke colour. */
export function rule(doc: PDFKit.PDFDocument, x0: number, x1: number, y: number, lineWidth: number, color?: string) {
  doc.save().lineWidth(lineWidth);
  if (color) doc.strokeColor(color);
  doc.moveTo(x0, y).lineTo(x1, y).stroke().restore();
}
