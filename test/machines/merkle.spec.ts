import {
  CompactRange,
  consistencyRanges,
  EMPTY_ROOT,
  inclusionRanges,
  leafHash,
  nodeHash,
  rangeRoots,
  rootOf,
  verifyConsistency,
  verifyInclusion,
} from '../../src/checkpoint/merkle';

// The RFC 6962 test vectors of github.com/transparency-dev/merkle (testonly/constants.go and
// proof/verify_test.go): eight leaf inputs, the roots of every prefix, and inclusion and consistency proofs.
const hex = (s: string) => Buffer.from(s, 'hex');
const LEAF_INPUTS = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(hex);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
].map(hex);
// leaf is 1-based in the Go vectors; here it is the 0-based index.
const INCLUSION: Array<[number, number, string[]]> = [
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [0, 1, []],
];
const CONSISTENCY: Array<[number, number, string[]]> = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    6,
    7,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];

const LEAVES = LEAF_INPUTS.map(leafHash);
async function* stream(leaves: Buffer[]): AsyncIterable<Buffer> {
  for (const leaf of leaves) yield leaf;
}
const proofOf = async (ranges: ReturnType<typeof inclusionRanges>, n = 8) =>
  (await rangeRoots(stream(LEAVES.slice(0, n)), ranges)).map((h) => h.toString('hex'));

describe('Merkle tree (RFC 6962 / RFC 9162) against the published vectors', () => {
  it('hashes a leaf and a node with the 0x00 / 0x01 prefixes', () => {
    expect(leafHash(Buffer.from('L123456')).toString('hex')).toBe(
      '395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56',
    );
    expect(nodeHash(Buffer.from('N123'), Buffer.from('N456')).toString('hex')).toBe(
      'aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb',
    );
  });

  it('gives the root of every prefix, from 0 to 8 leaves, in one streaming pass', () => {
    expect(EMPTY_ROOT).toEqual(ROOTS[0]);
    const range = new CompactRange();
    expect(range.root()).toEqual(ROOTS[0]);
    LEAVES.forEach((leaf, i) => {
      range.push(leaf);
      expect(range.root().toString('hex')).toBe(ROOTS[i + 1].toString('hex'));
      expect(rootOf(LEAVES.slice(0, i + 1))).toEqual(ROOTS[i + 1]);
    });
  });

  it.each(INCLUSION)('makes and verifies the inclusion proof of leaf %i in %i', async (index, size, want) => {
    const proof = await proofOf(inclusionRanges(index, size), size);
    expect(proof).toEqual(want);
    const bytes = want.map(hex);
    expect(verifyInclusion(index, size, LEAVES[index], bytes, ROOTS[size])).toBe(true);
    // The vectors' corruptions: another index, another size, another leaf, a root, a flipped bit, a component more.
    expect(verifyInclusion(index + 1, size, LEAVES[index], bytes, ROOTS[size])).toBe(false);
    expect(verifyInclusion(index, size * 2, LEAVES[index], bytes, ROOTS[size])).toBe(false);
    expect(verifyInclusion(index, size, leafHash(Buffer.from('WrongLeaf')), bytes, ROOTS[size])).toBe(false);
    expect(verifyInclusion(index, size, LEAVES[index], bytes, EMPTY_ROOT)).toBe(false);
    expect(verifyInclusion(index, size, LEAVES[index], [...bytes, ROOTS[size]], ROOTS[size])).toBe(false);
    expect(verifyInclusion(index, size, LEAVES[index], [ROOTS[size], ...bytes], ROOTS[size])).toBe(false);
    for (let i = 0; i < bytes.length; i++) {
      const flipped = bytes.map((b) => Buffer.from(b));
      flipped[i][0] ^= 8;
      expect(verifyInclusion(index, size, LEAVES[index], flipped, ROOTS[size])).toBe(false);
    }
    if (bytes.length) expect(verifyInclusion(index, size, LEAVES[index], bytes.slice(0, -1), ROOTS[size])).toBe(false);
  });

  it.each(CONSISTENCY)('makes and verifies the consistency proof from %i to %i', async (from, to, want) => {
    const proof = await proofOf(consistencyRanges(from, to), to);
    expect(proof).toEqual(want);
    const bytes = want.map(hex);
    expect(verifyConsistency(from, to, bytes, ROOTS[from], ROOTS[to])).toBe(true);
    if (!bytes.length) return;
    expect(verifyConsistency(from - 1, to, bytes, ROOTS[from], ROOTS[to])).toBe(false);
    expect(verifyConsistency(from + 1, to, bytes, ROOTS[from], ROOTS[to])).toBe(false);
    expect(verifyConsistency(from, to * 2, bytes, ROOTS[from], ROOTS[to])).toBe(false);
    expect(verifyConsistency(from, to, bytes, ROOTS[to], ROOTS[from])).toBe(false);
    expect(verifyConsistency(from, to, [], ROOTS[from], ROOTS[to])).toBe(false);
    expect(verifyConsistency(from, to, [...bytes, ROOTS[to]], ROOTS[from], ROOTS[to])).toBe(false);
    expect(verifyConsistency(from, to, [bytes[0], ...bytes], ROOTS[from], ROOTS[to])).toBe(false);
    expect(verifyConsistency(from, to, bytes.slice(0, -1), ROOTS[from], ROOTS[to])).toBe(false);
    for (let i = 0; i < bytes.length; i++) {
      const flipped = bytes.map((b) => Buffer.from(b));
      flipped[i][0] ^= 16;
      expect(verifyConsistency(from, to, flipped, ROOTS[from], ROOTS[to])).toBe(false);
    }
  });

  it('refuses the edge cases of the vectors: a shrinking tree, the empty tree, equal sizes with other roots', () => {
    expect(verifyConsistency(2, 1, [], ROOTS[2], ROOTS[1])).toBe(false);
    expect(verifyConsistency(0, 1, [EMPTY_ROOT], EMPTY_ROOT, EMPTY_ROOT)).toBe(false);
    expect(verifyConsistency(1, 1, [], ROOTS[1], ROOTS[2])).toBe(false);
    expect(verifyConsistency(1, 1, [EMPTY_ROOT], ROOTS[1], ROOTS[1])).toBe(false);
    expect(verifyConsistency(0, 0, [], EMPTY_ROOT, EMPTY_ROOT)).toBe(true);
    expect(verifyInclusion(0, 0, LEAVES[0], [], EMPTY_ROOT)).toBe(false);
    expect(() => inclusionRanges(8, 8)).toThrow(RangeError);
  });

  it('proves every leaf and every pair of sizes of a tree of 37 (self-consistency beyond the vectors)', async () => {
    const leaves = Array.from({ length: 37 }, (_, i) => leafHash(Buffer.from(`row ${i}`)));
    const roots = Array.from({ length: 38 }, (_, n) => rootOf(leaves.slice(0, n)));
    for (let n = 1; n <= 37; n++) {
      for (let i = 0; i < n; i++) {
        const proof = await rangeRoots(stream(leaves), inclusionRanges(i, n));
        expect(verifyInclusion(i, n, leaves[i], proof, roots[n])).toBe(true);
      }
      for (let m = 1; m <= n; m++) {
        const proof = await rangeRoots(stream(leaves), consistencyRanges(m, n));
        expect(verifyConsistency(m, n, proof, roots[m], roots[n])).toBe(true);
        if (m < n) expect(verifyConsistency(m, n, proof, roots[m], roots[n - 1])).toBe(false);
      }
    }
  });
});
