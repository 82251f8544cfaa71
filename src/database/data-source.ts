import * as fs from 'fs';
import * as path from 'path';
import * as sqlite3 from 'sqlite3';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { InitialSchema1732400000000 } from './migrations/1732400000000-initial-schema';
import { DecisionRecords1732500000000 } from './migrations/1732500000000-decision-records';
import { RequestFingerprint1732600000000 } from './migrations/1732600000000-request-fingerprint';
import { WorkflowLinks1732700000000 } from './migrations/1732700000000-workflow-links';
import { ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS } from './db';
import { TokenLifecycle1732800000000 } from './migrations/1732800000000-token-lifecycle';
import { isSqlite } from './dialect';
// Decision records review and demo marks (h-demo)
import { DecisionFixes1733400000000 } from './migrations/1733400000000-decision-fixes';
import { Amendments1733000000000 } from './migrations/1733000000000-amendments';
// Collaboration areas
import { Areas1732900000000 } from './migrations/1732900000000-areas';
// plan and council
import { PlanCouncil1733100000000 } from './migrations/1733100000000-plan-council';
// Cost sharing (kostnadsfördelning)
import { Costs1733200000000 } from './migrations/1733200000000-costs';
// Refused attempts (h-history)
import { RefusedAttempts1734000000000 } from './migrations/1734000000000-refused-attempts';
// Signed checkpoints of the log (h-checkpoint)
import { Checkpoints1733600000000 } from './migrations/1733600000000-checkpoints';
// Chain coverage of the tables (h-chain)
import { ChainCoverage1733700000000 } from './migrations/1733700000000-chain-coverage';
// Versioned machines and migrations of running instances (h-versions)
import { MachineDefinitions1733800000000 } from './migrations/1733800000000-machine-definitions';
// The past as it stood (h-asof)
import { AsOfIndex1733900000000 } from './migrations/1733900000000-as-of-index';
// Web pages' sessions (h-web)
import { WebSessions1734100000000 } from './migrations/1734100000000-web-sessions';
import { PersonalData1734200000000 } from './migrations/1734200000000-personal-data';
// The protocol as clerks keep it: a matter that goes on (h-protocol)
import { ParagraphContinuation1734700000000 } from './migrations/1734700000000-paragraph-continuation';
// Secrecy and openness (h-secret)
import { Secrecy1735100000000 } from './migrations/1735100000000-secrecy';
// Lifting a secrecy marking (h-secrecy)
import { SecrecyLifting1735200000000 } from './migrations/1735200000000-secrecy-lifting';
import { DelegationDecisions1734800000000 } from './migrations/1734800000000-delegation-decisions';
// Sign-in by a person's name and password (h-web2)
import { PersonAccounts1734950000000 } from './migrations/1734950000000-person-accounts';
// Not taking part, and meetings open to the public (h-meet)
import { MeetingOpenness1735300000000 } from './migrations/1735300000000-meeting-openness';

/** In the order of their timestamps: that is the order TypeORM runs and records them. */
export const MIGRATIONS = [
  InitialSchema1732400000000,
  DecisionRecords1732500000000,
  RequestFingerprint1732600000000,
  WorkflowLinks1732700000000,
  TokenLifecycle1732800000000,
  Areas1732900000000,
  Amendments1733000000000,
  PlanCouncil1733100000000,
  Costs1733200000000,
  DecisionFixes1733400000000,
  // Signed checkpoints of the log (h-checkpoint)
  Checkpoints1733600000000,
  // Chain coverage of the tables (h-chain)
  ChainCoverage1733700000000,
  // Versioned machines and migrations of running instances (h-versions)
  MachineDefinitions1733800000000,
  // The past as it stood (h-asof)
  AsOfIndex1733900000000,
  // Refused attempts (h-history)
  RefusedAttempts1734000000000,
  // Web pages' sessions (h-web)
  WebSessions1734100000000,
  // Gallring of personal data (h-gallring)
  PersonalData1734200000000,
  // The protocol as clerks keep it: a matter that goes on (h-protocol)
  ParagraphContinuation1734700000000,
  // Delegationsbeslut and their anmälan (h-deleg)
  DelegationDecisions1734800000000,
  // Sign-in by a person's name and password (h-web2)
  PersonAccounts1734950000000,
  // Secrecy and openness (h-secret)
  Secrecy1735100000000,
  // Lifting a secrecy marking (h-secrecy)
  SecrecyLifting1735200000000,
  // Meetings open to the public (h-meet)
  MeetingOpenness1735300000000,
];

/** One code path for both databases: the URL picks the driver; migrations own the schema (synchronize off). */
export function dataSourceOptions(url: string): DataSourceOptions {
  if (/^postgres(ql)?:\/\//.test(url)) {
    return {
      type: 'postgres',
      url,
      entities: ENTITIES,
      migrations: MIGRATIONS,
      synchronize: false,
      migrationsRun: false,
      extra: { max: 10 },
    };
  }
  const file = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return {
    type: 'sqlite',
    database: file,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    enableWAL: true,
    busyErrorRetry: 2000,
    // TypeORM calls `.verbose()` on the driver, which wraps every sqlite3 call to capture a stack trace: several
    // times the cost of the query itself. Hand it the plain module instead.
    driver: { verbose: () => sqlite3 },
  };
}

export { isSqlite } from './dialect';

/** Opens the database, applies the pragmas that make a commit durable, and runs pending migrations. */
export async function openDataSource(url: string, synchronous: 'FULL' | 'NORMAL' = 'FULL'): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  if (isSqlite(ds)) {
    await ds.query('PRAGMA journal_mode = WAL');
    await ds.query(`PRAGMA synchronous = ${synchronous}`);
    await ds.query('PRAGMA busy_timeout = 5000');
    await ds.query('PRAGMA foreign_keys = ON');
  }
  await migrate(ds);
  return ds;
}

/**
 * Runs the pending migrations. On PostgreSQL several processes may start at once on one database (a fresh one: each
 * would create the same tables), so the migrations run under an advisory lock: the first process to take it migrates,
 * the others wait for it and then find nothing pending. The lock is transaction-level, in a transaction of its own on
 * a connection of its own that stays open while the migrations run on another one; it is released when that
 * transaction ends (also if the process dies). SQLite has one service process per database file: no lock.
 */
async function migrate(ds: DataSource): Promise<void> {
  if (isSqlite(ds)) {
    await ds.runMigrations({ transaction: 'each' });
    return;
  }
  const lock = ds.createQueryRunner();
  try {
    await lock.startTransaction();
    await lock.query('SELECT pg_advisory_xact_lock($1, $2)', [ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS.migrations]);
    await ds.runMigrations({ transaction: 'each' });
    await lock.commitTransaction();
  } finally {
    if (lock.isTransactionActive) await lock.rollbackTransaction().catch(() => undefined);
    await lock.release();
  }
}
