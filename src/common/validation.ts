import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError } from './errors';
import { assertPlainBody, EARLIEST_DATE, latestPlannedDate, todayForValidation } from './input-limits';
// Before any validation runs: class-validator's rule lookup, remembered per class.
import './validation-metadata-memo';

export interface FieldProblem {
  field: string;
  reason: string;
  reasonSv: string;
}

/** The Swedish reason of each constraint (a function where it names a date that moves with today). */
const SV: Record<string, string | (() => string)> = {
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
  isUUID: 'ska vara ett UUID',
  arrayMaxSize: 'listan är för lång',
  isNotEmptyObject: 'ska ange minst en inställning',
  notBlank: 'får inte vara tomt eller bara blanktecken',
  noControlCharacters: 'får inte innehålla styrtecken (t.ex. NUL, tabb eller radbrytning)',
  noControlCharactersExceptLines: 'får inte innehålla andra styrtecken än tabb och radbrytning',
  noBidiControls: 'får inte innehålla tecken som styr textriktningen (U+202A–U+202E, U+2066–U+2069)',
  noLoneSurrogates: 'får inte innehålla ensamma surrogattecken (ogiltig UTF-16)',
  dateInRange: () => `ska ligga mellan ${EARLIEST_DATE} och ${latestPlannedDate()}`,
  notAfterToday: () => `ska ligga mellan ${EARLIEST_DATE} och dagens datum (${todayForValidation()})`,
};

function swedishReason(constraint: string, reason: string): string {
  if (!Object.hasOwn(SV, constraint)) return reason;
  const sv = SV[constraint];
  return typeof sv === 'function' ? sv() : sv;
}

/** Flattens class-validator errors to one line per field with the reason in English and Swedish. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [constraint, reason] of Object.entries(e.constraints ?? {})) {
      out.push({ field, reason, reasonSv: swedishReason(constraint, reason) });
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

/** The global pipe: a body nested too deep, or with prototype keys, is refused before class-transformer sees it. */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') assertPlainBody(value);
    return super.transform(value, metadata);
  }
}

export function buildValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}
