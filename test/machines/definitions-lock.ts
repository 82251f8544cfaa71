/**
 * The lock of the machine definitions: id@version → fingerprint, committed in machines/definitions.lock.json.
 * `npx ts-node --transpile-only test/machines/definitions-lock.ts` adds the versions that are not in it yet; it never
 * changes an entry that is (a changed definition needs a new version, not a new lock).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MACHINE_DEFINITIONS } from '../../machines/registry';
import { definitionHash, definitionKey } from '../../src/workflow/versions/definition-hash';

export const LOCK_FILE = join(__dirname, '../../machines/definitions.lock.json');

export function readLock(): Record<string, string> {
  return JSON.parse(readFileSync(LOCK_FILE, 'utf8')) as Record<string, string>;
}

export function runningHashes(): Record<string, string> {
  return Object.fromEntries(MACHINE_DEFINITIONS.map((d) => [definitionKey(d.id, d.version), definitionHash(d)]));
}

if (require.main === module) {
  let lock: Record<string, string> = {};
  try {
    lock = readLock();
  } catch {
    // no lock yet: every version is new
  }
  const merged = { ...runningHashes(), ...lock };
  const sorted = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b, 'en')));
  writeFileSync(LOCK_FILE, `${JSON.stringify(sorted, null, 2)}\n`);
  process.stdout.write(`${LOCK_FILE}: ${Object.keys(sorted).length} versions\n`);
}
