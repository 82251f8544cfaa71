import fc from 'fast-check';
import type { CostRuleContext, CostRuleInput } from '../../machines/cost/cost.types';
import {
  checkCostRule,
  checkCredit,
  checkInvoiceRun,
  definitionProblems,
  formatSek,
  hostShare,
  lineAmount,
  monthsOf,
  percentToBp,
  planInvoiceRun,
  roundHalfAwayFromZero,
  sekToOre,
  sharesOf,
  splitCost,
} from '../../machines/cost/cost.rules';

// The cost-sharing arithmetic (R-G3, R-G6, D11) and the rules of runs and credits (R-G1, R-G4, R-K9), pure.

const SEED_SAM: CostRuleInput = {
  collaboration: 'dalslandssamverkan',
  scope: { kind: 'common', function: 'Samordnare' },
  title: 'Samordnare',
  host: '1492',
  method: 'percent',
  payers: ['1460', '1438', '1439', '1461'].map((municipality) => ({ municipality, shareBp: 1000 })),
  costBase: 'lönekostnad',
  startMonth: '2022-11',
};
const contextOf = (input: CostRuleInput): CostRuleContext => ({
  ...input,
  adoption: { adoptedOn: '2022-10-31', basis: 'SEED-SAM' },
  councilInformedOn: [],
  runs: [],
  invoices: [],
  credits: [],
});
const run = (over: Record<string, unknown> = {}) => ({
  type: 'INVOICE_RUN_ISSUED' as const,
  from: '2023-03',
  to: '2023-03',
  issuedOn: '2023-04-05',
  costs: [{ amountOre: 5_000_000 }],
  ...over,
});

/** A reference rounding on exact rationals: floor(|n|/d + 1/2) with the sign of n, by string-free BigInt maths. */
const reference = (n: bigint, d: bigint) => {
  const sign = n < 0n ? -1n : 1n;
  const a = n < 0n ? -n : n;
  return sign * ((2n * a + d) / (2n * d));
};

describe('money (R-G6, D11)', () => {
  it('R-G6: rounds half away from zero: 2.5 → 3, −2.5 → −3, 2.4999… → 2, exact halves of large numbers too', () => {
    expect(roundHalfAwayFromZero(5n, 2n)).toBe(3n);
    expect(roundHalfAwayFromZero(-5n, 2n)).toBe(-3n);
    expect(roundHalfAwayFromZero(3n, 2n)).toBe(2n);
    expect(roundHalfAwayFromZero(-3n, 2n)).toBe(-2n);
    expect(roundHalfAwayFromZero(24_999n, 10_000n)).toBe(2n);
    expect(roundHalfAwayFromZero(9_007_199_254_740_993n * 5n, 10n)).toBe(4_503_599_627_370_497n);
    expect(lineAmount(15, { num: 1000, den: 10_000 })).toBe(2); // 1,5 öre → 2
    expect(lineAmount(5_000_005, { num: 1000, den: 10_000 })).toBe(500_001);
  });

  it('R-G6: the rounding agrees with a reference for arbitrary numerators and denominators (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        (n, d) => {
          const r = roundHalfAwayFromZero(n, d);
          expect(r).toBe(reference(n, d));
          // Never more than half an öre away, and a tie goes away from zero.
          const twice = 2n * (n - r * d);
          expect(twice <= d && twice >= -d).toBe(true);
          if (twice === d || twice === -d) expect(r * n >= 0n && (r < 0n ? -r : r) * d >= (n < 0n ? -n : n)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('R-G3, R-G6: the invoices and the host part always add up to the cost exactly (property, any shares ≤ 100 %)', () => {
    const shares = fc
      .array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 8 })
      .filter((bp) => bp.reduce((s, x) => s + x, 0) <= 10_000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_000_000 }), shares, (cost, bps) => {
        const split = splitCost(
          cost,
          bps.map((bp, i) => ({ municipality: String(1000 + i), share: { num: bp, den: 10_000 } })),
        );
        expect(split.lines.reduce((s, l) => s + l.amountOre, 0) + split.hostOre).toBe(cost);
        expect(split.lines.every((l) => Number.isSafeInteger(l.amountOre) && l.amountOre >= 0)).toBe(true);
        // The host's part differs from its exact share by at most half an öre per paying party: compared in BigInt, as
        // cost × share exceeds 2^53 for large costs (a float comparison would be off by its own rounding).
        const hostBp = BigInt(10_000 - bps.reduce((s, x) => s + x, 0));
        const diff = BigInt(split.hostOre) * 10_000n - BigInt(cost) * hostBp;
        expect(diff < 0n ? -diff : diff).toBeLessThanOrEqual(BigInt(bps.length) * 5_000n);
      }),
      { numRuns: 2000 },
    );
  });

  it('equal and population shares are exact fractions; the same sum holds (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 2, maxLength: 6 }),
        (cost, population) => {
          const codes = population.map((_, i) => String(2000 + i));
          const base = {
            ...SEED_SAM,
            host: codes[0],
            payers: codes.slice(1).map((municipality) => ({ municipality })),
          };
          for (const rule of [
            { ...base, method: 'equal' as const },
            {
              ...base,
              method: 'population' as const,
              population: {
                figures: codes.map((municipality, i) => ({ municipality, inhabitants: population[i] })),
                source: 'test',
                asOf: '2022-12-31',
              },
            },
          ]) {
            const shares = sharesOf(rule);
            const host = hostShare(rule);
            expect(shares.reduce((s, x) => s + x.share.num, 0) + host.num).toBe(host.den);
            const split = splitCost(cost, shares);
            expect(split.lines.reduce((s, l) => s + l.amountOre, 0) + split.hostOre).toBe(cost);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('kronor and percent are read exactly (never through a float) and written the Swedish way', () => {
    expect(sekToOre('50000.00')).toBe(5_000_000);
    expect(sekToOre('0,1')).toBe(10);
    expect(sekToOre('1.005')).toBeNull();
    expect(sekToOre('1000000000000.00')).toBe(100_000_000_000_000); // MAX_ORE
    expect(sekToOre('1000000000000.01')).toBeNull(); // above MAX_ORE
    expect(percentToBp('10')).toBe(1000);
    expect(percentToBp('12,5')).toBe(1250);
    expect(percentToBp('0.07')).toBe(7);
    expect(percentToBp('10.001')).toBeNull();
    expect(formatSek(500_000)).toBe('5 000,00');
    expect(formatSek(123_456_789)).toBe('1 234 567,89');
    expect(formatSek(5)).toBe('0,05');
    expect(formatSek(-1234)).toBe('-12,34');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_000_000 }), (ore) => {
        expect(sekToOre(formatSek(ore))).toBe(ore);
      }),
    );
  });
});

describe('a rule and its runs (R-G1, R-G3, R-G4, R-K9)', () => {
  it('R-G3: shares over 100 % are refused; exactly 100 % is not; R-G4: parties outside the scope are refused', () => {
    const over = { ...SEED_SAM, payers: SEED_SAM.payers.map((p) => ({ ...p, shareBp: 2501 })) };
    expect(checkCostRule(over, null)).toMatchObject({ code: 'SHARES_EXCEED_100', ruleId: 'R-G3' });
    const exact = { ...SEED_SAM, payers: SEED_SAM.payers.map((p) => ({ ...p, shareBp: 2500 })) };
    expect(checkCostRule(exact, null)).toBeNull();
    expect(hostShare(SEED_SAM)).toEqual({ num: 6000, den: 10_000 });
    expect(checkCostRule(SEED_SAM, ['1460', '1438', '1439', '1461'])).toMatchObject({
      code: 'NOT_A_PARTY',
      ruleId: 'R-G4',
      details: { municipality: '1492' },
    });
    expect(checkCostRule(SEED_SAM, ['1460', '1438', '1439', '1461', '1492'])).toBeNull();
  });

  it('a definition that does not fit its method names the field', () => {
    expect(definitionProblems(SEED_SAM)).toEqual([]);
    const fields = (rule: CostRuleInput) => definitionProblems(rule).map((p) => p.field);
    expect(fields({ ...SEED_SAM, payers: [{ municipality: '1460' }] })).toEqual(['payers[0].sharePercent']);
    expect(fields({ ...SEED_SAM, method: 'equal' })).toHaveLength(4);
    expect(fields({ ...SEED_SAM, payers: [...SEED_SAM.payers, { municipality: '1460', shareBp: 1 }] })).toEqual([
      'payers[4].municipality',
    ]);
    expect(fields({ ...SEED_SAM, method: 'population', payers: [{ municipality: '1460' }] })).toEqual([
      'population',
      'population.figures',
      'population.figures',
    ]);
    expect(fields({ ...SEED_SAM, endMonth: '2022-10' })).toEqual(['endMonth']);
  });

  it('R-G1, R-G4, R-G6: a run is refused before the start, after the end, for a non-party or the host, or with costs that miss a month', () => {
    const c = contextOf({ ...SEED_SAM, endMonth: '2023-12' });
    expect(checkInvoiceRun(c, run())).toBeNull();
    expect(checkInvoiceRun(c, run({ from: '2022-10', to: '2022-10' }))).toMatchObject({ code: 'PERIOD_BEFORE_START' });
    expect(checkInvoiceRun(c, run({ from: '2023-12', to: '2024-01' }))).toMatchObject({ code: 'PERIOD_AFTER_END' });
    expect(checkInvoiceRun(c, run({ parties: ['1984'] }))).toMatchObject({ code: 'NOT_A_PARTY', ruleId: 'R-G4' });
    expect(checkInvoiceRun(c, run({ parties: ['1492'] }))).toMatchObject({
      code: 'NOT_A_PARTY',
      details: { host: true },
    });
    const quarter = { from: '2023-01', to: '2023-03' };
    expect(checkInvoiceRun(c, run({ ...quarter, costs: [{ amountOre: 1 }] }))).toBeNull();
    const months = monthsOf('2023-01', '2023-03').map((month) => ({ month, amountOre: 1 }));
    expect(checkInvoiceRun(c, run({ ...quarter, costs: months }))).toBeNull();
    for (const costs of [
      months.slice(1),
      [...months, months[0]],
      [{ month: '2023-04', amountOre: 1 }],
      [{ amountOre: -1 }],
      [{ amountOre: 0.5 }],
    ])
      expect(checkInvoiceRun(c, run({ ...quarter, costs }))).toMatchObject({
        code: 'COSTS_DO_NOT_MATCH_PERIOD',
        ruleId: 'R-G6',
      });
  });

  it('R-K9: an invoiced month is invoiced again only after a full credit; credits are bounded by what remains', () => {
    let c = contextOf(SEED_SAM);
    const first = planInvoiceRun(c, run());
    c = { ...c, runs: [first.run], invoices: first.invoices };
    expect(first.invoices.map((i) => [i.number, i.amountOre])).toEqual([
      ['1-1460', 500_000],
      ['1-1438', 500_000],
      ['1-1439', 500_000],
      ['1-1461', 500_000],
    ]);
    expect(first.run.hostOre).toBe(3_000_000);
    expect(checkInvoiceRun(c, run({ from: '2023-02', to: '2023-04' }))).toMatchObject({
      code: 'PERIOD_ALREADY_INVOICED',
    });
    expect(checkInvoiceRun(c, run({ from: '2023-04', to: '2023-04' }))).toBeNull();
    const credit = (over: Record<string, unknown>) => ({
      type: 'INVOICE_CREDITED' as const,
      invoice: '1-1460',
      issuedOn: '2023-04-10',
      reason: 'fel',
      ...over,
    });
    expect(checkCredit(c, credit({ invoice: '9-1460' }))).toMatchObject({ code: 'NO_SUCH_INVOICE' });
    expect(checkCredit(c, credit({ issuedOn: '2023-04-04' }))).toMatchObject({ code: 'CREDIT_BEFORE_INVOICE' });
    expect(checkCredit(c, credit({ amountOre: 500_001 }))).toMatchObject({ code: 'CREDIT_EXCEEDS_INVOICE' });
    expect(checkCredit(c, credit({ amountOre: 0 }))).toMatchObject({ code: 'CREDIT_EXCEEDS_INVOICE' });
    expect(checkCredit(c, credit({ amountOre: 500_000 }))).toBeNull();
    c = {
      ...c,
      credits: [
        {
          number: 'K1',
          creditOf: '1-1460',
          municipality: '1460',
          amountOre: 500_000,
          issuedOn: '2023-04-10',
          reason: 'fel',
        },
      ],
    };
    expect(checkCredit(c, credit({}))).toMatchObject({
      code: 'CREDIT_EXCEEDS_INVOICE',
      details: { fullyCredited: true },
    });
    expect(checkInvoiceRun(c, run({ parties: ['1460'] }))).toBeNull();
    expect(checkInvoiceRun(c, run())).toMatchObject({
      code: 'PERIOD_ALREADY_INVOICED',
      details: { invoice: '1-1438' },
    });
    // A run for one party after a credit: the host's part of the run is still its part of the cost.
    expect(planInvoiceRun(c, run({ parties: ['1460'] }))).toMatchObject({
      run: { run: 2, hostOre: 3_000_000, invoices: ['2-1460'] },
    });
  });

  it('R-A3: nothing but the shares of the cost is computed: an invoice is the sum of its lines, each cost × share', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 12 }), (amounts) => {
        const months = monthsOf('2023-01', '2023-12').slice(0, amounts.length);
        const { run: r, invoices } = planInvoiceRun(
          contextOf(SEED_SAM),
          run({
            from: months[0],
            to: months[months.length - 1],
            costs: months.map((month, i) => ({ month, amountOre: amounts[i] })),
          }),
        );
        for (const inv of invoices) {
          expect(inv.amountOre).toBe(inv.lines.reduce((s, l) => s + l.amountOre, 0));
          inv.lines.forEach((l, i) => expect(l.amountOre).toBe(lineAmount(amounts[i], l.share)));
        }
        expect(invoices.reduce((s, i) => s + i.amountOre, 0) + r.hostOre).toBe(r.totalCostOre);
      }),
    );
  });
});
