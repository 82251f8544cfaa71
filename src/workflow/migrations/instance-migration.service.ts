import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { MachineDefinition } from '../../../machines/kernel/machine-definition';
import { canonicalJson } from '../../common/canonical-json';
import { AppError } from '../../common/errors';
import { Db } from '../../database/db';
import type { Actor } from '../actor';
import { Clock } from '../clock';
import { DueEventRows } from '../due-events/due-event-rows';
import { WorkflowDueEventEntity } from '../due-events/workflow-due-event.entity';
import { WorkflowEngine } from '../engine/workflow-engine.service';
import { WorkflowInstanceEntity } from '../log/workflow-instance.entity';
import { WorkflowLog } from '../log/workflow-log';
import { MachineRegistry } from '../machine-registry';
import { DefinitionRecords } from '../versions/definition-records';
import { MIGRATE_EVENT, mappingHash, restoreMigrated, type MigratePayload } from './migrated-snapshot';

export interface MigrationRequest {
  machineId: string;
  from: number;
  to: number;
  stateMapping: Record<string, string>;
  dryRun: boolean;
  /** Only these instances; default every instance on `from`. */
  only?: string[];
}

export type MigrationRefusalCode = 'MIGRATION_UNMAPPED_STATE' | 'MIGRATION_INVALID_TARGET' | 'MIGRATION_NOT_ON_VERSION';

export class MigrationRefusalView {
  @ApiProperty({ enum: ['MIGRATION_UNMAPPED_STATE', 'MIGRATION_INVALID_TARGET', 'MIGRATION_NOT_ON_VERSION'] })
  code: MigrationRefusalCode;
  @ApiProperty() message: string;
  @ApiProperty() messageSv: string;
}

/** One instance in a migration report. */
export class InstanceMigrationView {
  @ApiProperty() workflowId: string;
  @ApiProperty({ type: String, nullable: true }) subject: string | null;
  @ApiProperty({ type: String, nullable: true }) fromState: string | null;
  @ApiProperty({ type: String, nullable: true }) toState: string | null;
  /** WOULD_MIGRATE (dry run), MIGRATED (its row's seq), REFUSED (why; nothing was written for it). */
  @ApiProperty({ enum: ['WOULD_MIGRATE', 'MIGRATED', 'REFUSED'] }) outcome: 'WOULD_MIGRATE' | 'MIGRATED' | 'REFUSED';
  @ApiPropertyOptional({ description: "MIGRATED: its log row's seq" }) seq?: number;
  @ApiPropertyOptional({ type: MigrationRefusalView, description: 'REFUSED: why; nothing was written for it' })
  refused?: MigrationRefusalView;
}

export class MigrationReport {
  @ApiProperty({ example: 'area' }) machine: string;
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty() mappingHash: string;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ type: [InstanceMigrationView] }) instances: InstanceMigrationView[];
  @ApiProperty() migrated: number;
  @ApiProperty() refused: number;
}

/** A refusal of one instance, thrown inside its transaction so that nothing of it is written. */
class Refused extends Error {
  constructor(readonly refusal: NonNullable<InstanceMigrationView['refused']>) {
    super(refusal.message);
  }
}

/**
 * Moving running instances of a machine to a newer version: an explicit admin command with a state mapping. A dry run
 * shows per instance what would change; applied, each instance moves in its own transaction: ONE logged migration row
 * (`xstate.migrate`, naming the new version, by the admin) and the head's new pinned version, or nothing at all.
 */
@Injectable()
export class InstanceMigrationService {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly registry: MachineRegistry,
    private readonly engine: WorkflowEngine,
    private readonly log: WorkflowLog,
    private readonly definitions: DefinitionRecords,
    private readonly clock: Clock,
  ) {}

  async migrate(request: MigrationRequest, actor: Actor): Promise<MigrationReport> {
    const { fromDef, toDef } = this.versions(request);
    const hash = mappingHash(request.stateMapping);
    const heads = await this.db.read((tx) =>
      tx.find(WorkflowInstanceEntity, {
        where: request.only ? { id: In(request.only) } : { machineId: fromDef.id, machineVersion: fromDef.version },
        order: { createdAt: 'ASC', id: 'ASC' },
      }),
    );
    const byId = new Map(heads.map((h) => [h.id, h]));
    const ids = request.only ?? heads.map((h) => h.id);
    const instances: InstanceMigrationView[] = [];
    for (const id of ids) {
      const head = byId.get(id);
      const planned = head ? this.plan(fromDef, toDef, head, request.stateMapping) : null;
      const base = {
        workflowId: id,
        subject: head?.subject ?? null,
        fromState: head?.state ?? null,
        toState: planned?.ok ? planned.toState : null,
      };
      if (!planned) instances.push({ ...base, outcome: 'REFUSED', refused: notOnVersion(id, fromDef) });
      else if (!planned.ok) instances.push({ ...base, outcome: 'REFUSED', refused: planned.refused });
      else if (request.dryRun) instances.push({ ...base, outcome: 'WOULD_MIGRATE' });
      else instances.push(await this.applyOne(id, fromDef, toDef, request.stateMapping, hash, actor, base));
    }
    return {
      machine: fromDef.id,
      from: fromDef.version,
      to: toDef.version,
      mappingHash: hash,
      dryRun: request.dryRun,
      instances,
      migrated: instances.filter((i) => i.outcome === 'MIGRATED').length,
      refused: instances.filter((i) => i.outcome === 'REFUSED').length,
    };
  }

  private versions(request: MigrationRequest): { fromDef: MachineDefinition; toDef: MachineDefinition } {
    this.registry.latest(request.machineId); // 404 UNKNOWN_MACHINE
    if (!(request.to > request.from))
      throw new AppError(
        'BAD_INPUT',
        'MIGRATION_VERSION_ORDER',
        `to: must be a newer version than from (${request.from}).`,
        `to: måste vara en nyare version än from (${request.from}).`,
        undefined,
        { fields: [{ field: 'to', reason: 'must be newer than from', reasonSv: 'måste vara nyare än from' }] },
      );
    return {
      fromDef: this.registry.get(request.machineId, request.from),
      toDef: this.registry.get(request.machineId, request.to),
    };
  }

  /** Where the mapping takes this head, or why it does not; null when the head is not on `from`. */
  private plan(
    fromDef: MachineDefinition,
    toDef: MachineDefinition,
    head: WorkflowInstanceEntity,
    mapping: Record<string, string>,
  ):
    | { ok: true; toState: string; snapshot: ReturnType<typeof restoreMigrated> & { ok: true } }
    | { ok: false; refused: NonNullable<InstanceMigrationView['refused']> }
    | null {
    if (head.machineId !== fromDef.id || head.machineVersion !== fromDef.version) return null;
    const toState = Object.prototype.hasOwnProperty.call(mapping, head.state) ? mapping[head.state] : undefined;
    if (toState === undefined)
      return {
        ok: false,
        refused: {
          code: 'MIGRATION_UNMAPPED_STATE',
          message: `The state mapping names no new state for '${head.state}'.`,
          messageSv: `Tillståndsmappningen anger inget nytt tillstånd för '${head.state}'.`,
        },
      };
    const context = JSON.parse(head.snapshot).context;
    const restored = restoreMigrated(toDef, context, { version: fromDef.version, fromState: head.state, toState });
    if (!restored.ok) return { ok: false, refused: restored };
    return { ok: true, toState, snapshot: restored };
  }

  /** One instance in one transaction: checked again on the head as it is now, then the row and the new pin. */
  private async applyOne(
    id: string,
    fromDef: MachineDefinition,
    toDef: MachineDefinition,
    mapping: Record<string, string>,
    hash: string,
    actor: Actor,
    base: Omit<InstanceMigrationView, 'outcome'>,
  ): Promise<InstanceMigrationView> {
    try {
      return await this.engine.transaction(async (wtx) => {
        const head = await this.engine.loadHead(wtx, id);
        const planned = this.plan(fromDef, toDef, head.instance, mapping);
        if (!planned) throw new Refused(notOnVersion(id, fromDef));
        if (!planned.ok) throw new Refused(planned.refused);
        const { instance } = head;
        const next = planned.snapshot.snapshot;
        const payload: MigratePayload = {
          from: fromDef.version,
          to: toDef.version,
          mappingHash: hash,
          fromState: instance.state,
          toState: planned.toState,
        };
        const now = this.clock.nowIso();
        const row = this.log.makeRow(toDef, {
          instanceId: id,
          seq: instance.version + 1,
          eventType: MIGRATE_EVENT,
          payload: canonicalJson(payload),
          actor,
          recordedAt: now,
          legalDate: null,
          fromState: instance.state,
          toState: planned.toState,
          idempotencyKey: null,
          requestHash: null,
          prevHash: instance.lastHash,
        });
        const moved = await this.log.append(wtx.tx, { ...head, def: toDef }, row, next);
        await wtx.tx.update(
          WorkflowInstanceEntity,
          { id, machineVersion: fromDef.version },
          {
            machineVersion: toDef.version,
          },
        );
        wtx.heads.set(id, { ...moved, instance: Object.assign(moved.instance, { machineVersion: toDef.version }) });
        // The old version's due dates are not the new one's: rewritten from the new version's view of the snapshot.
        await wtx.tx.delete(WorkflowDueEventEntity, { instanceId: id });
        await DueEventRows.sync(wtx.tx, toDef, id, null, next);
        await this.definitions.recordFirstUse(wtx.tx, toDef, now);
        return { ...base, toState: planned.toState, outcome: 'MIGRATED' as const, seq: row.seq };
      });
    } catch (error) {
      if (error instanceof Refused) return { ...base, toState: null, outcome: 'REFUSED', refused: error.refusal };
      throw error;
    }
  }
}

function notOnVersion(id: string, def: MachineDefinition): NonNullable<InstanceMigrationView['refused']> {
  return {
    code: 'MIGRATION_NOT_ON_VERSION',
    message: `Workflow ${id} is not an instance of ${def.id}@${def.version}.`,
    messageSv: `Arbetsflödet ${id} är inte en instans av ${def.id}@${def.version}.`,
  };
}
