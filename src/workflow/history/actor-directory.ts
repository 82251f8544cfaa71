import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/tx';

/** Whoever knows the person behind an actor id (the auth module: a token's `name`). */
export interface ActorNameSource {
  /** actor id → the name of the person the token was given to, for the ids it knows. */
  namesOf(tx: Tx, actorIds: string[]): Promise<Map<string, string>>;
}

/**
 * The person behind an actor, resolved at read time (issue 10, point 7). The log keeps only the token id (hash
 * covered); the name lives in the token table, so a later erasure or salted commitment of personal data (gallring)
 * changes one row there and never a hashed log row. The auth module registers its tokens here at start (it depends on
 * the engine, so the engine cannot depend on it).
 */
@Injectable()
export class ActorDirectory {
  // The tokens' names, and the names of the people who sign in with a password (h-web2): their ids are UUIDs too.
  private readonly sources: ActorNameSource[] = [];

  use(source: ActorNameSource): void {
    if (!this.sources.some((s) => s.namesOf === source.namesOf)) this.sources.push(source);
  }

  async namesOf(tx: Tx, actorIds: Iterable<string>): Promise<Map<string, string>> {
    const ids = [...new Set(actorIds)].filter((id) => UUID.test(id));
    const names = new Map<string, string>();
    if (ids.length === 0) return names;
    for (const source of this.sources) for (const [id, name] of await source.namesOf(tx, ids)) names.set(id, name);
    return names;
  }
}

/** Token ids are UUIDs; 'system' and other actor ids name no person. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The token id of an actor id, or null for the engine's own actor. */
export const tokenIdOf = (actorId: string): string | null => (UUID.test(actorId) ? actorId : null);
