import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { MachineRegistry } from '../machine-registry';
import { ShardVerifier, type BatchResult, type Segment } from './shard-verifier';

/** How the shards of a run are executed: worker threads, or the calling thread (no workers, or they failed to start). */
export type ShardMode = 'workers' | 'in-thread';

/** Batches sent to a shard and not yet answered; the reader waits beyond this, so memory stays flat. */
const IN_FLIGHT_PER_SHARD = 2;

export interface Shard {
  send(segments: Segment[]): Promise<BatchResult>;
  finish(): Promise<BatchResult>;
  close(): Promise<void>;
  /** Whether an idle shard keeps the process alive (a kept pool between runs must not). */
  hold(held: boolean): void;
}

/** The default number of worker threads: one per core. */
export function defaultWorkerCount(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/**
 * The worker's entry point. Built (dist/), it is verify-worker.js beside this file. From the sources (ts-node in
 * `npm run cli`, ts-jest in the tests) there is only the .ts file: the worker then registers ts-node first (transpile
 * only), so the same code runs everywhere.
 */
function workerOf(columns: string[]): Worker {
  const js = path.join(__dirname, 'verify-worker.js');
  if (fs.existsSync(js)) return new Worker(js, { workerData: { columns } });
  const ts = path.join(__dirname, 'verify-worker.ts');
  const tsNode = require.resolve('ts-node', { paths: [__dirname] });
  const project = path.resolve(__dirname, '../../../tsconfig.json');
  const code =
    `require(${JSON.stringify(tsNode)}).register({ transpileOnly: true, project: ${JSON.stringify(project)} });` +
    `require(${JSON.stringify(ts)});`;
  return new Worker(code, { eval: true, workerData: { columns } });
}

class WorkerShard implements Shard {
  private readonly waiting: Array<{ resolve: (r: BatchResult) => void; reject: (e: Error) => void }> = [];
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (msg: { result?: BatchResult; error?: string; ready?: boolean }) => {
      if (msg.ready) return;
      const next = this.waiting.shift();
      if (msg.error !== undefined) next?.reject(new Error(`verify worker: ${msg.error}`));
      else next?.resolve(msg.result!);
    });
    const fail = (error: Error) => {
      this.failure = error;
      for (const w of this.waiting.splice(0)) w.reject(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`verify worker exited with code ${code}`)));
  }

  /** A started worker, once it said it is ready; rejects when it cannot start. */
  static start(columns: string[]): Promise<WorkerShard> {
    return new Promise((resolve, reject) => {
      let worker: Worker;
      try {
        worker = workerOf(columns);
      } catch (error) {
        reject(error as Error);
        return;
      }
      const onError = (error: Error) => reject(error);
      const onExit = (code: number) => reject(new Error(`verify worker exited with code ${code} while starting`));
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.once('message', () => {
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(new WorkerShard(worker));
      });
    });
  }

  send(segments: Segment[]): Promise<BatchResult> {
    return this.ask({ segments });
  }

  finish(): Promise<BatchResult> {
    return this.ask({ finish: true });
  }

  private ask(msg: unknown): Promise<BatchResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage(msg);
    });
  }

  hold(held: boolean): void {
    if (held) this.worker.ref();
    else this.worker.unref();
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    this.worker.on('error', () => undefined);
    await this.worker.terminate();
  }
}

/** A shard in the calling thread; each batch waits for the event loop's next turn, so other requests are served between. */
class InThreadShard implements Shard {
  private readonly shard: ShardVerifier;
  constructor(registry: MachineRegistry, columns: string[]) {
    this.shard = new ShardVerifier(registry, columns);
  }
  send(segments: Segment[]): Promise<BatchResult> {
    return new Promise((resolve, reject) =>
      setImmediate(() => {
        try {
          resolve(this.shard.handle(segments));
        } catch (error) {
          reject(error as Error);
        }
      }),
    );
  }
  finish(): Promise<BatchResult> {
    return Promise.resolve(this.shard.finish());
  }
  async close(): Promise<void> {}
  hold(): void {}
}

/**
 * The shards of one verify run, each a disjoint set of workflows: a workflow goes whole to the shard with the fewest
 * rows so far. `onResult` gets every answer, in the order each shard gives them.
 */
export class ShardPool {
  private load: number[];
  private readonly inFlight: Array<Set<Promise<void>>>;
  private errors: Error[] = [];

  private constructor(
    private readonly shards: Shard[],
    readonly mode: ShardMode,
    readonly note: string | null,
    private onResult: (result: BatchResult) => void,
  ) {
    this.load = shards.map(() => 0);
    this.inFlight = shards.map(() => new Set());
  }

  /**
   * The pool for another run (worker threads take seconds to start from the sources): new counters, a new receiver.
   * False when a shard failed in the last run; such a pool is closed, not reused.
   */
  reuse(onResult: (result: BatchResult) => void): boolean {
    if (this.errors.length) return false;
    this.onResult = onResult;
    this.load = this.shards.map(() => 0);
    for (const s of this.shards) s.hold(true);
    return true;
  }

  /** Kept between runs: idle workers do not keep the process alive. */
  park(): void {
    for (const s of this.shards) s.hold(false);
  }

  get failed(): boolean {
    return this.errors.length > 0;
  }

  /**
   * `workers` threads (0 = in the calling thread). When a worker cannot start, the run goes on in the calling thread
   * and `note` says why.
   */
  static async open(
    registry: MachineRegistry,
    columns: string[],
    workers: number,
    onResult: (result: BatchResult) => void,
    startWorker: (columns: string[]) => Promise<Shard> = (c) => WorkerShard.start(c),
  ): Promise<ShardPool> {
    if (workers <= 0) return new ShardPool([new InThreadShard(registry, columns)], 'in-thread', null, onResult);
    const started = await Promise.allSettled(Array.from({ length: workers }, () => startWorker(columns)));
    const ok = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (!failed) return new ShardPool(ok, 'workers', null, onResult);
    await Promise.all(ok.map((s) => s.close()));
    const note = `worker threads unavailable (${(failed.reason as Error)?.message ?? failed.reason}); verified in-thread`;
    return new ShardPool([new InThreadShard(registry, columns)], 'in-thread', note, onResult);
  }

  get size(): number {
    return this.shards.length;
  }

  /** The shard a new workflow goes to. */
  pick(): number {
    let best = 0;
    for (let i = 1; i < this.load.length; i++) if (this.load[i] < this.load[best]) best = i;
    return best;
  }

  /** Sends a batch to shard i; waits first while that shard has too many batches unanswered. */
  async send(i: number, segments: Segment[]): Promise<void> {
    if (this.errors.length) throw this.errors[0];
    const pending = this.inFlight[i];
    while (pending.size >= IN_FLIGHT_PER_SHARD) await Promise.race(pending);
    for (const s of segments) this.load[i] += s.rows.length;
    const p: Promise<void> = this.shards[i].send(segments).then(
      (result) => this.onResult(result),
      (error: Error) => void this.errors.push(error),
    );
    const tracked = p.finally(() => pending.delete(tracked));
    pending.add(tracked);
  }

  /** Waits for every batch, then ends each shard's last workflow. */
  async finish(): Promise<void> {
    await Promise.all(this.inFlight.flatMap((s) => [...s]));
    if (this.errors.length) throw this.errors[0];
    for (const result of await Promise.all(this.shards.map((s) => s.finish()))) this.onResult(result);
  }

  async close(): Promise<void> {
    await Promise.all(this.shards.map((s) => s.close()));
  }
}
