import type { Dialect } from '../database/read-model-db.js';

/**
 * A summary the database keeps from the fact tables by triggers. Moving it fact by fact is what a
 * serving store needs, and the most expensive way to fill it from scratch: a rebuild suspends the
 * triggers, projects the facts alone and computes the summary once, set-based, at the end.
 */
export interface DerivedSummary {
  /** Names the summary in the suspension marker (`derived_suspended`). */
  name: string;
  /** Tables the summary owns: emptied before the backfill. */
  tables: readonly string[];
  createTriggers(dialect: Dialect): string[];
  /** Removes the triggers, and does nothing where they are already gone. */
  dropTriggers(dialect: Dialect): string[];
  /** Fills the emptied tables from the facts: what the triggers would have written, row for row. */
  backfill: readonly string[];
}

/**
 * A summary table kept by triggers as the projector writes facts, so that an area query reads a
 * few summary rows instead of the area's facts. Each is a DerivedSummary (above):
 * a rebuild drops its triggers, backfills it once from the facts and creates them again at the end.
 */
export type AreaSummary = DerivedSummary;

/** A trigger body is plain SQL over NEW that SQLite (trigger) and PostgreSQL (PL/pgSQL function) both run as written. */
export interface SummaryTrigger { name: string; table: string; on: 'INSERT' | 'UPDATE OF reversed_on' | 'UPDATE OF area_code'; when: string; body: readonly string[] }

/** Money as a 64-bit integer, which SQLite and PostgreSQL both read as such (MONEY columns hold whole đồng). */
export const money = (sql: string) => `CAST(${sql} AS BIGINT)`;
/** The lesser of two values: a CASE, which both databases share (they name min and max differently). */
export const least = (a: string, b: string) => `CASE WHEN ${a} < ${b} THEN ${a} ELSE ${b} END`;

export const INSERTED = 'NEW.reversed_on IS NULL';
export const REVERSED_NOW = 'OLD.reversed_on IS NULL AND NEW.reversed_on IS NOT NULL';
/** An unreversed fact placed again in another area (a relocation, or its reversal: projection/homes.ts). */
export const REHOMED = 'NEW.reversed_on IS NULL AND OLD.area_code <> NEW.area_code';

/** A trigger body written over NEW, made to read the row as it was before the update. */
export const asOld = (statement: string) => statement.replace(/\bNEW\./g, 'OLD.');

/** One statement per element: SQLite's prepared statements and the rebuild's restore run them one at a time. */
export function triggerStatements(triggers: readonly SummaryTrigger[], dialect: Dialect): string[] {
  return triggers.flatMap((t) =>
    dialect === 'sqlite'
      ? [`CREATE TRIGGER ${t.name} AFTER ${t.on} ON ${t.table} FOR EACH ROW WHEN ${t.when} BEGIN\n${t.body.map((s) => `${s};\n`).join('')}END`]
      : [
          `CREATE FUNCTION ${t.name}() RETURNS trigger LANGUAGE plpgsql AS $body$ BEGIN\n${t.body.map((s) => `${s};\n`).join('')}RETURN NULL; END $body$`,
          `CREATE TRIGGER ${t.name} AFTER ${t.on} ON ${t.table} FOR EACH ROW WHEN (${t.when}) EXECUTE FUNCTION ${t.name}()`,
        ],
  );
}

export function dropTriggersSql(triggers: readonly SummaryTrigger[], dialect: Dialect): string[] {
  return triggers.map((t) => (dialect === 'sqlite' ? `DROP TRIGGER IF EXISTS ${t.name}` : `DROP FUNCTION IF EXISTS ${t.name}() CASCADE`));
}

/** A summary declared by its triggers. */
export function summaryOf(name: string, tables: readonly string[], triggers: readonly SummaryTrigger[], backfill: readonly string[]): AreaSummary {
  return {
    name,
    tables,
    createTriggers: (dialect) => triggerStatements(triggers, dialect),
    dropTriggers: (dialect) => dropTriggersSql(triggers, dialect),
    backfill,
  };
}

/**
 * Distinct counts (persons, not rows) cannot be added up from districts to their province, so the
 * summaries that count persons keep a row per scope key: `a:<area code>` (the area an event
 * names), `p:<province>` (its current province), `*` (the whole country), and `o:<old province>`
 * for a fact in a province abolished on 2025-07-01 or one of its districts (`old_areas`, filled by
 * the projector from the area tables: projection/old-areas.ts), so that the old province's history
 * is counted from summaries too. AreaScope.key names the one a query reads.
 */
export const scopeKeyMatches = (key: string, row: string) =>
  `(${key} = 'a:' || ${row}.area_code OR ${key} = 'p:' || ${row}.province OR ${key} = '*'
    OR ${key} IN (SELECT 'o:' || o.old_province FROM old_areas o WHERE o.area_code = ${row}.area_code))`;

/** The scope keys of the row NEW, as a subquery with one column `k`. */
export const NEW_SCOPE_KEYS = `(SELECT 'a:' || NEW.area_code AS k UNION ALL SELECT 'p:' || NEW.province WHERE NEW.province IS NOT NULL
  UNION ALL SELECT '*' UNION ALL SELECT 'o:' || o.old_province FROM old_areas o WHERE o.area_code = NEW.area_code)`;

/**
 * Every row of `table` that matches `where` once per scope key `k` (for backfills), with the columns
 * named in `columns` (all by default: a backfill over many rows names the few it reads, smaller rows to sort).
 */
export const scopedRows = (table: string, where: string, columns = 't.*') =>
  `(SELECT 'a:' || t.area_code AS k, ${columns} FROM ${table} t WHERE ${where}
    UNION ALL SELECT 'p:' || t.province AS k, ${columns} FROM ${table} t WHERE t.province IS NOT NULL AND ${where}
    UNION ALL SELECT '*' AS k, ${columns} FROM ${table} t WHERE ${where}
    UNION ALL SELECT 'o:' || o.old_province AS k, ${columns} FROM ${table} t JOIN old_areas o ON o.area_code = t.area_code WHERE ${where})`;
