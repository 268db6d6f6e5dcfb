import { ARREARS_SUMMARY_FROM_FACTS, ARREARS_SUMMARY_TABLES } from '../schema/arrears-balances.js';
import { arrearsTriggersSql } from '../schema/arrears-triggers.js';
import { AREA_SUMMARY_TABLES, areaSummariesMigration } from '../schema/area-summaries.js';
import { SUSPENDED_TABLE_SQL } from '../schema/derived-summaries.js';
import type { Dialect } from './read-model-db.js';

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
  'employers', 'employer_statuses', 'assessments', 'collections', 'books', 'cards', 'benefit_payments',
  'claims', 'plans', 'inspections', 'reconciliations', 'reversals', ...ARREARS_SUMMARY_TABLES, ...AREA_SUMMARY_TABLES,
] as const;

const REVERSIBLE = `reversed_on TEXT, reversed_position POS`;
const PLACE = `area_code TEXT NOT NULL, province TEXT`;
const FACT = `event_id TEXT PRIMARY KEY, position POS NOT NULL, recorded_at TEXT NOT NULL`;

/**
 * Every fact keeps its event id and global position (so a reversal can find it and a trace can
 * cite it) and `reversed_on`: a reversal marks the row, never deletes it, because payouts report
 * reversed amounts and the arrears trace shows what was cancelled and when. `area_code` is the area
 * the event names; `province` its province, resolved once at projection time so that a province
 * query is one indexed comparison. Version 1 is the schema that SQLite stores were created with
 * before migrations were recorded, written with IF NOT EXISTS so such a store adopts it as is.
 */
const V1 = `
CREATE TABLE IF NOT EXISTS checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position POS NOT NULL, schema_version INTEGER NOT NULL);
INSERT INTO checkpoint (id, position, schema_version) VALUES (1, 0, 1) ON CONFLICT DO NOTHING;

CREATE TABLE IF NOT EXISTS employers (unit_code TEXT PRIMARY KEY, name TEXT NOT NULL, ${PLACE}, tax_code TEXT,
  registered_on TEXT NOT NULL, event_id TEXT NOT NULL UNIQUE, position POS NOT NULL, recorded_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS employers_province ON employers (province);
CREATE INDEX IF NOT EXISTS employers_area ON employers (area_code);

CREATE TABLE IF NOT EXISTS employer_statuses (${FACT}, unit_code TEXT NOT NULL, status TEXT NOT NULL, effective_on TEXT NOT NULL,
  reason TEXT NOT NULL, ${REVERSIBLE});
CREATE INDEX IF NOT EXISTS employer_statuses_unit ON employer_statuses (unit_code, effective_on);

CREATE TABLE IF NOT EXISTS assessments (${FACT}, unit_code TEXT NOT NULL, ${PLACE}, period TEXT NOT NULL, due MONEY NOT NULL,
  health MONEY NOT NULL, due_date TEXT NOT NULL, assessed_on TEXT NOT NULL, headcount_si INTEGER NOT NULL,
  headcount_hi INTEGER NOT NULL, headcount_ui INTEGER NOT NULL, ${REVERSIBLE});
CREATE INDEX IF NOT EXISTS assessments_unit ON assessments (unit_code, period);
CREATE INDEX IF NOT EXISTS assessments_province ON assessments (province, period);
CREATE INDEX IF NOT EXISTS assessments_area ON assessments (area_code, period);

CREATE TABLE IF NOT EXISTS collections (${FACT}, receipt_no TEXT NOT NULL, payer_kind TEXT NOT NULL, unit_code TEXT,
  named_period TEXT, person_id TEXT, scheme TEXT, cover_from TEXT, cover_to TEXT, amount MONEY NOT NULL,
  collected_on TEXT NOT NULL, ${PLACE}, ${REVERSIBLE});
CREATE INDEX IF NOT EXISTS collections_unit ON collections (unit_code, collected_on);
CREATE INDEX IF NOT EXISTS collections_province ON collections (province, collected_on);
CREATE INDEX IF NOT EXISTS collections_area ON collections (area_code, collected_on);

CREATE TABLE IF NOT EXISTS books (${FACT}, person_id TEXT NOT NULL, ${PLACE}, issued_on TEXT NOT NULL, reissue INTEGER NOT NULL, ${REVERSIBLE});
CREATE INDEX IF NOT EXISTS books_province ON books (province, issued_on);
CREATE INDEX IF NOT EXISTS books_area ON books (area_code, issued_on);

CREATE TABLE IF NOT EXISTS cards (${FACT}, card_no TEXT NOT NULL, person_id TEXT NOT NULL, ${PLACE}, valid_from TEXT NOT NULL,
  valid_to TEXT NOT NULL, issued_on TEXT NOT NULL, ${REVERSIBLE});
CREATE INDEX IF NOT EXISTS cards_province ON cards (province, valid_to);
CREATE INDEX IF NOT EXISTS cards_area ON cards (area_code, valid_to);

CREATE TABLE IF NOT EXISTS benefit_payments (${FACT}, payment_ref TEXT NOT NULL, person_id TEXT NOT NULL, benefit TEXT NOT NULL,
  payout_month TEXT NOT NULL, amount MONEY NOT NULL, channel TEXT NOT NULL, ${PLACE}, paid_on TEXT NOT NULL, ${REVERSIBLE});
CREATE INDEX IF NOT EXISTS benefit_payments_province ON benefit_payments (province, payout_month);
CREATE INDEX IF NOT EXISTS benefit_payments_area ON benefit_payments (area_code, payout_month);

CREATE TABLE IF NOT EXISTS claims (${FACT}, assessment_ref TEXT NOT NULL, facility_code TEXT NOT NULL, ${PLACE}, period TEXT NOT NULL,
  outpatient INTEGER NOT NULL, inpatient INTEGER NOT NULL, requested MONEY NOT NULL, approved MONEY NOT NULL,
  refused MONEY NOT NULL, assessed_on TEXT NOT NULL, ${REVERSIBLE});
CREATE INDEX IF NOT EXISTS claims_province ON claims (province, period);
CREATE INDEX IF NOT EXISTS claims_area ON claims (area_code, period);

CREATE TABLE IF NOT EXISTS plans (${FACT}, year INTEGER NOT NULL, area_code TEXT NOT NULL, assigned_on TEXT NOT NULL,
  target_collection MONEY NOT NULL, target_mandatory INTEGER NOT NULL, target_voluntary INTEGER NOT NULL,
  target_unemployment INTEGER NOT NULL, target_health INTEGER NOT NULL, labour_force INTEGER NOT NULL,
  population INTEGER NOT NULL, ${REVERSIBLE});
CREATE INDEX IF NOT EXISTS plans_year_area ON plans (year, area_code, assigned_on);

CREATE TABLE IF NOT EXISTS inspections (${FACT}, inspection_id TEXT NOT NULL, unit_code TEXT NOT NULL, ${PLACE},
  inspected_on TEXT NOT NULL, unannounced INTEGER NOT NULL, arrears_found MONEY NOT NULL, ${REVERSIBLE});
CREATE INDEX IF NOT EXISTS inspections_province ON inspections (province, inspected_on);
CREATE INDEX IF NOT EXISTS inspections_area ON inspections (area_code, inspected_on);

CREATE TABLE IF NOT EXISTS reconciliations (${FACT}, statement_ref TEXT NOT NULL, month TEXT NOT NULL, ${PLACE}, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS reconciliations_month ON reconciliations (month);

CREATE TABLE IF NOT EXISTS reversals (${FACT}, reversed_event_id TEXT NOT NULL, reversed_type TEXT NOT NULL,
  reversed_position POS NOT NULL, reason TEXT NOT NULL, reversed_on TEXT NOT NULL, area_code TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS reversals_target ON reversals (reversed_event_id);
`;

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

/** The marker a rebuild leaves while the summaries' triggers are off (derived-summaries.ts). */
const V3 = `${SUSPENDED_TABLE_SQL};`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'read models and checkpoint', sql: V1 },
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
