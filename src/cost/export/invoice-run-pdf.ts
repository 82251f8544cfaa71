/**
 * The issued invoices of a run as a PDF (A4, pdfkit), one page per invoice: the host invoices the party its share of
 * the cost under the rule, line by line, and nothing else (R-A3: no interest, fees or damages). Kept like the
 * protocol extract (src/decision/extract): PDF/A-3b with DejaVu Sans embedded (src/common/pdf-archive.ts), every text
 * through pdfText so that a character outside WinAnsi becomes its base letter, never a broken glyph.
 */
import { archivalPdf, pdfBytes, PDF_BOLD, PDF_FONT } from '../../common/pdf-archive';
import type { CostRuleContext } from '../../../machines/cost/cost.types';
import { pdfText } from '../../decision/extract/pdf-text';
import type { InvoiceRunView, InvoiceView } from '../cost.views';
import { genitiveSv } from '../../../machines/kernel/swedish-genitive';

const FONT = PDF_FONT;
const BOLD = PDF_BOLD;
const GREY = '#555555';
const RED = '#b00020';
const MARGIN = 64;

export async function invoiceRunPdf(rule: CostRuleContext, run: InvoiceRunView): Promise<Buffer> {
  const doc = archivalPdf({
    size: 'A4',
    margin: MARGIN,
    lang: 'sv-SE',
    displayTitle: true,
    autoFirstPage: false,
    info: {
      Title: pdfText(`Fakturor ${rule.title}, körning ${run.run}`),
      Author: pdfText(run.invoices[0]?.host.name ?? rule.host),
      Creator: 'Samverkan',
      Keywords: 'kostnadsfördelning faktura',
    },
  });
  return pdfBytes(doc, () => {
    for (const invoice of run.invoices) drawInvoice(doc, rule, run, invoice);
  });
}

function drawInvoice(doc: PDFKit.PDFDocument, rule: CostRuleContext, run: InvoiceRunView, i: InvoiceView) {
  doc.addPage();
  const width = doc.page.width - 2 * MARGIN;
  if (run.note) {
    doc.font(BOLD).fontSize(10).fillColor(RED).text(pdfText(run.note), MARGIN, doc.y, { width });
    doc.fillColor('black').moveDown(0.8);
  }
  drawHeader(doc, rule, i, width);
  drawLines(doc, i, width);
  doc
    .font(FONT)
    .fontSize(9)
    .fillColor(GREY)
    .text(
      pdfText(
        `Beloppet är ${genitiveSv(i.municipality.name)} andel av kostnaden enligt kostnadsregeln, avrundad till hela öre ` +
          '(avrundning bort från noll per rad); värdkommunen bär resten. Fakturan ändras aldrig, den krediteras.',
      ),
      MARGIN,
      doc.y,
      { width },
    );
  doc.fillColor('black');
}

/** The host and FAKTURA with its number, then the invoice's facts: to whom, date, period, rule and cost base. */
function drawHeader(doc: PDFKit.PDFDocument, rule: CostRuleContext, i: InvoiceView, width: number) {
  const left = MARGIN;
  const t = (s: string) => pdfText(s);
  const top = doc.y;
  doc
    .font(BOLD)
    .fontSize(15)
    .text(t(i.host.name), left, top, { width: width * 0.6 });
  doc
    .font(FONT)
    .fontSize(10)
    .fillColor(GREY)
    .text('Värdkommun', left, doc.y + 2, { width: width * 0.6 });
  doc.fillColor('black').font(BOLD).fontSize(16).text('FAKTURA', left, top, { width, align: 'right' });
  doc
    .font(FONT)
    .fontSize(10)
    .text(t(`Nr ${i.number}`), left, doc.y + 2, { width, align: 'right' });
  doc.y = Math.max(doc.y, top + 40) + 20;
  const field = (label: string, value: string) => {
    const y = doc.y;
    doc.font(FONT).fontSize(9).fillColor(GREY).text(t(label), left, y, { width: 130 });
    doc
      .fillColor('black')
      .fontSize(10.5)
      .text(t(value), left + 135, y, { width: width - 135 });
    doc.moveDown(0.35);
  };
  field('Till', `${i.municipality.name} (${i.municipality.code})`);
  field('Fakturadatum', i.issuedOn);
  field('Period', i.from === i.to ? i.from : `${i.from} – ${i.to}`);
  field('Kostnadsregel', rule.title);
  field('Kostnadsunderlag', rule.costBase);
  doc.moveDown(1);
}

/** One row per cost line (month, cost, share, amount) and the sum to pay. */
function drawLines(doc: PDFKit.PDFDocument, i: InvoiceView, width: number) {
  const left = MARGIN;
  const cols = [left, left + width * 0.3, left + width * 0.55, left + width * 0.75];
  const colWidth = [width * 0.28, width * 0.23, width * 0.18, width * 0.25];
  const row = (cells: string[], font: string) => {
    const y = doc.y;
    doc.font(font).fontSize(10);
    cells.forEach((c, k) =>
      doc.text(pdfText(c), cols[k], y, { width: colWidth[k], align: k === 0 ? 'left' : 'right' }),
    );
    doc.y = y + 16;
  };
  row(['Avser', 'Kostnad (kr)', 'Andel', 'Belopp (kr)'], BOLD);
  doc
    .save()
    .lineWidth(0.6)
    .moveTo(left, doc.y - 3)
    .lineTo(left + width, doc.y - 3)
    .stroke()
    .restore();
  for (const l of i.lines) row([l.month ?? `${i.from} – ${i.to}`, l.cost, l.share.percent, l.amount], FONT);
  doc
    .save()
    .lineWidth(0.6)
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .stroke()
    .restore();
  doc.y += 6;
  row(['Att betala', '', '', `${i.amount} kr`], BOLD);
  doc.moveDown(1.5);
}
