import type { checkParagraph } from '../../machines/protocol/decision.rules';
import { AppError, ruleRefused } from '../common/errors';
import { validationFailed } from '../common/validation';
import type { CreateMeetingDto } from './dto/decision.dto';

// The decision records' small checks and answers, shared by the decision service and its secrecy and delegation parts.

/** The recorded paragraph in a protocol workflow's context (where its example mark is). */
export function paragraphOf(context: unknown): unknown {
  return (context as { paragraph?: unknown } | undefined)?.paragraph;
}

/** A paragraph check's refusal as the service's answer (422 with its rule id). */
export function throwIfRefused(r: ReturnType<typeof checkParagraph>): void {
  if (r) throw ruleRefused(r);
}

export function minimalRecord(): AppError {
  return new AppError(
    'CONFLICT',
    'MINIMAL_RECORD',
    'This decision was recorded only minimally (inline in a membership event) and has no protocol lifecycle; record its paragraph in full.',
    'Beslutet är bara minimalt registrerat (direkt i en medlemskapshändelse) och saknar protokollförlopp; registrera paragrafen i sin helhet.',
  );
}

/** A meeting's attendance lists each person once and at most one chair (400 naming `attendees`). */
export function assertAttendees(dto: CreateMeetingDto): void {
  const names = dto.attendees.map((a) => a.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup)
    throw validationFailed([
      { field: 'attendees', reason: `${dup} is listed twice`, reasonSv: `${dup} finns med två gånger` },
    ]);
  if (dto.attendees.filter((a) => a.chair).length > 1) {
    throw validationFailed([{ field: 'attendees', reason: 'only one chair', reasonSv: 'endast en ordförande' }]);
  }
}

/** 409 BODY_EXISTS: a municipality's bodies have distinct names. */
export function bodyExists(name: string, code: string): AppError {
  return new AppError(
    'CONFLICT',
    'BODY_EXISTS',
    `${name} already exists in ${code}.`,
    `${name} finns redan i ${code}.`,
  );
}
