/**
 * The marker of example (demo) data: a record that is not a real record, with the facts in it that were made up.
 * It travels in the data itself (the event payload or the machine input, so it is hashed and replayed with the
 * record), and every view, extract and export of a marked record shows {@link EXAMPLE_LABEL}. No rule reads it: an
 * example record follows the same rules as a real one; it only must never pass for real.
 */
export interface ExampleMark {
  /** Always true: this record is example data. */
  example: true;
  /** The visible mark and what it means, Swedish and English ({@link EXAMPLE_NOTE} unless more is said). */
  note: string;
  /** The source documents the facts that are real come from (RULEBOOK §1.1 keys, e.g. 'SEED-MEL'). */
  sources?: string[];
  /** Paths of the record's fields whose values no source gives: invented for the example (e.g. 'paragraphNumber'). */
  fictitious: string[];
  /** Text taken from a source but corrected (a bad scan): the field and what was done to it. */
  corrected?: ExampleCorrection[];
}

export interface ExampleCorrection {
  field: string;
  note: string;
}

/** The visible mark, in both languages, on every view, extract and export of example data. */
export const EXAMPLE_LABEL = { sv: 'EXEMPEL – fiktiva uppgifter', en: 'EXAMPLE – fictitious data' } as const;

/** The default note of a mark: the label in both languages and what it means. */
export const EXAMPLE_NOTE =
  `${EXAMPLE_LABEL.sv} / ${EXAMPLE_LABEL.en}: exempeldata för demonstration, inte ett verkligt beslut eller ` +
  'registreringsunderlag; de fält som anges som fiktiva finns inte i källorna. (Example data for demonstration, not ' +
  'a real record; the fields listed as fictitious are not given by the sources.)';

/** The mark of a record, when its data carries one (anything else is not a mark). */
export function exampleMarkOf(data: unknown): ExampleMark | null {
  const mark = (data as { example?: unknown } | null | undefined)?.example;
  return mark && typeof mark === 'object' && (mark as ExampleMark).example === true ? (mark as ExampleMark) : null;
}
