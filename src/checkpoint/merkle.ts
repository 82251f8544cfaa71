import { createHash } from 'node:crypto';

/**
 * RFC 9162 (RFC 6962) Merkle tree hashing, proofs and their verification, over SHA-256. Pure: no I/O. The leaves are
 * given as their leaf hashes (`leafHash(data)`); a tree of n leaves is MTH(D[0:n]) with the split at the largest power
 * of two smaller than n.
 */

export const HASH_BYTES = 32;

export function leafHash(data: Uint8Array): Buffer {
  return createHash('sha256')
    .update(Buffer.from([0x00]))
    .update(data)
    .digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256')
    .update(Buffer.from([0x01]))
    .update(left)
    .update(right)
    .digest();
}

/** The root of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT = createHash('sha256').digest();

/** The largest power of two smaller than n (n > 1). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The roots of the perfect subtrees of the leaves pushed so far, largest first (a compact range from 0): O(log n)
 * memory for any number of leaves, so a root over a million rows streams.
 */
export class CompactRange {
  private readonly hashes: Buffer[] = [];
  private readonly sizes: number[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(leaf: Buffer): void {
    let hash = leaf;
    let size = 1;
    while (this.sizes.length && this.sizes[this.sizes.length - 1] === size) {
      hash = nodeHash(this.hashes.pop()!, hash);
      size += this.sizes.pop()!;
    }
    this.hashes.push(hash);
    this.sizes.push(size);
    this.count++;
  }

  /** MTH of the leaves pushed so far: the subtree roots folded from the right. */
  root(): Buffer {
    if (!this.hashes.length) return EMPTY_ROOT;
    let hash = this.hashes[this.hashes.length - 1];
    for (let i = this.hashes.length - 2; i >= 0; i--) hash = nodeHash(this.hashes[i], hash);
    return hash;
  }
}

/** MTH over leaf hashes (an in-memory convenience; the service streams with CompactRange). */
export function rootOf(leaves: Iterable<Buffer>): Buffer {
  const range = new CompactRange();
  for (const leaf of leaves) range.push(leaf);
  return range.root();
}

/** A range of leaves [start, end) whose MTH a proof needs. */
export interface LeafRange {
  start: number;
  end: number;
}

/** The subtree roots an inclusion proof of leaf `index` in a tree of `size` consists of, in proof order (§2.1.3.1). */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  if (!(index >= 0 && index < size)) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const out: LeafRange[] = [];
  const path = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      path(m, start, start + k);
      out.push({ start: start + k, end });
    } else {
      path(m - k, start + k, end);
      out.push({ start, end: start + k });
    }
  };
  path(index, 0, size);
  return out;
}

/** The subtree roots a consistency proof from `from` to `to` leaves consists of, in proof order (§2.1.4.1). */
export function consistencyRanges(from: number, to: number): LeafRange[] {
  if (!(from >= 0 && from <= to)) throw new RangeError(`no consistency proof from ${from} to ${to}`);
  const out: LeafRange[] = [];
  if (from === 0 || from === to) return out;
  const sub = (m: number, start: number, end: number, whole: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!whole) out.push({ start, end });
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      sub(m, start, start + k, whole);
      out.push({ start: start + k, end });
    } else {
      sub(m - k, start + k, end, false);
      out.push({ start, end: start + k });
    }
  };
  sub(from, 0, to, true);
  return out;
}

/**
 * The MTH of each range, from one pass over the leaves in order (`leaves` yields leaf hashes from index 0): the
 * ranges of a proof are disjoint, so the pass holds one compact range per range, never the leaves.
 */
export async function rangeRoots(leaves: AsyncIterable<Buffer>, ranges: LeafRange[]): Promise<Buffer[]> {
  const ranged = ranges.map((r) => ({ ...r, acc: new CompactRange() }));
  const end = Math.max(0, ...ranges.map((r) => r.end));
  let index = 0;
  if (end > 0) {
    for await (const leaf of leaves) {
      for (const r of ranged) if (index >= r.start && index < r.end) r.acc.push(leaf);
      if (++index >= end) break;
    }
  }
  if (index < end) throw new RangeError(`the log has ${index} leaves, fewer than the ${end} a proof needs`);
  return ranged.map((r) => r.acc.root());
}

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.compare(a, b) === 0;
const wellFormed = (hashes: Uint8Array[]) => hashes.every((h) => h.length === HASH_BYTES);

/** RFC 9162 §2.1.3.2: does `proof` show leaf `index` (its leaf hash) in the tree of `size` with `root`? */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!(index >= 0 && index < size) || leaf.length !== HASH_BYTES || !wellFormed(proof)) return false;
  let fn = index;
  let sn = size - 1;
  let r: Uint8Array = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(r, root);
}

/** RFC 9162 §2.1.4.2: does `proof` show the tree of `to` leaves with `toRoot` extends the one of `from` with `fromRoot`? */
export function verifyConsistency(
  from: number,
  to: number,
  proof: Uint8Array[],
  fromRoot: Uint8Array,
  toRoot: Uint8Array,
): boolean {
  if (!(from >= 0 && from <= to) || !wellFormed(proof)) return false;
  if (from === to) return proof.length === 0 && equal(fromRoot, toRoot);
  if (from === 0) return false; // the empty tree is consistent with every tree; a proof of it proves nothing
  if (!proof.length) return false;
  const path: Uint8Array[] = isPowerOfTwo(from) ? [fromRoot, ...proof] : [...proof];
  let fn = from - 1;
  let sn = to - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr: Uint8Array = path[0];
  let sr: Uint8Array = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(fr, fromRoot) && equal(sr, toRoot);
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && Number.isInteger(Math.log2(n));
}
