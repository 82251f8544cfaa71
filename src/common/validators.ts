import { registerDecorator, ValidationOptions } from 'class-validator';
import { isValidInstant, isValidLocalDate } from '../../machines/calendar/calendar';

/** A real calendar date written YYYY-MM-DD (2025-02-29 is refused). */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return (object, propertyName) =>
    registerDecorator({
      name: 'isLocalDate',
      target: object.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a valid date YYYY-MM-DD`, ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' && isValidLocalDate(v) },
    });
}

/** An ISO 8601 instant with its offset (Z or ±hh:mm): a local time without zone is ambiguous (R-L2). */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (object, propertyName) =>
    registerDecorator({
      name: 'isInstant',
      target: object.constructor,
      propertyName: propertyName as string,
      options: {
        message: `${String(propertyName)} must be an ISO 8601 instant with offset, e.g. 2025-03-20T09:00:00+01:00`,
        ...options,
      },
      validator: { validate: (v: unknown) => typeof v === 'string' && isValidInstant(v) },
    });
}

export function IsMunicipalityCode(options?: ValidationOptions): PropertyDecorator {
  return (object, propertyName) =>
    registerDecorator({
      name: 'isMunicipalityCode',
      target: object.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a four-digit municipality code`, ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' && /^\d{4}$/.test(v) },
    });
}
