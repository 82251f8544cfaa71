/**
 * The membership rules of a collaboration (avsiktsförklaringen §9, §13; RULEBOOK B, C, L; DECISIONS D1, D5, D6,
 * D12). Pure functions over the machine's context and an event: each check returns null or the Refusal that
 * names its rule. The machine's guards are built from these same functions.
 *
 * The module callers import; the rules live in one file per job:
 *   entry.rules.ts   entry: the decision, the signature, the version, in force from (R-B1..R-B5, D5, D12)
 *   exit.rules.ts    exit: request, notice, council, withdrawal, effect, annulment (R-C1..R-C11, D1, D6)
 *   status.rules.ts  the status on a date, current warnings, each event's legal date (R-A2, R-B4, R-C7, D13)
 */

/**
 * The events whose rules depend on the collaboration's settings (D1 request date, R-B2 entry organ): the host adds
 * the settings in force to them, so the log shows what each was judged under.
 */
export const EVENTS_JUDGED_BY_SETTINGS: ReadonlySet<string> = new Set([
  'FULLMAKTIGE_ADOPTED_DECLARATION',
  'ENTRY_DECIDED',
  'FULLMAKTIGE_REQUESTED_EXIT',
  'EXIT_NOTICE_DELIVERED',
  'EXIT_REQUEST_WITHDRAWN',
]);

export {
  checkDeclarationVersion,
  checkDocumentHash,
  checkEntryDecision,
  checkEntrySignature,
  checkSignatory,
  completeEntry,
  memberFromDate,
} from './entry.rules';

export type { AnnulmentTarget } from './exit.rules';
export {
  annulmentTarget,
  checkAnnulment,
  checkCouncilDecision,
  checkCouncilInformed,
  checkExitDecision,
  checkExitDecisionUnderRule,
  checkExitNotice,
  checkExitTookEffect,
  checkExitWithdrawal,
  checkExitWithdrawalUnderRule,
  exitRuleOf,
  councilInformedOn,
  currentPeriod,
  deliverExitNotice,
  openExitRequest,
  requestDateOf,
  requestStands,
} from './exit.rules';

export type { MembershipStatusOn } from './status.rules';
export { currentWarnings, membershipLegalDate, statusOn } from './status.rules';
