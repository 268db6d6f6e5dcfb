import { ARREARS_SUMMARY } from '../arrears/arrears-summary.js';
import { AREA_SUMMARIES } from '../area-figures/area-summaries.js';
import { FACT_INDEXES } from './fact-indexes.js';
import type { Dialect } from '../database/read-model-db.js';
import type { DerivedSummary } from './derived-summary.js';

/** Every summary kept by triggers; a new one registers here (its tables, triggers and backfill sit together in its read model's folder). */
export const DERIVED_SUMMARIES: readonly DerivedSummary[] = [
  ARREARS_SUMMARY,
  ...AREA_SUMMARIES,
];

/**
 * What a rebuild suspends, in the order it restores them: the facts' secondary indexes first
 * (fact-indexes.ts; the backfills read through them), then every derived summary.
 */
export const SUSPENDED_DURING_REBUILD: readonly DerivedSummary[] = [FACT_INDEXES, ...DERIVED_SUMMARIES];

/**
 * The marker of a rebuild in progress: one row per summary whose triggers are off. Written in the
 * transaction that drops them and deleted in the one that restores them, so a store that still has
 * rows here when it opens was left midway (a crash, a kill) and restores them before it serves.
 */
export const SUSPENDED_TABLE = 'derived_suspended';

export const SUSPENDED_TABLE_SQL = `CREATE TABLE ${SUSPENDED_TABLE} (name TEXT PRIMARY KEY, suspended_at TEXT NOT NULL)`;

/** Statements that turn every summary's triggers off (and drop the facts' secondary indexes) and record that they are off. */
export function suspendSummariesSql(dialect: Dialect): { sql: string; params: string[] }[] {
  const at = new Date().toISOString();
  return SUSPENDED_DURING_REBUILD.flatMap((summary) => [
    ...summary.dropTriggers(dialect).map((sql) => ({ sql, params: [] })),
    { sql: `INSERT INTO ${SUSPENDED_TABLE} (name, suspended_at) VALUES (?, ?) ON CONFLICT DO NOTHING`, params: [summary.name, at] },
  ]);
}

/**
 * Statements that recompute every summary from the facts and turn its triggers back on, then clear
 * the marker. Run in one transaction; dropping the triggers first makes it safe to run whether they
 * are on or off (another process may have restored them already), and on PostgreSQL the drop locks
 * the fact tables, so no writer slips a row in between the backfill and the new triggers.
 */
export function restoreSummariesSql(dialect: Dialect): string[] {
  return SUSPENDED_DURING_REBUILD.flatMap((summary) => restoreSummarySql(summary, dialect));
}

/**
 * One summary's part of restoreSummariesSql, which is all or nothing on its own: its rows match the
 * facts when its triggers come back, and its marker row goes with them. `fill` replaces the backfill
 * (SQLite copies in what another connection computed from the same facts: database/sqlite/summaries-aside.ts).
 */
export function restoreSummarySql(summary: DerivedSummary, dialect: Dialect, fill: readonly string[] = summary.backfill): string[] {
  return [
    ...summary.dropTriggers(dialect),
    ...summary.tables.map((table) => `DELETE FROM ${table}`),
    ...fill,
    ...summary.createTriggers(dialect),
    `DELETE FROM ${SUSPENDED_TABLE} WHERE name = '${summary.name}'`,
  ];
}
