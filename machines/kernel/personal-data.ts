/**
 * Personal data in a record (issue 10 §9, R-K9): a name is written into the log as a marker `pd:<commitment>`, the
 * commitment being the SHA-256 of a random salt and the name; the name and its salt are kept beside the log
 * (src/personal-data), so a gallring deletes them and the chain keeps the commitment. Within one meeting the same
 * person has one marker, so every guard that compares persons (jäv, votes, reservations) compares markers and replays
 * after a gallring exactly as before: no guard needs the removed name.
 */

/** A marker anywhere in a text (a payload, a view, a refusal message). */
export const PERSONAL_MARKER = /pd:[0-9a-f]{64}/g;

const WHOLE_MARKER = /^pd:[0-9a-f]{64}$/;

export function markerOf(commitment: string): string {
  return `pd:${commitment}`;
}

export function isPersonalMarker(value: unknown): value is string {
  return typeof value === 'string' && WHOLE_MARKER.test(value);
}

export function commitmentOfMarker(marker: string): string {
  return marker.slice('pd:'.length);
}

/** Every commitment whose marker occurs in a text, once each. */
export function commitmentsIn(text: string): string[] {
  return [...new Set(text.match(PERSONAL_MARKER) ?? [])].map(commitmentOfMarker);
}
