import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as tar from 'tar';
import { canonicalJson } from '../common/canonical-json';
import { notFound } from '../common/errors';
import type { Db, SnapshotQuery } from '../database/db';
import type { MachineRegistry } from '../workflow/machine-registry';
import type { WorkflowTransitionEntity } from '../workflow/log/workflow-transition.entity';
import type { CheckpointService } from '../checkpoint/checkpoint.service';
import { logOf, logSql, workflowsOf } from './evidence-read';
import { packagedCheckpoints, writeCheckpoints, type PackagedLog } from './package-checkpoints';
import {
  CSV_HEADER,
  csvLine,
  headAsOf,
  inPeriod,
  packagedMachine,
  rowLine,
  type PackagedHead,
  type PackageInfo,
} from './package-data';
import {
  LOG_CSV,
  logFile,
  machineFile,
  MANIFEST,
  manifestText,
  metsXml,
  mimeOf,
  PACKAGE_FORMAT,
  PACKAGE_INFO,
  premisXml,
  RECORDS,
  REP_METS,
  ROOT_METS,
  PREMIS,
  SUMMARY,
  WORKFLOWS,
  type PackagedFile,
} from './package-layout';
import { summaryHtml } from './package-summary';

export interface ExportRequest {
  slug: string;
  from?: string;
  to?: string;
  /** The instant of the export (the clock's), written into the package. */
  now: string;
}

export interface ExportResult {
  path: string;
  info: PackageInfo;
  bytes: number;
}

/**
 * Exports collaboration `slug`'s log as one evidence package (a tar archive at `out`): every workflow of the
 * collaboration with its rows from genesis up to the end of `to` (Stockholm date), the machine definitions they ran
 * through, the heads as of their last packaged row, the decision records and document hashes they refer to, the
 * signed checkpoints with an inclusion proof of every row and consistency proofs between them, a CSV, METS and PREMIS
 * metadata, a summary page and a SHA-256 manifest. First a checkpoint is made when the log grew since the latest
 * (`covering`); then everything is read in one consistent snapshot, the rows up to that checkpoint's last row.
 */
export async function exportEvidence(
  db: Db,
  registry: MachineRegistry,
  checkpoints: Pick<CheckpointService, 'covering'>,
  request: ExportRequest,
  out: string,
): Promise<ExportResult> {
  const [known] = await db.read((tx) =>
    tx.select(`SELECT slug FROM collaboration WHERE slug = ${db.dialect.param(1)}`, [request.slug]),
  );
  if (!known) throw notFound(`Collaboration '${request.slug}'`, `Samverkan '${request.slug}'`);
  const logKey = await checkpoints.covering();
  const staging = await mkdtemp(join(tmpdir(), 'samverkan-evidence-'));
  try {
    const packageId = `samverkan-${request.slug}-${request.now.replace(/[:.]/g, '')}`;
    const root = join(staging, packageId);
    const files: PackagedFile[] = [];
    const put = async (path: string, content: string) => {
      const target = join(root, path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, content);
      files.push(fileEntry(path, content));
    };
    const { info, heads, proofsVerified } = await db.snapshot((query) =>
      writeData(db, registry, query, { ...request, logVkey: logKey.vkey }, packageId, root, files, put),
    );
    await writeMetadata(put, files, info, heads, packageId, request.now, proofsVerified);
    await writeFile(join(root, MANIFEST), manifestText(files));
    await mkdir(dirname(out), { recursive: true });
    await tar.create({ file: out, cwd: staging, portable: true, mtime: new Date(request.now) }, [packageId]);
    return { path: out, info, bytes: (await stat(out)).size };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** The representation's METS, PREMIS, the summary and the package's METS, over the files written so far. */
async function writeMetadata(
  put: (path: string, content: string) => Promise<void>,
  files: PackagedFile[],
  info: PackageInfo,
  heads: PackagedHead[],
  packageId: string,
  now: string,
  proofsVerified: boolean,
): Promise<void> {
  const dataFiles = [...files];
  await put(
    REP_METS,
    metsXml({ objId: `${packageId}/rep1`, label: 'rep1', created: now, files: dataFiles, root: false }),
  );
  const events = [
    {
      type: 'creation',
      detail: `Exported ${info.rows} log rows of ${info.workflows} workflows of ${info.collaboration.slug} (${PACKAGE_FORMAT})`,
      outcome: 'success' as const,
    },
    {
      type: 'validation',
      detail:
        `Inclusion proof of every row under checkpoint ${info.checkpoints.latest} and consistency proofs between ` +
        `checkpoints ${info.checkpoints.sizes.join(', ')} (RFC 9162), checked against the signed roots`,
      outcome: proofsVerified ? ('success' as const) : ('failure' as const),
    },
    {
      type: 'message digest calculation',
      detail: 'SHA-256 of every file (manifest-sha256.txt)',
      outcome: 'success' as const,
    },
  ];
  await put(PREMIS, premisXml({ objId: packageId, created: now, files: dataFiles, events }));
  await put(SUMMARY, summaryHtml(info, heads));
  await put(
    ROOT_METS,
    metsXml({ objId: packageId, label: info.collaboration.name, created: now, files: [...files], root: true }),
  );
}

function fileEntry(path: string, content: string | Buffer): PackagedFile {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  return { path, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, mime: mimeOf(path) };
}

/** The data files: the logs (streamed to disk chunk by chunk), heads, machines, records, CSV, package.json. */
async function writeData(
  db: Db,
  registry: MachineRegistry,
  query: SnapshotQuery,
  request: ExportRequest & { logVkey: string },
  packageId: string,
  root: string,
  files: PackagedFile[],
  put: (path: string, content: string) => Promise<void>,
): Promise<{ info: PackageInfo; heads: PackagedHead[]; proofsVerified: boolean }> {
  const sql = logSql(db.dataSource, db.dialect);
  const { heads, decisionIds } = await workflowsOf(query, db.dataSource, sql, db.dialect, request.slug);
  const [collaboration] = await query<{ name: string }>(
    `SELECT name FROM collaboration WHERE slug = ${db.dialect.param(1)}`,
    [request.slug],
  );
  if (!collaboration) throw notFound(`Collaboration '${request.slug}'`, `Samverkan '${request.slug}'`);
  const period = { from: request.from ?? null, to: request.to ?? null };
  const checkpoints = await packagedCheckpoints(query, db.dialect, period);
  const upToId = checkpoints[checkpoints.length - 1].lastRowId;
  const logs: PackagedLog[] = [];
  const packagedHeads: PackagedHead[] = [];
  const machines = new Map<string, ReturnType<typeof packagedMachine>>();
  const csv: string[] = [CSV_HEADER];
  const payloads: string[] = [];
  let rows = 0;
  let rowsInPeriod = 0;
  for (const head of heads) {
    const packed = await packLog(query, sql, head.id, root, { ...period, upToId }, csv, payloads);
    if (!packed.rows.length) continue; // created after the period: nothing of it is in the package
    logs.push({ workflowId: head.id, rows: packed.rows.map((r) => ({ id: Number(r.id), seq: r.seq })) });
    // Every version its rows name (a migrated workflow replays each segment through its own), and the pinned one.
    for (const key of new Set([
      ...packed.rows.map((r) => `${r.machineId}@${r.machineVersion}`),
      `${head.machineId}@${head.machineVersion}`,
    ])) {
      const [id, version] = key.split('@');
      if (!machines.has(key)) machines.set(key, packagedMachine(registry.get(id, Number(version))));
    }
    rows += packed.rows.length;
    rowsInPeriod += packed.inPeriod;
    files.push(packed.file);
    packagedHeads.push(headAsOf(head, registry, packed.rows));
  }
  for (const m of machines.values()) await put(machineFile(m.id, m.version), `${canonicalJson(m)}\n`);
  await put(WORKFLOWS, `${JSON.stringify(packagedHeads, null, 1)}\n`);
  await put(RECORDS, `${JSON.stringify(await recordsOf(query, db, request.slug, decisionIds, payloads), null, 1)}\n`);
  await put(LOG_CSV, csv.join(''));
  const proofs = await writeCheckpoints(query, db.dialect, put, checkpoints, request.logVkey, logs);
  const info: PackageInfo = {
    format: PACKAGE_FORMAT,
    packageId,
    collaboration: { slug: request.slug, name: collaboration.name },
    period,
    exportedAt: request.now,
    workflows: packagedHeads.length,
    rows,
    rowsInPeriod,
    machines: [...machines.keys()].sort(),
    checkpoints: proofs.summary,
  };
  await put(PACKAGE_INFO, `${JSON.stringify(info, null, 1)}\n`);
  return { info, heads: packagedHeads, proofsVerified: proofs.verified };
}

/** One workflow's log as JSON lines, streamed to its file chunk by chunk; its CSV lines and payloads collected. */
async function packLog(
  query: SnapshotQuery,
  sql: ReturnType<typeof logSql>,
  instanceId: string,
  root: string,
  period: PackageInfo['period'] & { upToId: number },
  csv: string[],
  payloads: string[],
): Promise<{ file: PackagedFile; rows: WorkflowTransitionEntity[]; inPeriod: number }> {
  const path = logFile(instanceId);
  const target = join(root, path);
  await mkdir(dirname(target), { recursive: true });
  const hash = createHash('sha256');
  const stream = createWriteStream(target);
  let size = 0;
  let counted = 0;
  const rows: WorkflowTransitionEntity[] = [];
  for await (const chunk of logOf(query, sql, instanceId, period.to ?? undefined, period.upToId)) {
    for (const row of chunk) {
      const line = rowLine(row);
      hash.update(line);
      size += Buffer.byteLength(line);
      if (!stream.write(line)) await new Promise<void>((r) => stream.once('drain', () => r()));
      const within = inPeriod(period, row);
      csv.push(csvLine(row, within));
      counted += within ? 1 : 0;
      payloads.push(row.payload);
      rows.push(row);
    }
  }
  await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return { file: { path, sha256: hash.digest('hex'), size, mime: mimeOf(path) }, rows, inPeriod: counted };
}

/**
 * The decision records of the collaboration with their meetings, and the document versions (key, version, SHA-256)
 * of the collaboration's documents or named by a packaged row: what the log refers to, as stored.
 */
async function recordsOf(query: SnapshotQuery, db: Db, slug: string, decisionIds: string[], payloads: string[]) {
  const p = db.dialect.param(1);
  const decisions = decisionIds.length
    ? await query<Record<string, unknown>>(`SELECT * FROM decision WHERE collaboration = ${p} ORDER BY id`, [slug])
    : [];
  const meetingIds = [...new Set(decisions.map((d) => d.meeting_id).filter((m): m is string => typeof m === 'string'))];
  const meetings: Record<string, unknown>[] = [];
  for (const id of meetingIds.sort()) meetings.push(...(await query(`SELECT * FROM meeting WHERE id = ${p}`, [id])));
  const versions = await query<{
    id: string;
    key: string;
    version: string;
    sha256: string;
    collaboration: string | null;
  }>(
    'SELECT v.id AS id, d.key AS key, v.version AS version, v.sha256 AS sha256, d.collaboration AS collaboration ' +
      'FROM document_version v JOIN document d ON d.id = v.document_id ORDER BY v.id',
    [],
  );
  const text = payloads.join('\n');
  const named = new Set(decisions.map((d) => d.document_version_id).filter(Boolean));
  const documents = versions.filter(
    (v) => v.collaboration === slug || named.has(v.id) || text.includes(v.id) || text.includes(v.sha256),
  );
  return { decisions, meetings, documents };
}
