/**
 * An instance's diagram: its machine version drawn as SVG (machine-svg.ts) with its current state and the path its
 * log took highlighted. Read through the engine (its head and its log rows); the drawing decides nothing.
 */
import { MACHINE_DEFINITIONS } from '../../machines/registry';
import { notFound } from '../common/errors';
import type { WorkflowEngine } from '../workflow/engine/workflow-engine.service';
import { machineSvg, type DiagramWords } from './machine-svg';

export async function workflowDiagramSvg(
  engine: WorkflowEngine,
  workflowId: string,
  words?: DiagramWords,
): Promise<string> {
  const log = await engine.history(workflowId);
  const definition = MACHINE_DEFINITIONS.find((d) => d.id === log.machineId && d.version === log.machineVersion);
  if (!definition)
    throw notFound(`Machine ${log.machineId}@${log.machineVersion}`, `Maskinen ${log.machineId}@${log.machineVersion}`);
  // The path in this version: the rows before a migration into it name the states of another version.
  const path = log.transitions.filter((t) => t.machineVersion === log.machineVersion);
  const last = log.transitions[log.transitions.length - 1];
  return machineSvg(definition, {
    words,
    idPrefix: `wf-${workflowId.slice(0, 8)}-`,
    highlight: last ? { state: last.toState, path } : undefined,
  });
}
