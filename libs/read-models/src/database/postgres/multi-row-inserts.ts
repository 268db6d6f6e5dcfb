import type { SqlParam, SqlStatement } from '../read-model-db.js';
import { numberedPlaceholders } from './placeholders.js';

/** At most this many rows per INSERT, well inside PostgreSQL's 65,535 parameters per statement. */
const ROWS_PER_INSERT = 500;

const SINGLE_ROW_INSERT = /^\s*(INSERT INTO\s+\w+\s*\([^)]*\))\s*VALUES\s*\(([?,\s]+)\)\s*(ON CONFLICT DO NOTHING)\s*$/s;

interface InsertGroup { head: string; tail: string; width: number; rows: (readonly SqlParam[])[] }

/**
 * Rewrites a projector batch for PostgreSQL so that it costs a round trip per table rather than
 * per event: single-row `INSERT … VALUES (?, …) ON CONFLICT DO NOTHING` statements become
 * multi-row inserts. Inserts into different tables commute and each table keeps its order, so they
 * are gathered until the next other statement (a reversal's UPDATE must see the row it marks), and
 * flushed before it. The result is numbered (`$1`…) already.
 */
export function withMultiRowInserts(statements: readonly SqlStatement[]): SqlStatement[] {
  const out: SqlStatement[] = [];
  const groups = new Map<string, InsertGroup>();
  const flush = () => {
    for (const group of groups.values()) {
      for (let start = 0; start < group.rows.length; start += ROWS_PER_INSERT) {
        const rows = group.rows.slice(start, start + ROWS_PER_INSERT);
        let n = 0;
        const values = rows.map(() => `(${Array.from({ length: group.width }, () => `$${++n}`).join(', ')})`).join(', ');
        out.push({ sql: `${group.head} VALUES ${values} ${group.tail}`, params: rows.flat() });
      }
    }
    groups.clear();
  };
  for (const statement of statements) {
    const insert = SINGLE_ROW_INSERT.exec(statement.sql);
    if (!insert) {
      flush();
      out.push({ sql: numberedPlaceholders(statement.sql), params: statement.params });
      continue;
    }
    let group = groups.get(statement.sql);
    if (!group) {
      group = { head: insert[1]!, tail: insert[3]!, width: insert[2]!.split('?').length - 1, rows: [] };
      groups.set(statement.sql, group);
    }
    group.rows.push(statement.params);
  }
  flush();
  return out;
}
