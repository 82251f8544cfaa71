import { HASHED_FIELDS, HASHED_WHEN_SET, type HashedTable } from './record-hash';

/** One statement of a consistent read (Db.snapshot's query, or a migration's QueryRunner.query). */
export type Query = <R = Record<string, unknown>>(sql: string, params: unknown[]) => Promise<R[]>;

/** The column of an entity property (every hashed property is its column in snake case). */
export const columnOf = (property: string): string => property.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Where each registered table's rows are registered: under their kommunkod, or the documents' scope. */
export const SCOPE_COLUMN: Record<HashedTable, string | null> = {
  body: 'municipality_code',
  meeting: 'municipality_code',
  signature: 'municipality_code',
  document: null,
  document_version: null,
  secrecy_marking: 'municipality_code',
  secrecy_lifting: 'municipality_code',
  delegation_decision: 'municipality_code',
};

/**
 * The stored rows of a registered table with their legal fields named as the entity's properties, and their register
 * scope: the columns by name, in plain SQL for both dialects (a migration reads them too, before any later column).
 */
export async function hashedRows(
  query: Query,
  table: HashedTable,
  /** Also the fields added later (HASHED_WHEN_SET): not in a migration that runs before their columns exist. */
  withLater = false,
): Promise<Array<{ row: Record<string, unknown> & { id: string }; scope: string | null }>> {
  const fields = [...HASHED_FIELDS[table], ...(withLater ? (HASHED_WHEN_SET[table] ?? []) : [])];
  const select = fields.map((f) => `"${columnOf(f)}" AS "${f}"`);
  const scopeColumn = SCOPE_COLUMN[table];
  if (scopeColumn) select.push(`"${scopeColumn}" AS "scope__"`);
  const rows = await query<Record<string, unknown>>(`SELECT ${select.join(', ')} FROM "${table}" ORDER BY "id"`, []);
  return rows.map((r) => {
    const { scope__, ...row } = r;
    if ('memberCount' in row && row.memberCount !== null) row.memberCount = Number(row.memberCount);
    // SQLite reads a boolean back as 0 or 1
    if ('isPublic' in row && row.isPublic != null) row.isPublic = Boolean(row.isPublic);
    return { row: row as Record<string, unknown> & { id: string }, scope: (scope__ as string | undefined) ?? null };
  });
}
