import type { DerivedSummary } from './derived-summary.js';

/**
 * The fact tables' secondary indexes, as migrations 1, 4 and 6 create them (names and columns must
 * match: the rebuild spec compares a rebuilt store's indexes with a migrated one's). Only queries
 * read through them; the projector's inserts and reversals go by the primary key. A rebuild writes
 * every fact row again, and keeping these up to date row by row costs about a third of its inserts;
 * building each once from the full table at the end costs a fraction of that.
 */
const INDEXES: readonly (readonly [name: string, table: string, columns: string])[] = [
  ['employers_province', 'employers', 'province'],
  ['employers_area', 'employers', 'area_code'],
  ['employer_statuses_unit', 'employer_statuses', 'unit_code, effective_on'],
  ['assessments_unit', 'assessments', 'unit_code, period'],
  ['assessments_province', 'assessments', 'province, period'],
  ['assessments_area', 'assessments', 'area_code, period'],
  ['collections_unit', 'collections', 'unit_code, collected_on'],
  ['collections_province', 'collections', 'province, collected_on'],
  ['collections_area', 'collections', 'area_code, collected_on'],
  ['collections_person', 'collections', 'person_id'],
  ['books_province', 'books', 'province, issued_on'],
  ['books_area', 'books', 'area_code, issued_on'],
  ['cards_province', 'cards', 'province, valid_to'],
  ['cards_area', 'cards', 'area_code, valid_to'],
  ['cards_person', 'cards', 'person_id'],
  ['benefit_payments_province', 'benefit_payments', 'province, payout_month'],
  ['benefit_payments_area', 'benefit_payments', 'area_code, payout_month'],
  ['claims_province', 'claims', 'province, period'],
  ['claims_area', 'claims', 'area_code, period'],
  ['plans_year_area', 'plans', 'year, area_code, assigned_on'],
  ['inspections_province', 'inspections', 'province, inspected_on'],
  ['inspections_area', 'inspections', 'area_code, inspected_on'],
  ['reconciliations_month', 'reconciliations', 'month'],
  ['reversals_target', 'reversals', 'reversed_event_id'],
  // Migration 6's (arrears/arrears-law-facts.ts): an assessment's funds, found by employer; one row per assessment.
  ['assessment_funds_unit', 'assessment_funds', 'unit_code'],
];

/**
 * Suspended during a rebuild like a derived summary, by the same marker, so that a rebuild that
 * dies midway has them back when the store next opens: "dropping the triggers" drops the indexes,
 * "creating" them builds them again (IF NOT EXISTS: a restore may run twice), and there is nothing
 * to backfill. It comes first in the restore, so the summaries' backfills read through the indexes.
 */
export const FACT_INDEXES: DerivedSummary = {
  name: 'fact_indexes',
  tables: [],
  createTriggers: () => INDEXES.map(([name, table, columns]) => `CREATE INDEX IF NOT EXISTS ${name} ON ${table} (${columns})`),
  dropTriggers: () => INDEXES.map(([name]) => `DROP INDEX IF EXISTS ${name}`),
  backfill: [],
};
