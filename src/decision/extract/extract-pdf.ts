/**
 * The protocol extract (protokollsutdrag) as a PDF (A4, pdfkit, the standard Helvetica: no embedded fonts). Draws the
 * same model as the HTML (extract-model.ts). Text wraps to the column and flows onto new pages; every page carries the
 * page number, a running header after the first page and, for a draft, the "UTKAST – ej justerat" marking (R-K10).
 *
 * The standard fonts use WinAnsiEncoding: å ä ö Å Ä Ö é ü § – ” • are all in it. Text is normalised to NFC (so a
 * decomposed "a" + ring still prints as "å") and a character outside WinAnsi is printed as its base letter or "?",
 * never as a broken glyph.
 */
import PDFDocument from 'pdfkit';
import type { DecisionView } from '../decision.views';
import { buildExtract, type ExtractLine, type ProtocolExtract } from './extract-model';

export function renderExtractPdf(view: DecisionView): Promise<Buffer> {
  return extractToPdf(buildExtract(view));
}

const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const ITALIC_BOLD = 'Helvetica-BoldOblique';
const SIZE = 10.5;
const LINE_GAP = 2;
const RED = '#b00020';
const GREY = '#555555';
const MARGINS = { top: 72, bottom: 64, left: 64, right: 56 };

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

class ExtractPdf {
  private readonly left: number;
  private readonly width: number;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly x: ProtocolExtract,
  ) {
    this.left = MARGINS.left;
    this.width = doc.page.width - MARGINS.left - MARGINS.right;
  }

  draw() {
    this.firstPageHeader();
    this.paragraphHeading();
    for (const s of this.x.sections) {
      this.sectionHeading(s.heading, s.key === 'justering' || s.key === 'rattelser');
      for (const l of s.lines) this.line(l);
    }
    this.certification();
    this.decoratePages();
  }

  // ---- layout helpers ----------------------------------------------------------------------------------------------

  private get maxY() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Starts a new page unless `height` fits below the current position. */
  private ensure(height: number) {
    if (this.doc.y + height > this.maxY) this.doc.addPage();
  }

  private lineHeight(size = SIZE) {
    this.doc.fontSize(size);
    return this.doc.currentLineHeight(true) + LINE_GAP;
  }

  private gap(points: number) {
    if (this.doc.y + points < this.maxY) this.doc.y += points;
  }

  // ---- parts -------------------------------------------------------------------------------------------------------

  private firstPageHeader() {
    const { doc, x, left, width } = this;
    const top = doc.page.margins.top;
    if (x.banner) {
      doc.font(BOLD).fontSize(12);
      const h = doc.heightOfString(pdfText(x.banner), { width: width - 16 }) + 12;
      doc.save().lineWidth(1.5).strokeColor(RED).rect(left, top, width, h).stroke().restore();
      doc.fillColor(RED).text(pdfText(x.banner), left + 8, top + 6.5, { width: width - 16, align: 'center' });
      doc.fillColor('black');
      doc.y = top + h + 14;
    }
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
    doc
      .save()
      .lineWidth(1.2)
      .moveTo(left, bottom)
      .lineTo(left + width, bottom)
      .stroke()
      .restore();
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

  private sectionHeading(heading: string, rule: boolean) {
    const { doc, left, width } = this;
    this.gap(10);
    // Keep a heading with at least three lines of its text.
    this.ensure(this.lineHeight(11.5) + this.lineHeight() * 3 + (rule ? 8 : 0));
    if (rule) {
      doc
        .save()
        .lineWidth(0.6)
        .strokeColor('#999999')
        .moveTo(left, doc.y)
        .lineTo(left + width, doc.y)
        .stroke()
        .restore();
      doc.y += 8;
    }
    doc.font(BOLD).fontSize(11.5).fillColor('black').text(pdfText(heading), left, doc.y, { width });
    doc.y += 3;
  }

  private line(l: ExtractLine) {
    const { doc, left, width } = this;
    switch (l.kind) {
      case 'subheading': {
        this.gap(3);
        this.ensure(this.lineHeight() * 3);
        doc
          .font(ITALIC_BOLD)
          .fontSize(SIZE)
          .fillColor('black')
          .text(pdfText(l.text), left, doc.y, { width, lineGap: LINE_GAP });
        doc.y += 2;
        return;
      }
      case 'text': {
        const indent = l.tone === 'quote' ? 18 : 0;
        const opts = { width: width - indent, lineGap: LINE_GAP };
        this.ensure(this.lineHeight() * 2);
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
        return;
      }
      case 'list': {
        const indent = l.style === 'plain' ? 0 : 22;
        doc.font(FONT).fontSize(SIZE).fillColor('black');
        for (const item of l.items) {
          const textWidth = width - indent;
          const h = doc.heightOfString(pdfText(item.text), { width: textWidth, lineGap: LINE_GAP });
          this.ensure(Math.min(h, this.lineHeight() * 2));
          const y = doc.y;
          const marker = l.style === 'numbered' ? item.marker : l.style === 'bullet' ? '•' : '';
          if (marker)
            doc.text(pdfText(marker), left + (l.style === 'bullet' ? 6 : 0), y, { width: indent, lineBreak: false });
          doc.text(pdfText(item.text), left + indent, y, { width: textWidth, lineGap: LINE_GAP });
          doc.y += 2;
        }
        doc.x = left;
        doc.y += 3;
        return;
      }
      case 'table':
        this.table(l.columns, l.rows, l.footer);
        return;
    }
  }

  private table(columns: string[], rows: string[][], footer?: string[]) {
    const { doc, left } = this;
    const markWidth = 52;
    const firstWidth = Math.min(this.width - markWidth * (columns.length - 1), 280);
    const widths = columns.map((_, i) => (i === 0 ? firstWidth : markWidth));
    const pad = 4;
    const rowHeight = (cells: string[], font: string) => {
      doc.font(font).fontSize(9.5);
      return (
        Math.max(...cells.map((c, i) => doc.heightOfString(pdfText(c) || ' ', { width: widths[i] - 2 * pad }))) +
        2 * pad
      );
    };
    const drawRow = (cells: string[], font: string, fill?: string) => {
      const h = rowHeight(cells, font);
      const y = doc.y;
      let cx = left;
      cells.forEach((c, i) => {
        if (fill) doc.save().rect(cx, y, widths[i], h).fill(fill).restore();
        doc.save().lineWidth(0.5).strokeColor('#888888').rect(cx, y, widths[i], h).stroke().restore();
        doc
          .font(font)
          .fontSize(9.5)
          .fillColor('black')
          .text(pdfText(c), cx + pad, y + pad, { width: widths[i] - 2 * pad, align: i === 0 ? 'left' : 'center' });
        cx += widths[i];
      });
      doc.x = left;
      doc.y = y + h;
    };
    const head = () => drawRow(columns, BOLD, '#eeeeee');
    this.ensure(rowHeight(columns, BOLD) + rowHeight(rows[0] ?? columns, FONT) * 2);
    head();
    for (const r of rows) {
      if (doc.y + rowHeight(r, FONT) > this.maxY) {
        doc.addPage();
        head();
      }
      drawRow(r, FONT);
    }
    if (footer) {
      if (doc.y + rowHeight(footer, BOLD) > this.maxY) doc.addPage();
      drawRow(footer, BOLD);
    }
    doc.y += 6;
  }

  /** R-I12: "Protokollsutdrag – rätt utdraget intygar", the secretary's signature line and name. */
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
    doc.font(FONT).fontSize(SIZE).fillColor('black').text(pdfText(f.certification), left, doc.y, { width: this.width });
    doc.y += 32;
    doc
      .save()
      .lineWidth(0.8)
      .moveTo(left, doc.y)
      .lineTo(left + 220, doc.y)
      .stroke()
      .restore();
    doc.y += 3;
    if (f.secretary) doc.font(FONT).fontSize(SIZE).text(pdfText(f.secretary), left, doc.y, { width: 220 });
    doc
      .font(FONT)
      .fontSize(8.5)
      .fillColor(GREY)
      .text(pdfText(f.role), left, doc.y + 1, { width: 220 });
    doc.fillColor('black');
  }

  /** Page number, running header, and the draft marking on every page. */
  private decoratePages() {
    const { doc, x, left, width } = this;
    const range = doc.bufferedPageRange();
    const ref = `${x.header.municipality}, ${x.header.body} – Protokollsutdrag${x.paragraph.number ? ` ${x.paragraph.number}` : ''} – ${x.header.date}`;
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const margins = doc.page.margins;
      const bottom = margins.bottom;
      margins.bottom = 0; // writing in the margin must not start a new page
      const pageHeight = doc.page.height;
      if (x.draft) {
        doc.save();
        doc.rotate(-35, { origin: [doc.page.width / 2, pageHeight / 2] });
        doc.font(BOLD).fontSize(110).fillColor('#b00020', 0.07);
        doc.text('UTKAST', 0, pageHeight / 2 - 55, { width: doc.page.width, align: 'center', lineBreak: false });
        doc.restore();
      }
      // The first page carries the banner in a box above the header (firstPageHeader).
      if (x.banner && i > range.start) {
        doc
          .font(BOLD)
          .fontSize(9)
          .fillColor(RED)
          .text(pdfText(x.banner), left, 26, { width, align: 'center', lineBreak: false });
      }
      if (i > range.start) {
        doc
          .font(FONT)
          .fontSize(8.5)
          .fillColor(GREY)
          .text(pdfText(ref), left, 42, { width, lineBreak: false, ellipsis: true });
        doc
          .save()
          .lineWidth(0.4)
          .strokeColor('#aaaaaa')
          .moveTo(left, 54)
          .lineTo(left + width, 54)
          .stroke()
          .restore();
      }
      doc
        .save()
        .lineWidth(0.4)
        .strokeColor('#aaaaaa')
        .moveTo(left, pageHeight - 44)
        .lineTo(left + width, pageHeight - 44)
        .stroke()
        .restore();
      doc.font(FONT).fontSize(8.5).fillColor(GREY);
      doc.text(pdfText(`${x.header.municipality} – ${x.header.body}`), left, pageHeight - 38, {
        width: width - 80,
        lineBreak: false,
        ellipsis: true,
      });
      doc.text(`Sida ${i - range.start + 1} (${range.count})`, left + width - 80, pageHeight - 38, {
        width: 80,
        align: 'right',
        lineBreak: false,
      });
      doc.fillColor('black');
      margins.bottom = bottom;
    }
  }
}

// WinAnsiEncoding beyond Latin-1 (pdfkit's map for the standard fonts).
const WIN_ANSI_EXTRA = new Set([
  402, 8211, 8212, 8216, 8217, 8218, 8220, 8221, 8222, 8224, 8225, 8226, 8230, 8364, 8240, 8249, 8250, 710, 8482, 338,
  339, 732, 352, 353, 376, 381, 382,
]);
const FALLBACK: Record<string, string> = {
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u202f': ' ',
  '\u2007': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u200b': '',
  '\u2060': '',
  '\ufeff': '',
  '\u2032': "'",
  '\u2033': '"',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ħ: 'h',
  Ħ: 'H',
  ı: 'i',
};

const encodable = (c: number) => c === 10 || (c >= 32 && c <= 126) || (c >= 160 && c <= 255) || WIN_ANSI_EXTRA.has(c);

/** Text the standard (WinAnsi) fonts can print: NFC, tabs to spaces, other characters to a base letter or "?". */
export function pdfText(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, '    ')) {
    const c = ch.codePointAt(0)!;
    if (encodable(c)) {
      out += ch;
      continue;
    }
    if (ch in FALLBACK) {
      out += FALLBACK[ch];
      continue;
    }
    if (c < 32 || (c >= 127 && c < 160)) continue; // control characters
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    out += base && [...base].every((b) => encodable(b.codePointAt(0)!)) ? base : '?';
  }
  return out;
}
