import { Inject, Injectable } from '@nestjs/common';
import { COST_RULE_MACHINE_ID } from '../../machines/cost/cost-rule.machine';
import type { CostRuleContext } from '../../machines/cost/cost.types';
import { checkCostRule, partiesOf } from '../../machines/cost/cost.rules';
import { AreaReader } from '../area/area.reader';
import { CollaborationService } from '../collaboration/collaboration.service';
import { parseEventBody } from '../common/event-body';
import { requestFingerprint } from '../common/sha256';
import { Db, type Tx } from '../database/db';
import { MunicipalityService } from '../municipality/municipality.service';
import type { Actor } from '../workflow/actor';
import { Clock } from '../workflow/clock';
import { WorkflowEngine } from '../workflow/engine/workflow-engine.service';
import type { InstanceView, TransitionView } from '../workflow/workflow.types';
import { costRuleInput, ruleRefused } from './cost-input';
import { CostRuleEntity } from './cost.entities';
import { CostRows } from './cost.repository';
import { costRuleView, namesOf, type CostRuleView, type Names } from './cost.views';
import { COST_RULE_EVENT_DTOS } from './dto/cost-rule-event.dto';
import type { CreateCostRuleDto } from './dto/cost-rule.dto';

/**
 * Cost rules (kostnadsfördelning, RULEBOOK §3 G): a rule's definition, its adoption, the council's information
 * (R-G8) and its end. Every fact is in the rule's `cost-rule` workflow; the cost_rule table only indexes it.
 */
@Injectable()
export class CostRuleService {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
    private readonly municipalities: MunicipalityService,
    private readonly collaborations: CollaborationService,
    private readonly areas: AreaReader,
  ) {}

  /**
   * A new rule of a collaboration, drafted, or in force at once when the body says how it was adopted. The parties
   * of a rule of the common function are the collaboration's parties, whatever their membership status (R-G7); those
   * of an area's rule are the parties of the area's agreement (R-G4: its participants still taking part).
   */
  async create(slug: string, dto: CreateCostRuleDto, actor: Actor): Promise<CostRuleView> {
    const input = costRuleInput(slug, dto);
    return this.engine.transaction(async (wtx) => {
      const collaboration = await this.collaborations.describe(slug, this.clock.todayInStockholm(), wtx);
      await this.assertKnown(wtx.tx, input.host, partiesOf(input));
      const scopeParties =
        input.scope.kind === 'common'
          ? collaboration.members.map((m) => m.municipality.code)
          : await this.areas.agreementParties(wtx, slug, input.scope.areaWorkflowId);
      const refused = checkCostRule(input, scopeParties);
      if (refused) throw ruleRefused(refused);
      let instance: InstanceView = await wtx.create(COST_RULE_MACHINE_ID, input, `cost-rule:${slug}`, actor);
      await wtx.tx.insert(CostRuleEntity, {
        id: instance.id,
        collaborationSlug: slug,
        scopeKind: input.scope.kind,
        areaWorkflowId: input.scope.kind === 'area' ? input.scope.areaWorkflowId : null,
        createdAt: this.clock.nowIso(),
      });
      let transition: TransitionView | undefined;
      if (dto.adoption) {
        const adopted = JSON.parse(JSON.stringify({ type: 'COST_RULE_ADOPTED', ...dto.adoption }));
        ({ instance, transition } = await wtx.send(instance.id, adopted, actor));
      }
      return this.viewOf(wtx.tx, instance, transition);
    });
  }

  async get(id: string): Promise<CostRuleView> {
    const instance = await this.instanceOf(id);
    return this.db.read((tx) => this.viewOf(tx, instance));
  }

  async list(slug: string): Promise<CostRuleView[]> {
    await this.collaborations.describe(slug); // 404 for an unknown collaboration
    const rows = await this.db.read((tx) => CostRows.rulesOf(tx, slug));
    const instances = await this.engine.getMany(rows.map((r) => r.id));
    return this.db.read(async (tx) => {
      const views: CostRuleView[] = [];
      for (const r of rows) views.push(await this.viewOf(tx, instances.get(r.id)!));
      return views;
    });
  }

  /** COST_RULE_ADOPTED, COUNCIL_INFORMED (R-G8) or COST_RULE_ENDED, validated against its DTO (400). */
  async recordEvent(id: string, body: unknown, actor: Actor, idempotencyKey?: string): Promise<CostRuleView> {
    await this.db.read((tx) => CostRows.rule(tx, id));
    const parsed = parseEventBody(body, COST_RULE_EVENT_DTOS);
    const { expectedVersion, ...event } = parsed as typeof parsed & { expectedVersion?: number };
    const fingerprint = idempotencyKey ? requestFingerprint(event) : undefined;
    return this.engine.write(
      { instanceId: id, actor, eventType: event.type },
      async (wtx) => {
        const r = await wtx.send(id, structuredClone(event), actor, {
          expectedVersion,
          idempotencyKey,
          requestFingerprint: fingerprint,
        });
        return this.viewOf(wtx.tx, r.instance, r.transition);
      },
      { expectedVersion, idempotencyKey },
    );
  }

  /** The rule's workflow, after a 404 for an id that is not a cost rule. */
  async instanceOf(id: string): Promise<InstanceView> {
    await this.db.read((tx) => CostRows.rule(tx, id));
    return this.engine.get(id);
  }

  /** The names of the rule's parties (the host and the paying parties), read through `tx`. */
  async namesFor(tx: Tx, c: CostRuleContext): Promise<Names> {
    return namesOf(await this.municipalities.known(tx, partiesOf(c)));
  }

  private async viewOf(tx: Tx, instance: InstanceView, transition?: TransitionView): Promise<CostRuleView> {
    const view = costRuleView(instance, await this.namesFor(tx, instance.context as CostRuleContext));
    if (transition) view.transition = transition;
    return view;
  }

  private assertKnown(tx: Tx, host: string, codes: string[]): Promise<void> {
    const fieldOf = (c: string) => (c === host ? 'host' : `payers[${codes.indexOf(c)}].municipality`);
    return this.municipalities.requireKnown(
      tx,
      codes.map((code) => ({ code, field: fieldOf(code) })),
    );
  }
}
