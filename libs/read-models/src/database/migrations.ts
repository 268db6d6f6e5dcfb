import { ARREARS_SUMMARY_TABLES, arrearsSummaryMigration } from '../arrears/arrears-summary.js';
import { ARREARS_LAW_SCHEMA, ARREARS_LAW_TABLES } from '../arrears/arrears-law-facts.js';
import { AREA_SUMMARIES, AREA_SUMMARY_TABLES, areaSummariesMigration } from '../area-figures/area-summaries.js';
import { HOMES_SQL, HOMES_TABLES } from '../projection/homes.js';
import { OLD_AREAS_SQL } from '../projection/old-areas.js';
import { SUSPENDED_TABLE_SQL } from '../projection/summaries-suspension.js';
import type { Dialect } from './read-model-db.js';
import { BANK_CREDIT_TABLES, BANK_CREDITS_SQL } from '../bank-credits/bank-credits.tables.js';
import { FACT_TABLES, FACT_TABLES_SQL } from '../projection/fact-tables.js';
import { GENERATION_SQL } from './generation.js';

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
  ...FACT_TABLES, ...ARREARS_SUMMARY_TABLES, ...AREA_SUMMARY_TABLES, ...BANK_CREDIT_TABLES, ...ARREARS_LAW_TABLES, ...HOMES_TABLES,
] as const;

/** The marker a rebuild leaves while the summaries' triggers are off (projection/summaries-suspension.ts). */
const V3 = `${SUSPENDED_TABLE_SQL};`;

/**
 * Issue 28's homes (projection/homes.ts) and the area summaries' triggers that follow a fact placed
 * again (dropped first: a store created with this build has them from version 4). A store that holds
 * events was projected without the homes, and before 2025-07-01's facts were written under today's
 * provinces: its figures can only be recomputed from the log, so it is marked for a rebuild, which
 * the projector runs when it next starts (docs/decisions.md). An empty store needs none.
 */
function homesMigration(dialect: Dialect): string {
  const triggers = [...AREA_SUMMARIES.flatMap((s) => s.dropTriggers(dialect)), ...AREA_SUMMARIES.flatMap((s) => s.createTriggers(dialect))];
  return `${HOMES_SQL};
INSERT INTO rebuild_requests (reason, requested_at) SELECT 'read-model version 7: homes and relocations (issue 28)', '' FROM checkpoint WHERE position > 0;
${triggers.map((statement) => `${statement};`).join('\n')}`;
}

/**
 * The old provinces' summary key (`o:`, projection/derived-summary.ts): the area summaries' triggers
 * read `old_areas`, which only the projector can fill (it holds the area tables), so the rows an old
 * province's persons need cannot be written here; a store that holds events is marked for a rebuild,
 * as version 7 did. Its first commit fills `old_areas` before the rebuild's summaries are computed.
 */
function oldAreasMigration(dialect: Dialect): string {
  const triggers = [...AREA_SUMMARIES.flatMap((s) => s.dropTriggers(dialect)), ...AREA_SUMMARIES.flatMap((s) => s.createTriggers(dialect))];
  return `${OLD_AREAS_SQL};
INSERT INTO rebuild_requests (reason, requested_at) SELECT 'read-model version 8: old provinces counted from summaries (issue 23)', '' FROM checkpoint WHERE position > 0;
${triggers.map((statement) => `${statement};`).join('\n')}`;
}

/**
 * The arrears worklist's memo key (arrears/worklist-memo.ts): the position of the last event that
 * changed any row an employer's arrears reads, written by the projector (projection/arrears-marks.ts).
 * A store that holds events starts with NULL marks and needs no rebuild: a mark only ever moves to a
 * newer position, so the NULL an employer keeps until its next fact names one state of its rows.
 * Its index lets a warmed worklist read only the employers changed since its last call.
 */
const V9 = `ALTER TABLE employers ADD COLUMN arrears_mark POS;
CREATE INDEX employers_arrears_mark ON employers (arrears_mark);
${GENERATION_SQL};`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'read models and checkpoint', sql: FACT_TABLES_SQL },
  { version: 2, name: 'arrears summary', sql: arrearsSummaryMigration },
  { version: 3, name: 'derived summaries suspension marker', sql: V3 },
  { version: 4, name: 'area summaries: flows, headcounts, voluntary cover, benefit recipients, card cover', sql: areaSummariesMigration },
  { version: 5, name: 'bank credits and statement balances (issue 24)', sql: BANK_CREDITS_SQL },
  { version: 6, name: 'arrears law facts: per-fund dues, reminders, force majeure, interest charged, rates, profiles', sql: ARREARS_LAW_SCHEMA },
  { version: 7, name: 'homes: registrations and relocations, dated; a rebuild of a store projected before them (issue 28)', sql: homesMigration },
  { version: 8, name: 'old provinces: their districts kept in old_areas, their persons summarised under o: keys (issue 23)', sql: oldAreasMigration },
  { version: 9, name: 'employers: the arrears mark, the last event that changed what their arrears read; the read models\' generation (issue 23)', sql: V9 },
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
