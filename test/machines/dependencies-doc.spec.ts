import * as fs from 'fs';
import * as path from 'path';

// docs/dependencies.md is the review of the runtime dependencies (the registry answers no audit requests): every
// direct runtime dependency is in its table with package.json's version line and the lockfile's licence, and every
// licence in the lockfile's runtime tree is one the page accepts. Pure: reads package.json, package-lock.json and
// the page, never node_modules.
const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

interface LockPackage {
  version?: string;
  license?: string;
  dev?: boolean;
  devOptional?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const pkg = JSON.parse(read('package.json')) as {
  dependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};
const lock = JSON.parse(read('package-lock.json')) as {
  lockfileVersion: number;
  packages: Record<string, LockPackage>;
};
const doc = read('docs/dependencies.md');

/** The rows of the table under `heading`: the cells of each line that starts with "| `". */
function rows(heading: string): string[][] {
  const start = doc.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`docs/dependencies.md has no section "## ${heading}"`);
  const end = doc.indexOf('\n## ', start + 1);
  return doc
    .slice(start, end < 0 ? undefined : end)
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    );
}

const unquote = (cell: string) => cell.replace(/^`|`$/g, '');
const documented = new Map(
  rows('Direct dependencies').map((r) => [unquote(r[0]), { range: unquote(r[1]), licence: r[2] }]),
);
const byHand = new Map(rows('Licences checked by hand').map((r) => [unquote(r[0]), r[1]]));

const acceptedLine = doc.split('\n').find((line) => line.startsWith('Accepted: '));
const accepted = new Set([...(acceptedLine ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]));

/** An SPDX expression of this lockfile's kind (no nesting): accepted when each AND part is, or one OR part is. */
function acceptedExpression(expression: string): boolean {
  const bare = expression.replace(/^\((.*)\)$/, '$1');
  if (bare.includes(' OR ')) return bare.split(' OR ').some((id) => accepted.has(id.trim()));
  return bare.split(' AND ').every((id) => accepted.has(id.trim()));
}

/** A licence field that names SPDX licences; "SEE LICENSE IN <file>" (npm's form for others) does not. */
const spdx = (license: string | undefined) => !!license && !/^SEE LICEN[CS]E IN\b/i.test(license);

/** The runtime tree: every package of the lockfile that is installed without the dev dependencies. */
const runtimeTree = Object.entries(lock.packages).filter(([key, p]) => key !== '' && !p.dev && !p.devOptional);
const nameOf = (key: string) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('docs/dependencies.md', () => {
  it('the lockfile is version 3 (it records each package’s licence and whether it is a dev dependency)', () => {
    expect(lock.lockfileVersion).toBe(3);
  });

  it('names every direct runtime dependency of package.json and of the lockfile, and no other', () => {
    const direct = new Set([
      ...Object.keys(pkg.dependencies),
      ...Object.keys(pkg.optionalDependencies ?? {}),
      ...Object.keys(pkg.peerDependencies ?? {}),
      ...Object.keys(lock.packages['']?.dependencies ?? {}),
      ...Object.keys(lock.packages['']?.optionalDependencies ?? {}),
    ]);
    expect([...documented.keys()].sort()).toEqual([...direct].sort());
  });

  it.each(Object.entries(pkg.dependencies))(
    '%s: the version line of package.json, the licence of the lockfile',
    (name, range) => {
      const row = documented.get(name);
      expect(row).toBeDefined();
      expect(row!.range).toBe(range);
      expect(row!.licence).toBe(lock.packages[`node_modules/${name}`]?.license);
    },
  );

  it('every package of the runtime tree has an accepted licence, or one checked by hand', () => {
    expect(accepted.size).toBeGreaterThan(0);
    const outside = runtimeTree
      .filter(([key, p]) => !(spdx(p.license) ? acceptedExpression(p.license!) : byHand.has(nameOf(key))))
      .map(([key, p]) => `${nameOf(key)}@${p.version}: ${p.license ?? 'no licence field'}`);
    expect(outside).toEqual([]);
  });

  it('the licences checked by hand are of packages in the runtime tree that lack an SPDX licence field', () => {
    const lacking = new Set(runtimeTree.filter(([, p]) => !spdx(p.license)).map(([key]) => nameOf(key)));
    for (const name of byHand.keys()) expect({ name, lacking: lacking.has(name) }).toEqual({ name, lacking: true });
  });
});
