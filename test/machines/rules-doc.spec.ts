import * as fs from 'fs';
import * as path from 'path';

// docs/rules.md is where a reader of this repository looks up a rule id; the rulebook itself lives outside it
// (shared/domain). Every id the code names must have a row there, and the row's "Code today" cell must say `yes`
// exactly when the code names it, so the page can neither miss an id nor go stale.
const ROOT = path.join(__dirname, '..', '..');
const CODE_DIRS = ['src', 'machines'];
const RULES_DOC = path.join(ROOT, 'docs', 'rules.md');

/** RULEBOOK ids: `R-`, a section letter, a number (`R-C4`, `R-H14`). Anywhere in the text: comments, strings, code. */
const RULEBOOK_ID = /\bR-[A-Z]\d+/g;

/**
 * DECISIONS ids (D1..D14) are short and could occur in other text, so only these shapes count as a rule id:
 *   literal   a whole string literal: `'D1'`, `"D1"` or a template literal holding only the id (a refusal's ruleId)
 *   listed    after the word DECISIONS, a run of ids with commas, `and` and comment continuations: `DECISIONS D1, D5,`
 *   label     the id followed by a colon: `// D5: re-entry is a new entry`
 *   paren     the id right after an opening parenthesis: `(D12)`, `(D1 request date, …)`
 *   beside    the id next to a RULEBOOK id in a list: `R-B3, D12`, `R-B3 with D12`, `D8, R-L7`
 * Applied to the whole file text (refusal messages cite ids as well as comments do). Not counted, on purpose: a bare
 * id in running text (`the D1 setting`), which the same file always names in one of the shapes above as well.
 */
const DECISION_ID_SHAPES: ReadonlyArray<{ shape: string; pattern: RegExp }> = [
  { shape: 'literal', pattern: /(['"`])(D\d{1,2})\1/g },
  { shape: 'listed', pattern: /\bDECISIONS((?:(?:[\s,*/]|\band\b)*\bD\d{1,2}\b)+)/g },
  { shape: 'label', pattern: /\b(D\d{1,2}):/g },
  { shape: 'paren', pattern: /\((D\d{1,2})\b/g },
  { shape: 'beside', pattern: /\bR-[A-Z]\d+(?:\.\.R-[A-Z]\d+)?(?:\s*,\s*|\s+(?:and|with)\s+)(D\d{1,2})\b/g },
  { shape: 'beside', pattern: /\b(D\d{1,2})\s*,\s*R-[A-Z]\d+/g },
];

function decisionIds(text: string): string[] {
  const ids: string[] = [];
  for (const { shape, pattern } of DECISION_ID_SHAPES) {
    for (const m of text.matchAll(pattern)) {
      if (shape === 'listed') ids.push(...(m[1].match(/\bD\d{1,2}\b/g) ?? []));
      else ids.push(m[m.length - 1]);
    }
  }
  return ids;
}

function ruleIds(text: string): string[] {
  return [...(text.match(RULEBOOK_ID) ?? []), ...decisionIds(text)];
}

function tsFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(full);
    return e.isFile() && e.name.endsWith('.ts') ? [full] : [];
  });
}

/** id → the files (relative to the repository) that name it. */
function idsInCode(): Map<string, string[]> {
  const where = new Map<string, string[]>();
  for (const file of CODE_DIRS.flatMap((d) => tsFiles(path.join(ROOT, d)))) {
    const rel = path.relative(ROOT, file).split(path.sep).join('/');
    for (const id of new Set(ruleIds(fs.readFileSync(file, 'utf8')))) where.set(id, [...(where.get(id) ?? []), rel]);
  }
  return where;
}

const CODE_TODAY = ['yes', 'tests/docs only', 'not yet implemented'] as const;

interface Row {
  id: string;
  codeToday: string;
  cells: string[];
  line: number;
}

/** The table rows of docs/rules.md whose first cell is a rule id: `| R-C4 | yes | … |`, `| D8 | yes | … |`. */
function docRows(markdown: string): Row[] {
  return markdown.split('\n').flatMap((text, i) => {
    const m = text.match(/^\|\s*(R-[A-Z]\d+|D\d{1,2})\s*\|/);
    if (!m) return [];
    const cells = text
      .trim()
      .replace(/^\||\|$/g, '')
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
    return [{ id: m[1], codeToday: cells[1], cells, line: i + 1 }];
  });
}

const byId = (a: string, b: string) => {
  const [, la, na] = a.match(/^(R-[A-Z]|D)(\d+)/)!;
  const [, lb, nb] = b.match(/^(R-[A-Z]|D)(\d+)/)!;
  return la === lb ? Number(na) - Number(nb) : la < lb ? -1 : 1;
};

describe('the rule id matchers', () => {
  it.each([
    ["refusal('EXIT_NOT_ON_31_DEC', 'R-C4', 'm', 's')", ['R-C4']],
    ['// R-C6, R-E2: the council is informed', ['R-C6', 'R-E2']],
    ["refusal('REASON_REQUIRED', 'D1', 'm', 's')", ['D1']],
    ['ruleId: "D9"', ['D9']],
    [
      ' * The membership rules (RULEBOOK B, C, L; DECISIONS D1, D5, D6,\n * D12). Pure functions',
      ['D1', 'D5', 'D6', 'D12'],
    ],
    ['// DECISIONS D1 and the entry organ', ['D1']],
    ['/** D12: only an admin records a stand-in. */', ['D12']],
    ['`A stand-in needs a recorded legal basis (D12).`', ['D12']],
    ['// D8, R-L7: calendar days', ['R-L7', 'D8']],
    ['(R-B3, R-B5, D12)', ['R-B3', 'R-B5', 'D12']],
    ['// entry (R-B1..R-B5, D5)', ['R-B1', 'R-B5', 'D5']],
    ['// R-B3 with D12: the same rule', ['R-B3', 'D12']],
  ])('finds the ids in %j', (text, expected) => {
    expect(new Set(ruleIds(text))).toEqual(new Set(expected));
  });

  it.each([
    "const hash = 'a3D1f09'",
    'formerly 4D, now 5D',
    "{ id: 'D1A' }",
    'the D1 setting in force',
    'USB-D1 and RD1: no',
    "ruleId: 'R-X'",
  ])('finds nothing in %j', (text) => {
    expect(ruleIds(text)).toEqual([]);
  });
});

describe('docs/rules.md', () => {
  const markdown = fs.existsSync(RULES_DOC) ? fs.readFileSync(RULES_DOC, 'utf8') : '';
  const rows = docRows(markdown);
  const listed = new Set(rows.map((r) => r.id));
  const inCode = idsInCode();

  it('exists, and the scan of src/ and machines/ finds rule ids (so the checks below are not vacuous)', () => {
    expect(fs.existsSync(RULES_DOC)).toBe(true);
    expect(inCode.size).toBeGreaterThan(20);
    expect([...inCode.keys()]).toEqual(expect.arrayContaining(['R-C4', 'R-I6', 'D1', 'D10']));
  });

  it('has a row for every RULEBOOK id named in src/ or machines/', () => {
    const missing = [...inCode.keys()]
      .filter((id) => id.startsWith('R-') && !listed.has(id))
      .sort(byId)
      .map((id) => `${id} (named in ${inCode.get(id)!.join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('has a row for every DECISIONS id named in src/ or machines/', () => {
    const missing = [...inCode.keys()]
      .filter((id) => id.startsWith('D') && !listed.has(id))
      .sort(byId)
      .map((id) => `${id} (named in ${inCode.get(id)!.join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('lists each id once, with a known "Code today" value and no empty cell', () => {
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const r of rows) {
      if (seen.has(r.id)) problems.push(`${r.id} (line ${r.line}): listed twice`);
      seen.add(r.id);
      if (!(CODE_TODAY as readonly string[]).includes(r.codeToday))
        problems.push(
          `${r.id} (line ${r.line}): "Code today" is "${r.codeToday}", not one of ${CODE_TODAY.join(' | ')}`,
        );
      if (r.cells.length < 5 || r.cells.some((c) => c === ''))
        problems.push(`${r.id} (line ${r.line}): a cell is missing or empty`);
    }
    expect(problems).toEqual([]);
  });

  it('says "yes" under "Code today" exactly for the ids that src/ or machines/ name', () => {
    const stale = rows
      .filter((r) => r.codeToday === 'yes' && !inCode.has(r.id))
      .map((r) => `${r.id} (line ${r.line}): marked yes, but no file in src/ or machines/ names it`);
    const unmarked = rows
      .filter((r) => r.codeToday !== 'yes' && inCode.has(r.id))
      .map((r) => `${r.id} (line ${r.line}): marked "${r.codeToday}", but named in ${inCode.get(r.id)!.join(', ')}`);
    expect([...stale, ...unmarked]).toEqual([]);
  });
});
