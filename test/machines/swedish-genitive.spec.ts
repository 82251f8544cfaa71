import { genitiveSv } from '../../src/common/swedish-genitive';
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
});
