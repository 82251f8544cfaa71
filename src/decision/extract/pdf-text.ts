/**
 * Text the PDF's standard fonts can print. The standard fonts use WinAnsiEncoding: å ä ö Å Ä Ö é ü § – ” • are all in
 * it. Text is normalised to NFC (so a decomposed "a" + ring still prints as "å") and a character outside WinAnsi is
 * printed as its base letter or "?", never as a broken glyph.
 */

// WinAnsiEncoding beyond Latin-1 (pdfkit's map for the standard fonts).
const WIN_ANSI_EXTRA = new Set([
  402, 8211, 8212, 8216, 8217, 8218, 8220, 8221, 8222, 8224, 8225, 8226, 8230, 8364, 8240, 8249, 8250, 710, 8482, 338,
  339, 732, 352, 353, 376, 381, 382,
]);
const FALLBACK: Record<string, string> = {
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u202f': ' ',
  '\u2007': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u200b': '',
  '\u2060': '',
  '\ufeff': '',
  '\u2032': "'",
  '\u2033': '"',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ħ: 'h',
  Ħ: 'H',
  ı: 'i',
};

const encodable = (c: number) => c === 10 || (c >= 32 && c <= 126) || (c >= 160 && c <= 255) || WIN_ANSI_EXTRA.has(c);

/** Text the standard (WinAnsi) fonts can print: NFC, tabs to spaces, other characters to a base letter or "?". */
export function pdfText(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, '    ')) {
    const c = ch.codePointAt(0)!;
    if (encodable(c)) {
      out += ch;
      continue;
    }
    if (Object.hasOwn(FALLBACK, ch)) {
      out += FALLBACK[ch];
      continue;
    }
    if (c < 32 || (c >= 127 && c < 160)) continue; // control characters
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    out += base && [...base].every((b) => encodable(b.codePointAt(0)!)) ? base : '?';
  }
  return out;
}
