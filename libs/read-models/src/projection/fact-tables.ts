/**
 * The facts the projector writes (event-writer.ts), one table per kind of event, which every read
 * model reads: its queries directly, its summaries through triggers on these tables.
 */
export const FACT_TABLES = [
  'employers', 'employer_statuses', 'assessments', 'collections', 'books', 'cards', 'benefit_payments',
  'claims', 'plans', 'inspections', 'reconciliations', 'reversals',
] as const;

const REVERSIBLE = `reversed_on TEXT, reversed_position POS`;
export const PLACE = `area_code TEXT NOT NULL, province TEXT`;
const FACT = `event_id TEXT PRIMARY KEY, position POS NOT NULL, recorded_at TEXT NOT NULL`;

/**
 * Every fact keeps its event id and global position (so a reversal can find it and a trace can
 * cite it) and `reversed_on`: a reversal marks the row, never deletes it, because payouts report
 * reversed amounts and the arrears trace shows what was cancelled and when. `area_code` is the area
 * the event names; `province` its province, resolved once at projection time so that a province
 * query is one indexed comparison. Version 1 is the schema that SQLite stores were created with
 * before migrations were recorded, written with IF NOT EXISTS so such a store adopts it as is.
 */
export const FACT_TABLES_SQL = `
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

