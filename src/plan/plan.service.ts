import { Inject, Injectable } from '@nestjs/common';
import { PLAN_MACHINE_ID } from '../../machines/plan/plan.machine';
import { currentAdoptedPeriod } from '../../machines/plan/plan.rules';
import type { AdoptedPeriod, PlanContext } from '../../machines/plan/plan.types';
import { CollaborationService } from '../collaboration/collaboration.service';
import { plainJson } from '../common/canonical-json';
import { notFound } from '../common/errors';
import { parseEventBody } from '../common/event-body';
import { requestFingerprint } from '../common/sha256';
import { Db } from '../database/db';
import { CouncilService } from '../council/council.service';
import type { Actor } from '../workflow/actor';
import { answerReader } from '../workflow/answer-reader';
import { Clock } from '../workflow/clock';
import { WorkflowEngine } from '../workflow/engine/workflow-engine.service';
import type { WorkflowTx } from '../workflow/engine/workflow-tx';
import type { InstanceView } from '../workflow/workflow.types';
import { PLAN_EVENT_DTOS, type CreatePlanDto } from './dto/plan.dto';
import { PlanEntity } from './plan.entity';
import {
  planInForceAmong,
  planView,
  summaryView,
  type FocusAreaInForceView,
  type PlanInForceView,
  type PlansAsOfView,
  type PlanView,
  type PlanWriteView,
} from './plan.views';

/**
 * The verksamhetsplaner of each collaboration (avsiktsförklaringen §11, §16): one workflow per plan, its versions,
 * the council informed (R-D7), KDG's adoption (R-D6) with the other plans' adopted periods (R-D8), and the plan in
 * force on a date, which other modules ask through `planInForce` and `focusAreaInForce`.
 */
@Injectable()
export class PlanService {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
    private readonly collaborations: CollaborationService,
    private readonly council: CouncilService,
  ) {}

  /** A new plan of a collaboration with its first version, in one transaction. */
  async create(slug: string, dto: CreatePlanDto, actor: Actor): Promise<PlanWriteView> {
    await this.collaborations.describe(slug); // 404 for an unknown collaboration
    const { title, note, ...version } = plainJson(dto);
    return this.engine.transaction(async (wtx) => {
      const workflow = await wtx.create(PLAN_MACHINE_ID, { collaboration: slug, title }, `plan:${slug}`, actor);
      await wtx.tx.insert(PlanEntity, {
        id: workflow.id,
        collaborationSlug: slug,
        title,
        createdAt: this.clock.nowIso(),
        adoptionTurn: 0,
      });
      const event = { type: 'VERSION_DRAFTED', ...version, ...(note !== undefined ? { note } : {}) };
      const r = await wtx.send(workflow.id, event, actor);
      return { ...planView(slug, r.instance), transition: r.transition, replayed: r.replayed };
    });
  }

  async get(id: string): Promise<PlanView> {
    const plan = await this.planRow(id);
    return planView(plan.collaborationSlug, await this.engine.get(plan.id));
  }

  /**
   * Records one plan event from a client: validate the body against its type's DTO (400), then the engine checks
   * the role (403) and the rules (409/422). A KDG adoption gets the adopted periods of the collaboration's other
   * plans (R-D8), read after taking the collaboration's adoption turn, so two adoptions never judge the same state.
   */
  async recordEvent(id: string, body: unknown, actor: Actor, idempotencyKey?: string): Promise<PlanWriteView> {
    const plan = await this.planRow(id);
    const slug = plan.collaborationSlug;
    const parsed = parseEventBody(body, PLAN_EVENT_DTOS);
    const { expectedVersion, ...event } = parsed as typeof parsed & { expectedVersion?: number };
    const fingerprint = idempotencyKey ? requestFingerprint(event) : undefined;
    return this.engine.write(
      { instanceId: plan.id, actor, eventType: event.type },
      async (wtx) => {
        const e = structuredClone(event) as Record<string, any>;
        if (e.type === 'KDG_ADOPTED') e.otherAdoptedPeriods = await this.otherAdoptedPeriods(wtx, slug, plan.id);
        // The record named must exist in this collaboration's council; it is named only (G5), never a ground.
        if (
          e.type === 'COUNCIL_INFORMED' &&
          e.councilRecordId &&
          !(await this.council.recordOf(slug, e.councilRecordId, wtx))
        )
          throw notFound(
            `Council record ${e.councilRecordId} of ${slug}`,
            `Rådets anteckning ${e.councilRecordId} i ${slug}`,
          );
        const r = await wtx.send(plan.id, e as typeof event, actor, {
          expectedVersion,
          idempotencyKey,
          requestFingerprint: fingerprint,
        });
        return { ...planView(slug, r.instance), transition: r.transition, replayed: r.replayed };
      },
      { expectedVersion, idempotencyKey },
    );
  }

  /** The collaboration's plans and the one in force on `asOf` (R-D8). */
  async plansOf(slug: string, asOf = this.clock.todayInStockholm()): Promise<PlansAsOfView> {
    await this.collaborations.describe(slug);
    const instances = await this.instancesOf(slug);
    return { collaboration: slug, asOf, inForce: planInForceAmong(instances, asOf), plans: instances.map(summaryView) };
  }

  /**
   * For other modules: the plan in force in collaboration `slug` on date `date` (a local date), or null. `within` a
   * write, read as that write sees it (pass the WorkflowTx of the unit of work).
   */
  async planInForce(slug: string, date: string, within?: WorkflowTx): Promise<PlanInForceView | null> {
    return planInForceAmong(await this.instancesOf(slug, within), date);
  }

  /**
   * For other modules (an area's förankring names a fokusområde, SEED-AF §11): the focus area with this key in the
   * plan in force in collaboration `slug` on `date`, or null when no plan is in force then or it has no such key.
   */
  async focusAreaInForce(
    slug: string,
    date: string,
    key: string,
    within?: WorkflowTx,
  ): Promise<FocusAreaInForceView | null> {
    const plan = await this.planInForce(slug, date, within);
    const area = plan?.focusAreas.find((a) => a.key === key);
    if (!plan || !area) return null;
    return {
      planId: plan.planId,
      planTitle: plan.title,
      version: plan.version,
      key: area.key,
      name: area.name,
      validFrom: plan.validFrom,
      validTo: plan.validTo,
    };
  }

  private async planRow(id: string): Promise<PlanEntity> {
    const plan = await this.db.read((tx) => tx.findOne(PlanEntity, { where: { id } }));
    if (!plan) throw notFound(`Plan ${id}`, `Planen ${id}`);
    return plan;
  }

  private async instancesOf(slug: string, within?: WorkflowTx): Promise<InstanceView[]> {
    const read = answerReader(this.db, this.engine, within);
    const rows = await read.rows((tx) =>
      tx.find(PlanEntity, { where: { collaborationSlug: slug }, order: { createdAt: 'ASC', id: 'ASC' } }),
    );
    const views = await read.views(rows.map((r) => r.id));
    return rows.map((r) => views.get(r.id)!);
  }

  /**
   * R-D8 — the adopted periods of the collaboration's other plans. First the collaboration's adoption turn (a write to
   * its first plan row, which PostgreSQL holds locked until the commit; SQLite runs writes one at a time anyway), then
   * the read: a concurrent adoption in the same collaboration waits here and then sees what this one committed.
   */
  private async otherAdoptedPeriods(wtx: WorkflowTx, slug: string, planId: string): Promise<AdoptedPeriod[]> {
    const order = { createdAt: 'ASC', id: 'ASC' } as const;
    const [first] = await wtx.tx.find(PlanEntity, { where: { collaborationSlug: slug }, order, take: 1 });
    await wtx.tx.update(PlanEntity, { id: first.id }, { adoptionTurn: () => 'adoption_turn + 1' });
    const others = (await wtx.tx.find(PlanEntity, { where: { collaborationSlug: slug }, order })).filter(
      (p) => p.id !== planId,
    );
    const views = await wtx.views(others.map((p) => p.id));
    return others.flatMap((p) => currentAdoptedPeriod(views.get(p.id)!.context as PlanContext, p.id) ?? []);
  }
}
