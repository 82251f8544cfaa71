import type { ApiTokenEntity, TokenOrigin } from './api-token.entity';

export type TokenStatus = 'active' | 'expired' | 'revoked';
export const TOKEN_STATUSES: TokenStatus[] = ['active', 'expired', 'revoked'];

/** A token as the API and the CLI show it: everything but its hash. */
export interface TokenView {
  id: string;
  name: string;
  role: string;
  municipalityCode: string | null;
  label: string | null;
  origin: TokenOrigin;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  /** As of the moment of the answer: revoked wins over expired. */
  status: TokenStatus;
}

/** A new token: the secret, shown only in this answer, and its view. */
export interface IssuedToken extends TokenView {
  token: string;
}

export function tokenStatus(row: { revokedAt: string | null; expiresAt: string | null }, nowIso: string): TokenStatus {
  if (row.revokedAt) return 'revoked';
  return row.expiresAt && row.expiresAt > nowIso ? 'active' : 'expired';
}

export function tokenView(row: ApiTokenEntity, nowIso: string): TokenView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    municipalityCode: row.municipalityCode,
    label: row.label,
    origin: row.origin,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    revokedBy: row.revokedBy,
    status: tokenStatus(row, nowIso),
  };
}
