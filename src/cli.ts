import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { TokenService } from './auth/token.service';
import { backupSqlite, restoreSqlite, sqliteFileOf } from './cli/sqlite-backup';
import { tokenCreate, tokenList, tokenRevoke, UsageError, type Printer } from './cli/token-commands';
import { verifyAll } from './cli/verify-all';
import { AppConfig, loadConfig } from './config/app-config';
import { openDataSource } from './database/data-source';
import { Db } from './database/db';
import { Clock } from './workflow/clock';
import { MachineRegistry } from './workflow/machine-registry';
import { VerifyService } from './workflow/verify/verify.service';
// Versioned machines and migrations of running instances (h-versions)
import { migrateInstances } from './cli/migrate-instances';

const USAGE = `Usage (npm run --silent cli -- COMMAND; stdout is the result only, everything else goes to stderr):
  token create --role admin|coordinator|clerk|auditor --name "PERSON" [--municipality CODE] [--label TEXT]
               [--expires-in-days N]          prints the token (only this once)
  token list [--status active|expired|revoked] [--json]
  token revoke ID
  migrate-instances --machine ID --from V --to W --map FILE.json [--dry-run] [--only ID…] [--json]
                                              move running instances to a newer machine version (h-versions);
                                              exit 1 when an instance is refused
  backup PATH                                 online backup of the SQLite database (the service may run)
  restore PATH [--force]                      replace the SQLite database with a backup (stop the service first),
                                              then run the migrations and verify every workflow
  verify --all | verify ID                    replay and check workflows; exit 1 on any problem
  migrate                                     run pending migrations against DATABASE_URL`;

const PG_BACKUP =
  'On PostgreSQL use its own tools: pg_dump -Fc -f samverkan.dump "$DATABASE_URL", and to restore ' +
  'pg_restore --clean --if-exists -d "$DATABASE_URL" samverkan.dump, then `verify --all` (docs/operations.md).';

const print: Printer = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** The database of DATABASE_URL, opened (migrations run) for one command and closed after it. */
async function withDb<T>(config: AppConfig, work: (db: Db) => Promise<T>): Promise<T> {
  let ds: DataSource | null = null;
  let db: Db | null = null;
  try {
    ds = await openDataSource(config.DATABASE_URL, config.SQLITE_SYNCHRONOUS);
    db = new Db(ds);
    return await work(db);
  } finally {
    await db?.close();
    if (ds?.isInitialized) await ds.destroy();
  }
}

async function verifyCommand(config: AppConfig, args: string[]): Promise<number> {
  const id = args.find((a) => !a.startsWith('--'));
  if (!args.includes('--all') && !id) throw new UsageError('verify needs --all or a workflow id');
  return withDb(config, async (db) => {
    const verifier = new VerifyService(db, new MachineRegistry());
    if (!args.includes('--all')) {
      const report = await verifier.verify(id!);
      print.out(JSON.stringify(report, null, 2));
      return report.ok ? 0 : 1;
    }
    const result = await verifyAll(db, verifier);
    for (const r of result.failed) {
      const first = r.firstDivergence;
      print.out(
        `${r.workflowId} ${r.machine}: ${r.problems.length} problem(s); first ${first?.kind} at seq ${first?.seq}: ${first?.message}`,
      );
    }
    print.out(
      result.failed.length
        ? `${result.workflows} workflows verified: ${result.failed.length} with problems`
        : `${result.workflows} workflows verified: all clean`,
    );
    return result.failed.length ? 1 : 0;
  });
}

async function backupCommand(config: AppConfig, args: string[]): Promise<number> {
  const target = args.find((a) => !a.startsWith('--'));
  if (!target) throw new UsageError('backup needs the PATH of the new backup file');
  const file = sqliteFileOf(config.DATABASE_URL);
  if (!file) throw new Error(PG_BACKUP);
  const result = await backupSqlite(file, target);
  print.out(result.path);
  print.err(`Backed up ${file} to ${result.path}: ${result.bytes} bytes, ${result.workflows} workflows, integrity ok.`);
  return 0;
}

async function restoreCommand(config: AppConfig, args: string[]): Promise<number> {
  const source = args.find((a) => !a.startsWith('--'));
  if (!source) throw new UsageError('restore needs the PATH of a backup file');
  const file = sqliteFileOf(config.DATABASE_URL);
  if (!file) throw new Error(PG_BACKUP);
  const restored = await restoreSqlite(source, file, { force: args.includes('--force') });
  print.err(`Restored ${source} into ${file} (${restored.workflows} workflows); migrating and verifying …`);
  return verifyCommand(config, ['--all']);
}

/** Administration from the shell, against the database in DATABASE_URL. */
async function main(args: string[]): Promise<number> {
  try {
    const config = loadConfig();
    const [command, sub] = args;
    const rest = args.slice(command === 'token' ? 2 : 1);
    if (command === 'token' && ['create', 'list', 'revoke'].includes(sub)) {
      const run = { create: tokenCreate, list: tokenList, revoke: tokenRevoke }[sub as 'create' | 'list' | 'revoke'];
      return await withDb(config, (db) => run(new TokenService(db, new Clock(), config), rest, print));
    }
    if (command === 'verify') return await verifyCommand(config, rest);
    // Versioned machines and migrations of running instances (h-versions)
    if (command === 'migrate-instances') return await withDb(config, (db) => migrateInstances(db, rest, print));
    if (command === 'backup') return await backupCommand(config, rest);
    if (command === 'restore') return await restoreCommand(config, rest);
    if (command === 'migrate') {
      await withDb(config, async () => undefined);
      print.err('Migrations are up to date.');
      return 0;
    }
    if (command === 'help' || args.includes('--help')) {
      print.out(USAGE);
      return 0;
    }
    print.err(USAGE);
    return 2;
  } catch (error) {
    if (error instanceof UsageError) {
      print.err(`Error: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    print.err(`Error: ${(error as Error).message}`);
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => process.exit(code));
