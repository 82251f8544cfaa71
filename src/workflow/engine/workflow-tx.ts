import type { Tx } from '../../database/tx';
import type { Actor } from '../actor';
import type { Head } from '../log/workflow-log';
import type { InstanceView, SendOptions, SendResult, WorkflowEventInput } from '../workflow.types';

/** What the engine does inside a WorkflowTx (implemented by WorkflowEngine). */
export interface TxEngine {
  loadHead(wtx: WorkflowTx, instanceId: string): Promise<Head>;
  apply(
    wtx: WorkflowTx,
    head: Head,
    event: WorkflowEventInput,
    actor: Actor,
    options: SendOptions,
  ): Promise<SendResult>;
  create(wtx: WorkflowTx, machineId: string, input: unknown, subject: string, actor: Actor): Promise<InstanceView>;
  views(wtx: WorkflowTx, ids: string[]): Promise<Map<string, InstanceView>>;
  link(wtx: WorkflowTx, causeKey: string, effect: SendResult): Promise<void>;
}

/**
 * One database transaction of the write path, as a service sees it: send events, start instances and link records,
 * with the service's own rows written through `tx` in the same transaction. A head is read once per transaction:
 * after a send, the transaction keeps the new head, so a second send to the same instance reads nothing again.
 */
export class WorkflowTx {
  /** Heads read or written in this transaction. */
  readonly heads = new Map<string, Head>();

  constructor(
    readonly tx: Tx,
    private readonly engine: TxEngine,
  ) {}

  /** Applies one event: 404 unknown instance, 403 policy, 409 not in this state, 422 a rule refused. */
  async send(
    instanceId: string,
    event: WorkflowEventInput,
    actor: Actor,
    options: SendOptions = {},
  ): Promise<SendResult> {
    const head = await this.engine.loadHead(this, instanceId);
    return this.engine.apply(this, head, event, actor, options);
  }

  /** Starts an instance on the latest version of a machine. */
  create(machineId: string, input: unknown, subject: string, actor: Actor): Promise<InstanceView> {
    return this.engine.create(this, machineId, input, subject, actor);
  }

  /** The current view of these instances, as this transaction sees them. */
  views(ids: string[]): Promise<Map<string, InstanceView>> {
    return this.engine.views(this, ids);
  }

  /** Records that `causeKey` (a decision) drove this logged event (D10). */
  link(causeKey: string, effect: SendResult): Promise<void> {
    return this.engine.link(this, causeKey, effect);
  }
}
