import { DataSource, QueryFailedError } from 'typeorm';

/**
 * What differs between SQLite and PostgreSQL in the SQL this service writes by hand: placeholders, the character
 * function, and how a unique violation is reported. Everything else is the same statement on both.
 */
export interface Dialect {
  readonly kind: 'sqlite' | 'postgres';
  /** The i-th placeholder (1-based): `?` on SQLite, `$i` on PostgreSQL. */
  param(i: number): string;
  /** n placeholders from the `from`-th on, comma-separated. */
  params(n: number, from?: number): string;
  /** A quoted identifier. */
  quote(name: string): string;
  /** The function that makes a character from its code (`char` on SQLite, `chr` on PostgreSQL). */
  readonly chr: string;
}

const SQLITE: Dialect = {
  kind: 'sqlite',
  param: () => '?',
  params: (n) => Array.from({ length: n }, () => '?').join(', '),
  quote,
  chr: 'char',
};

const POSTGRES: Dialect = {
  kind: 'postgres',
  param: (i) => `$${i}`,
  params: (n, from = 1) => Array.from({ length: n }, (_, i) => `$${from + i}`).join(', '),
  quote,
  chr: 'chr',
};

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function isSqlite(ds: DataSource): boolean {
  return ds.options.type === 'sqlite';
}

export function dialectOf(ds: DataSource): Dialect {
  return isSqlite(ds) ? SQLITE : POSTGRES;
}

/** True when a write failed on a unique constraint (a concurrent writer took the same seq, or a duplicate key). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const e = error as QueryFailedError & { code?: string; driverError?: { code?: string; errno?: number } };
  const code = e.driverError?.code ?? e.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT' || /UNIQUE constraint failed/.test(e.message);
}
