import { Logger } from '@nestjs/common';
import { canonicalJson } from '../../common/canonical-json';
import { AppError } from '../../common/errors';
import { sha256Hex } from '../../common/sha256';
import { SYSTEM_ACTOR, type Actor } from '../actor';

/**
 * Refused attempts (issue 10, point 7): what the engine hands to whoever keeps them (src/audit/) when it refuses a
 * client's event. Kept outside the hash chain and written after the refused transaction rolled back; see
 * docs/architecture.md "Refused attempts".
 */
export interface RefusedAttempt {
  actor: Actor;
  workflowId: string | null;
  eventType: string | null;
  /** SHA-256 of the canonical JSON of the event as the engine received it; null when no event was read. */
  inputHash: string | null;
  /** The event's top-level field names (never values: personal data stays out), bounded. */
  inputFields: string[];
  code: string;
  ruleId: string | null;
  message: string;
}

/** Whoever keeps refused attempts. `record` must never throw into the refusal's answer. */
export interface RefusalRecorder {
  record(attempt: RefusedAttempt): Promise<void>;
}

/** What the engine knows of an attempt where it refuses it (the event and its instance). */
interface AttemptContext {
  workflowId: string;
  eventType: string;
  actor: Actor;
  input?: unknown;
}

/** The most field names one attempt keeps, and the longest name. */
const MAX_FIELDS = 20;
const MAX_FIELD_NAME = 40;

/**
 * The refusals that count as attempts: a rule refused (a rule id, or a guard without one), the state has no such
 * transition, and FORBIDDEN. Not counted: malformed input (400, nothing was tried against a rule), an unknown
 * instance (404), a lost race or a stale `expectedVersion` (409 VERSION_CONFLICT: honest concurrency, and a retried
 * loser would flood the table) and a reused Idempotency-Key.
 */
export function countsAsAttempt(error: unknown): error is AppError {
  if (!(error instanceof AppError)) return false;
  return (
    !!error.ruleId ||
    error.kind === 'FORBIDDEN' ||
    error.code === 'GUARD_REFUSED' ||
    error.code === 'TRANSITION_NOT_ALLOWED'
  );
}

/** The attempt an error was thrown for, noted where the engine refused the event (inside the transaction). */
const contexts = new WeakMap<object, AttemptContext>();

/** Notes what a refusal was about; the first note wins (the innermost refusal, with its event). */
export function noteAttempt(error: unknown, context: AttemptContext): void {
  if (error && typeof error === 'object' && !contexts.has(error)) contexts.set(error, context);
}

/** Only names, bounded: `[A-Za-z0-9_.-]`, at most MAX_FIELD_NAME characters each, MAX_FIELDS of them. */
function fieldNames(input: unknown): string[] {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return [];
  return Object.keys(input)
    .slice(0, MAX_FIELDS)
    .map((k) => k.replace(/[^A-Za-z0-9_.-]/g, '?').slice(0, MAX_FIELD_NAME));
}

function inputHashOf(input: unknown): string | null {
  if (input === undefined) return null;
  try {
    return sha256Hex(canonicalJson(input));
  } catch {
    return null;
  }
}

/**
 * After a write was refused and rolled back: the attempt as the refusal's note says (or as `fallback`, what the
 * write was about, for a refusal of the service's own unit), or null when the error is no attempt.
 */
export function attemptOf(error: unknown, fallback?: AttemptContext): RefusedAttempt | null {
  if (!countsAsAttempt(error)) return null;
  const context = contexts.get(error) ?? fallback;
  if (!context || context.actor === SYSTEM_ACTOR || context.actor.role === 'system') return null;
  return {
    actor: context.actor,
    workflowId: context.workflowId,
    eventType: context.eventType,
    inputHash: inputHashOf(context.input),
    inputFields: fieldNames(context.input),
    code: error.code,
    ruleId: error.ruleId ?? null,
    message: error.message,
  };
}

/**
 * Hands a refused attempt to the recorder, outside the refused transaction. A failure to keep it is logged and
 * swallowed: the client's answer stays the refusal it was (never a 5xx for the record of a 4xx).
 */
export async function keepAttempt(
  recorder: RefusalRecorder | null,
  error: unknown,
  fallback: AttemptContext | undefined,
  logger: Logger,
): Promise<void> {
  if (!recorder) return;
  try {
    const attempt = attemptOf(error, fallback);
    if (attempt) await recorder.record(attempt);
  } catch (failure) {
    logger.warn(`A refused attempt was not kept: ${(failure as Error).message}`);
  }
}
