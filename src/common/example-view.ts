import { EXAMPLE_LABEL, exampleMarkOf, type ExampleMark } from '../../machines/kernel/example-mark';

/** How a view shows the example mark of a record: the visible label first, then the mark as recorded. */
export interface ExampleView extends ExampleMark {
  /** "EXEMPEL – fiktiva uppgifter / EXAMPLE – fictitious data". */
  label: string;
}

export const EXAMPLE_LABEL_TEXT = `${EXAMPLE_LABEL.sv} / ${EXAMPLE_LABEL.en}`;

/** The example mark of a record's data (`{ example: mark }`) as a view shows it; null for a real record. */
export function exampleViewOf(data: unknown): ExampleView | null {
  const mark = exampleMarkOf(data);
  return mark ? { label: EXAMPLE_LABEL_TEXT, ...mark } : null;
}
