import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { assertPlainBody } from './input-limits';
import { flattenValidationErrors, validationFailed } from './validation';

/**
 * Validates an event body `{ type, ...payload }` against the DTO of its type: unknown types and unknown fields
 * are refused (400 naming the field), so nothing unchecked reaches a machine or the log. A body nested deeper than
 * MAX_BODY_DEPTH, or with a key named after a member of Object.prototype, is refused first (assertPlainBody).
 */
export function parseEventBody<T extends Record<string, new () => object>>(
  body: unknown,
  dtos: T,
): { type: keyof T & string; [k: string]: unknown } {
  assertPlainBody(body);
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw validationFailed([{ field: 'body', reason: 'must be a JSON object', reasonSv: 'ska vara ett JSON-objekt' }]);
  }
  const type = (body as Record<string, unknown>).type;
  // Own keys only: `type in dtos` is true for toString, constructor, __proto__ … (inherited from Object.prototype).
  if (typeof type !== 'string' || !Object.hasOwn(dtos, type)) {
    const allowed = Object.keys(dtos).join(', ');
    throw validationFailed([
      { field: 'type', reason: `must be one of ${allowed}`, reasonSv: `ska vara en av ${allowed}` },
    ]);
  }
  const instance = plainToInstance(dtos[type], body);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length) throw validationFailed(flattenValidationErrors(errors));
  // Plain JSON again (class instances and undefined members dropped) so it hashes canonically.
  return JSON.parse(JSON.stringify(instance));
}
