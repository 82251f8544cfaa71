import PDFDocument from 'pdfkit';
import type { DecisionView } from '../decision.views';

export function renderExtractPdf(view: DecisionView): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text(`Protokollsutdrag ${view.paragraphNumber ?? ''}`);
    doc.end();
  });
}
