import { createHash } from 'node:crypto';
import {
  consistencyRanges,
  inclusionRanges,
  leafHash,
  rangeRoots,
  rootOf,
  verifyConsistency,
  verifyInclusion,
} from '../../src/checkpoint/merkle';
import { perfectParts, SubtreeSweep } from '../../src/checkpoint/subtree-sweep';

// The evidence package's proofs (issue 10 §3, §8): every inclusion and consistency proof from one pass over the
// leaves must equal the one merkle.ts builds a proof at a time (itself checked against the RFC 6962 vectors).
const leaves = (n: number) =>
  Array.from({ length: n }, (_v, i) => leafHash(createHash('sha256').update(`leaf ${i}`).digest()));

async function* stream(list: Buffer[]): AsyncIterable<Buffer> {
  for (const l of list) yield l;
}

describe('SubtreeSweep: many proofs in one pass', () => {
  it('splits a node into its perfect aligned subtrees, largest first', () => {
    expect(perfectParts({ start: 8, end: 15 })).toEqual([
      { start: 8, level: 2 },
      { start: 12, level: 1 },
      { start: 14, level: 0 },
    ]);
    expect(perfectParts({ start: 0, end: 16 })).toEqual([{ start: 0, level: 4 }]);
  });

  it('gives every inclusion proof of every tree up to 40 leaves exactly as inclusionRanges + rangeRoots', async () => {
    for (let size = 1; size <= 40; size++) {
      const all = leaves(size);
      const root = rootOf(all);
      const sweep = new SubtreeSweep();
      const asked: Array<{ index: number; ranges: ReturnType<typeof inclusionRanges> }> = [];
      for (let i = 0; i < size; i++) {
        asked.push({ index: i, ranges: sweep.wantInclusion(size) });
        sweep.push(all[i]);
      }
      for (const { index, ranges } of asked) {
        const proof = ranges.map((r) => sweep.rootOf(r));
        expect(proof).toEqual(await rangeRoots(stream(all), inclusionRanges(index, size)));
        expect(verifyInclusion(index, size, all[index], proof, root)).toBe(true);
      }
    }
  });

  it('gives the consistency proofs between every two sizes of a tree of 33 leaves in the same pass', async () => {
    const all = leaves(33);
    const pairs: Array<[number, number]> = [];
    for (let from = 1; from <= 33; from++) for (let to = from; to <= 33; to++) pairs.push([from, to]);
    const sweep = new SubtreeSweep();
    for (const [from, to] of pairs) for (const r of consistencyRanges(from, to)) sweep.want(r);
    for (const leaf of all) sweep.push(leaf);
    for (const [from, to] of pairs) {
      const proof = consistencyRanges(from, to).map((r) => sweep.rootOf(r));
      expect(proof).toEqual(await rangeRoots(stream(all), consistencyRanges(from, to)));
      expect(verifyConsistency(from, to, proof, rootOf(all.slice(0, from)), rootOf(all.slice(0, to)))).toBe(true);
    }
  });

  it('refuses a node asked for after the pass went by it, and one not built yet', () => {
    const sweep = new SubtreeSweep();
    for (const leaf of leaves(6)) sweep.push(leaf);
    expect(() => sweep.want({ start: 0, end: 2 })).toThrow(RangeError); // merged into [0, 4) already
    sweep.want({ start: 6, end: 8 });
    expect(() => sweep.rootOf({ start: 6, end: 8 })).toThrow(RangeError);
  });
});
