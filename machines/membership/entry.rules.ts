/**
 * The entry rules of a membership (avsiktsförklaringen §9; RULEBOOK R-B1..R-B5; DECISIONS D5, D12): the fullmäktige
 * decision, the KSO's signature, the same declaration version on both, and the day the membership is in force.
 * Pure functions over the machine's context and an event: each check returns null or the Refusal that names its rule.
 */
import { refusal, type Refusal } from '../kernel/refusal';
import type { EventOf as KernelEventOf } from '../kernel/rule-table';
import { addDays, compareDates } from '../calendar/calendar';
import { checkSignatoryFor } from '../signature/signatory.rules';
import type {
  DecisionRef,
  LocalDate,
  MembershipContext,
  MembershipEvent,
  MembershipPeriod,
  MembershipSettings,
  Signatory,
} from './membership.types';

type EventOf<T extends MembershipEvent['type']> = KernelEventOf<MembershipEvent, T>;

/** How refusals name a deciding organ; the exit rules (R-C1) use the same names. */
export const ORGAN_NAMES: Record<string, { sv: string; en: string }> = {
  KF: { sv: 'kommunfullmäktige', en: 'the municipal council (kommunfullmäktige)' },
  KS: { sv: 'kommunstyrelsen', en: 'the municipal executive board (kommunstyrelsen)' },
  NAMND: { sv: 'en nämnd', en: 'a committee (nämnd)' },
};

const max = (...dates: LocalDate[]): LocalDate => dates.reduce((a, b) => (compareDates(a, b) >= 0 ? a : b));

// ---------------------------------------------------------------- entry (R-B1..R-B5, D5)

/** R-B2 (and R-B1): the entry decision must be taken by fullmäktige (or the organ the collaboration's settings name). */
export function checkEntryDecision(
  context: MembershipContext,
  event: EventOf<'FULLMAKTIGE_ADOPTED_DECLARATION' | 'ENTRY_DECIDED'>,
): Refusal | null {
  const required = event.settings?.entryDecisionOrgan ?? 'KF';
  if (event.decision.organ !== required) {
    return refusal(
      'WRONG_DECISION_ORGAN',
      'R-B2',
      `Entry requires a decision by ${ORGAN_NAMES[required].en}; this decision was taken by ${ORGAN_NAMES[event.decision.organ]?.en ?? event.decision.organ}.`,
      `Inträde kräver beslut av ${ORGAN_NAMES[required].sv}; detta beslut är fattat av ${ORGAN_NAMES[event.decision.organ]?.sv ?? event.decision.organ}.`,
      { requiredOrgan: required, organ: event.decision.organ },
    );
  }
  return (
    checkDeclarationVersion(context, event.declarationVersion, context.pendingEntry.signature?.declarationVersion) ??
    checkDocumentHash(event.decision.documentHash, context.pendingEntry.signature?.documentHash)
  );
}

/**
 * R-B2 as the client reads it: the entry event offered among a membership's allowed events is named after the organ
 * of the collaboration's rule. Where fullmäktige decides, FULLMAKTIGE_ADOPTED_DECLARATION (as always); where another
 * organ decides (Västra Mälardalen: kommunstyrelsen), the neutral ENTRY_DECIDED in its place. Both names are accepted
 * either way; this only says which one to use.
 */
export function offeredEntryEvents(
  allowed: readonly string[],
  settings: Pick<MembershipSettings, 'entryDecisionOrgan'> | undefined,
): string[] {
  const organ = settings?.entryDecisionOrgan ?? 'KF';
  if (organ === 'KF' || !allowed.includes('FULLMAKTIGE_ADOPTED_DECLARATION')) return [...allowed];
  return [
    ...allowed.filter((t) => t !== 'FULLMAKTIGE_ADOPTED_DECLARATION' && t !== 'ENTRY_DECIDED'),
    'ENTRY_DECIDED',
  ].sort();
}

/** R-B3 (and D12): only the KSO signs, unless a stand-in with a recorded legal basis is given. */
export function checkEntrySignature(context: MembershipContext, event: EventOf<'KSO_SIGNED'>): Refusal | null {
  return (
    checkSignatory(event.signatory, event.standIn) ??
    checkDeclarationVersion(context, event.declarationVersion, undefined) ??
    checkDocumentHash(context.pendingEntry.decision?.documentHash, event.documentHash)
  );
}

/** R-B3, D12: the KSO signs, or a stand-in whose legal basis is recorded (the declaration's row of the signatory table). */
export function checkSignatory(signatory: Signatory, standIn?: { legalBasis: string }): Refusal | null {
  return checkSignatoryFor('DECLARATION', { signatory, standIn });
}

/** R-B5: when both the adopted and the signed version are known by their hash, they must be the same text. */
export function checkDocumentHash(adopted: string | undefined, signed: string | undefined): Refusal | null {
  if (adopted && signed && adopted !== signed) {
    return refusal(
      'VERSION_MISMATCH',
      'R-B5',
      'The signature is of another version of the declaration than the one fullmäktige adopted.',
      'Underskriften avser en annan version av avsiktsförklaringen än den som fullmäktige antog.',
      { adoptedHash: adopted, signedHash: signed },
    );
  }
  return null;
}

/** R-B5: the decision and the signature concern the same, current, version of the declaration. */
export function checkDeclarationVersion(
  context: MembershipContext,
  version: string | undefined,
  otherVersion: string | undefined,
): Refusal | null {
  const v = version ?? context.declarationVersion;
  if (v !== context.declarationVersion || (otherVersion !== undefined && otherVersion !== v)) {
    return refusal(
      'VERSION_MISMATCH',
      'R-B5',
      `The decision and the signature must concern the same, current version of the declaration (${context.declarationVersion}); got ${v}.`,
      `Beslut och underskrift ska avse samma, gällande version av avsiktsförklaringen (${context.declarationVersion}); angiven version är ${v}.`,
      { currentVersion: context.declarationVersion, version: v, otherVersion },
    );
  }
  return null;
}

/** R-B4, D5: in force from the later of decision, signature, the declaration's effective date and a previous exit. */
export function memberFromDate(context: MembershipContext, decisionOn: LocalDate, signedOn: LocalDate): LocalDate {
  // The last exit that took effect, even when a later re-entry was annulled (voided) since.
  const previous = context.periods.filter((p) => p.exitedAfter).pop();
  const afterExit = previous?.exitedAfter ? addDays(previous.exitedAfter, 1) : context.declarationEffectiveDate;
  return max(decisionOn, signedOn, context.declarationEffectiveDate, afterExit);
}

export function completeEntry(
  context: MembershipContext,
  decision: DecisionRef,
  signature: MembershipPeriod['signature'],
): MembershipPeriod {
  return {
    decision,
    signature,
    enteredOn: max(decision.date, signature.signedOn),
    memberFrom: memberFromDate(context, decision.date, signature.signedOn),
    exitRequests: [],
  };
}
