import { html, raw } from '../../src/web/html';
import { genitive, longDate, stockholmTime } from '../../src/web/i18n/messages';
import { en } from '../../src/web/i18n/en';
import { sv } from '../../src/web/i18n/sv';

// Web pages (h-web): the one escaping helper, and the Swedish ways of writing dates, times and genitives.
describe('html`…`', () => {
  it('escapes every interpolated value, and only this code’s own markup passes as is', () => {
    const name = '<script>alert("x")</script> & \'y\'';
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p>',
    );
    const items = ['<a>', html`<b>b</b>`];
    expect(html`${items}`.value).toBe('&lt;a&gt;<b>b</b>');
    expect(html`${null}${undefined}${false}${0}${raw('<br>')}`.value).toBe('0<br>');
  });
});

describe('dates, times and genitives', () => {
  it('writes dates the Swedish way and times in Stockholm time', () => {
    expect(longDate('2026-12-31', 'sv')).toBe('31 december 2026');
    expect(longDate('2024-01-01', 'en')).toBe('1 January 2024');
    expect(stockholmTime('2026-07-01T10:05:00Z')).toBe('2026-07-01 12:05');
    expect(stockholmTime('2026-12-31T23:30:00Z')).toBe('2027-01-01 00:30');
  });

  it('writes a colon before the genitive s of a number or an abbreviation', () => {
    expect(genitive('1492', 'sv')).toBe('1492:s');
    expect(genitive('KDG', 'sv')).toBe('KDG:s');
    expect(genitive('Dalslandssamverkan', 'sv')).toBe('Dalslandssamverkans');
    expect(genitive('Bengtsfors', 'sv')).toBe('Bengtsfors');
    expect(genitive('Dalslandssamverkan', 'en')).toBe("Dalslandssamverkan's");
  });

  it('has the same keys in both languages (the type says so; this says it at run time too)', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
  });
});
