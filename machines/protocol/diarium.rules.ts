/**
 * R-K5, R-K6: a diarienummer names one case (ärende) within its municipality's diarium. Pure: the decision service
 * asks checkSameCase before it joins a paragraph to the matter already registered under that number.
 */
import { refusal, type Refusal } from '../kernel/refusal';

/** A matter as registered: its title under the diarienummer of one municipality's diarium. */
export interface RegisteredMatter {
  municipality: string;
  diarium: string;
  diarienummer: string;
  title: string;
}

/**
 * R-K6: how a matter title is compared. Unicode NFC, case folded (Swedish locale), whitespace collapsed and trimmed,
 * a trailing full stop, comma or colon dropped: "Avsiktsförklaring  sociala området version 1.2." and
 * "avsiktsförklaring sociala området version 1.2" are the same title; any other difference (a word, a version
 * number) is another title.
 */
export function normaliseMatterTitle(title: string): string {
  return title
    .normalize('NFC')
    .toLocaleLowerCase('sv-SE')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.,:;]+$/, '')
    .trim();
}

/**
 * R-K6: the same case is the same diarienummer in the same municipality's same diarium with the same title
 * (normalised, {@link normaliseMatterTitle}). A paragraph that names a registered number with another title is
 * another case under a number already used, and is refused; the same number in another municipality's diarium (or
 * another diarium of the same municipality) is another registration and never checked here (R-K5: no
 * cross-municipality uniqueness).
 */
export function checkSameCase(registered: RegisteredMatter, title: string): Refusal | null {
  if (normaliseMatterTitle(registered.title) === normaliseMatterTitle(title)) return null;
  return refusal(
    'DIARIENUMMER_OTHER_CASE',
    'R-K6',
    `Diarienummer ${registered.diarienummer} in diarium ${registered.diarium} of ${registered.municipality} already names the case "${registered.title}"; "${title}" is another case and needs its own diarienummer.`,
    `Diarienummer ${registered.diarienummer} i diariet ${registered.diarium} i ${registered.municipality} avser redan ärendet "${registered.title}"; "${title}" är ett annat ärende och behöver ett eget diarienummer.`,
    {
      municipality: registered.municipality,
      diarium: registered.diarium,
      diarienummer: registered.diarienummer,
      registeredTitle: registered.title,
      title,
    },
  );
}
