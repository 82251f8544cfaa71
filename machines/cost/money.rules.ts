/**
 * Money and shares of a cost rule (R-G3, R-G6, DECISIONS D11): amounts are integers of öre, never floats; a share
 * is an exact fraction (percent as basis points over 10 000, equal as 1 over n, population as inhabitants over the
 * total); each invoice line is cost × share rounded half away from zero, and the host carries the residue, so the
 * invoices and the host's part always add up to the cost exactly. The products are computed in BigInt, so no
 * amount or population the input limits allow can lose a digit.
 */

/** An exact share: numerator over denominator (den > 0, 0 ≤ num ≤ den). */
export interface Share {
  num: number;
  den: number;
}

/** 100 % in basis points: a percent with up to two decimals is an integer of basis points. */
export const FULL_BP = 10_000;

/** The largest amount one cost line or invoice may carry, in öre (a thousand billion kronor: far beyond any cost). */
export const MAX_ORE = 100_000_000_000_000;

/**
 * R-G6: num / den rounded half away from zero (2.5 → 3, −2.5 → −3), exactly, for integers of any size.
 */
export function roundHalfAwayFromZero(num: bigint, den: bigint): bigint {
  if (den <= 0n) throw new RangeError('The denominator must be positive');
  const negative = num < 0n;
  const n = negative ? -num : num;
  const q = n / den;
  const r = n % den;
  const rounded = 2n * r >= den ? q + 1n : q;
  return negative ? -rounded : rounded;
}

/** R-G6: one invoice line: the cost in öre times the share, rounded half away from zero. */
export function lineAmount(costOre: number, share: Share): number {
  return Number(roundHalfAwayFromZero(BigInt(costOre) * BigInt(share.num), BigInt(share.den)));
}

/**
 * R-G3, R-G6: the cost split between the paying parties (each line rounded) and the host, who carries the rest: the
 * host's part is the cost minus the invoiced lines, so the parts always add up to the cost to the öre.
 */
export function splitCost(
  costOre: number,
  shares: ReadonlyArray<{ municipality: string; share: Share }>,
): { lines: Array<{ municipality: string; amountOre: number }>; hostOre: number } {
  const lines = shares.map((s) => ({ municipality: s.municipality, amountOre: lineAmount(costOre, s.share) }));
  return { lines, hostOre: costOre - lines.reduce((sum, l) => sum + l.amountOre, 0) };
}

/** A percent with up to two decimals, written `10`, `10.5`, `10,25` → basis points (1 000 for 10 %); null if not one. */
export function percentToBp(text: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Basis points as a percent the way a Swedish reader writes it: 1000 → "10,00 %". */
export function formatBp(bp: number): string {
  return `${Math.floor(bp / 100)},${String(bp % 100).padStart(2, '0')} %`;
}

/** An amount in kronor, `50000`, `50000.00`, `50 000,5` → öre (5 000 000); null if not one (at most two decimals). */
export function sekToOre(text: string): number | null {
  const m = /^(\d{1,15})(?:[.,](\d{1,2}))?$/.exec(text.trim().replace(/[ \u00a0\u202f]/g, ''));
  if (!m) return null;
  const ore = BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
  return ore > BigInt(MAX_ORE) ? null : Number(ore);
}

/**
 * Öre as Swedish kronor with a decimal comma and a space between thousands: 500000 → "5 000,00", −1234 → "−12,34"
 * (a plain hyphen-minus, so a spreadsheet reads it).
 */
export function formatSek(ore: number): string {
  const negative = ore < 0;
  const abs = Math.abs(ore);
  const kronor = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${negative ? '-' : ''}${kronor},${String(abs % 100).padStart(2, '0')}`;
}
