import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { LessThan, LessThanOrEqual, MoreThanOrEqual, And, type FindOptionsWhere, type FindOperator } from 'typeorm';
import { RateWindows } from '../auth/rate-limit';
import { Db } from '../database/db';
import { Clock } from '../workflow/clock';
import type { RefusalRecorder, RefusedAttempt } from '../workflow/engine/refused-attempts';
import { WorkflowEngine } from '../workflow/engine/workflow-engine.service';
import { ActorDirectory, tokenIdOf } from '../workflow/history/actor-directory';
import type { RefusedAttemptsQueryDto } from './dto/refused-attempts-query.dto';
import { RefusedAttemptEntity } from './refused-attempt.entity';
import type { RefusedAttemptPageView, RefusedAttemptView } from './refused-attempts.views';

/** How long a refused attempt is kept (docs/operations.md): a year and a month, for the yearly audit. */
export const REFUSED_ATTEMPT_RETENTION_DAYS = 400;
/** The most attempts kept per token a minute; the rest are counted in the service log only. */
export const REFUSED_ATTEMPTS_PER_TOKEN_MINUTE = 30;
/** How often the rows past their retention are deleted (at most, on the next attempt). */
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const DEFAULT_PAGE = 50;

/** Bounded texts: no control characters, at most `max` characters. */
const clean = (s: string, max: number) =>
  // eslint-disable-next-line no-control-regex -- removing control characters is what this does
  s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ').slice(0, max);

/**
 * Refused attempts (issue 10, point 7): kept outside the hash chain, after the refused transaction rolled back, as a
 * small write of their own; read by an auditor, newest first. Growth is bounded per token (REFUSED_ATTEMPTS_PER_TOKEN_
 * MINUTE, beside the request rate limit of src/auth), per request (one row, its input as a hash and field names), and
 * in time (REFUSED_ATTEMPT_RETENTION_DAYS).
 */
@Injectable()
export class RefusedAttemptsService implements RefusalRecorder, OnModuleInit {
  private readonly logger = new Logger('RefusedAttempts');
  private readonly perToken = new RateWindows(REFUSED_ATTEMPTS_PER_TOKEN_MINUTE);
  /** One warning a minute per token that is over its limit. */
  private readonly warned = new RateWindows(1);
  private nextPrune = 0;

  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly clock: Clock,
    private readonly engine: WorkflowEngine,
    private readonly actors: ActorDirectory,
  ) {}

  onModuleInit(): void {
    this.engine.useRefusalRecorder(this);
  }

  async record(attempt: RefusedAttempt): Promise<void> {
    if (this.perToken.hit(attempt.actor.id) > 0) {
      if (this.warned.hit(attempt.actor.id) === 0)
        this.logger.warn(
          `Actor ${attempt.actor.id}: over ${REFUSED_ATTEMPTS_PER_TOKEN_MINUTE} refused attempts this minute; the rest are not kept.`,
        );
      return;
    }
    const now = this.clock.nowIso();
    const row: Omit<RefusedAttemptEntity, 'id'> = {
      recordedAt: now,
      actorId: clean(attempt.actor.id, 64),
      actorRole: clean(attempt.actor.role, 32),
      actorMunicipality: attempt.actor.municipality ? clean(attempt.actor.municipality, 4) : null,
      workflowId: attempt.workflowId ? clean(attempt.workflowId, 36) : null,
      eventType: attempt.eventType ? clean(attempt.eventType, 64) : null,
      inputHash: attempt.inputHash,
      inputFields: attempt.inputFields.length ? clean(attempt.inputFields.join(','), 1000) : null,
      code: clean(attempt.code, 64),
      ruleId: attempt.ruleId ? clean(attempt.ruleId, 16) : null,
      message: clean(attempt.message, 500),
    };
    const prune = Date.now() >= this.nextPrune;
    if (prune) this.nextPrune = Date.now() + PRUNE_EVERY_MS;
    await this.db.write(async (tx) => {
      await tx.insert(RefusedAttemptEntity, row);
      if (prune) await tx.delete(RefusedAttemptEntity, { recordedAt: LessThan(this.cutoff(now)) });
    });
  }

  private cutoff(now: string): string {
    return new Date(Date.parse(now) - REFUSED_ATTEMPT_RETENTION_DAYS * 86_400_000).toISOString();
  }

  /** GET /refused-attempts: filtered by workflow, rule (id or code) and time; newest first, a page at a time. */
  async list(q: RefusedAttemptsQueryDto): Promise<RefusedAttemptPageView> {
    const limit = q.limit ?? DEFAULT_PAGE;
    const base: FindOptionsWhere<RefusedAttemptEntity> = {};
    if (q.workflowId) base.workflowId = q.workflowId;
    const time: FindOperator<string>[] = [];
    if (q.from) time.push(MoreThanOrEqual(new Date(q.from).toISOString()));
    if (q.to) time.push(LessThanOrEqual(new Date(q.to).toISOString()));
    if (time.length) base.recordedAt = time.length === 1 ? time[0] : And(...time);
    if (q.cursor !== undefined) base.id = LessThan(q.cursor);
    const where = q.rule
      ? [
          { ...base, ruleId: q.rule },
          { ...base, code: q.rule },
        ]
      : base;
    return this.db.read(async (tx) => {
      const rows = await tx.find(RefusedAttemptEntity, { where, order: { id: 'DESC' }, take: limit + 1 });
      const page = rows.slice(0, limit);
      const names = await this.actors.namesOf(
        tx,
        page.map((r) => r.actorId),
      );
      return {
        attempts: page.map((r) => viewOf(r, names.get(r.actorId) ?? null)),
        nextCursor: rows.length > limit ? page[page.length - 1].id : null,
      };
    });
  }
}

function viewOf(r: RefusedAttemptEntity, name: string | null): RefusedAttemptView {
  return {
    id: r.id,
    recordedAt: r.recordedAt,
    actor: { id: r.actorId, tokenId: tokenIdOf(r.actorId), name, role: r.actorRole, municipality: r.actorMunicipality },
    workflowId: r.workflowId,
    workflowHref: r.workflowId ? `/api/v1/workflows/${r.workflowId}` : null,
    eventType: r.eventType,
    input: { sha256: r.inputHash, fields: r.inputFields ? r.inputFields.split(',') : [] },
    refusal: { code: r.code, ruleId: r.ruleId, message: r.message },
  };
}
