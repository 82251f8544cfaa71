import fc from 'fast-check';
import type { FuzzKit, FuzzTarget } from './kit';

/** The fuzz targets of the workflow endpoints (src/workflow). */
export function workflowTargets(fx: FuzzKit): FuzzTarget[] {
  const { pool, pick, someDate } = fx;
  return [
    {
      name: 'POST /workflows/due-events/run',
      method: 'post',
      aim: () => ({ path: '/workflows/due-events/run' }),
      valid: fc.option(someDate).map((asOf) => () => (asOf ? { asOf } : {})),
    },
    {
      name: 'POST /workflows/:id/verify',
      method: 'post',
      aim: (n) => ({ path: `/workflows/${pick(pool.workflows, n)}/verify` }),
      valid: fc.constant(() => undefined),
      readOnly: true,
    },
    // Verify at every scale (h-verify): a job of the whole database, a collaboration or a workflow; 409 while one runs.
    {
      name: 'POST /verify',
      method: 'post',
      aim: () => ({ path: '/verify' }),
      valid: fc.oneof(
        fc.constant(() => ({})),
        fc.nat().map((n) => () => ({ collaboration: pick(pool.slugs, n) })),
        fc.nat().map((n) => () => ({ workflowId: pick(pool.workflows, n) })),
      ),
      readOnly: true,
    },
  ];
}
