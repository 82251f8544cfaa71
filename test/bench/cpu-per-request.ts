/**
 * CPU per durable POST (bench part 1b's load, shortened): the app as `npm run bench` starts it, 32 memberships in
 * member.leaving, the bench's HTTP client in its own process POSTing COUNCIL_INFORMED. It prints the server process's
 * CPU (process.cpuUsage: user + system, the SQLite thread pool included) and its JS thread's busy time per request,
 * over rounds of a fixed length, so that the figure is per request and not a rate: other load on the machine moves
 * it much less. With CPU_PROFILE=<file> it also writes a V8 CPU profile of the measured rounds only.
 *
 *   npm run build && node dist/test/bench/cpu-per-request.js
 * Parameters: CPU_ROUNDS (5), CPU_ROUND_MS (2000), CPU_WARMUP (300 per client), CPU_CONCURRENCY (32),
 * CPU_KIND (transition | read).
 */
import 'reflect-metadata';
import { fork } from 'child_process';
import * as fs from 'fs';
import * as inspector from 'inspector';
import * as os from 'os';
import * as path from 'path';
import pino from 'pino';
import { TokenService } from '../../src/auth/token.service';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { Db } from '../../src/database/db';
import type { ClientJob, ClientResult, ClientTarget } from './http-client';

const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const ROUNDS = env('CPU_ROUNDS', 5);
const ROUND_MS = env('CPU_ROUND_MS', 2000);
const WARMUP = env('CPU_WARMUP', 300);
const CONCURRENCY = env('CPU_CONCURRENCY', 32);
const KIND = (process.env.CPU_KIND ?? 'transition') as 'transition' | 'read';

async function api(port: number, token: string, method: string, url: string, body?: unknown): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function toLeaving(port: number, token: string, slug: string, code: string): Promise<void> {
  const url = `/collaborations/${slug}/memberships/${code}/events`;
  const decision = (date: string) => ({ organ: 'KF', date });
  await api(port, token, 'POST', url, { type: 'FULLMAKTIGE_ADOPTED_DECLARATION', decision: decision('2023-11-29') });
  await api(port, token, 'POST', url, {
    type: 'KSO_SIGNED',
    signedOn: '2023-12-08',
    signatory: { name: 'KSO', office: 'KSO' },
  });
  await api(port, token, 'POST', url, {
    type: 'FULLMAKTIGE_REQUESTED_EXIT',
    decision: decision('2025-01-15'),
    desiredExitDate: '2099-12-31',
  });
  await api(port, token, 'POST', url, { type: 'EXIT_NOTICE_DELIVERED', arrivedAt: '2025-01-20T10:00:00+01:00' });
}

function profiler(): { start: () => Promise<void>; stop: (file: string) => Promise<void> } {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<any>((res, rej) => session.post(method, params ?? {}, (e, r) => (e ? rej(e) : res(r))));
  return {
    start: async () => {
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 200 });
      await post('Profiler.start');
    },
    stop: async (file) => {
      const { profile } = await post('Profiler.stop');
      fs.writeFileSync(file, JSON.stringify(profile));
    },
  };
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-cpu-'));
  const config = loadConfig(
    {},
    {
      DATABASE_URL: `sqlite:${path.join(tmp, 'app.sqlite')}`,
      SEED: 'none',
      DUE_EVENTS_INTERVAL_MS: 0,
      REQUESTS_PER_MINUTE_PER_TOKEN: 1_000_000_000,
    },
  );
  const app = await createApp(config, {
    logger: false,
    accessLogStream: pino.destination({ dest: os.devNull, sync: false }),
  });
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  const { token } = await app.get(TokenService).create('admin', null, 'cpu-per-request');
  const eight = ['1460', '1438', '1439', '1461', '1492', '1984', '1983', '1960'];
  const targets: ClientTarget[] = [];
  for (const n of [1, 2, 3, 4]) {
    const slug = `cpu-${n}`;
    await api(port, token, 'POST', '/collaborations', {
      slug,
      name: slug,
      parties: eight,
      declarationVersion: '2023-12-08',
      declarationEffectiveDate: '2024-01-01',
    });
    for (const code of eight) {
      await toLeaving(port, token, slug, code);
      targets.push({ slug, code });
    }
  }
  const child = fork(path.join(__dirname, 'http-client.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const run = (job: Partial<ClientJob>) =>
    new Promise<ClientResult>((resolve, reject) => {
      child.once('message', (m: any) => (m?.fatal ? reject(new Error(m.fatal)) : resolve(m)));
      child.send({ kind: KIND, port, token, targets, concurrency: CONCURRENCY, ...job } as ClientJob);
    });
  await run({ warmupPerWorker: WARMUP, durationMs: 0 });
  const prof = process.env.CPU_PROFILE ? profiler() : null;
  if (prof) await prof.start();
  const db = app.get(Db);
  const g0 = { ...db.groupStats };
  const perRequest: number[] = [];
  const jsPerRequest: number[] = [];
  let errors = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const elu0 = performance.eventLoopUtilization();
    const cpu0 = process.cpuUsage();
    const res = await run({ warmupPerWorker: 0, durationMs: ROUND_MS });
    const cpu = process.cpuUsage(cpu0);
    const elu = performance.eventLoopUtilization(elu0);
    errors += res.errors;
    if (res.errors) console.error(res.firstError);
    perRequest.push((cpu.user + cpu.system) / 1000 / res.measuredRequests);
    jsPerRequest.push(elu.active / res.measuredRequests);
    console.log(
      `round ${r + 1}: ${res.measuredRequests} requests, ${(res.measuredRequests / (res.elapsedMs / 1000)).toFixed(0)}/s, ` +
        `process CPU ${perRequest[r].toFixed(3)} ms/request, JS thread ${jsPerRequest[r].toFixed(3)} ms/request, ELU ${elu.utilization.toFixed(2)}`,
    );
  }
  if (prof) await prof.stop(process.env.CPU_PROFILE!);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const units = (db.groupStats.units - g0.units) / Math.max(1, db.groupStats.groups - g0.groups);
  console.log(
    JSON.stringify({
      kind: KIND,
      cpuMsPerRequestMedian: +median(perRequest).toFixed(3),
      jsMsPerRequestMedian: +median(jsPerRequest).toFixed(3),
      unitsPerCommit: +units.toFixed(1),
      errors,
      loadavg: os.loadavg().map((l) => +l.toFixed(2)),
    }),
  );
  child.disconnect();
  await app.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  if (errors) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
