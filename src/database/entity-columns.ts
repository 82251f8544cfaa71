import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * An entity's columns in a hand-written statement that joins several tables (a view read in one statement): the
 * select list, each column aliased `<prefix><property>`, and the entity back from a result row, with every value
 * converted as TypeORM converts it for `findOne` (a SQLite boolean is 0/1 in the row, `false`/`true` in the entity).
 */
export class EntityColumns<E extends ObjectLiteral> {
  readonly select: string;
  private readonly columns: ColumnMetadata[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly entity: EntityTarget<E>,
    alias: string,
    private readonly prefix: string,
  ) {
    const meta = dataSource.getMetadata(entity);
    this.columns = meta.columns;
    this.select = meta.columns.map((c) => `${alias}."${c.databaseName}" AS "${prefix}${c.propertyName}"`).join(', ');
  }

  /** The entity in this row, or null when its primary key is null (a LEFT JOIN that found nothing). */
  from(row: Record<string, unknown>): E | null {
    const primary = this.columns.find((c) => c.isPrimary)!;
    if (row[`${this.prefix}${primary.propertyName}`] == null) return null;
    const meta = this.dataSource.getMetadata(this.entity);
    const entity = meta.create() as E;
    for (const c of this.columns) {
      const value = this.dataSource.driver.prepareHydratedValue(row[`${this.prefix}${c.propertyName}`], c);
      (entity as Record<string, unknown>)[c.propertyName] = value;
    }
    return entity;
  }
}
