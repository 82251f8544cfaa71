import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { apiClient, createCollaboration, enter, expectErrorBody, sql, useTestApp, type TestContext } from './kit';

const ROOT = path.resolve(__dirname, '../..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI as an operator runs it: `npm run --silent cli -- …` (ts-node, no build), against DATABASE_URL. */
function npmCli(args: string[], databaseUrl: string): Promise<Run> {
  return spawn('npm', ['run', '--silent', 'cli', '--', ...args], databaseUrl);
}

/** The same program without npm around it (faster to start). */
function cli(args: string[], databaseUrl: string): Promise<Run> {
  return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', ...args], databaseUrl);
}

function spawn(file: string, args: string[], databaseUrl: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as any).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function databaseUrlOf(ctx: TestContext): string {
  const options = ctx.dataSource.options as { database?: string; url?: string };
  return ctx.databaseKind === 'sqlite' ? `sqlite:${options.database}` : options.url!;
}

// The CLI against the database of a running service: stdout is the result only (a token, a table, a path), the rest
// goes to stderr; tokens are listed and revoked, every workflow verified, and the SQLite database backed up and restored.
describe('CLI', () => {
  // Each run starts ts-node (a few seconds, more on a busy machine).
  jest.setTimeout(180_000);
  const ctx = useTestApp();
  const api = apiClient(ctx);
  let url: string;
  let workflows: number;
  beforeAll(async () => {
    url = databaseUrlOf(ctx);
    await createCollaboration(ctx, 'cli');
    await enter(ctx, '1492', '2023-11-29', '2023-12-08', 'cli');
    workflows = Number((await sql(ctx, 'SELECT COUNT(*) AS n FROM workflow_instance'))[0].n);
  });

  it('TOKEN=$(npm run --silent cli -- token create …) captures exactly the token; list and revoke it', async () => {
    const created = await npmCli(['token', 'create', '--role', 'admin', '--name', 'Anna Andersson, registrator'], url);
    expect(created).toMatchObject({ code: 0 });
    expect(created.stdout).toMatch(/^svk_[A-Za-z0-9_-]{43}\n$/);
    expect(created.stderr).toMatch(/Created admin token [0-9a-f-]{36} for Anna Andersson, registrator, valid until/);
    const token = created.stdout.trim();
    expect((await api.get('/tokens', token)).status).toBe(200);

    const listed = await cli(['token', 'list', '--json'], url);
    expect(listed.code).toBe(0);
    const views = JSON.parse(listed.stdout);
    const mine = views.find((v: any) => v.name === 'Anna Andersson, registrator');
    expect(mine).toMatchObject({
      role: 'admin',
      origin: 'cli',
      status: 'active',
      createdBy: expect.stringMatching(/^cli/),
    });
    expect(listed.stdout).not.toMatch(/[0-9a-f]{64}/); // never a hash
    expect(listed.stdout).not.toContain(token);

    const revoked = await cli(['token', 'revoke', mine.id], url);
    expect(revoked.code).toBe(0);
    const [header, line] = revoked.stdout.split('\n');
    expect(header).toMatch(/^ID\s+STATUS\s+ROLE\s+MUNICIPALITY\s+NAME\s+CREATED\s+EXPIRES\s+LAST USED\s+ORIGIN$/);
    expect(line).toMatch(new RegExp(`^${mine.id}\\s+revoked\\s+admin\\s+-\\s+Anna Andersson, registrator\\s`));
    expect(revoked.stderr).toMatch(/Revoked token/);
    const refused = await api.get('/tokens', token);
    expect(refused.status).toBe(401);
    expectErrorBody(refused.body, 'UNAUTHENTICATED');
  });

  it('a token without --name: the reason and the usage on stderr, nothing on stdout, exit 2', async () => {
    const run = await cli(['token', 'create', '--role', 'auditor'], url);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/^Error: --name is required[^]*Usage/);
  });

  it('verify --all: every workflow of the running service is clean', async () => {
    const run = await cli(['verify', '--all'], url);
    expect(run.stderr).toBe('');
    expect(workflows).toBeGreaterThan(1);
    expect(run).toMatchObject({ code: 0, stdout: `${workflows} workflows verified: all clean\n` });
  });

  // Verify at every scale (h-verify): everything (no argument), one collaboration, JSON, the progress bar on stderr.
  it('verify (everything), verify --collaboration SLUG, --json and --progress; an unknown collaboration fails', async () => {
    const all = await cli(['verify', '--workers', '1'], url);
    expect(all).toMatchObject({ code: 0, stdout: `${workflows} workflows verified: all clean\n`, stderr: '' });
    const mine = await cli(['verify', '--collaboration', 'cli', '--json', '--progress', '--workers', '1'], url);
    expect(mine.code).toBe(0);
    const report = JSON.parse(mine.stdout);
    expect(report).toMatchObject({
      ok: true,
      scope: { kind: 'collaboration', slug: 'cli' },
      counts: { workflows: 6 },
      problemCount: 0,
      execution: { mode: 'workers', threads: 1 },
    });
    expect(mine.stderr).toMatch(/\[#+\] 100% \d+\/\d+ rows, 6\/6 workflows, \d+ rows\/s, 0 s left/);
    const none = await cli(['verify', '--collaboration', 'no-such-one', '--workers', '0'], url);
    expect(none).toMatchObject({ code: 1, stdout: '' });
    expect(none.stderr).toMatch(/Collaboration no-such-one was not found/);
    const bad = await cli(['verify', '--workers', 'many'], url);
    expect(bad.code).toBe(2);
  });

  it('backup while the service writes; restore into a new file verifies clean; a tampered copy fails verify (PostgreSQL: points to pg_dump)', async () => {
    if (process.env.TEST_DATABASE === 'postgres') {
      // PostgreSQL has its own online backup: the CLI refuses and names it.
      const run = await cli(['backup', path.join(os.tmpdir(), 'never.sqlite')], url);
      expect(run).toMatchObject({ code: 1, stdout: '' });
      expect(run.stderr).toMatch(/pg_dump -Fc/);
      return;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-cli-'));
    try {
      const backupFile = path.join(dir, 'backup.sqlite');
      let stop = false;
      const writes = (async () => {
        for (let day = 1; !stop; day++) {
          await api.post(
            '/collaborations/cli/memberships/1492/events',
            { type: 'FULLMAKTIGE_REQUESTED_EXIT', decision: { organ: 'KF', date: '2025-01-15' } },
            ctx.tokens.admin,
          );
          await api.post('/municipalities', { code: String(1000 + day).slice(-4), name: `Kommun ${day}` });
        }
      })();
      const backup = await cli(['backup', backupFile], url).finally(() => (stop = true));
      await writes;
      expect(backup).toMatchObject({ code: 0, stdout: `${backupFile}\n` });
      expect(backup.stderr).toContain(`${workflows} workflows, integrity ok`);

      const restoredUrl = `sqlite:${path.join(dir, 'restored.sqlite')}`;
      const restored = await cli(['restore', backupFile], restoredUrl);
      expect(restored).toMatchObject({ code: 0, stdout: `${workflows} workflows verified: all clean\n` });

      // Restoring over the running service's database is refused.
      const live = await cli(['restore', backupFile, '--force'], url);
      expect(live.code).toBe(1);
      expect(live.stderr).toMatch(/stop it first/);

      // A tampered row in the restored copy: verify --all names its workflow and exits 1.
      const sqlite3 = await import('sqlite3');
      const db = new sqlite3.Database(path.join(dir, 'restored.sqlite'));
      await new Promise<void>((resolve, reject) =>
        db.run("UPDATE workflow_transition SET actor_role = 'auditor' WHERE seq = 1", (e) =>
          e ? reject(e) : resolve(),
        ),
      );
      await new Promise<void>((resolve) => db.close(() => resolve()));
      const tampered = await cli(['verify', '--all'], restoredUrl);
      expect(tampered.code).toBe(1);
      // Only the entered membership has a seq 1.
      expect(tampered.stdout.split('\n')).toEqual([
        expect.stringMatching(/^[0-9a-f-]{36} membership@2: 1 problem\(s\); first HASH_MISMATCH at seq 1: /),
        `${workflows} workflows verified: 1 with problems`,
        '',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
