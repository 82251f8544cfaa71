import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/**
 * class-validator looks up a class's rules on every validate call by scanning the metadata of every decorated class
 * in the process (an `instanceof` per class, for inherited rules): about a tenth of a durable POST's CPU in the
 * bench. The rules only change when a decorator or a mapped type registers new ones, so the answer is kept per
 * class and set of options, and dropped whenever any rule is added. The same rules run, in the same order: only
 * the lookup is remembered (Nest's ValidationPipe keeps such a cache of its own for the same reason).
 */
/** A decorated class (class-validator keys its rules by the constructor). */
type Target = abstract new (...args: never[]) => unknown;

type Lookup = (
  target: Target,
  schema: string | undefined,
  always: boolean,
  strictGroups: boolean,
  groups?: string[],
) => ValidationMetadata[];

interface Storage {
  getTargetValidationMetadatas: Lookup;
  addValidationMetadata(metadata: ValidationMetadata): void;
}

const MEMOISED = Symbol.for('samverkan.validationMetadataMemo');

export function memoiseValidationMetadata(): void {
  const storage = getMetadataStorage() as unknown as Storage & { [MEMOISED]?: true };
  if (storage[MEMOISED]) return;
  storage[MEMOISED] = true;
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let memo = new Map<Target, Map<string, ValidationMetadata[]>>();
  storage.addValidationMetadata = (metadata) => {
    memo = new Map();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema ?? ''}\u0000${always}\u0000${strictGroups}\u0000${groups ? JSON.stringify(groups) : ''}`;
    let byOptions = memo.get(target);
    if (!byOptions) memo.set(target, (byOptions = new Map()));
    let found = byOptions.get(key);
    // A copy out, so that a caller changing its array cannot change the next caller's.
    if (!found) byOptions.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found.slice();
  };
}

memoiseValidationMetadata();
