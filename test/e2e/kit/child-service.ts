import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import request from 'supertest';
import * as ts from 'typescript';
import type { DatabaseKind } from './database';
import type { TestContext } from './harness';

/**
 * The service as a child process that a test can kill (SIGKILL) and start again on the same database
 * (test/e2e/crash.e2e-spec.ts). `buildService` transpiles src/, machines/ and ./serve.ts once per test file into a
 * temporary directory (TypeScript's transpileModule with the project's compiler options, as ts-node's transpile-only
 * does: no type check); each `startService` then runs `node serve.js` there, which costs a fraction of transpiling
 * the service again at every start. The child's stdout and stderr are piped into a buffer of its last lines (shown
 * by `withServiceOutput` when a test fails), never into the test's output. `stopAllServices` kills every child still
 * running: call it in an afterAll.
 */
const ROOT = path.resolve(__dirname, '../../..');
const KEPT_LINES = 400;
const SHOWN_LINES = 40;
/** Nest's start-up chatter (a line per module and route), left out of the lines kept. */
const STARTUP_CHATTER = /\[(InstanceLoader|RoutesResolver|RouterExplorer)\]/;

export interface ServiceBuild {
  /** The transpiled serve script. */
  entry: string;
  remove(): void;
}

export function buildService(): ServiceBuild {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(ROOT, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(`tsconfig.json: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      },
    },
  );
  if (!parsed) throw new Error('tsconfig.json could not be read');
  const compilerOptions: ts.CompilerOptions = {
    ...parsed.options,
    module: ts.ModuleKind.CommonJS,
    sourceMap: false,
    inlineSourceMap: true,
    declaration: false,
    noEmit: false,
  };
  const sources: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith('.ts') && !file.endsWith('.d.ts')) sources.push(file);
    }
  };
  walk(path.join(ROOT, 'src'));
  walk(path.join(ROOT, 'machines'));
  sources.push(path.join(__dirname, 'serve.ts'));
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-service-'));
  for (const file of sources) {
    const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions, fileName: file });
    const out = path.join(outDir, path.relative(ROOT, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, outputText);
  }
  return {
    entry: path.join(outDir, path.relative(ROOT, path.join(__dirname, 'serve.js'))),
    remove: () => fs.rmSync(outDir, { recursive: true, force: true }),
  };
}

export interface ServiceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ChildService {
  /** Names the child in its output: `<label> (pid <pid>)`. */
  name: string;
  pid: number;
  port: number;
  baseUrl: string;
  /** Settles when the child has exited. */
  exited: Promise<ServiceExit>;
  /** Sends `signal` (SIGKILL unless told) and waits for the child to exit. */
  kill(signal?: NodeJS.Signals): Promise<ServiceExit>;
}

interface Running {
  name: string;
  child: ChildProcess;
  lines: string[];
  exit: ServiceExit | null;
  exited: Promise<ServiceExit>;
}

const running = new Set<Running>();
/** Every child started in this test file, the last one last: their output is shown when a test fails. */
const started: Running[] = [];

function keepLines(target: Running, stream: NodeJS.ReadableStream, prefix: string) {
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) if (!STARTUP_CHATTER.test(line)) target.lines.push(`${prefix}${line}`);
    if (target.lines.length > KEPT_LINES) target.lines.splice(0, target.lines.length - KEPT_LINES);
  });
  stream.on('end', () => {
    if (partial) target.lines.push(`${prefix}${partial}`);
  });
}

/**
 * Starts the built service on `env` (DATABASE_URL, ADMIN_TOKEN, SEED …, over the test process's environment) and
 * waits until it announces its port; rejects, with the child's output, if it exits first or takes longer than
 * `timeoutMs`.
 */
export function startService(
  build: ServiceBuild,
  label: string,
  env: Record<string, string>,
  timeoutMs = 120_000,
): Promise<ChildService> {
  const child = spawn(process.execPath, ['--enable-source-maps', build.entry], {
    cwd: ROOT,
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules'), NO_COLOR: '1', ...env },
    // stdin: a pipe the child watches; it exits when this process is gone (./serve.ts).
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const entry: Running = { name: `${label} (pid ${child.pid})`, child, lines: [], exit: null, exited: null as never };
  entry.exited = new Promise<ServiceExit>((resolve) =>
    child.once('exit', (code, signal) => {
      entry.exit = { code, signal };
      running.delete(entry);
      resolve(entry.exit);
    }),
  );
  running.add(entry);
  started.push(entry);
  keepLines(entry, child.stdout!, '');
  keepLines(entry, child.stderr!, '[stderr] ');
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (!entry.exit) child.kill(signal);
    return entry.exited;
  };
  return new Promise<ChildService>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void kill().then(() => reject(new Error(`${entry.name}: ${why}\n${outputOf(entry)}`)));
    };
    const timer = setTimeout(() => fail(`not listening after ${timeoutMs} ms`), timeoutMs);
    let seen = '';
    const onData = (chunk: Buffer | string) => {
      seen += chunk.toString();
      const match = /^LISTENING (\d+)$/m.exec(seen);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('exit', onEarlyExit);
      const port = Number(match[1]);
      resolve({
        name: entry.name,
        pid: child.pid!,
        port,
        baseUrl: `http://127.0.0.1:${port}`,
        exited: entry.exited,
        kill,
      });
    };
    const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(`exited before listening (code ${code}, signal ${signal})`);
    child.stdout!.on('data', onData);
    child.once('exit', onEarlyExit);
    child.once('error', (error) => fail(`could not start: ${error.message}`));
  });
}

/** Kills (SIGKILL) every child still running and waits for each to exit. */
export async function stopAllServices(): Promise<void> {
  await Promise.all(
    [...running].map((entry) => {
      if (!entry.exit) entry.child.kill('SIGKILL');
      return entry.exited;
    }),
  );
}

function outputOf(entry: Running, shown = SHOWN_LINES): string {
  const state = entry.exit ? `exited (code ${entry.exit.code}, signal ${entry.exit.signal})` : 'running';
  const lines = entry.lines.slice(-shown);
  return `--- ${entry.name}, ${state}: its last ${lines.length} lines ---\n${lines.join('\n')}`;
}

/**
 * Runs `fn`; if it throws, throws again with the last lines of the output of the services started in this file (the
 * last two), so that a failure says what the service was doing.
 */
export async function withServiceOutput<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    const output = started
      .slice(-2)
      .map((entry) => outputOf(entry))
      .join('\n');
    const annotated = new Error(`${e.message}\n\n${output}`);
    annotated.stack = `${annotated.message}\n${(e.stack ?? '').split('\n').slice(1).join('\n')}`;
    throw annotated;
  }
}

/**
 * The kit's TestContext for a service running in another process, at whatever `service()` answers now: requests go
 * over HTTP (supertest to its URL), every token is the admin's (who may read too), and there is no application or
 * DataSource in this process.
 */
export function remoteContext(
  service: () => ChildService,
  adminToken: string,
  databaseKind: DatabaseKind,
): TestContext {
  const elsewhere = (what: string): never => {
    throw new Error(`remoteContext: the ${what} runs in the child process, not here`);
  };
  return {
    get app() {
      return elsewhere('application');
    },
    get dataSource() {
      return elsewhere('DataSource');
    },
    get http() {
      return request(service().baseUrl);
    },
    databaseKind,
    tokens: { admin: adminToken, coordinator: adminToken, auditor: adminToken, clerk: {} },
    close: async () => undefined,
  };
}
