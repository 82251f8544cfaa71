/**
 * The benchmark's HTTP load generator, run as a separate process (forked by bench.ts) so that building requests and
 * parsing responses does not take time from the server's event loop: the server sees a client as it would in
 * production, over loopback with keep-alive connections.
 *
 * Protocol (IPC): the parent sends `ClientJob`s; the child answers each with one `ClientResult`, in order, and exits
 * when the parent disconnects.
 * Each of `concurrency` workers owns one membership and, in a closed loop (the next request leaves when the previous
 * response arrived), by the job's `kind`: POSTs COUNCIL_INFORMED to it (`transition`, every answer must be 201), GETs it
 * (`read`, 200), or GETs `/` of a bare Fastify server on `port` (`bare`, 200). Any other answer counts as an error.
 */
import * as http from 'http';

export interface ClientTarget {
  slug: string;
  code: string;
}

export interface ClientJob {
  /** What each request is (default `transition`). */
  kind?: 'transition' | 'read' | 'bare';
  port: number;
  token: string;
  targets: ClientTarget[];
  concurrency: number;
  /** Requests per worker before measuring (not counted; they are committed transitions all the same). */
  warmupPerWorker: number;
  /** Measuring window; a worker starts no new request after it. */
  durationMs: number;
}

export interface ClientResult {
  warmupRequests: number;
  measuredRequests: number;
  elapsedMs: number;
  errors: number;
  firstError: string | null;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

function send(
  agent: http.Agent,
  port: number,
  path: string,
  token: string,
  body: string | null,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { authorization: `Bearer ${token}` };
    if (body !== null) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const req = http.request(
      { host: '127.0.0.1', port, path, method: body === null ? 'GET' : 'POST', agent, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

const DATES = ['2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04', '2025-02-05', '2025-02-06', '2025-02-07'];

/** One keep-alive agent per concurrency level, kept across jobs so that later rounds reuse warm connections. */
const agents = new Map<number, http.Agent>();

export async function runClient(job: ClientJob): Promise<ClientResult> {
  let agent = agents.get(job.concurrency);
  if (!agent) agents.set(job.concurrency, (agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency })));
  let errors = 0;
  let firstError: string | null = null;
  const latencies: number[] = [];
  const kind = job.kind ?? 'transition';
  const expected = kind === 'transition' ? 201 : 200;
  const one = async (target: ClientTarget, i: number): Promise<void> => {
    const membership = `/api/v1/collaborations/${target.slug}/memberships/${target.code}`;
    const res =
      kind === 'bare'
        ? await send(agent, job.port, '/', job.token, null)
        : kind === 'read'
          ? await send(agent, job.port, membership, job.token, null)
          : await send(
              agent,
              job.port,
              `${membership}/events`,
              job.token,
              JSON.stringify({ type: 'COUNCIL_INFORMED', informedOn: DATES[i % DATES.length] }),
            );
    if (res.status !== expected) {
      errors++;
      firstError ??= `${res.status} ${res.text.slice(0, 300)}`;
    }
  };
  const workers = Array.from({ length: job.concurrency }, (_, w) => job.targets[w % job.targets.length]);

  // Warm-up: JIT, connection set-up, SQLite page cache.
  let warmupRequests = 0;
  await Promise.all(
    workers.map(async (target) => {
      for (let i = 0; i < job.warmupPerWorker; i++) {
        await one(target, i);
        warmupRequests++;
      }
    }),
  );

  let measuredRequests = 0;
  const t0 = performance.now();
  const deadline = t0 + job.durationMs;
  let tEnd = t0;
  await Promise.all(
    workers.map(async (target) => {
      let i = 0;
      while (performance.now() < deadline) {
        const s = performance.now();
        await one(target, i++);
        const e = performance.now();
        latencies.push(e - s);
        measuredRequests++;
        if (e > tEnd) tEnd = e;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : 0;
  return {
    warmupRequests,
    measuredRequests,
    elapsedMs: tEnd - t0,
    errors,
    firstError,
    latencyMs: { p50: pct(0.5), p90: pct(0.9), p99: pct(0.99), max: latencies[latencies.length - 1] ?? 0 },
  };
}

if (require.main === module) {
  // One job per message, answered in order; the parent disconnects when it has no more.
  let chain: Promise<void> = Promise.resolve();
  process.on('message', (job: ClientJob) => {
    chain = chain.then(() =>
      runClient(job).then(
        (result) => {
          process.send!(result);
        },
        (error) => {
          process.send!({ fatal: String(error?.stack ?? error) });
        },
      ),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
