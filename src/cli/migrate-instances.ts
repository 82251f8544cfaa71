import { readFileSync } from 'fs';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Db } from '../database/db';
import { Clock } from '../workflow/clock';
import { WorkflowEngine } from '../workflow/engine/workflow-engine.service';
import { WorkflowLog } from '../workflow/log/workflow-log';
import { MachineRegistry } from '../workflow/machine-registry';
import { MigrateInstancesDto } from '../workflow/migrations/dto/migration.dto';
import { InstanceMigrationService, type MigrationReport } from '../workflow/migrations/instance-migration.service';
import { DefinitionRecords } from '../workflow/versions/definition-records';
import { cliActor, flag, UsageError, type Printer } from './token-commands';

/** The values after `--name` up to the next flag (`--only ID ID …`). */
function values(args: string[], name: string): string[] | null {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return null;
  const out: string[] = [];
  for (let j = i + 1; j < args.length && !args[j].startsWith('--'); j++) out.push(args[j]);
  if (!out.length) throw new UsageError(`--${name} needs at least one value`);
  return out;
}

/** The request as the API takes it, checked by the API's own DTO (the same 400 reasons). */
function request(args: string[]): MigrateInstancesDto & { machineId: string } {
  const machineId = flag(args, 'machine');
  const from = flag(args, 'from');
  const to = flag(args, 'to');
  const map = flag(args, 'map');
  if (!machineId || !from || !to || !map)
    throw new UsageError('migrate-instances needs --machine ID --from V --to W --map FILE.json');
  let stateMapping: unknown;
  try {
    stateMapping = JSON.parse(readFileSync(map, 'utf8'));
  } catch (error) {
    throw new UsageError(`--map ${map}: not a readable JSON file (${(error as Error).message})`);
  }
  const only = values(args, 'only');
  const dto = plainToInstance(MigrateInstancesDto, {
    from: Number(from),
    to: Number(to),
    stateMapping,
    dryRun: args.includes('--dry-run'),
    ...(only ? { only } : {}),
  });
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new UsageError(errors.flatMap((e) => Object.values(e.constraints ?? {})).join('; '));
  return Object.assign(dto, { machineId });
}

function printReport(report: MigrationReport, print: Printer): void {
  for (const i of report.instances) {
    const move = `${i.fromState ?? '?'} → ${i.toState ?? '?'}`;
    const why = i.refused ? `: ${i.refused.code} ${i.refused.message}` : i.seq !== undefined ? ` (seq ${i.seq})` : '';
    print.out(`${i.workflowId} ${i.outcome} ${move}${why}`);
  }
  const what = report.dryRun ? 'would migrate' : 'migrated';
  print.err(
    `${report.machine}@${report.from} → @${report.to} (mapping ${report.mappingHash.slice(0, 12)}): ` +
      `${report.dryRun ? report.instances.length - report.refused : report.migrated} ${what}, ${report.refused} refused.`,
  );
}

/**
 * `migrate-instances --machine ID --from V --to W --map FILE.json [--dry-run] [--only ID…] [--json]`: the API's
 * migration from the shell, recorded as done by the CLI's user (an admin). Exit 1 when an instance was refused.
 */
export async function migrateInstances(db: Db, args: string[], print: Printer): Promise<number> {
  const req = request(args);
  const registry = new MachineRegistry();
  const clock = new Clock();
  const log = new WorkflowLog(db, registry);
  const definitions = new DefinitionRecords(db, registry);
  await definitions.onApplicationBootstrap();
  const engine = new WorkflowEngine(db, registry, clock, log, definitions);
  const service = new InstanceMigrationService(db, registry, engine, log, definitions, clock);
  const report = await service.migrate(
    {
      machineId: req.machineId,
      from: req.from,
      to: req.to,
      stateMapping: req.stateMapping,
      dryRun: req.dryRun ?? false,
      ...(req.only ? { only: req.only } : {}),
    },
    { id: cliActor().slice(0, 64), role: 'admin', municipality: null },
  );
  if (args.includes('--json')) print.out(JSON.stringify(report, null, 2));
  else printReport(report, print);
  return report.refused ? 1 : 0;
}
