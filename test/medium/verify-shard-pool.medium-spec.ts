import { MachineRegistry } from '../../src/workflow/machine-registry';
import { ShardPool } from '../../src/workflow/verify/shard-pool';
import type { BatchResult } from '../../src/workflow/verify/shard-verifier';

// The shards of a verify run: worker threads started from the sources (ts-node registered in the worker, as under
// `npm run cli` and jest), and the calling thread when a worker cannot start. Both give the same answers.
describe('verify shard pool', () => {
  jest.setTimeout(120_000);
  const registry = new MachineRegistry();
  // A workflow pinned to a machine this build does not have: every shard must say so, for its own workflow.
  const segment = (id: string) => ({
    id,
    head: { id, machineId: 'no-such-machine', machineVersion: 9, version: 0, state: 'x', snapshot: '{}' },
    rows: ['packed row'],
  });

  async function runOn(pool: ShardPool, ids: string[], results: BatchResult[]) {
    for (const id of ids) await pool.send(pool.pick(), [segment(id)]);
    await pool.finish();
    await pool.close();
    return results.flatMap((r) => r.failed).sort((a, b) => a.workflowId.localeCompare(b.workflowId));
  }

  const expected = (ids: string[]) =>
    ids.map((workflowId) => ({
      workflowId,
      machine: 'no-such-machine@9',
      events: 0,
      problemCount: 1,
      problems: [{ seq: 0, kind: 'MACHINE_VERSION_MISSING', message: expect.stringContaining('no-such-machine@9') }],
    }));

  it('worker threads from the .ts sources: each workflow checked by one of them', async () => {
    const results: BatchResult[] = [];
    const pool = await ShardPool.open(registry, ['seq'], 2, (r) => results.push(r));
    expect({ mode: pool.mode, size: pool.size, note: pool.note }).toEqual({ mode: 'workers', size: 2, note: null });
    expect(await runOn(pool, ['a', 'b', 'c'], results)).toEqual(expected(['a', 'b', 'c']));
    expect(results.reduce((n, r) => n + r.finished, 0)).toBe(3);
  });

  it('a worker that cannot start: the run goes on in the calling thread and says why', async () => {
    const results: BatchResult[] = [];
    const pool = await ShardPool.open(
      registry,
      ['seq'],
      2,
      (r) => results.push(r),
      () => Promise.reject(new Error('no threads here')),
    );
    expect({ mode: pool.mode, size: pool.size }).toEqual({ mode: 'in-thread', size: 1 });
    expect(pool.note).toMatch(/worker threads unavailable \(no threads here\); verified in-thread/);
    expect(await runOn(pool, ['a', 'b'], results)).toEqual(expected(['a', 'b']));
  });
});
