import type { RuleCode } from './rule-codes';

/**
 * A rule's refusal: a stable code, the rule id from RULEBOOK.md, and a sentence a clerk understands in
 * Swedish and English. Rule functions return a Refusal or null; guards are `rule(...) === null`, and the engine
 * calls the same rule function to say why a guard refused (one source for each rule).
 */
export interface Refusal {
  code: RuleCode;
  ruleId: string;
  message: string;
  messageSv: string;
  details?: Record<string, unknown>;
}

/** A warning does not block a transition; it travels with the answer and the record (for example D1's REQUEST_YEAR_AMBIGUOUS). */
export interface RuleWarning {
  code: RuleCode;
  ruleId: string;
  message: string;
  messageSv: string;
  details?: Record<string, unknown>;
}

export function refusal(
  code: RuleCode,
  ruleId: string,
  message: string,
  messageSv: string,
  details?: Record<string, unknown>,
): Refusal {
  return details ? { code, ruleId, message, messageSv, details } : { code, ruleId, message, messageSv };
}

/** A rule check: null when the event may pass, otherwise why not. */
export type RuleCheck<C, E> = (context: C, event: E) => Refusal | null;
