import { ARREARS_SUMMARY_FROM_FACTS, ARREARS_SUMMARY_TABLES } from '../schema/arrears-balances.js';
import { arrearsTriggersSql } from '../schema/arrears-triggers.js';
import { AREA_SUMMARY_TABLES, areaSummariesMigration } from '../schema/area-summaries.js';
import { SUSPENDED_TABLE_SQL } from '../projection/summaries-suspension.js';
import type { Dialect } from './read-model-db.js';
import { FACT_TABLES, FACT_TABLES_SQL, PLACE } from '../projection/fact-tables.js';

/**
 * The read-model schema as numbered migrations, applied in order when a store opens and recorded in
 * `read_model_migrations`, so a store only ever moves forward and knows where it stands. A
 * migration is written once; `sqlFor` turns its column tokens into each database's types:
 * `MONEY` (whole đồng: TEXT in SQLite, summed as 64-bit integers; NUMERIC(20,0) in PostgreSQL,
 * never a float), `POS` (a global log position: INTEGER / BIGINT) and `TEXT` (byte order in
 * PostgreSQL, `COLLATE "C"`, so that sorting and date comparisons match SQLite's).
 */
export interface Migration {
  version: number;
  name: string;
  /** The same for both databases, or per database where they differ (trigger declarations). */
  sql: string | ((dialect: Dialect) => string);
}

export const MIGRATIONS_TABLE = 'read_model_migrations';

export const MIGRATIONS_TABLE_SQL = `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
  version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`;

/** Tables that hold read models (and the checkpoint), emptied by a rebuild. */
export const READ_MODEL_TABLES = [
  ...FACT_TABLES, ...ARREARS_SUMMARY_TABLES, ...AREA_SUMMARY_TABLES,
] as const;

/**
 * The arrears summary (arrears-balances.ts), backfilled from the facts a store already holds so
 * that it answers the same figures without a rebuild, then kept by triggers (arrears-triggers.ts).
 * A change to either needs a migration of its own that recomputes every employer again.
 */
const V2 = (dialect: Dialect) => `
CREATE TABLE arrears_balances (unit_code TEXT PRIMARY KEY, ${PLACE}, pool MONEY NOT NULL, total_gap MONEY NOT NULL,
  owes INTEGER NOT NULL, facts_through TEXT);
CREATE INDEX arrears_balances_province ON arrears_balances (province, owes, facts_through);
CREATE INDEX arrears_balances_area ON arrears_balances (area_code, owes, facts_through);

CREATE TABLE arrears_periods (event_id TEXT PRIMARY KEY, unit_code TEXT NOT NULL, period TEXT NOT NULL, due MONEY NOT NULL,
  due_date TEXT NOT NULL, direct MONEY NOT NULL, gap MONEY NOT NULL, cum_gap MONEY NOT NULL);
CREATE INDEX arrears_periods_unit ON arrears_periods (unit_code, period);

CREATE TABLE arrears_named (unit_code TEXT NOT NULL, period TEXT NOT NULL, amount MONEY NOT NULL, PRIMARY KEY (unit_code, period));

${ARREARS_SUMMARY_FROM_FACTS.join(';\n')};

${arrearsTriggersSql(dialect)}
`;

/** The marker a rebuild leaves while the summaries' triggers are off (projection/summaries-suspension.ts). */
const V3 = `${SUSPENDED_TABLE_SQL};`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'read models and checkpoint', sql: FACT_TABLES_SQL },
  { version: 2, name: 'arrears summary', sql: V2 },
  { version: 3, name: 'derived summaries suspension marker', sql: V3 },
  { version: 4, name: 'area summaries: flows, headcounts, voluntary cover, benefit recipients, card cover', sql: areaSummariesMigration },
];

/** The newest schema version this build knows. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** A migration's SQL with its column tokens replaced by the dialect's types. */
export function sqlFor(migration: Migration['sql'], dialect: Dialect): string {
  const sql = typeof migration === 'function' ? migration(dialect) : migration;
  const types =
    dialect === 'sqlite'
      ? { MONEY: 'TEXT', POS: 'INTEGER', TEXT: 'TEXT' }
      : { MONEY: 'NUMERIC(20,0)', POS: 'BIGINT', TEXT: 'TEXT COLLATE "C"' };
  return sql.replace(/\b(MONEY|POS|TEXT)\b/g, (token) => types[token as keyof typeof types]);
}

/** The migrations still to apply to a store that has applied `applied`, oldest first. */
export function pendingMigrations(applied: Iterable<number>): Migration[] {
  const done = new Set(applied);
  const newer = MIGRATIONS.filter((m) => !done.has(m.version));
  const newest = Math.max(0, ...done);
  if (newest > SCHEMA_VERSION) {
    throw new Error(`read models are at schema version ${newest}, newer than this build knows (${SCHEMA_VERSION}): upgrade socai`);
  }
  return newer;
}
