import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { TokenService } from './auth/token.service';
import { backupSqlite, restoreSqlite, sqliteFileOf } from './cli/sqlite-backup';
import { tokenCreate, tokenList, tokenRevoke, UsageError, type Printer } from './cli/token-commands';
// Sign-in by a person's name and password (h-web2)
import { PersonService } from './auth/person.service';
import { personCreate, personList, personRevoke } from './cli/person-commands';
// The auditor's evidence package
import { verifyExportCommand } from './cli/evidence-commands';
import { exportEvidence } from './evidence/evidence-export';
import { CheckpointService } from './checkpoint/checkpoint.service';
import { verifyCommand as runVerify } from './cli/verify-command';
import { AppConfig, loadConfig } from './config/app-config';
import { openDataSource } from './database/data-source';
import { Db } from './database/db';
import { Clock } from './workflow/clock';
import { MachineRegistry } from './workflow/machine-registry';
import { DATABASE_CHECKS } from './workflow/verify/database-checks';
import { signedCheckpointsCheck } from './checkpoint/checkpoint-problems';
// Signed checkpoints of the log (h-checkpoint)
import { checkpointCommand, keysCreate, verifyCheckpointsCommand, witnessCommand } from './cli/checkpoint-commands';
// Chain coverage of the tables (h-chain)
import { verifyTablesCommand } from './cli/verify-tables';
// Versioned machines and migrations of running instances (h-versions)
import { migrateInstances } from './cli/migrate-instances';
// Gallring of personal data (h-gallring)
import { gallraCommand } from './cli/gallra-command';

const USAGE = `Usage (npm run --silent cli -- COMMAND; stdout is the result only, everything else goes to stderr):
  token create --role admin|coordinator|clerk|auditor --name "PERSON" [--municipality CODE] [--label TEXT]
               [--expires-in-days N]          prints the token (only this once)
  token list [--status active|expired|revoked] [--json]
  token revoke ID
  person create --user-name U --name "PERSON" --role admin|coordinator|clerk|auditor [--municipality CODE]
                                              the password is read from standard input (one line)
  person list [--status active|revoked] [--json]
  person revoke ID                            they cannot sign in, and their sessions end
  migrate-instances --machine ID --from V --to W --map FILE.json [--dry-run] [--only ID…] [--json]
                                              move running instances to a newer machine version (h-versions);
                                              exit 1 when an instance is refused
  backup PATH                                 online backup of the SQLite database (the service may run)
  restore PATH [--force]                      replace the SQLite database with a backup (stop the service first),
                                              then run the migrations and verify every workflow
  export --collaboration SLUG --out PATH [--from DATE] [--to DATE]
                                              the collaboration's evidence package (E-ARK SIP, one tar archive);
                                              signs a checkpoint first when the log grew (needs the log key)
  verify-export PATH [--witnesses N] [--log-key VKEY]
                                              check an evidence package offline (no database, no network): files,
                                              rows, replay, checkpoint signatures, cosignatures, proofs; exit 1 on any
  verify [--collaboration SLUG] [--json] [--progress] [--workers N]
                                              replay and check every workflow (--all: the same), or those of one
                                              collaboration; progress on stderr; exit 1 on any problem
  verify ID                                   one workflow: its report as JSON; exit 1 on any problem
  migrate                                     run pending migrations against DATABASE_URL
  keys create [--name NAME] [--out PATH] [--witness]
                                              a new signing key (0600, never over a file); prints its vkey
  checkpoint                                  sign a checkpoint of the log now (when it grew)
  verify-checkpoints [--witnesses N] [--log-key VKEY]
                                              check the checkpoints and that the log extends them; exit 1 on any
  witness --api URL --token T --key FILE --state FILE [--log-key VKEY]
                                              one run of a party's witness: cosign the latest checkpoint if
                                              consistent with the last one cosigned; exit 1 when refused
  verify-tables [--json]                      check every table beside the log against it; exit 1 on any problem
  gallra --beslut DNR --beslutsdatum DATE [--organ KS] --decision ID (--name NAME | --commitment HEX) [--json]
                                              remove a person's name from a decision record under a gallringsbeslut
                                              (logged; the commitment stays); exit 1 when refused`;

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

// Verify at every scale (h-verify): src/cli/verify-command.ts
function verifyCommand(config: AppConfig, args: string[]): Promise<number> {
  return withDb(config, (db) =>
    runVerify(db, args, print, process.stderr, [...DATABASE_CHECKS, signedCheckpointsCheck(db, config)]),
  );
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

/** `export`: the evidence package of one collaboration, written to --out. */
async function exportCommand(config: AppConfig, args: string[]): Promise<number> {
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const slug = option('--collaboration');
  const out = option('--out');
  if (!slug || !out) throw new UsageError('export needs --collaboration SLUG and --out PATH');
  const from = option('--from');
  const to = option('--to');
  for (const [name, value] of [
    ['--from', from],
    ['--to', to],
  ] as const)
    if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value))
      throw new UsageError(`${name} takes a date YYYY-MM-DD`);
  return withDb(config, async (db) => {
    const checkpoints = new CheckpointService(db, config, new Clock());
    const request = { slug, from, to, now: new Clock().nowIso() };
    const result = await exportEvidence(db, new MachineRegistry(), checkpoints, request, out);
    print.out(result.path);
    print.err(
      `${result.info.packageId}: ${result.info.workflows} workflows, ${result.info.rows} rows, ${result.bytes} bytes.`,
    );
    return 0;
  });
}

/** Administration from the shell, against the database in DATABASE_URL. */
async function main(args: string[]): Promise<number> {
  try {
    // The evidence check needs no configuration and opens no database.
    if (args[0] === 'verify-export') return await verifyExportCommand(args.slice(1), print);
    const config = loadConfig();
    const [command, sub] = args;
    const rest = args.slice(command === 'token' || command === 'person' ? 2 : 1);
    if (command === 'token' && ['create', 'list', 'revoke'].includes(sub)) {
      const run = { create: tokenCreate, list: tokenList, revoke: tokenRevoke }[sub as 'create' | 'list' | 'revoke'];
      return await withDb(config, (db) => run(new TokenService(db, new Clock(), config), rest, print));
    }
    if (command === 'person' && ['create', 'list', 'revoke'].includes(sub)) {
      const run = { create: personCreate, list: personList, revoke: personRevoke }[sub as 'create' | 'list' | 'revoke'];
      return await withDb(config, (db) => run(new PersonService(db, new Clock(), config), rest, print));
    }
    if (command === 'verify') return await verifyCommand(config, rest);
    // Versioned machines and migrations of running instances (h-versions)
    if (command === 'migrate-instances') return await withDb(config, (db) => migrateInstances(db, rest, print));
    if (command === 'backup') return await backupCommand(config, rest);
    // Chain coverage of the tables (h-chain)
    if (command === 'verify-tables') return await withDb(config, (db) => verifyTablesCommand(db, rest, print));
    if (command === 'restore') return await restoreCommand(config, rest);
    if (command === 'export') return await exportCommand(config, rest);
    if (command === 'migrate') {
      await withDb(config, async () => undefined);
      print.err('Migrations are up to date.');
      return 0;
    }
    // Signed checkpoints of the log (h-checkpoint)
    if (command === 'keys' && sub === 'create') return keysCreate(config, args.slice(2), print);
    if (command === 'checkpoint') return await withDb(config, (db) => checkpointCommand(db, config, print));
    if (command === 'verify-checkpoints') {
      return await withDb(config, (db) => verifyCheckpointsCommand(db, config, rest, print));
    }
    if (command === 'witness') return await witnessCommand(rest, print);
    // Gallring of personal data (h-gallring)
    if (command === 'gallra') return await withDb(config, (db) => gallraCommand(db, rest, print));
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
