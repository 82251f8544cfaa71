import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import * as tar from 'tar';
import { WorkflowInstanceEntity } from '../workflow/log/workflow-instance.entity';
import type { WorkflowTransitionEntity } from '../workflow/log/workflow-transition.entity';
import type { MachineRegistry } from '../workflow/machine-registry';
import { LogReplay } from '../workflow/verify/log-replay';
import { checkProofs, type CheckedLog, type ProofCheckOptions, type ProofProblem } from './check-proofs';
import {
  CSV_HEADER,
  csvLine,
  definitionDigest,
  inPeriod,
  type PackagedHead,
  type PackagedMachine,
  type PackageInfo,
} from './package-data';
import { LOG_CSV, logFile, machineFile, MANIFEST, PACKAGE_INFO, parseManifest, WORKFLOWS } from './package-layout';

/** One finding of the check: the file, and where it is known the row (its line, the workflow's seq, the workflow). */
export type PackageProblem = ProofProblem;

export interface PackageCheck {
  ok: boolean;
  packageId: string | null;
  files: number;
  workflows: number;
  rows: number;
  problems: PackageProblem[];
}

/**
 * Checks an evidence package on its own, with no database and no network: every file against the manifest, every
 * row's hash and link, each packaged machine definition against the code's own of that id and version, a replay of
 * every workflow through it up to the packaged head, the CSV against the rows, and the signed checkpoints with their
 * cosignatures (at least `options.witnesses` on the latest) and every inclusion and consistency proof.
 */
export async function checkEvidence(
  archive: string,
  registry: MachineRegistry,
  options: ProofCheckOptions = {},
): Promise<PackageCheck> {
  const dir = await mkdtemp(join(tmpdir(), 'samverkan-check-'));
  try {
    await tar.extract({ file: archive, cwd: dir, strict: true });
    const [top, ...others] = await readdir(dir);
    if (!top || others.length) return failed(null, 'archive', 'LAYOUT', 'The archive must hold one package folder.');
    return await checkFolder(join(dir, top), top, registry, options);
  } catch (error) {
    return failed(null, archive, 'UNREADABLE', `The archive cannot be read: ${(error as Error).message}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function failed(packageId: string | null, file: string, kind: string, message: string): PackageCheck {
  return { ok: false, packageId, files: 0, workflows: 0, rows: 0, problems: [{ file, kind, message }] };
}

async function checkFolder(
  root: string,
  packageId: string,
  registry: MachineRegistry,
  options: ProofCheckOptions,
): Promise<PackageCheck> {
  const problems: PackageProblem[] = [];
  const manifest = parseManifest(await readFile(join(root, MANIFEST), 'utf8').catch(() => ''));
  if (!manifest || !manifest.size)
    return failed(packageId, MANIFEST, 'MANIFEST_INVALID', 'The manifest is missing or malformed.');
  const present = await checkManifest(root, manifest, problems);

  const json = async <T>(path: string): Promise<T | null> => {
    try {
      return JSON.parse(await readFile(join(root, path), 'utf8')) as T;
    } catch {
      problems.push({ file: path, kind: 'BAD_JSON', message: 'The file is missing or not valid JSON.' });
      return null;
    }
  };
  const info = await json<PackageInfo>(PACKAGE_INFO);
  const heads = (await json<PackagedHead[]>(WORKFLOWS)) ?? [];
  const usable = await checkMachines(root, heads, registry, problems);
  let rows = 0;
  const csv: string[] = [CSV_HEADER];
  const logs: CheckedLog[] = [];
  for (const head of heads) {
    const file = logFile(head.id);
    const logRows = await readRows(join(root, file), file, problems);
    logs.push({ workflowId: head.id, rows: logRows });
    rows += logRows.length;
    for (const row of logRows) csv.push(csvLine(row, inPeriod(info?.period, row)));
    if (!usable.has(`${head.machineId}@${head.machineVersion}`)) continue;
    const replay = new LogReplay(registry, Object.assign(new WorkflowInstanceEntity(), head));
    replay.push(logRows);
    for (const p of replay.finish().problems)
      problems.push({ file, seq: p.seq, line: p.seq + 1, kind: p.kind, message: p.message });
  }
  await compareCsv(root, csv, problems);
  await checkProofs(root, info, logs, options, problems);
  if (info && (info.rows !== rows || info.workflows !== heads.length))
    problems.push({
      file: PACKAGE_INFO,
      kind: 'COUNT_MISMATCH',
      message: `It states ${info.rows} rows of ${info.workflows} workflows; the package holds ${rows} of ${heads.length}.`,
    });
  return { ok: problems.length === 0, packageId, files: present.length, workflows: heads.length, rows, problems };
}

/** Every file against the manifest: changed, missing or extra files are named. The files present. */
async function checkManifest(
  root: string,
  manifest: Map<string, string>,
  problems: PackageProblem[],
): Promise<string[]> {
  const present = (await walk(root)).filter((p) => p !== MANIFEST);
  for (const path of present) {
    const expected = manifest.get(path);
    if (!expected) {
      problems.push({ file: path, kind: 'FILE_NOT_IN_MANIFEST', message: 'The file is not named by the manifest.' });
      continue;
    }
    if ((await sha256Of(join(root, path))) !== expected)
      problems.push({
        file: path,
        kind: 'FILE_HASH_MISMATCH',
        message: 'The file does not match its SHA-256 in the manifest.',
      });
  }
  for (const path of manifest.keys())
    if (!present.includes(path))
      problems.push({ file: path, kind: 'FILE_MISSING', message: 'A file the manifest names is missing.' });
  return present;
}

/** Each packaged definition equals the code's own of that id and version; the set of those that do. */
async function checkMachines(
  root: string,
  heads: PackagedHead[],
  registry: MachineRegistry,
  problems: PackageProblem[],
): Promise<Set<string>> {
  const usable = new Set<string>();
  for (const key of new Set(heads.map((h) => `${h.machineId}@${h.machineVersion}`))) {
    const [id, version] = [key.slice(0, key.lastIndexOf('@')), Number(key.slice(key.lastIndexOf('@') + 1))];
    const file = machineFile(id, version);
    let packaged: PackagedMachine;
    try {
      packaged = JSON.parse(await readFile(join(root, file), 'utf8'));
    } catch {
      problems.push({
        file,
        kind: 'MACHINE_MISSING',
        message: `The definition of ${key} is missing from the package.`,
      });
      continue;
    }
    if (definitionDigest(packaged.id, packaged.version, packaged.definition) !== packaged.digest) {
      problems.push({
        file,
        kind: 'MACHINE_DIGEST_MISMATCH',
        message: `The definition of ${key} does not match its digest.`,
      });
      continue;
    }
    let code: PackagedMachine['definition'];
    try {
      code = JSON.parse(JSON.stringify(registry.get(id, version).machine));
    } catch {
      problems.push({
        file,
        kind: 'MACHINE_UNKNOWN',
        message: `This checkout has no machine ${key}; it cannot replay it.`,
      });
      continue;
    }
    if (definitionDigest(id, version, code) !== packaged.digest) {
      problems.push({
        file,
        kind: 'MACHINE_DEFINITION_DIFFERS',
        message: `This checkout's ${key} differs from the packaged definition; replay would not use the rules the rows were written under.`,
      });
      continue;
    }
    usable.add(key);
  }
  return usable;
}

/** The rows of one JSONL log; a line that is not a row is a finding naming its line. */
async function readRows(path: string, file: string, problems: PackageProblem[]): Promise<WorkflowTransitionEntity[]> {
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) {
    problems.push({ file, kind: 'LOG_MISSING', message: 'The workflow has no log file.' });
    return [];
  }
  const rows: WorkflowTransitionEntity[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line) return;
    try {
      rows.push(JSON.parse(line));
    } catch {
      problems.push({ file, line: i + 1, kind: 'BAD_ROW', message: `Line ${i + 1} is not a JSON row.` });
    }
  });
  return rows;
}

/** The CSV is derived from the rows: the first line that differs is named. */
async function compareCsv(root: string, expected: string[], problems: PackageProblem[]): Promise<void> {
  const text = await readFile(join(root, LOG_CSV), 'utf8').catch(() => null);
  if (text === null) return;
  const lines = text.split(/(?<=\n)/);
  const n = Math.max(lines.length, expected.length);
  for (let i = 0; i < n; i++) {
    if (lines[i] !== expected[i]) {
      problems.push({
        file: LOG_CSV,
        line: i + 1,
        kind: 'CSV_MISMATCH',
        message: `Line ${i + 1} of the CSV differs from the row it shows.`,
      });
      return;
    }
  }
}

async function walk(root: string, dir = root): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(root, full)));
    else out.push(relative(root, full).split('\\').join('/'));
  }
  return out.sort();
}

function sha256Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => hash.update(c))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
