import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  areaKit,
  createDalsland,
  enter,
  getHistory,
  tableCounts,
  useTestApp,
  verifyWorkflow,
  type TestContext,
} from './kit';

const ROOT = path.resolve(__dirname, '../..');

/** The CLI without npm around it (as cli.e2e-spec.ts runs it), against the test app's database. */
function cli(args: string[], ctx: TestContext): Promise<{ code: number; stdout: string; stderr: string }> {
  const options = ctx.dataSource.options as { database?: string; url?: string };
  const url = ctx.databaseKind === 'sqlite' ? `sqlite:${options.database}` : options.url!;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as any).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

// `npm run cli -- migrate-instances …`: the API's migration from the shell (h-versions).
describe('CLI migrate-instances', () => {
  jest.setTimeout(300_000);
  const ctx = useTestApp();
  const areas = areaKit(ctx);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-migrate-'));
  const mapFile = (name: string, mapping: Record<string, string>) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(mapping));
    return file;
  };

  it('a dry run lists the move, an unmapped state exits 1, and the applied run writes the migration row', async () => {
    await createDalsland(ctx);
    for (const code of ['1460', '1461']) await enter(ctx, code);
    const { id } = await areas.propose('dalslandssamverkan', ['1460', '1461']);
    await areas.toDecisions(id);
    const { workflowId } = await areas.get(id);
    const full = mapFile('full.json', { beslut: 'beredning', drift: 'genomforande' });
    const base = ['migrate-instances', '--machine', 'area', '--from', '1', '--to', '2', '--only', workflowId];

    const before = await tableCounts(ctx);
    const dry = await cli([...base, '--map', full, '--dry-run'], ctx);
    expect(dry).toMatchObject({ code: 0 });
    expect(dry.stdout.trim()).toBe(`${workflowId} WOULD_MIGRATE beslut → beredning`);
    const unmapped = await cli([...base, '--map', mapFile('partial.json', { ide: 'ide' })], ctx);
    expect(unmapped.code).toBe(1);
    expect(unmapped.stdout).toContain('MIGRATION_UNMAPPED_STATE');
    expect(await tableCounts(ctx)).toEqual(before);

    const applied = await cli([...base, '--map', full], ctx);
    expect(applied).toMatchObject({ code: 0 });
    expect(applied.stdout).toContain(`${workflowId} MIGRATED beslut → beredning`);
    const last = (await getHistory(ctx, workflowId)).at(-1);
    expect(last).toMatchObject({ eventType: 'xstate.migrate', machineVersion: 2, actor: { role: 'admin' } });
    expect(last.actor.id).toMatch(/^cli/);
    expect(await verifyWorkflow(ctx, workflowId)).toMatchObject({ ok: true });
  });

  it('a bad map file is a usage error naming the field (exit 2)', async () => {
    const bad = await cli(
      [
        'migrate-instances',
        '--machine',
        'area',
        '--from',
        '1',
        '--to',
        '2',
        '--map',
        mapFile('bad.json', { 'a b': 'c' }),
      ],
      ctx,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('stateMapping');
  });
});
