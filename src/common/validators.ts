import { IsString, MaxLength, registerDecorator, ValidationOptions } from 'class-validator';
import {
  compareDates,
  isValidInstant,
  isValidLocalDate,
  toStockholmDate,
  type LocalDate,
} from '../../machines/calendar/calendar';
import { EARLIEST_DATE, latestPlannedDate, todayForValidation } from './input-limits';

/** One class-validator constraint: its name (the key of its Swedish reason in validation.ts), message and test. */
function constraint(
  name: string,
  message: (property: string) => string,
  validate: (value: unknown) => boolean,
  options?: ValidationOptions,
): PropertyDecorator {
  return (object, propertyName) =>
    registerDecorator({
      name,
      target: object.constructor,
      propertyName: propertyName as string,
      options: { message: () => message(String(propertyName)), ...options },
      validator: { validate },
    });
}

/** Applies several property decorators as one. */
function all(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (object, propertyName) => decorators.forEach((d) => d(object, propertyName));
}

// ------------------------------------------------------------------------------------------------ dates and instants

/** The Stockholm date of a valid instant; null when it lies outside the calendar's years (0001–9999). */
function stockholmDateOf(v: string): LocalDate | null {
  try {
    return toStockholmDate(v);
  } catch {
    return null;
  }
}

/** The local date a date or instant value concerns, or undefined when it is not one (its format check reports it). */
function dateOf(kind: 'date' | 'instant', v: unknown): LocalDate | null | undefined {
  if (typeof v !== 'string') return undefined;
  if (kind === 'date') return isValidLocalDate(v) ? v : undefined;
  return isValidInstant(v) ? stockholmDateOf(v) : undefined;
}

/** Within [EARLIEST_DATE, latest]; a value that is no date at all passes here (the format constraint refuses it). */
const within = (kind: 'date' | 'instant', latest: () => LocalDate) => (v: unknown) => {
  const d = dateOf(kind, v);
  if (d === undefined) return true;
  return d !== null && compareDates(d, EARLIEST_DATE) >= 0 && compareDates(d, latest()) <= 0;
};

const plannedRange = (kind: 'date' | 'instant', options?: ValidationOptions) =>
  constraint(
    'dateInRange',
    (p) => `${p} must lie between ${EARLIEST_DATE} and ${latestPlannedDate()}`,
    within(kind, latestPlannedDate),
    options,
  );

const pastRange = (kind: 'date' | 'instant', options?: ValidationOptions) =>
  constraint(
    'notAfterToday',
    (p) => `${p} must lie between ${EARLIEST_DATE} and today (${todayForValidation()})`,
    within(kind, todayForValidation),
    options,
  );

const localDateFormat = (options?: ValidationOptions) =>
  constraint(
    'isLocalDate',
    (p) => `${p} must be a valid date YYYY-MM-DD`,
    (v) => typeof v === 'string' && isValidLocalDate(v),
    options,
  );

/** An ISO 8601 instant with its offset (Z or ±hh:mm, at most ±14:00): a local time without zone is ambiguous (R-L2). */
const instantFormat = (options?: ValidationOptions) =>
  constraint(
    'isInstant',
    (p) => `${p} must be an ISO 8601 instant with offset, e.g. 2025-03-20T09:00:00+01:00`,
    (v) => typeof v === 'string' && isValidInstant(v),
    options,
  );

/**
 * A real calendar date written YYYY-MM-DD (2025-02-29 is refused) that may plan ahead: from EARLIEST_DATE to
 * MAX_YEARS_AHEAD years after today (src/common/input-limits.ts).
 */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return all(localDateFormat(options), plannedRange('date', options));
}

/** A date of something that has happened (a decision, a signing, a meeting, a justering …): not after today. */
export function IsPastDate(options?: ValidationOptions): PropertyDecorator {
  return all(localDateFormat(options), pastRange('date', options));
}

/** An instant with its offset whose Stockholm date may plan ahead (as IsLocalDate). */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return all(instantFormat(options), plannedRange('instant', options));
}

/** An instant of something that has happened (a notice's arrival, a reservation announced): its day not after today. */
export function IsPastInstant(options?: ValidationOptions): PropertyDecorator {
  return all(instantFormat(options), pastRange('instant', options));
}

// ------------------------------------------------------------------------------------------------ texts

// C0 controls, DEL and C1 controls; in long texts tab, line feed and carriage return are allowed.
/* eslint-disable no-control-regex -- matching control characters is what these do */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/* eslint-enable no-control-regex */
// Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they make text read otherwise
// than it is stored ("Trojan Source").
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
// A high surrogate not followed by a low one, or a low one not preceded by a high one (JSON.parse keeps both as
// UTF-16 code units; they cannot be stored as UTF-8). No `u` flag: the test is on code units.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const text = (test: (s: string) => boolean) => (v: unknown) => typeof v !== 'string' || test(v);

/**
 * A text field: a string of at most `max` characters, not blank (not empty, not only white space), without control
 * characters, bidirectional controls or lone surrogates. `long` texts (summaries, proposals, motivations, corrections,
 * document texts: the prose of a record) may contain tabs and line breaks. Every string field of every DTO is one
 * (test/machines/dto-input-checks.spec.ts keeps it so).
 */
export function IsText(max: number, options: { each?: boolean; long?: boolean } = {}): PropertyDecorator {
  const each: ValidationOptions = options.each ? { each: true } : {};
  return all(
    IsString(each),
    constraint(
      'notBlank',
      (p) => `${p} must not be blank`,
      text((s) => s.trim() !== ''),
      each,
    ),
    options.long
      ? constraint(
          'noControlCharactersExceptLines',
          (p) => `${p} must not contain control characters other than tab and line breaks`,
          text((s) => !CONTROL_BUT_LINES.test(s)),
          each,
        )
      : constraint(
          'noControlCharacters',
          (p) => `${p} must not contain control characters (such as NUL, tab or line breaks)`,
          text((s) => !CONTROL.test(s)),
          each,
        ),
    constraint(
      'noBidiControls',
      (p) => `${p} must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069)`,
      text((s) => !BIDI.test(s)),
      each,
    ),
    constraint(
      'noLoneSurrogates',
      (p) => `${p} must not contain lone surrogates (invalid UTF-16)`,
      text((s) => !LONE_SURROGATE.test(s)),
      each,
    ),
    MaxLength(max, each),
  );
}

/** A text of a record's prose (IsText with tabs and line breaks allowed). */
export function IsLongText(max: number, options: { each?: boolean } = {}): PropertyDecorator {
  return IsText(max, { ...options, long: true });
}

// ------------------------------------------------------------------------------------------------ codes

export function IsMunicipalityCode(options?: ValidationOptions): PropertyDecorator {
  return constraint(
    'isMunicipalityCode',
    (p) => `${p} must be a four-digit municipality code`,
    (v) => typeof v === 'string' && /^\d{4}$/.test(v),
    options,
  );
}
