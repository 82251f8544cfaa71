import type {
  EntityManager,
  EntityTarget,
  FindManyOptions,
  FindOneOptions,
  FindOptionsWhere,
  ObjectLiteral,
} from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Dialect } from './dialect';

/**
 * A kind of write that a unit may hand to `Tx.stage`: rows of `width` values, written by one statement for `n` rows.
 * Every row must change exactly one row of the database (an INSERT, or a compare-and-set UPDATE); when a statement
 * changes fewer, `conflict()` is the error.
 */
export interface StagedWrite {
  readonly name: string;
  readonly width: number;
  sql(rows: number): string;
  conflict(): Error;
}

/**
 * A read that the units of a group can share: each unit names the key it will read (`Db.write(work, { read, key })`)
 * and the group reads every named key with one statement before its first unit runs. `sql(n)` selects n keys;
 * `keyOf` names a result row's key.
 */
export interface SharedRead {
  sql(keys: number): string;
  keyOf(row: Record<string, unknown>): string;
}

export interface WriteHint {
  read: SharedRead;
  key: string;
}

/**
 * The one handle a unit of work has on the database: every read and write goes through the transaction it was
 * given, and nothing else. That is what makes a unit safe to run again (SQLite's group commit may rerun it after a
 * rollback of the whole group): it holds no state of the database outside this handle.
 */
export interface Tx {
  readonly dialect: Dialect;
  findOne<E extends ObjectLiteral>(entity: EntityTarget<E>, options: FindOneOptions<E>): Promise<E | null>;
  find<E extends ObjectLiteral>(entity: EntityTarget<E>, options?: FindManyOptions<E>): Promise<E[]>;
  insert<E extends ObjectLiteral>(
    entity: EntityTarget<E>,
    values: QueryDeepPartialEntity<E> | QueryDeepPartialEntity<E>[],
  ): Promise<void>;
  update<E extends ObjectLiteral>(
    entity: EntityTarget<E>,
    where: FindOptionsWhere<E>,
    values: QueryDeepPartialEntity<E>,
  ): Promise<void>;
  delete<E extends ObjectLiteral>(entity: EntityTarget<E>, where: FindOptionsWhere<E>): Promise<void>;
  /** One statement of a hot path (prepared once and kept on SQLite). It does not flush staged rows: see `isStaged`. */
  select<R = Record<string, unknown>>(sql: string, params: unknown[]): Promise<R[]>;
  /** A write that must change exactly one row; in a SQLite group it waits in memory until the group writes it. */
  stage(kind: StagedWrite, key: string, values: unknown[]): Promise<void>;
  /** True when a staged write of this kind for this key has not reached the database yet. */
  isStaged(kind: StagedWrite, key: string): boolean;
  /** Writes every staged row now. */
  flush(): Promise<void>;
  /** The row of `key` as the group read it ahead (undefined when not read ahead, or written since). */
  readAhead(read: SharedRead, key: string): Record<string, unknown> | undefined;
}

/** What a Tx built over an EntityManager asks of whoever runs it, around each statement. */
export interface TxHooks {
  beforeRead(): Promise<void>;
  beforeWrite(): Promise<void>;
  select<R>(sql: string, params: unknown[]): Promise<R[]>;
  stage(kind: StagedWrite, key: string, values: unknown[]): Promise<void>;
  isStaged(kind: StagedWrite, key: string): boolean;
  flush(): Promise<void>;
  readAhead(read: SharedRead, key: string): Record<string, unknown> | undefined;
}

/** A Tx over TypeORM's manager of the running transaction, with the runner's hooks around each statement. */
export class ManagerTx implements Tx {
  constructor(
    private readonly m: EntityManager,
    readonly dialect: Dialect,
    private readonly hooks: TxHooks,
  ) {}

  async findOne<E extends ObjectLiteral>(entity: EntityTarget<E>, options: FindOneOptions<E>): Promise<E | null> {
    await this.hooks.beforeRead();
    return this.m.findOne(entity, options);
  }

  async find<E extends ObjectLiteral>(entity: EntityTarget<E>, options?: FindManyOptions<E>): Promise<E[]> {
    await this.hooks.beforeRead();
    return this.m.find(entity, options);
  }

  async insert<E extends ObjectLiteral>(
    entity: EntityTarget<E>,
    values: QueryDeepPartialEntity<E> | QueryDeepPartialEntity<E>[],
  ): Promise<void> {
    await this.hooks.beforeWrite();
    await this.m.insert(entity, values);
  }

  async update<E extends ObjectLiteral>(
    entity: EntityTarget<E>,
    where: FindOptionsWhere<E>,
    values: QueryDeepPartialEntity<E>,
  ): Promise<void> {
    await this.hooks.beforeWrite();
    await this.m.update(entity, where, values);
  }

  async delete<E extends ObjectLiteral>(entity: EntityTarget<E>, where: FindOptionsWhere<E>): Promise<void> {
    await this.hooks.beforeWrite();
    await this.m.delete(entity, where);
  }

  select<R = Record<string, unknown>>(sql: string, params: unknown[]): Promise<R[]> {
    return this.hooks.select<R>(sql, params);
  }

  stage(kind: StagedWrite, key: string, values: unknown[]): Promise<void> {
    return this.hooks.stage(kind, key, values);
  }

  isStaged(kind: StagedWrite, key: string): boolean {
    return this.hooks.isStaged(kind, key);
  }

  flush(): Promise<void> {
    return this.hooks.flush();
  }

  readAhead(read: SharedRead, key: string): Record<string, unknown> | undefined {
    return this.hooks.readAhead(read, key);
  }
}

/** Hooks for a transaction that writes at once (PostgreSQL, or a read on SQLite): nothing is staged or read ahead. */
export function directHooks(m: EntityManager, options: { readOnly: boolean }): TxHooks {
  const none = async () => undefined;
  return {
    beforeRead: none,
    beforeWrite: options.readOnly ? () => Promise.reject(new Error('a read unit does not write')) : none,
    select: (sql, params) => m.query(sql, params),
    stage: async (kind, _key, values) => {
      if (options.readOnly || !m.queryRunner) throw new Error('a staged write needs a write transaction');
      const changed = (await m.queryRunner.query(kind.sql(1), values, true)).affected ?? 0;
      if (changed !== 1) throw kind.conflict();
    },
    isStaged: () => false,
    flush: none,
    readAhead: () => undefined,
  };
}
