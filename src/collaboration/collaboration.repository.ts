import { notFound } from '../common/errors';
import { exampleViewOf } from '../common/example-view';
import type { Tx } from '../database/db';
import type { MembershipSettings } from '../../machines/membership/membership.types';
import { CollaborationEntity } from './collaboration.entity';

/** Reads of the collaboration table, for the services of this module (through the caller's transaction). */
export const CollaborationRows = {
  async bySlug(tx: Tx, slug: string): Promise<CollaborationEntity> {
    const collaboration = await tx.findOne(CollaborationEntity, { where: { slug } });
    if (!collaboration) throw unknownCollaboration(slug);
    return collaboration;
  },

  /** The settings in force, read in the writing transaction (they may have changed since the party was cached). */
  async settingsInForce(tx: Tx, collaborationId: string): Promise<MembershipSettings> {
    const rows = await tx.select<{ settings: string }>(
      `SELECT settings FROM collaboration WHERE id = ${tx.dialect.param(1)}`,
      [collaborationId],
    );
    return JSON.parse(rows[0].settings);
  },
};

export function unknownCollaboration(slug: string) {
  return notFound(`Collaboration '${slug}'`, `Samverkan '${slug}'`);
}

/** The example mark of a demo collaboration as views show it (the row caches the workflow's input); else null. */
export function exampleOfRow(c: Pick<CollaborationEntity, 'example'>) {
  return exampleViewOf({ example: c.example ? JSON.parse(c.example) : undefined });
}
