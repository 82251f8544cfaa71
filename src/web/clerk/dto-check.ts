import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { assertPlainBody } from '../../common/input-limits';
import { flattenValidationErrors, validationFailed } from '../../common/validation';

/**
 * A form's body checked against the API's DTO exactly as the global ValidationPipe checks a JSON body (whitelist,
 * unknown fields refused): the pages reach the services with the same validated input as the API, or a 400 that
 * names each field.
 */
export function checkedDto<T extends object>(dto: new () => T, plain: Record<string, unknown>): T {
  assertPlainBody(plain);
  const instance = plainToInstance(dto, plain);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length) throw validationFailed(flattenValidationErrors(errors));
  return instance;
}

/** "2024-05-22 16:30" in Stockholm time as an instant with its offset; anything else as typed (the DTO refuses it). */
export function stockholmInstant(text: string, offsetOf: (instant: string) => number): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/.exec(text.trim());
  if (!m) return text.trim();
  const winter = `${m[1]}T${m[2]}:00+01:00`;
  return offsetOf(winter) === 120 ? `${m[1]}T${m[2]}:00+02:00` : winter;
}
