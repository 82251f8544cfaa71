/**
 * The documents people keep (issue 12 §7): the protokollsutdrag and the invoices as PDF/A-3b. No full PDF/A validator
 * installs here, so this checks what can be checked with Debian's poppler-utils and qpdf (installed by .ci/run where
 * missing): pdffonts shows every font embedded, the XMP names the PDF/A part (pdfaid:part 3, conformance B), an output
 * intent is there, nothing is encrypted and `qpdf --check` finds no error. And the certification ("rätt utdraget
 * intygar") is dated and never stands alone on a page. The models are built by hand: no database.
 */
import type { CostRuleContext } from '../../machines/cost/cost.types';
import type { InvoiceRunView } from '../../src/cost/cost.views';
import { invoiceRunPdf } from '../../src/cost/export/invoice-run-pdf';
import { extractToPdf } from '../../src/decision/extract/extract-pdf';
import type { ExtractLine, ProtocolExtract } from '../../src/decision/extract/extract-model';
import { CERTIFICATION, DRAFT_BANNER } from '../../src/decision/extract/extract-model';
import { pdfArchiveFacts, pdfPageRuns, pdfPlainText } from '../e2e/kit/pdf';

const text = (t: string, lead?: string): ExtractLine => ({ kind: 'text', text: t, lead });

function extract(lines: ExtractLine[], over: Partial<ProtocolExtract> = {}): ProtocolExtract {
  return {
    title: 'Protokollsutdrag § 45 – Socialnämnden, Melleruds kommun, 2024-04-23 & <bilagor>',
    draft: false,
    example: false,
    banner: null,
    header: {
      municipality: 'Melleruds kommun',
      documentKind: 'PROTOKOLLSUTDRAG',
      body: 'Socialnämnden',
      dateLabel: 'Sammanträdesdatum',
      date: '2024-04-23',
      place: 'Stadshuset, Mellerud',
    },
    paragraph: { number: '§ 45', title: 'Avsiktsförklaring för ett gemensamt socialt område', dnr: 'Dnr SN 2024/15' },
    sections: [
      { key: 'beslut', heading: 'Beslut', lines: [text('Socialnämnden beslutar att anta avsiktsförklaringen.')] },
      { key: 'motivering', heading: 'Ärendebeskrivning', lines },
    ],
    footer: {
      certification: CERTIFICATION,
      secretary: 'Eva Exempelsson',
      role: 'Sekreterare',
      note: null,
      dated: '2024-06-03',
    },
    ...over,
  } as ProtocolExtract;
}

function expectArchival(pdf: Buffer) {
  const facts = pdfArchiveFacts(pdf);
  expect(facts.fonts.length).toBeGreaterThan(0);
  for (const f of facts.fonts) {
    expect(f.name).toMatch(/^[A-Z]{6}\+DejaVuSans/);
    expect(f.embedded).toBe(true);
  }
  expect(facts.pdfaPart).toBe('3');
  expect(facts.pdfaConformance).toBe('B');
  expect(facts.outputIntent).toBe(true);
  expect(facts.encrypted).toBe(false);
  expect({ ok: facts.qpdfOk, out: facts.qpdfOutput }).toEqual({ ok: true, out: expect.any(String) });
}

describe('the protokollsutdrag as PDF/A-3b', () => {
  it('embeds every font, names PDF/A-3b in its XMP, has an output intent, is not encrypted and passes qpdf --check', async () => {
    expectArchival(await extractToPdf(extract([text('Åsa Öberg och Ärling Åström yrkar bifall.', 'Yrkanden')])));
  });

  it('a draft of several pages with a vote table, and an example, are PDF/A-3b too', async () => {
    const long = Array.from({ length: 80 }, (_, i) =>
      text(`Stycke ${i + 1}: samverkan mellan Mellerud och Bengtsfors.`),
    );
    const table: ExtractLine = {
      kind: 'table',
      columns: ['Ledamot', 'Ja', 'Nej', 'Avstår'],
      rows: [['Marianne Sand Wallin (S)', '', 'X', '']],
      footer: ['Summa', '0', '1', '0'],
    };
    const draft = await extractToPdf(extract([...long, table], { draft: true, banner: DRAFT_BANNER }));
    expect(pdfPageRuns(draft).length).toBeGreaterThan(1);
    expectArchival(draft);
    expectArchival(await extractToPdf(extract([text('x')], { example: true, banner: 'EXEMPEL' })));
  });

  it('dates the certification', async () => {
    const plain = pdfPlainText(await extractToPdf(extract([text('Underlag.')])));
    expect(plain).toContain(`${CERTIFICATION} Datum: 2024-06-03 Eva Exempelsson Sekreterare`);
  });

  it('never lets the certification stand alone on a page, however much text comes before it', async () => {
    // From one to two pages of text: one of these lengths ends the text where the certification no longer fits.
    let lastPages = 1;
    for (let n = 30; n <= 75; n += 3) {
      const lines = Array.from({ length: n }, (_, i) => text(`Rad ${i + 1} av ärendebeskrivningen.`));
      // The last line a long paragraph, which flows over to the certification's page.
      lines.push(text(Array.from({ length: 12 }, () => 'Sista stycket om samverkan i Dalsland.').join(' ')));
      const pages = pdfPageRuns(await extractToPdf(extract(lines)));
      const page = pages.find((runs) => runs.includes(CERTIFICATION))!;
      // Body text is drawn before the page decoration: something of the text stands above the certification.
      expect({ n, textAbove: page.indexOf(CERTIFICATION) > 0 }).toEqual({ n, textAbove: true });
      expect(page.slice(0, page.indexOf(CERTIFICATION)).join(' ')).toMatch(/Rad \d+|samverkan i Dalsland/);
      lastPages = Math.max(lastPages, pages.length);
    }
    expect(lastPages).toBeGreaterThan(1); // the lengths did cross a page break
  });
});

describe('the invoices as PDF/A-3b', () => {
  const rule = {
    title: 'Gemensam socialchef',
    host: '1461',
    costBase: 'Lönekostnad för socialchefen',
  } as unknown as CostRuleContext;
  const invoice = (code: string, name: string) => ({
    id: `i-${code}`,
    number: `1-${code}`,
    costRuleId: 'r',
    run: 1,
    municipality: { code, name },
    host: { code: '1461', name: 'Melleruds kommun' },
    from: '2024-01',
    to: '2024-02',
    issuedOn: '2024-03-05',
    costBase: rule.costBase,
    lines: ['2024-01', '2024-02'].map((month) => ({
      month,
      costOre: 5000000,
      cost: '50 000,00',
      share: { num: 5000, den: 10000, percent: '50,00 %' },
      amountOre: 2500000,
      amount: '25 000,00',
    })),
    amountOre: 5000000,
    amount: '50 000,00',
    creditedOre: 0,
    standing: true,
    credits: [],
  });
  const run = {
    preview: false,
    costRuleId: 'r',
    run: 1,
    from: '2024-01',
    to: '2024-02',
    issuedOn: '2024-03-05',
    totalCostOre: 10000000,
    totalCost: '100 000,00',
    hostOre: 5000000,
    hostAmount: '50 000,00',
    invoices: [invoice('1460', 'Bengtsfors kommun'), invoice('1438', 'Dals-Eds kommun')],
  } as unknown as InvoiceRunView;

  it('embeds every font, names PDF/A-3b, has an output intent, is not encrypted and passes qpdf --check', async () => {
    const pdf = await invoiceRunPdf(rule, run);
    expectArchival(pdf);
    const pages = pdfPageRuns(pdf);
    expect(pages).toHaveLength(2);
    expect(pages[1].join(' ')).toContain('Dals-Eds kommun');
    expect(pdfPlainText(pdf)).toContain('Beloppet är Dals-Eds kommuns andel av kostnaden');
  });
});
