import { ApiProperty } from '@nestjs/swagger';
import { EXAMPLE_LABEL, exampleMarkOf } from '../../machines/kernel/example-mark';
import { ExampleMarkDto } from './example-mark.dto';

/** How a view shows the example mark of a record: the visible label first, then the mark as recorded. */
export class ExampleView extends ExampleMarkDto {
  @ApiProperty({ example: 'EXEMPEL – fiktiva uppgifter / EXAMPLE – fictitious data' })
  label: string;
}

export const EXAMPLE_LABEL_TEXT = `${EXAMPLE_LABEL.sv} / ${EXAMPLE_LABEL.en}`;

/** The example mark of a record's data (`{ example: mark }`) as a view shows it; null for a real record. */
export function exampleViewOf(data: unknown): ExampleView | null {
  const mark = exampleMarkOf(data);
  return mark ? { label: EXAMPLE_LABEL_TEXT, ...mark } : null;
}
