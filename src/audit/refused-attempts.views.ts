import type { HistoryActorView } from '../workflow/history/history.views';

/** A refused attempt as an auditor reads it: who tried what, on which workflow, which rule refused it, when. */
export interface RefusedAttemptView {
  id: number;
  /** When the refusal was answered (UTC). */
  recordedAt: string;
  /** The same actor shape as a history entry's: token, person, role, municipality. */
  actor: HistoryActorView;
  workflowId: string | null;
  workflowHref: string | null;
  eventType: string | null;
  /** The refused event as its SHA-256 (canonical JSON) and field names; its values are not kept. */
  input: { sha256: string | null; fields: string[] };
  refusal: { code: string; ruleId: string | null; message: string };
}

export interface RefusedAttemptPageView {
  attempts: RefusedAttemptView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: number | null;
}
