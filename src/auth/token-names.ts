import { In } from 'typeorm';
import type { Tx } from '../database/tx';
import { ApiTokenEntity } from './api-token.entity';

/** The person each token was given to (its `name`), for the history's actors (src/workflow/history/actor-directory.ts). */
export async function tokenNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  const rows = await tx.find(ApiTokenEntity, { where: { id: In(ids) }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}
