/** Who did something: the token's id, its role and (for a clerk) its municipality. */
export interface Actor {
  id: string;
  role: 'admin' | 'coordinator' | 'clerk' | 'auditor' | 'system';
  municipality: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'system', municipality: null };
