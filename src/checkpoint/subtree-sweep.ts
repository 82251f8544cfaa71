import { inclusionRanges, nodeHash, type LeafRange } from './merkle';

/**
 * Many RFC 9162 proofs from one pass over the leaves: an evidence package needs an inclusion proof for each of its
 * rows and a consistency proof between each two of its checkpoints, and one pass per proof would read the log once
 * per row. Every node of a proof is a subtree [start, end) of the tree, which is a run of perfect, aligned subtrees
 * (the binary digits of its width, largest first); the pass builds each perfect subtree exactly once as it merges
 * (as a compact range does), keeps the ones asked for, and a proof node is folded from them. Pure: no I/O.
 */

interface Perfect {
  start: number;
  level: number;
  hash: Buffer;
}

/** The perfect aligned subtrees that make up [start, end), largest first (start is aligned, as in every RFC node). */
export function perfectParts(range: LeafRange): Array<{ start: number; level: number }> {
  const out: Array<{ start: number; level: number }> = [];
  let start = range.start;
  let rest = range.end - range.start;
  for (let level = 52; level >= 0 && rest > 0; level--) {
    const width = 2 ** level;
    if (rest >= width) {
      out.push({ start, level });
      start += width;
      rest -= width;
    }
  }
  return out;
}

export class SubtreeSweep {
  /** The compact range of the leaves so far: perfect subtrees, largest first. */
  private readonly stack: Perfect[] = [];
  /** The perfect subtrees asked for, by level then start: null until the pass has built them. */
  private readonly wanted = new Map<number, Map<number, Buffer | null>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  /**
   * Asks for the root of `range`. Its parts after the leaves pushed so far are kept when built; a part before them
   * must be one of the compact range's subtrees now (a left sibling of the next leaf always is).
   */
  want(range: LeafRange): void {
    for (const part of perfectParts(range)) {
      const byStart = this.wanted.get(part.level) ?? this.wanted.set(part.level, new Map()).get(part.level)!;
      if (byStart.get(part.start)) continue;
      if (part.start + 2 ** part.level <= this.count) {
        const built = this.stack.find((p) => p.start === part.start && p.level === part.level);
        if (!built) throw new RangeError(`subtree ${part.start}+2^${part.level} was passed before it was asked for`);
        byStart.set(part.start, built.hash);
      } else byStart.set(part.start, null);
    }
  }

  /** Asks for the nodes of the inclusion proof of the next leaf (call before pushing it) in a tree of `size`. */
  wantInclusion(size: number): LeafRange[] {
    const ranges = inclusionRanges(this.count, size);
    for (const r of ranges) this.want(r);
    return ranges;
  }

  push(leaf: Buffer): void {
    let node: Perfect = { start: this.count, level: 0, hash: leaf };
    this.keep(node);
    while (this.stack.length && this.stack[this.stack.length - 1].level === node.level) {
      const left = this.stack.pop()!;
      node = { start: left.start, level: node.level + 1, hash: nodeHash(left.hash, node.hash) };
      this.keep(node);
    }
    this.stack.push(node);
    this.count++;
  }

  private keep(node: Perfect): void {
    const byStart = this.wanted.get(node.level);
    if (byStart?.has(node.start)) byStart.set(node.start, node.hash);
  }

  /** The root of a range asked for, once the pass has gone past its end: its parts folded from the right. */
  rootOf(range: LeafRange): Buffer {
    const hashes = perfectParts(range).map((p) => this.wanted.get(p.level)?.get(p.start));
    if (hashes.some((h) => !h)) throw new RangeError(`range ${range.start}..${range.end} is not built yet`);
    let acc = hashes[hashes.length - 1]!;
    for (let i = hashes.length - 2; i >= 0; i--) acc = nodeHash(hashes[i]!, acc);
    return acc;
  }
}
