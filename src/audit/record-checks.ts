import { sha256Hex } from '../common/sha256';
import { hashedRows, type Query } from './hashed-rows';
import type { LogFacts } from './log-facts';
import { problem, type ScopedProblem } from './database-problem';
import { HASHED_FIELDS, recordHash, type HashedTable } from './record-hash';
import { DOCUMENTS_SCOPE } from './record-register';

/**
 * The rows hashed into the log: each stored row's hash must be the last one its register's log holds for it; a row
 * the log never named was written (or inserted) outside the write path; a row the log names and the table lacks was
 * deleted. A document version's SHA-256 must also be that of its text (R-B5).
 */
export async function recordProblems(query: Query, log: LogFacts): Promise<ScopedProblem[]> {
  const problems: ScopedProblem[] = [];
  const latest = new Map<string, { workflowId: string; seq: number; hash: string }>();
  for (const entry of log.registered)
    for (const r of entry.records)
      latest.set(`${r.table}:${r.id}`, { workflowId: entry.workflowId, seq: entry.seq, hash: r.hash });
  const registerScope = new Map([...log.genesis].map(([id, g]) => [id, g.input.scope as string | undefined]));
  const seen = new Set<string>();
  for (const table of Object.keys(HASHED_FIELDS) as HashedTable[]) {
    for (const { row, scope } of await hashedRows(query, table, true)) {
      const key = `${table}:${row.id}`;
      seen.add(key);
      const at = latest.get(key);
      const where = { table, rowId: row.id };
      if (!at) {
        problems.push(
          problem('RECORD_NOT_IN_LOG', { workflowId: null, seq: null }, where, `No log row holds the hash of ${key}.`),
        );
        continue;
      }
      if (recordHash(table, row) !== at.hash) {
        problems.push(
          problem(
            'RECORD_HASH_MISMATCH',
            at,
            where,
            `${key} does not match the hash that log row ${at.workflowId}#${at.seq} holds for it.`,
          ),
        );
      } else if (registerScope.get(at.workflowId) !== (scope ?? DOCUMENTS_SCOPE)) {
        problems.push(problem('MAPPING_MISMATCH', at, where, `${key} is registered in the register of another scope.`));
      }
      if (table === 'document_version' && sha256Hex(String(row.text)) !== row.sha256) {
        problems.push(
          problem('RECORD_HASH_MISMATCH', at, where, `${key}: the stored SHA-256 is not that of its text.`),
        );
      }
    }
  }
  for (const [key, at] of latest) {
    if (seen.has(key)) continue;
    const [table, rowId] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    problems.push(
      problem(
        'RECORD_MISSING',
        at,
        { table, rowId },
        `Log row ${at.workflowId}#${at.seq} registers ${key}; the table has no such row.`,
      ),
    );
  }
  return problems;
}
