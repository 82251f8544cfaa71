import { areaDefinition } from '../../machines/area/area.machine';
import { MACHINE_DEFINITIONS } from '../../machines/registry';
import { definitionHash, definitionText } from '../../src/workflow/versions/definition-hash';
import { readLock, runningHashes } from './definitions-lock';

// A stored instance replays through its pinned version for as long as the records exist: a version's definition
// must never change under it. machines/definitions.lock.json holds each version's fingerprint.
describe('machine definitions lock', () => {
  it('every registered version is locked with the fingerprint of its running definition', () => {
    const lock = readLock();
    const changed = Object.entries(runningHashes())
      .filter(([key, hash]) => lock[key] !== hash)
      .map(([key]) =>
        key in lock
          ? `${key}: its definition changed. Make a new version instead of editing this one (stored instances replay through it).`
          : `${key}: not locked yet; run \`npx ts-node --transpile-only test/machines/definitions-lock.ts\` and commit the lock.`,
      );
    expect(changed).toEqual([]);
  });

  it('every locked version is still registered (a stored instance may be pinned to it)', () => {
    const running = runningHashes();
    expect(Object.keys(readLock()).filter((key) => !(key in running))).toEqual([]);
  });

  it('the fingerprint sees a changed guard, a changed role and a new rules version, and ignores function sources', () => {
    const base = definitionHash(areaDefinition);
    const machine = areaDefinition.machine;
    const guardless = machine.provide({ guards: { proposalOk: () => true } });
    expect(definitionHash({ ...areaDefinition, machine: guardless })).toBe(base); // code is not in the hash …
    expect(definitionHash({ ...areaDefinition, rulesVersion: 2 })).not.toBe(base); // … its version is
    expect(
      definitionHash({ ...areaDefinition, eventRoles: { ...areaDefinition.eventRoles, AREA_CLOSED: ['admin'] } }),
    ).not.toBe(base);
    expect(definitionText(areaDefinition)).not.toMatch(/=>|function\s*\(|\bfunction\b/);
  });

  it('versions that share a graph still have fingerprints of their own', () => {
    const hashes = MACHINE_DEFINITIONS.map(definitionHash);
    expect(new Set(hashes).size).toBe(hashes.length);
  });
});
