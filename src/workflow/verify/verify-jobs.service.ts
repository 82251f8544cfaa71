import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { AppError, badInput, notFound } from '../../common/errors';
import { Db } from '../../database/db';
import { logSql } from '../log/log-sql';
import { collaborationExists } from './collaboration-workflows';
import { VERIFY_SCOPES, type VerifyScope } from './database-checks';
import { VerifyProgress, VerifyRunReport } from './verify-run.types';
import { VerifyRunService } from './verify-run.service';

/** Finished jobs kept for polling (the newest); a job lives in this process only. */
const KEPT_JOBS = 20;

@ApiExtraModels(...VERIFY_SCOPES)
export class VerifyJobView {
  @ApiProperty() id: string;
  @ApiProperty({ oneOf: VERIFY_SCOPES.map((m) => ({ $ref: getSchemaPath(m) })) }) scope: VerifyScope;
  @ApiProperty({ enum: ['running', 'done', 'failed'] }) status: 'running' | 'done' | 'failed';
  @ApiProperty({ type: VerifyProgress }) progress: VerifyProgress;
  /** The report once done (`ok` says whether anything was found). */
  @ApiProperty({ type: VerifyRunReport, nullable: true, description: 'The report once done' })
  report: VerifyRunReport | null;
  /** Why the run itself failed (not a finding: a finding is in the report). */
  @ApiProperty({ type: String, nullable: true, description: 'Why the run itself failed (not a finding)' })
  error: string | null;
  @ApiProperty() startedAt: string;
  @ApiProperty({ type: String, nullable: true }) finishedAt: string | null;
}

/**
 * Verify runs started over the API, one at a time per process: the run reads in this process and checks in worker
 * threads (verify-run.service.ts), so the service goes on answering while it runs, and a page polls its progress.
 */
@Injectable()
export class VerifyJobsService implements OnModuleDestroy {
  private readonly jobs = new Map<string, VerifyJobView>();
  private readonly stop = new AbortController();
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly runs: VerifyRunService,
    @Inject(Db) private readonly db: Db,
  ) {}

  async start(scope: VerifyScope): Promise<VerifyJobView> {
    const running = [...this.jobs.values()].find((j) => j.status === 'running');
    if (running) {
      throw new AppError(
        'CONFLICT',
        'VERIFY_RUNNING',
        `A verify job is running (${running.id}); poll it, or start another when it is done.`,
        `Ett verifieringsjobb pågår (${running.id}); följ det, eller starta ett nytt när det är klart.`,
        undefined,
        { jobId: running.id },
      );
    }
    await this.assertScope(scope);
    const job: VerifyJobView = {
      id: randomUUID(),
      scope,
      status: 'running',
      progress: { rowsDone: 0, rowsTotal: 0, workflowsDone: 0, workflowsTotal: 0, elapsedMs: 0 },
      report: null,
      error: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
    };
    this.jobs.set(job.id, job);
    this.forgetOld();
    this.running = this.runs
      .run(scope, { onProgress: (p) => (job.progress = p), signal: this.stop.signal })
      .then(
        (report) => Object.assign(job, { status: 'done', report }),
        (error: Error) => Object.assign(job, { status: 'failed', error: error.message }),
      )
      .finally(() => (job.finishedAt = new Date().toISOString()));
    return { ...job };
  }

  /** The service is stopping: a running job stops between two chunks (its worker threads end with it). */
  async onModuleDestroy(): Promise<void> {
    this.stop.abort();
    await this.running;
  }

  get(id: string): VerifyJobView {
    const job = this.jobs.get(id);
    if (!job) throw notFound(`Verify job ${id}`, `Verifieringsjobbet ${id}`);
    return { ...job };
  }

  /** 404 for an unknown collaboration or workflow, before a job is started; 400 for both at once. */
  private async assertScope(scope: VerifyScope): Promise<void> {
    const { dataSource, dialect } = this.db;
    if (scope.kind === 'collaboration') {
      const exists = await this.db.snapshot((q) => collaborationExists(q, dataSource, dialect, scope.slug));
      if (!exists) throw notFound(`Collaboration ${scope.slug}`, `Samverkan ${scope.slug}`);
    }
    if (scope.kind === 'workflow') {
      const [head] = await this.db.lookup(logSql(dataSource, dialect).selectHead, [scope.workflowId]);
      if (!head) throw notFound(`Workflow ${scope.workflowId}`, `Arbetsflödet ${scope.workflowId}`);
    }
  }

  private forgetOld(): void {
    const finished = [...this.jobs.values()].filter((j) => j.status !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - KEPT_JOBS))) this.jobs.delete(j.id);
  }
}

/** The scope a request names: a collaboration or a workflow or (neither) the whole database. */
export function scopeOf(dto: { collaboration?: string; workflowId?: string }): VerifyScope {
  if (dto.collaboration && dto.workflowId)
    throw badInput(
      'workflowId',
      'give a collaboration or a workflowId, not both',
      'ange samverkan eller workflowId, inte båda',
    );
  if (dto.collaboration) return { kind: 'collaboration', slug: dto.collaboration };
  if (dto.workflowId) return { kind: 'workflow', workflowId: dto.workflowId };
  return { kind: 'database' };
}
