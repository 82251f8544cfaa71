import * as fs from 'fs';
import * as path from 'path';
import { genitiveSv } from '../../machines/kernel/swedish-genitive';
import { genitive } from '../../src/web/i18n/messages';

// Issue 12, point 8: Swedish genitives after numbers and abbreviations take a colon; one function writes them all.
describe('the Swedish genitive', () => {
  it.each([
    ['1492', '1492:s'],
    ['KDG', 'KDG:s'],
    ['KF', 'KF:s'],
    ['Bengtsfors', 'Bengtsfors'],
    ['Mellerud', 'Melleruds'],
    ['Dals-Ed', 'Dals-Eds'],
    ['Åmål', 'Åmåls'],
    ['Dalslandssamverkan', 'Dalslandssamverkans'],
    ['Kungsör', 'Kungsörs'],
  ])('%s → %s', (name, expected) => {
    expect(genitiveSv(name)).toBe(expected);
    expect(genitive(name, 'sv')).toBe(expected);
  });

  it("English adds 's, or an apostrophe after s", () => {
    expect(genitive('Mellerud', 'en')).toBe("Mellerud's");
    expect(genitive('Bengtsfors', 'en')).toBe("Bengtsfors'");
  });

  it('no text in src/ or machines/ writes a genitive by putting an s after a value ("1461s"): genitiveSv does', () => {
    const root = path.join(__dirname, '..', '..');
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        return e.isDirectory() ? files(full) : e.name.endsWith('.ts') ? [full] : [];
      });
    const own = path.join(root, 'machines', 'kernel', 'swedish-genitive.ts');
    const offenders = ['src', 'machines']
      .flatMap((d) => files(path.join(root, d)))
      .filter((f) => f !== own)
      .flatMap((f) =>
        fs
          .readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${path.relative(root, f)}:${i + 1}`, line }))
          .filter(({ line }) => /\$\{[^}]+\}s\b/.test(line)),
      )
      .map(({ where }) => where);
    expect(offenders).toEqual([]);
  });
});
