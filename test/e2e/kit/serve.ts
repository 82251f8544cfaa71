import 'reflect-metadata';
import type { AddressInfo } from 'net';
import { createApp } from '../../../src/bootstrap';
import { loadConfig } from '../../../src/config/app-config';

/**
 * The service as a process of its own, for tests that kill it (test/e2e/crash.e2e-spec.ts, through ./child-service.ts):
 * the real application (createApp, configured from the environment like src/main.ts) listening on a free port of
 * 127.0.0.1, which it announces on stdout as `LISTENING <port>` once it is ready (migrations run, ADMIN_TOKEN stored,
 * the due events of the start fired). It exits when its stdin closes: the test process that started it (and holds
 * the other end of that pipe) is gone, even if it was killed before it could stop the service.
 * By hand: `node -r ts-node/register/transpile-only test/e2e/kit/serve.ts` (Ctrl-D stops it).
 */
async function serve(): Promise<void> {
  const app = await createApp(loadConfig(process.env));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.stdout.write(`LISTENING ${port}\n`);
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}

serve().catch((error: Error) => {
  process.stderr.write(`serve: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
