import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { MachineRegistry } from '../machine-registry';
import { ShardVerifier, type Segment } from './shard-verifier';

/**
 * A verify worker thread (shard-pool.ts starts it): one shard of a verify run. Messages in: `{ segments }` (answered
 * with a BatchResult) and `{ finish: true }` (answered with the last one). It reads no database: the main thread reads
 * the snapshot and hands each worker its workflows' rows, so every shard checks the same consistent state.
 */
if (parentPort) {
  const port = parentPort;
  const shard = new ShardVerifier(new MachineRegistry(), (workerData as { columns: string[] }).columns);
  port.on('message', (msg: { segments?: Segment[]; finish?: boolean }) => {
    try {
      port.postMessage({ result: msg.finish ? shard.finish() : shard.handle(msg.segments ?? []) });
    } catch (error) {
      port.postMessage({ error: String((error as Error)?.stack ?? error) });
    }
  });
  port.postMessage({ ready: true });
}
