import type { Db, SnapshotQuery } from '../database/db';
import type { Dialect } from '../database/dialect';
import { leafHash } from './merkle';

/** One row of the log as the tree sees it: its place (id), what it names (workflow, seq), and its leaf data. */
export interface LeafRow {
  id: number;
  instanceId: string;
  seq: number;
  hash: string;
}

/** The rows read per statement while streaming the log: a page, never the whole log. */
const PAGE = 2000;

/**
 * The leaf data of a row is the 32 bytes of its `hash` (hex-decoded); a hash that is not 64 hex digits (a damaged row)
 * is taken as its UTF-8 text, so it still gives a leaf of its own and never silently equals another.
 */
export function rowLeaf(hash: string): Buffer {
  return leafHash(/^[0-9a-f]{64}$/.test(hash) ? Buffer.from(hash, 'hex') : Buffer.from(hash, 'utf8'));
}

/** The log's rows with id ≤ `upToId` (all when null) in the order of their id, a page at a time. */
export async function* logRows(
  query: SnapshotQuery,
  dialect: Dialect,
  upToId: number | null = null,
): AsyncIterable<LeafRow> {
  const p = (i: number) => dialect.param(i);
  // Placeholders numbered in the order they appear (SQLite numbers `?` by position).
  const sql =
    upToId === null
      ? `SELECT id, instance_id, seq, hash FROM workflow_transition WHERE id > ${p(1)} ORDER BY id LIMIT ${p(2)}`
      : `SELECT id, instance_id, seq, hash FROM workflow_transition WHERE id > ${p(1)} AND id <= ${p(2)} ORDER BY id LIMIT ${p(3)}`;
  let after = -1;
  for (;;) {
    const rows = await query<Record<string, unknown>>(sql, upToId === null ? [after, PAGE] : [after, upToId, PAGE]);
    for (const r of rows) {
      yield { id: Number(r.id), instanceId: String(r.instance_id), seq: Number(r.seq), hash: String(r.hash) };
    }
    if (rows.length < PAGE) return;
    after = Number(rows[rows.length - 1].id);
  }
}

export async function* leavesOf(rows: AsyncIterable<LeafRow>): AsyncIterable<Buffer> {
  for await (const row of rows) yield rowLeaf(row.hash);
}

/** A row as a tile line: `<row id> <workflow id> <seq> <row hash>`. */
export function tileLine(row: LeafRow): string {
  return `${row.id} ${row.instanceId} ${row.seq} ${row.hash}\n`;
}

/** The leaves kept in the tiles, in leaf order from leaf 0, up to the first missing tile. */
export async function* tileRows(query: SnapshotQuery, dialect: Dialect): AsyncIterable<LeafRow> {
  let after = -1;
  for (;;) {
    const rows = await query<{ tile: number; leaves: string }>(
      `SELECT tile, leaves FROM checkpoint_tile WHERE tile > ${dialect.param(1)} ORDER BY tile LIMIT ${dialect.param(2)}`,
      [after, 64],
    );
    for (const r of rows) {
      if (Number(r.tile) !== after + 1) return; // a missing tile ends what the tiles can say
      after = Number(r.tile);
      for (const line of r.leaves.split('\n')) {
        if (!line) continue;
        const [id, instanceId, seq, hash] = line.split(' ');
        yield { id: Number(id), instanceId, seq: Number(seq), hash: hash ?? '' };
      }
    }
    if (rows.length < 64) return;
  }
}

/**
 * The log's extent that a checkpoint may cover: the highest row id and the number of rows up to it, such that no row
 * with a lower id can still appear. On PostgreSQL ids are handed out before commit, so a row with a lower id may
 * commit after a higher one; a SHARE lock on the log waits for every writing transaction to end (and holds new ones
 * for the moment of the count), so all rows up to the answer's id are committed. SQLite writes one at a time.
 */
export async function stableExtent(db: Db): Promise<{ lastRowId: number; count: number }> {
  const read = async (select: (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>) => {
    const [row] = await select('SELECT MAX(id) AS last, COUNT(*) AS n FROM workflow_transition', []);
    return { lastRowId: row?.last == null ? 0 : Number(row.last), count: Number(row?.n ?? 0) };
  };
  if (db.serialised) return db.read((tx) => read((sql, params) => tx.select(sql, params)));
  return db.write(async (tx) => {
    await tx.select('LOCK TABLE workflow_transition IN SHARE MODE', []);
    return read((sql, params) => tx.select(sql, params));
  });
}
