import { isValidLocalDate } from '../../../machines/calendar/local-dates';
import { toStockholmDateTime } from '../../../machines/calendar/stockholm-time';
import { endOfStockholmDay } from '../../as-of/as-of-instant';
import { AppError } from '../../common/errors';
import type { ShownRefusal } from '../forms';
import type { Lang, Messages } from '../i18n/messages';

/** A GET form's query as text fields ('' for a missing or repeated-and-odd value). */
export function queryText(query: unknown, name: string): string {
  const v = (query as Record<string, unknown> | undefined)?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first.trim() : '';
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What a page's form checks before it asks a service: the shape of what was typed (a date, a time, an id), in the
 * page's words, each beside its field. Everything the service decides (a date after today, `to` before `from`, an
 * unknown record) is the service's refusal, placed by `refusalsOf`.
 */
export class InputCheck {
  readonly refusals: ShownRefusal[] = [];
  constructor(private readonly t: Messages) {}

  refuse(field: string, text: string): void {
    this.refusals.push({ field, text });
  }

  date(field: string, value: string, required = false): string | undefined {
    if (!value) {
      if (required) this.refuse(field, this.t.auditDateRequired);
      return undefined;
    }
    if (!isValidLocalDate(value)) {
      this.refuse(field, this.t.auditDateInvalid);
      return undefined;
    }
    return value;
  }

  id(field: string, value: string): string | undefined {
    if (!value) return undefined;
    if (!UUID.test(value)) {
      this.refuse(field, this.t.auditIdInvalid);
      return undefined;
    }
    return value.toLowerCase();
  }

  /** A Stockholm wall time on a date as the instant it names (with its offset); a skipped hour (DST) is refused. */
  instantAt(field: string, date: string | undefined, time: string): string | undefined {
    if (!time || !date) return undefined;
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) {
      this.refuse(field, this.t.auditTimeInvalid);
      return undefined;
    }
    for (const offset of ['+01:00', '+02:00']) {
      const instant = new Date(`${date}T${time}:00${offset}`).toISOString();
      if (toStockholmDateTime(instant).slice(0, 16) === `${date}T${time}`) return instant;
    }
    this.refuse(field, this.t.auditTimeSkipped);
    return undefined;
  }

  get ok(): boolean {
    return this.refusals.length === 0;
  }
}

/** The first instant of a Stockholm date (the end of the day before, plus a millisecond). */
export function startOfStockholmDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const before = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
  return new Date(Date.parse(endOfStockholmDay(before)) + 1).toISOString();
}

/**
 * A service's refusal in the page's language, each field named by the page's own name for it (`fields` maps the
 * service's names, e.g. `date` → `datum`); a refusal that names no field of the form is shown in the summary only.
 */
export function refusalsOf(error: AppError, lang: Lang, fields: Record<string, string>): ShownRefusal[] {
  const details = (error.details ?? {}) as { fields?: Array<{ field: string; reason: string; reasonSv: string }> };
  if (details.fields?.length)
    return details.fields.map((f) => ({
      field: fields[f.field.split('.')[0]] ?? null,
      text: lang === 'sv' ? f.reasonSv : f.reason,
    }));
  return [{ field: null, text: lang === 'sv' ? error.messageSv : error.message, ruleId: error.ruleId }];
}

/** Only a refusal of what was typed is shown on the form; anything else goes to the error page. */
export const refusedInput = (e: unknown): e is AppError =>
  e instanceof AppError && e.kind !== 'FORBIDDEN' && e.kind !== 'NOT_FOUND';

/** The status of a refused form: 400 bad input, 404 not found, 409 conflict, else 422 (a rule). */
export const statusOf = (e: AppError): number =>
  e.kind === 'BAD_INPUT' ? 400 : e.kind === 'NOT_FOUND' ? 404 : e.kind === 'CONFLICT' ? 409 : 422;
