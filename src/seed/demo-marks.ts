/**
 * The marking of demo data, for every demo file of src/seed/ (demo-seed.ts calls them). Demo data must never pass for
 * real: each record a demo file writes carries an {@link ExampleMark} in its own data (the `example` field of a
 * collaboration, a meeting, a paragraph, and of any event body), listing the fields whose values no source gives. A
 * view, extract or export of a marked record shows "EXEMPEL – fiktiva uppgifter / EXAMPLE – fictitious data", and a
 * protocol extract of one is never certified. docs/operations.md#demo-data describes the marks.
 *
 * Use: `example: exampleMark(['paragraphNumber', 'matter.diarienummer'], { sources: ['SEED-MEL'] })` in the DTO or
 * event body. A record whose facts all come from a source still gets a mark (with `fictitious: []`): it is demo data.
 */
import {
  EXAMPLE_LABEL,
  EXAMPLE_NOTE,
  type ExampleCorrection,
  type ExampleMark,
} from '../../machines/kernel/example-mark';

export { EXAMPLE_LABEL, EXAMPLE_NOTE, type ExampleCorrection, type ExampleMark };

/** What a mark may say besides the invented fields. */
export interface ExampleMarkOptions {
  /** The RULEBOOK §1.1 keys of the sources the real facts come from ('SEED-AF', 'SEED-PR', 'SEED-MEL', ...). */
  sources?: string[];
  /** Source text that was corrected (a bad scan): the field and what was done. */
  corrected?: ExampleCorrection[];
  /** A sentence after the standard note (e.g. what a placeholder stands for). */
  note?: string;
}

/** The mark of a demo record: `fictitious` lists the paths of the record's fields that no source gives. */
export function exampleMark(fictitious: string[], options: ExampleMarkOptions = {}): ExampleMark {
  const mark: ExampleMark = {
    example: true,
    note: options.note ? `${EXAMPLE_NOTE} ${options.note}` : EXAMPLE_NOTE,
    fictitious: [...fictitious],
  };
  if (options.sources?.length) mark.sources = [...options.sources];
  if (options.corrected?.length) mark.corrected = options.corrected.map((c) => ({ ...c }));
  return mark;
}

/**
 * A name the sources do not give, as a visible placeholder (never an invented real-looking name): "Kommunstyrelsens
 * ordförande i Bengtsfors (namnet anges inte i källorna)". List its field in the record's `fictitious`.
 */
export function unnamed(role: string): string {
  return `${role} (namnet anges inte i källorna)`;
}

/** A web address that cannot pass for a real one (RFC 2606 reserves .example), for an invented notice board. */
export function fictitiousUrl(path: string): string {
  return `https://anslagstavla.example/${path}`;
}
