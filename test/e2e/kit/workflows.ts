import { type TestContext } from './harness';
import { apiClient } from './http';

/** GET /workflows/{id}/history (auditor): the log rows, genesis first. */
export async function getHistory(ctx: TestContext, workflowId: string): Promise<any[]> {
  const res = await apiClient(ctx).get(`/workflows/${workflowId}/history`);
  if (res.status !== 200) throw new Error(`getHistory ${workflowId}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.transitions;
}

/** POST /workflows/{id}/verify (auditor). */
export async function verifyWorkflow(ctx: TestContext, workflowId: string): Promise<any> {
  const res = await apiClient(ctx).post(`/workflows/${workflowId}/verify`, undefined, ctx.tokens.auditor);
  if (res.status !== 200) throw new Error(`verifyWorkflow ${workflowId}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** What a write would change: the head (version, state) and the log (length, last hash). */
export async function workflowFootprint(ctx: TestContext, workflowId: string) {
  const head = await apiClient(ctx).get(`/workflows/${workflowId}`);
  if (head.status !== 200)
    throw new Error(`workflowFootprint ${workflowId}: ${head.status} ${JSON.stringify(head.body)}`);
  const transitions = await getHistory(ctx, workflowId);
  return {
    version: head.body.version,
    state: head.body.state,
    events: transitions.length,
    lastHash: transitions[transitions.length - 1]?.hash,
  };
}
