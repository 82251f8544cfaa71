import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Db } from '../database/db';
import { AppError } from '../common/errors';
import { DecisionPersons } from '../decision/decision-persons';
import { SecretTextService } from '../personal-data/secret-text.service';
import { GallraDto } from '../gallring/dto/gallra.dto';
import { GallringService } from '../gallring/gallring.service';
import { PersonalDataService } from '../personal-data/personal-data.service';
import { Clock } from '../workflow/clock';
import { WorkflowEngine } from '../workflow/engine/workflow-engine.service';
import { WorkflowLog } from '../workflow/log/workflow-log';
import { MachineRegistry } from '../workflow/machine-registry';
import { DefinitionRecords } from '../workflow/versions/definition-records';
import { cliActor, flag, UsageError, type Printer } from './token-commands';

/**
 * `gallra --beslut DNR --beslutsdatum DATE [--organ KS] --decision ID (--name NAME | --commitment HEX) [--json]`:
 * the API's gallring (POST /api/v1/gallring) from the shell, recorded as done by the CLI's user (an admin). Exit 1
 * when it is refused (nothing is removed then).
 */
export async function gallraCommand(db: Db, args: string[], print: Printer): Promise<number> {
  const name = flag(args, 'name');
  const commitment = flag(args, 'commitment');
  const decisionId = flag(args, 'decision');
  const diarienummer = flag(args, 'beslut');
  const decidedOn = flag(args, 'beslutsdatum');
  const organ = flag(args, 'organ');
  if (!decisionId || (!name && !commitment))
    throw new UsageError('gallra needs --decision ID and --name or --commitment');
  const dto = plainToInstance(GallraDto, {
    ...(diarienummer || decidedOn ? { beslut: { diarienummer, decidedOn, ...(organ ? { organ } : {}) } } : {}),
    items: [{ decisionId, ...(name ? { name } : {}), ...(commitment ? { commitment } : {}) }],
  });
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new UsageError(JSON.stringify(errors.map((e) => e.toString(true)).join('; ')));
  const registry = new MachineRegistry();
  const clock = new Clock();
  const definitions = new DefinitionRecords(db, registry);
  await definitions.onApplicationBootstrap();
  const engine = new WorkflowEngine(db, registry, clock, new WorkflowLog(db, registry), definitions);
  const personal = new PersonalDataService(db, clock);
  const service = new GallringService(
    engine,
    clock,
    new DecisionPersons(personal, new SecretTextService(db, clock)),
    personal,
  );
  try {
    const view = await service.gallra(dto, { id: cliActor().slice(0, 64), role: 'admin', municipality: null });
    if (args.includes('--json')) print.out(JSON.stringify(view, null, 2));
    else for (const r of view.removed) print.out(`${r.decisionId} ${r.commitment} removed under ${r.under}`);
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    print.err(
      `Refused: ${error.code}${error.ruleId ? ` (${error.ruleId})` : ''}: ${error.message} / ${error.messageSv}`,
    );
    return 1;
  }
}
