// Issue 10 §2: every table is classified against the chain, so a new table cannot silently escape it; a hashed
// table hashes every column it does not name as unhashed, so a new column cannot either.
import { getMetadataArgsStorage } from 'typeorm';
import { HASHED_FIELDS, HASHED_WHEN_SET } from '../../src/audit/record-hash';
import { TABLE_COVERAGE, UNHASHED_COLUMNS } from '../../src/audit/table-coverage';
import { ENTITIES } from '../../src/database/entities';

const storage = getMetadataArgsStorage();
const tableOf = (entity: object) => storage.tables.find((t) => t.target === entity)!.name!;
const columnsOf = (entity: object) => storage.columns.filter((c) => c.target === entity).map((c) => c.propertyName);

describe('the coverage of every table by the chain', () => {
  it.each(ENTITIES.map((e) => [tableOf(e), e] as const))('%s is classified', (table) => {
    expect(TABLE_COVERAGE[table]).toEqual({ coverage: expect.any(String), how: expect.any(String) });
  });

  it('classifies only tables that exist', () => {
    expect(Object.keys(TABLE_COVERAGE).sort()).toEqual(ENTITIES.map(tableOf).sort());
  });

  it('the hashed tables are the ones classified hashed-into-log', () => {
    const hashed = Object.entries(TABLE_COVERAGE).filter(([, c]) => c.coverage === 'hashed-into-log');
    expect(Object.keys(HASHED_FIELDS).sort()).toEqual(hashed.map(([t]) => t).sort());
  });

  it.each(Object.keys(HASHED_FIELDS))('every column of %s is hashed or named as left out', (table) => {
    const entity = ENTITIES.find((e) => tableOf(e) === table)!;
    const t = table as keyof typeof HASHED_FIELDS;
    const named = [...HASHED_FIELDS[t], ...(HASHED_WHEN_SET[t] ?? []), ...UNHASHED_COLUMNS[table]];
    expect(columnsOf(entity).sort()).toEqual(named.sort());
  });
});
