/**
 * A recorded signature of a governing document (R-B3, R-B5, D12): the declaration is signed by the KSO (or a
 * stand-in with its legal basis, D12), and what was signed is byte for byte the version the municipality adopted.
 */
import { refusal, type Refusal } from '../kernel/refusal';
import { checkSignatory } from './membership.rules';
import type { Signatory } from './membership.types';

export interface SignatureFacts {
  signatory: Signatory;
  standIn?: { legalBasis: string };
  documentKey: string;
  /** SHA-256 of the text signed, and of the version it claims to be. */
  signedHash: string;
  version: { version: string; sha256: string; id: string };
  /** The version the municipality's standing adoption decision names, if any. */
  adopted: { version: string; id: string } | null;
}

/** R-B3 with D12, then R-B5: the signatory, the text signed, and that it is the version adopted. */
export function checkSignature(s: SignatureFacts): Refusal | null {
  const wrongSignatory = checkSignatory(s.signatory, s.standIn);
  if (wrongSignatory) return wrongSignatory;
  if (s.signedHash !== s.version.sha256) {
    return refusal(
      'VERSION_MISMATCH',
      'R-B5',
      'The signed text is not the text of this version (its SHA-256 differs).',
      'Den undertecknade texten är inte denna versions text (SHA-256 skiljer sig).',
      { signedHash: s.signedHash, versionHash: s.version.sha256 },
    );
  }
  if (s.adopted && s.adopted.id !== s.version.id) {
    return refusal(
      'VERSION_MISMATCH',
      'R-B5',
      `The municipality adopted version ${s.adopted.version} of '${s.documentKey}'; a signature of version ${s.version.version} is refused.`,
      `Kommunen har antagit version ${s.adopted.version} av '${s.documentKey}'; en underskrift av version ${s.version.version} avvisas.`,
      { adoptedVersion: s.adopted.version, signedVersion: s.version.version },
    );
  }
  return null;
}
