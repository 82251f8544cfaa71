/**
 * Who may sign which kind of document: one table (R-B3 with D12 for the declaration; R-F6 for an area's agreement).
 * The declaration's rule (only the KSO) is the declaration's own (SEED-AF §13), not every document's: an area's
 * governing document is signed by whom each municipality has authorised (firmatecknare), with that authority stated.
 */
import { refusal, type Refusal } from '../kernel/refusal';
import type { Signatory } from '../membership/membership.types';

export type SignedDocumentKind = 'DECLARATION' | 'AREA_AGREEMENT';

export interface SignerFacts {
  signatory: Signatory & { title?: string };
  /** D12: a stand-in for the KSO, with its recorded legal basis (the declaration only). */
  standIn?: { legalBasis: string };
  /** R-F6: the authority the signature was made under (an area agreement). */
  authority?: { basis: string; decisionId?: string };
}

/** R-B3, D12: the declaration is signed by the KSO, or by a stand-in whose legal basis is recorded. */
function declarationSignatory({ signatory, standIn }: SignerFacts): Refusal | null {
  if (signatory.office !== 'KSO' && !standIn?.legalBasis?.trim()) {
    return refusal(
      'WRONG_SIGNATORY',
      'R-B3',
      `The declaration must be signed by the chair of the executive board (KSO); ${signatory.name} signed as ${signatory.office}. A stand-in needs a recorded legal basis (D12).`,
      `Avsiktsförklaringen ska undertecknas av kommunstyrelsens ordförande (KSO); ${signatory.name} har undertecknat som ${signatory.office}. En ersättare kräver ett registrerat rättsligt stöd (D12).`,
      { office: signatory.office },
    );
  }
  return null;
}

/** R-F6: an area's agreement is signed by a person the municipality authorised, and the signature states that authority. */
function areaAgreementSignatory({ signatory, authority }: SignerFacts): Refusal | null {
  if (!authority?.basis?.trim()) {
    return refusal(
      'AREA_SIGNATORY_AUTHORITY_MISSING',
      'R-F6',
      `${signatory.name} may sign the area's agreement only as a person the municipality has authorised (firmatecknare); the authority it was signed under must be stated.`,
      `${signatory.name} får underteckna områdets avtal endast som den kommunen utsett (firmatecknare); det bemyndigande underskriften vilar på ska anges.`,
      { office: signatory.office },
    );
  }
  return null;
}

/** The signatory rule of each document kind. */
export const SIGNATORY_RULES: Record<SignedDocumentKind, (facts: SignerFacts) => Refusal | null> = {
  DECLARATION: declarationSignatory,
  AREA_AGREEMENT: areaAgreementSignatory,
};

/** The signatory rule for a document of this kind: null when the person may sign it. */
export function checkSignatoryFor(kind: SignedDocumentKind, facts: SignerFacts): Refusal | null {
  return SIGNATORY_RULES[kind](facts);
}
