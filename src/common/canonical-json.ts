/** Canonical JSON: object keys sorted at every level, no whitespace; undefined members dropped. Hashes depend on it. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** Plain JSON data of a value: class instances and undefined members dropped, so it hashes and stores canonically. */
export function plainJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}
