import * as fs from 'fs';
import * as path from 'path';
import * as sqlite3 from 'sqlite3';

/**
 * Online backup and restore of the SQLite database, for the CLI (`backup PATH`, `restore PATH`).
 *
 * Backup: `VACUUM INTO` on a read-only connection of its own. It reads one snapshot of the committed data (a WAL read
 * transaction), so the service goes on writing meanwhile and the copy is consistent as of its start: every COMMIT
 * before it is in, none after. It is written beside the target, checked (`PRAGMA integrity_check`), synced and then
 * renamed into place, so PATH is either a whole, checked backup or absent. (node-sqlite3 5.1.7 also has
 * `Database#backup`, the page-copying backup API; it restarts whenever another connection writes between its steps,
 * which under steady writes means it may never finish unless it copies in one step, and it is not in the typings.)
 *
 * Restore: refused while another connection has the target open (the service: a WAL database cannot be switched out
 * of WAL mode while another connection holds it) and refused over a database with data unless `force`. The backup is
 * checked, copied beside the target, synced, and renamed over it; the old `-wal` and `-shm` go first (a WAL left
 * behind would be applied to the restored file). The caller then opens it (migrations) and verifies it.
 */

export interface BackupResult {
  path: string;
  bytes: number;
  workflows: number;
}

/** The database file of a SQLite DATABASE_URL (`sqlite:PATH` or a path), or null for PostgreSQL. */
export function sqliteFileOf(url: string): string | null {
  if (/^postgres(ql)?:\/\//.test(url)) return null;
  return url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
}

export async function backupSqlite(databaseFile: string, target: string): Promise<BackupResult> {
  if (databaseFile === ':memory:') throw new Error('An in-memory database has nothing to back up.');
  if (!fs.existsSync(databaseFile)) throw new Error(`No database at ${databaseFile}.`);
  if (fs.existsSync(target)) throw new Error(`${target} exists; a backup never overwrites a file.`);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  try {
    const source = await open(databaseFile, sqlite3.OPEN_READONLY);
    try {
      await run(source, 'VACUUM INTO ?', [partial]);
    } finally {
      await close(source);
    }
    const workflows = await check(partial);
    syncFile(partial);
    fs.renameSync(partial, target);
    syncDirectory(target);
    return { path: target, bytes: fs.statSync(target).size, workflows };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

export async function restoreSqlite(backupFile: string, databaseFile: string, options: { force: boolean }) {
  if (databaseFile === ':memory:') throw new Error('Restore needs a database file, not :memory:.');
  if (!fs.existsSync(backupFile)) throw new Error(`No backup at ${backupFile}.`);
  const workflows = await check(backupFile);
  if (fs.existsSync(databaseFile)) await assertReplaceable(databaseFile, options.force);
  fs.mkdirSync(path.dirname(path.resolve(databaseFile)), { recursive: true });
  const partial = `${databaseFile}.restoring-${process.pid}`;
  try {
    fs.copyFileSync(backupFile, partial);
    syncFile(partial);
    for (const leftover of [`${databaseFile}-wal`, `${databaseFile}-shm`, `${databaseFile}-journal`]) {
      fs.rmSync(leftover, { force: true });
    }
    fs.renameSync(partial, databaseFile);
    syncDirectory(databaseFile);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  return { path: databaseFile, bytes: fs.statSync(databaseFile).size, workflows };
}

/** Refuses a target that another connection has open, or that has data (unless forced). */
async function assertReplaceable(databaseFile: string, force: boolean): Promise<void> {
  const db = await open(databaseFile, sqlite3.OPEN_READWRITE);
  try {
    // Leaving WAL mode needs the only connection: with the service running this is SQLITE_BUSY at once.
    await all(db, 'PRAGMA journal_mode = DELETE').catch((error: Error) => {
      throw new Error(
        /BUSY|LOCKED/.test(error.message)
          ? `${databaseFile} is open in another process (the service?): stop it first, then restore.`
          : error.message,
      );
    });
    const tables = await all<{ n: number }>(db, `SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'`);
    if (Number(tables[0].n) > 0 && !force) {
      throw new Error(`${databaseFile} has data; give --force to replace it with the backup.`);
    }
  } finally {
    await close(db);
  }
}

/** A database file that SQLite finds whole and that is the service's: the number of its workflows. */
async function check(file: string): Promise<number> {
  const db = await open(file, sqlite3.OPEN_READONLY);
  try {
    const result = await all<{ integrity_check: string }>(db, 'PRAGMA integrity_check');
    const problems = result.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (problems.length) throw new Error(`${file} fails the integrity check: ${problems.slice(0, 5).join('; ')}`);
    const tables = await all<{ name: string }>(db, `SELECT name FROM sqlite_master WHERE type = 'table'`);
    const names = new Set(tables.map((t) => t.name));
    if (!names.has('migrations') || !names.has('workflow_instance')) {
      throw new Error(`${file} is not a Samverkan database (no migrations or workflow_instance table).`);
    }
    return Number((await all<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM workflow_instance'))[0].n);
  } finally {
    await close(db);
  }
}

function open(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, mode, (error) => (error ? reject(error) : resolve(db)));
  });
}

function run(db: sqlite3.Database, sql: string, params: unknown[] = []): Promise<void> {
  return new Promise((resolve, reject) => db.run(sql, params, (error) => (error ? reject(error) : resolve())));
}

function all<R>(db: sqlite3.Database, sql: string, params: unknown[] = []): Promise<R[]> {
  return new Promise((resolve, reject) =>
    db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as R[]))),
  );
}

function close(db: sqlite3.Database): Promise<void> {
  return new Promise((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
}

function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** A rename is durable once its directory is synced. */
function syncDirectory(file: string): void {
  const fd = fs.openSync(path.dirname(path.resolve(file)), 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
