import { ApiProperty } from '@nestjs/swagger';

export const HISTORY_LINK_RELS = ['decision', 'document-version', 'signature', 'meeting', 'caused-by'] as const;

/** A record behind a history entry, as an API path that answers it. */
export class HistoryLink {
  @ApiProperty({ enum: HISTORY_LINK_RELS }) rel: (typeof HISTORY_LINK_RELS)[number];
  @ApiProperty() id: string;
  @ApiProperty({ example: '/api/v1/decisions/3f0c…' }) href: string;
}

/** Payload keys that name a record of another module, and where the API answers it. */
const LINKED_KEYS: Record<string, { rel: HistoryLink['rel']; path: (id: string) => string }> = {
  decisionId: { rel: 'decision', path: (id) => `/api/v1/decisions/${id}` },
  documentVersionId: { rel: 'document-version', path: (id) => `/api/v1/document-versions/${id}` },
  versionId: { rel: 'document-version', path: (id) => `/api/v1/document-versions/${id}` },
  signatureId: { rel: 'signature', path: (id) => `/api/v1/signatures/${id}` },
  meetingId: { rel: 'meeting', path: (id) => `/api/v1/meetings/${id}` },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How deep the payload is searched (events nest a decision or a signature one or two levels down). */
const MAX_DEPTH = 4;

/**
 * The links of a row: every id the event carries under a known key (any depth up to MAX_DEPTH), and the decision that
 * drove it (`workflow_link`, D10), each once. Document hashes stay in the payload: they are checked there, not linked.
 */
export function linksOf(payload: unknown, droveBy: string[] = []): HistoryLink[] {
  const out = new Map<string, HistoryLink>();
  const walk = (value: unknown, depth: number) => {
    if (!value || typeof value !== 'object' || depth > MAX_DEPTH) return;
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const linked = LINKED_KEYS[key];
      if (linked && typeof v === 'string' && UUID.test(v)) {
        out.set(`${linked.rel}:${v}`, { rel: linked.rel, id: v, href: linked.path(v) });
      } else walk(v, depth + 1);
    }
  };
  walk(payload, 0);
  for (const causeKey of droveBy) {
    const id = causeKey.startsWith('decision:') ? causeKey.slice('decision:'.length) : null;
    if (id && UUID.test(id) && !out.has(`decision:${id}`))
      out.set(`decision:${id}`, { rel: 'decision', id, href: `/api/v1/decisions/${id}` });
  }
  return [...out.values()];
}
