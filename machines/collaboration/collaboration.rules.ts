/**
 * A collaboration's own rules as data (entry, exit, amendments) and its parties of two kinds. The product's defaults
 * are Dalslandssamverkan's (SEED-AF §13, DECISIONS D1, D2); a collaboration whose declaration says otherwise
 * records its own in its settings (Västra Mälardalen: entry by kommunstyrelsen, no exit rule, SEED-VM).
 */
import { refusal, type Refusal } from '../kernel/refusal';
import type { LocalDate } from '../kernel/time';
import {
  DEFAULT_EXIT_RULE,
  type DecisionOrgan,
  type ExitRule,
  type MembershipSettings,
} from '../membership/membership.types';
import { exitRuleOf } from '../membership/exit.rules';

/** D2: the organ that approves an amendment for a municipality. */
export type AmendmentOrgan = 'KF' | 'KS';

/** The collaboration's settings: the membership settings and, per municipality, the organ approving amendments (D2). */
export interface CollaborationSettings extends MembershipSettings {
  /** D2: municipality code → organ; a municipality not named approves by fullmäktige (the default). */
  amendmentOrgan?: Record<string, AmendmentOrgan>;
}

export const DEFAULT_AMENDMENT_ORGAN: AmendmentOrgan = 'KF';

/** D2 (R-D2): the organ whose decision approves an amendment for this municipality. */
export function amendmentOrganOf(settings: CollaborationSettings | undefined, code: string): AmendmentOrgan {
  return settings?.amendmentOrgan?.[code] ?? DEFAULT_AMENDMENT_ORGAN;
}

/** The rules a collaboration's settings amount to, defaults filled in: what its view shows. */
export interface CollaborationRules {
  entry: { decisionOrgan: DecisionOrgan; signatory: 'KSO' };
  /** null: no exit rule is recorded (NO_EXIT_RULE). */
  exit: ExitRule | null;
  amendment: { defaultOrgan: AmendmentOrgan; byMunicipality: Record<string, AmendmentOrgan> };
}

export function collaborationRulesOf(settings: CollaborationSettings): CollaborationRules {
  return {
    entry: { decisionOrgan: settings.entryDecisionOrgan ?? 'KF', signatory: 'KSO' },
    exit: exitRuleOf(settings),
    amendment: { defaultOrgan: DEFAULT_AMENDMENT_ORGAN, byMunicipality: { ...(settings.amendmentOrgan ?? {}) } },
  };
}

export { DEFAULT_EXIT_RULE };

// ---------------------------------------------------------------- parties of two kinds

export type PartyKind = 'municipality' | 'organisation';

/** A signatory that is not a municipality: an association or a company (SEED-VM: two business associations). */
export interface OrganisationParty {
  kind: 'organisation';
  /** A stable key within the collaboration (lower-case, hyphens). */
  key: string;
  name: string;
  form: 'ASSOCIATION' | 'COMPANY' | 'OTHER';
  signedOn: LocalDate;
  signatory?: { name: string; title?: string };
  declarationVersion: string;
  note?: string;
}

export type Party = { kind: 'municipality'; code: string } | OrganisationParty;

/**
 * R-F1, R-D1: only municipalities count as the declaration's signatory parties (toward an area's two signatories,
 * as approvers of an amendment, as members); an organisation that signed is shown and never counted.
 */
export function countsAsSignatory(party: Party): boolean {
  return party.kind === 'municipality';
}

/** R-A1 as data: an organisation signs the declaration once (a second record of the same key is refused). */
export function checkOrganisationSignature(organisations: OrganisationParty[], key: string): Refusal | null {
  if (!organisations.some((o) => o.key === key)) return null;
  return refusal(
    'ORGANISATION_ALREADY_SIGNED',
    'R-A1',
    `The organisation '${key}' has already signed the declaration of this collaboration.`,
    `Organisationen '${key}' har redan undertecknat avsiktsförklaringen för denna samverkan.`,
    { key },
  );
}
