import type { Refusal } from '../../machines/kernel/refusal';
import type { ErrorCode } from './error-codes';

/**
 * Every refusal the service gives has a stable code, a message in English and Swedish, and where a rule refused,
 * its rule id. Services throw AppError; one filter (http-exception.filter.ts) maps it to HTTP.
 */
export type ErrorKind =
  | 'BAD_INPUT' // 400
  | 'UNAUTHENTICATED' // 401
  | 'FORBIDDEN' // 403
  | 'NOT_FOUND' // 404
  | 'CONFLICT' // 409
  | 'RULE_REFUSED' // 422
  | 'TOO_MANY_REQUESTS'; // 429

export const HTTP_STATUS_OF: Record<ErrorKind, number> = {
  BAD_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RULE_REFUSED: 422,
  TOO_MANY_REQUESTS: 429,
};

export interface ErrorBody {
  code: ErrorCode | `HTTP_${number}`;
  message: string;
  messageSv: string;
  ruleId?: string;
  details?: unknown;
}

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: ErrorCode,
    message: string,
    readonly messageSv: string,
    readonly ruleId?: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message, messageSv: this.messageSv };
    if (this.ruleId) body.ruleId = this.ruleId;
    if (this.details !== undefined) body.details = this.details;
    return body;
  }
}

export const notFound = (what: string, whatSv: string, details?: unknown) =>
  new AppError('NOT_FOUND', 'NOT_FOUND', `${what} was not found.`, `${whatSv} finns inte.`, undefined, details);

export const badInput = (field: string, reason: string, reasonSv: string) =>
  new AppError('BAD_INPUT', 'VALIDATION_FAILED', `${field}: ${reason}`, `${field}: ${reasonSv}`, undefined, {
    fields: [{ field, reason, reasonSv }],
  });

export const forbidden = (message: string, messageSv: string, details?: unknown) =>
  new AppError('FORBIDDEN', 'FORBIDDEN', message, messageSv, undefined, details);

/** A rule's refusal from a pure check in machines/ (422, naming its rule), raised by a service before it writes. */
export function ruleRefused(r: Refusal): AppError {
  return new AppError('RULE_REFUSED', r.code, r.message, r.messageSv, r.ruleId, r.details);
}
