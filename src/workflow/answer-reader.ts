import type { Db, Tx } from '../database/db';
import type { WorkflowEngine } from './engine/workflow-engine.service';
import type { WorkflowTx } from './engine/workflow-tx';
import type { InstanceView } from './workflow.types';

/**
 * Where an answer is read from. A write builds its answer inside its own unit of work (`within` the WorkflowTx), so
 * that an error while building it rolls the write back: a write never answers 500 after its rows were committed, and
 * the 500 ("nothing was recorded") is then true. A plain read reads in a read transaction, as before.
 */
export interface AnswerReader {
  rows<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  views(ids: string[]): Promise<Map<string, InstanceView>>;
}

export function answerReader(db: Db, engine: WorkflowEngine, within?: WorkflowTx): AnswerReader {
  if (within) return { rows: (work) => work(within.tx), views: (ids) => within.views(ids) };
  return { rows: (work) => db.read(work), views: (ids) => engine.getMany(ids) };
}
