import { RULE_CODES, type RuleCode } from '../../machines/kernel/rule-codes';

/**
 * Every code the service answers with besides the rules' own (machines/kernel/rule-codes.ts), and what it means:
 * one typed list, so that a code that is used but not documented here fails the type check. docs/errors.md is
 * generated from both lists (`npm run docs:errors`).
 */
export const SERVICE_ERROR_CODES = {
  // 400
  VALIDATION_FAILED: 'The input failed validation; `details.fields` names each field and the reason.',
  BAD_REQUEST: 'The HTTP layer could not read the request.',
  PAYLOAD_TOO_LARGE: 'The request body is larger than the service accepts.',
  UNSUPPORTED_MEDIA_TYPE: 'The request body is not JSON.',
  REQUEST_TIMEOUT: 'The request did not arrive in time (408).',
  URI_TOO_LONG: 'The request line (method and URL) is longer than the service reads (414).',
  HEADERS_TOO_LARGE: 'The request headers are larger than the service reads (431).',
  // 401, 403
  UNAUTHENTICATED: 'No valid bearer token.',
  TOKEN_EXPIRED: 'The bearer token has expired (`details.expiresAt`); an admin issues a new one.',
  FORBIDDEN: 'The role may not do this, a clerk acts for another municipality, or the event is the engine’s own.',
  // 404, 405
  NOT_FOUND: 'No such record.',
  UNKNOWN_MUNICIPALITY: 'No municipality with this code.',
  NOT_A_PARTY: 'The municipality is not a party of the collaboration.',
  UNKNOWN_MACHINE: 'No machine of this id is registered.',
  METHOD_NOT_ALLOWED: 'The route does not take this method.',
  // 409
  TRANSITION_NOT_ALLOWED:
    'The workflow’s state has no transition for this event; `details.allowedEvents` lists those it has.',
  VERSION_CONFLICT: 'The workflow was changed by another request since `expectedVersion`; read it again.',
  MACHINE_VERSION_MISSING: 'The machine version the instance is pinned to is not registered.',
  SLUG_TAKEN: 'A collaboration with this slug exists.',
  MUNICIPALITY_EXISTS: 'A municipality with this code exists.',
  BODY_EXISTS: 'The municipality has a body of this name.',
  OPEN_MEETINGS_DECISION_EXISTS:
    "The body already records fullmäktige's decision allowing open meetings (R-H18); `details` names it.",
  PARAGRAPH_EXISTS: 'The meeting has a paragraph of this number.',
  MINIMAL_RECORD: 'The decision was recorded only minimally and has no protocol lifecycle.',
  NOTHING_TO_JUSTERA: 'No paragraph of the meeting is waiting for justering.',
  NOTHING_TO_ANSLA: 'No justerat paragraph of the meeting is waiting for its anslag.',
  DELEGATION_ALREADY_REPORTED:
    'The delegationsbeslut has been reported (anmält) already; `details.decisionId` is its anmälan.',
  DELEGATION_ALREADY_ANNOUNCED:
    'The delegationsbeslut has been announced on the notice board already (R-I9); its appeal period runs from that notice.',
  DOCUMENT_EXISTS: 'A document with this key exists.',
  // Sign-in by a person's name and password (h-web2)
  USER_NAME_TAKEN: 'A person with this user name is set up already (revoked or not: a user name is never reused).',
  VERSION_EXISTS: 'The document has a version of this label; a version is never changed.',
  // Amendments of the declaration (h-amend)
  ALREADY_A_PARTY: 'An amendment adds only a municipality that is not a party already (D4).',
  // Verify at every scale (h-verify)
  VERIFY_RUNNING:
    'A verify job is running in this process (`details.jobId`); poll it, or start another when it is done.',
  // Signed checkpoints of the log (h-checkpoint): 409, but 422 for UNKNOWN_WITNESS and COSIGNATURE_INVALID
  CHECKPOINT_KEY_MISSING:
    'The service has no readable checkpoint signing key (CHECKPOINT_KEY_FILE); see docs/checkpoints.md.',
  CHECKPOINT_LOG_DIVERGED:
    'The log no longer extends the latest signed checkpoint (`details` names the first differing row); nothing is signed.',
  CHECKPOINT_BUSY: 'Another process is making a checkpoint right now; try again.',
  LOG_EMPTY: 'The log has no rows yet: there is nothing to checkpoint.',
  WITNESS_EXISTS: 'A witness of this name is registered with another key.',
  UNKNOWN_WITNESS: 'No witness of the cosignature’s key name is registered.',
  COSIGNATURE_INVALID:
    'The cosignature is not a valid cosignature/v1 of this checkpoint by the registered witness key.',
  ROW_NOT_IN_CHECKPOINT: 'The row came after the checkpoint: its tree does not cover it.',
  // Versioned machines and migrations of running instances (h-versions)
  MIGRATION_VERSION_ORDER: 'A migration moves instances to a newer version of the same machine (`to` > `from`).',
  MIGRATION_UNMAPPED_STATE:
    'A migration refused an instance: the state mapping has no entry for its state; nothing was written for it.',
  MIGRATION_INVALID_TARGET:
    'A migration refused an instance: the mapped state does not exist in the new version (or its snapshot does not restore there).',
  MIGRATION_NOT_ON_VERSION:
    'A migration refused an instance named in `only`: it is not on the `from` version of this machine (or moved since the dry run).',
  // 422 besides the rules
  IDEMPOTENCY_KEY_REUSED: 'The Idempotency-Key was used before with another request.',
  GUARD_REFUSED: 'A guard refused without a rule to name (should not happen: every guard has a rule).',
  SIGNATURE_WRONG_MUNICIPALITY: 'The recorded signature is of another municipality (R-B3).',
  // 429
  RATE_LIMITED:
    'Too many failed authentications from this address, or too many requests with this token, this minute; ' +
    '`details.retryAfterSeconds` (and the `Retry-After` header) says when to try again.',
  // 500
  INTERNAL_ERROR: 'Something failed inside the service; the transaction was rolled back.',
} as const;

export type ServiceErrorCode = keyof typeof SERVICE_ERROR_CODES;
/** Every code an AppError may carry. */
export type ErrorCode = ServiceErrorCode | RuleCode;

export const ALL_ERROR_CODES: Record<ErrorCode, string> = { ...SERVICE_ERROR_CODES, ...RULE_CODES };
