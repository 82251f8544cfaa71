import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError } from './errors';

export interface FieldProblem {
  field: string;
  reason: string;
  reasonSv: string;
}

const SV: Record<string, string> = {
  whitelistValidation: 'fältet är okänt',
  isDefined: 'fältet saknas',
  isNotEmpty: 'fältet får inte vara tomt',
  isString: 'ska vara en text',
  isInt: 'ska vara ett heltal',
  isBoolean: 'ska vara sant eller falskt',
  isIn: 'har ett otillåtet värde',
  isEnum: 'har ett otillåtet värde',
  matches: 'har fel format',
  isLocalDate: 'ska vara ett giltigt datum ÅÅÅÅ-MM-DD',
  isInstant: 'ska vara en tidpunkt i ISO 8601 med tidszon (t.ex. 2025-03-20T09:00:00+01:00)',
  isArray: 'ska vara en lista',
  arrayMinSize: 'listan är för kort',
  arrayNotEmpty: 'listan får inte vara tom',
  isObject: 'ska vara ett objekt',
  nestedValidation: 'ska vara ett objekt',
  min: 'är för litet',
  max: 'är för stort',
  maxLength: 'är för långt',
  minLength: 'är för kort',
  isMunicipalityCode: 'ska vara en kommunkod med fyra siffror',
};

/** Flattens class-validator errors to one line per field with the reason in English and Swedish. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [constraint, reason] of Object.entries(e.constraints ?? {})) {
      out.push({ field, reason, reasonSv: SV[constraint] ?? reason });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

export function validationFailed(problems: FieldProblem[]): AppError {
  return new AppError(
    'BAD_INPUT',
    'VALIDATION_FAILED',
    problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
    problems.map((p) => `${p.field}: ${p.reasonSv}`).join('; '),
    undefined,
    { fields: problems },
  );
}

export function buildValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}
