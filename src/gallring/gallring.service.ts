import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Injectable } from '@nestjs/common';
import { GALLRING_MACHINE_ID, type RemovedDatum } from '../../machines/gallring/gallring.machine';
import {
  beslutLabel,
  checkGallringsbeslut,
  checkItemRemovable,
  type Gallringsbeslut,
  type ItemStanding,
} from '../../machines/gallring/gallring.rules';
import type { Refusal } from '../../machines/kernel/refusal';
import { assertActsFor } from '../auth/access';
import { badInput, ruleRefused } from '../common/errors';
import { DecisionPersons, type PersonalDataPlace } from '../decision/decision-persons';
import { PersonalDataService } from '../personal-data/personal-data.service';
import type { PersonalDatumEntity } from '../personal-data/personal-datum.entity';
import type { Actor } from '../workflow/actor';
import { Clock } from '../workflow/clock';
import { WorkflowEngine } from '../workflow/engine/workflow-engine.service';
import type { WorkflowTx } from '../workflow/engine/workflow-tx';
import type { GallraDto, GallringItemDto } from './dto/gallra.dto';

/** The gallringsbeslut as the gallring names it (machines/gallring's Gallringsbeslut, as the API shows it). */
export class GallringsbeslutView implements Gallringsbeslut {
  @ApiProperty({ example: 'KS Dnr 2026/45' }) diarienummer: string;
  @ApiProperty({ example: '2026-01-15' }) decidedOn: string;
  @ApiPropertyOptional({ example: 'KS' }) organ?: string;
}

export class GallringLoggedView {
  @ApiProperty({ example: '1460' }) municipality: string;
  @ApiProperty() workflowId: string;
  @ApiProperty() seq: number;
}

export class GallringRemovedView {
  @ApiProperty() decisionId: string;
  @ApiProperty({ description: 'The salted hash that stays in the chain' }) commitment: string;
  @ApiProperty({ example: 'meeting:3f0c…' }) record: string;
  @ApiProperty({ example: 'KS Dnr 2026/45 (2026-01-15)' }) under: string;
}

export class GallringView {
  @ApiProperty({ type: GallringsbeslutView }) beslut: GallringsbeslutView;
  @ApiProperty({ example: '2026-02-01' }) removedOn: string;
  /** One logged row per municipality whose records lost data: its gallring workflow and seq. */
  @ApiProperty({ type: [GallringLoggedView], description: 'One logged row per municipality whose records lost data' })
  logged: GallringLoggedView[];
  @ApiProperty({ type: [GallringRemovedView] }) removed: GallringRemovedView[];
}

/**
 * Gallring of personal data (issue 10 §9, R-K8, R-K9): checks the decision and each item, logs one
 * PERSONAL_DATA_REMOVED row per municipality on its gallring workflow, and deletes the values and salts in the same
 * transaction; nothing is removed when anything is refused.
 */
@Injectable()
export class GallringService {
  constructor(
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
    private readonly persons: DecisionPersons,
    private readonly personal: PersonalDataService,
  ) {}

  async gallra(dto: GallraDto, actor: Actor): Promise<GallringView> {
    dto.items.forEach((item, i) => {
      if (!item.name === !item.commitment)
        throw badInput(`items[${i}]`, 'name one person: name or commitment', 'ange en person: name eller commitment');
    });
    const removedOn = this.clock.todayInStockholm();
    refuseIf(checkGallringsbeslut(dto.beslut, removedOn));
    const beslut: Gallringsbeslut = { ...dto.beslut! };
    const under = beslutLabel(beslut);
    return this.engine.transaction(async (wtx) => {
      const byMunicipality = new Map<string, Map<string, RemovedDatum & { decisionId: string }>>();
      for (const item of dto.items) {
        const { municipalityCode, commitment, record } = await this.removable(wtx, item);
        assertActsFor(actor, municipalityCode);
        const items = byMunicipality.get(municipalityCode) ?? new Map();
        items.set(commitment, { commitment, record, decisionId: item.decisionId });
        byMunicipality.set(municipalityCode, items);
      }
      const view: GallringView = { beslut, removedOn, logged: [], removed: [] };
      for (const [municipality, items] of byMunicipality) {
        const removed = [...items.values()];
        const workflowId = await this.gallringWorkflow(wtx, municipality, actor);
        const event = {
          type: 'PERSONAL_DATA_REMOVED',
          beslut,
          removedOn,
          items: removed.map(({ commitment, record }) => ({ commitment, record })),
        };
        const r = await wtx.send(workflowId, event, actor);
        const at = { workflowId, seq: r.transition.seq };
        await this.personal.remove(
          wtx.tx,
          removed.map((d) => d.commitment),
          under,
          at,
        );
        view.logged.push({ municipality, ...at });
        view.removed.push(...removed.map((d) => ({ ...d, under })));
      }
      return view;
    });
  }

  /**
   * One item's datum, refused (R-K9) unless it is committed, present and no longer needed by its record. A record's
   * names may be in more than one scope (a delegationsbeslut's delegate, its anmälan's meeting): the first that holds
   * the person is the one.
   */
  private async removable(wtx: WorkflowTx, item: GallringItemDto) {
    const where = await this.persons.of(wtx, item.decisionId);
    let found: { datum: PersonalDatumEntity; place: PersonalDataPlace } | null = null;
    for (const place of where.places) {
      const datum = place.scope ? await this.personal.find(wtx.tx, place.scope, item) : null;
      if (datum) {
        found = { datum, place };
        break;
      }
    }
    const standing: ItemStanding = !found
      ? where.places.every((p) => !p.scope)
        ? { kind: 'IN_CHAIN' }
        : { kind: 'NOT_NAMED' }
      : found.datum.value === null
        ? { kind: 'REMOVED', under: found.datum.removedUnder ?? '?' }
        : { kind: 'COMMITTED', settled: found.place.settled };
    refuseIf(
      checkItemRemovable({ record: `decision ${item.decisionId}`, name: item.name ?? item.commitment! }, standing),
    );
    return {
      municipalityCode: where.municipalityCode,
      commitment: found!.datum.commitment,
      record: found!.place.scope!,
    };
  }

  /** The municipality's gallring workflow, started on its first gallring (one per kommunkod). */
  private async gallringWorkflow(wtx: WorkflowTx, municipality: string, actor: Actor): Promise<string> {
    const subject = `gallring:${municipality}`;
    const d = wtx.tx.dialect;
    if (d.kind === 'postgres') await wtx.tx.select(`SELECT pg_advisory_xact_lock(hashtext($1))`, [subject]);
    const [found] = await wtx.tx.select<{ id: string }>(
      `SELECT id FROM workflow_instance WHERE subject = ${d.param(1)} AND machine_id = ${d.param(2)}`,
      [subject, GALLRING_MACHINE_ID],
    );
    return found?.id ?? (await wtx.create(GALLRING_MACHINE_ID, { municipality }, subject, actor)).id;
  }
}

function refuseIf(r: Refusal | null): void {
  if (r) throw ruleRefused(r);
}
