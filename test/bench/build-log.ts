/**
 * Builds the benchmark's long log (not measured), in its own process forked by bench.ts: the app (createApp) on the
 * benchmark's SQLite file with SQLITE_SYNCHRONOUS=NORMAL, appending COUNCIL_INFORMED events to one membership with
 * WorkflowTx.send, many events per engine.transaction. Every row is produced by the engine (hash
 * chain, states, head), exactly as on the HTTP path.
 *
 * One thing differs from the service, and only here: TypeORM's SQLite driver calls sqlite3.verbose(), which wraps
 * every statement call to capture a stack trace and util.inspect its arguments (for longer error stacks). That costs
 * more than the statement itself, so this builder process turns it off before the app loads.
 *
 * Protocol (IPC): one `BuildJob` in, one `BuildResult` (or `{ fatal }`) out, then exit.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- must run before the imports below load TypeORM
const sqlite3Module = require('sqlite3');
sqlite3Module.verbose = () => sqlite3Module;

import 'reflect-metadata';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import type { Actor } from '../../src/workflow/actor';
import { WorkflowEngine } from '../../src/workflow/engine/workflow-engine.service';

export interface BuildJob {
  databaseUrl: string;
  workflowId: string;
  actor: Actor;
  /** The instance's version now (seq of its last row); the log ends with seq `events - 1`. */
  fromVersion: number;
  events: number;
  batch: number;
}

export interface BuildResult {
  appended: number;
  version: number;
  seconds: number;
}

async function build(job: BuildJob): Promise<BuildResult> {
  const app = await createApp(
    loadConfig(
      {},
      {
        DATABASE_URL: job.databaseUrl,
        SEED: 'none',
        DUE_EVENTS_INTERVAL_MS: 0,
        SQLITE_SYNCHRONOUS: 'NORMAL',
        ACCESS_LOG: 'off',
      },
    ),
    {
      logger: false,
    },
  );
  try {
    const engine = app.get(WorkflowEngine);
    const t0 = performance.now();
    let version = job.fromVersion;
    while (version + 1 < job.events) {
      const n = Math.min(job.batch, job.events - 1 - version);
      const from = version;
      await engine.transaction(async (wtx) => {
        for (let i = 1; i <= n; i++) {
          const informedOn = `2025-02-${String(1 + ((from + i) % 28)).padStart(2, '0')}`;
          const r = await wtx.send(job.workflowId, { type: 'COUNCIL_INFORMED', informedOn }, job.actor);
          if (r.instance.version !== from + i)
            throw new Error(`expected version ${from + i}, got ${r.instance.version}`);
        }
      });
      version += n;
    }
    return { appended: version - job.fromVersion, version, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  process.once('message', (job: BuildJob) => {
    build(job).then(
      (result) => process.send!(result, () => process.exit(0)),
      (error) => process.send!({ fatal: String((error as Error)?.stack ?? error) }, () => process.exit(1)),
    );
  });
}
