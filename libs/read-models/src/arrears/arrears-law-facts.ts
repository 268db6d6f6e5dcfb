/**
 * The facts of the arrears law (issue 22) that the arrears read model reads, one table per event as
 * the other facts (projection/fact-tables.ts): reminders and force majeure for evasion, the interest a
 * month-end close charged, announced rates k, profile changes, and each assessment's dues per fund, which
 * the allocation of payments (health first, then BHTN, then the social funds) needs and `assessments`
 * does not hold. Every table keeps `reversed_on`, as every fact may be reversed.
 *
 * A store created before migration 6 holds no per-fund dues for its assessments (the facts table never
 * kept them): the query then reads such an assessment as health plus one social part (see
 * arrears.repository.ts), and `socai rebuild` fills the table from the log.
 */
export const ARREARS_LAW_TABLES = [
  'assessment_funds', 'employer_reminders', 'force_majeure', 'interest_charges', 'interest_rates', 'employer_profiles',
] as const;

const FACT = `event_id TEXT PRIMARY KEY, position POS NOT NULL, recorded_at TEXT NOT NULL`;
const REVERSIBLE = `reversed_on TEXT, reversed_position POS`;

export const ARREARS_LAW_SCHEMA = `
CREATE TABLE assessment_funds (event_id TEXT PRIMARY KEY, unit_code TEXT NOT NULL, pension MONEY NOT NULL, sickness MONEY NOT NULL,
  accident MONEY NOT NULL, unemployment MONEY NOT NULL, health MONEY NOT NULL);
CREATE INDEX assessment_funds_unit ON assessment_funds (unit_code);

CREATE TABLE employer_reminders (${FACT}, unit_code TEXT NOT NULL, area_code TEXT NOT NULL, reminder_ref TEXT NOT NULL,
  sent_on TEXT NOT NULL, amount_late MONEY NOT NULL, ${REVERSIBLE});
CREATE INDEX employer_reminders_unit ON employer_reminders (unit_code, sent_on);

CREATE TABLE force_majeure (${FACT}, unit_code TEXT NOT NULL, area_code TEXT NOT NULL, from_date TEXT NOT NULL, to_date TEXT NOT NULL,
  reason TEXT NOT NULL, document_ref TEXT NOT NULL, ${REVERSIBLE});
CREATE INDEX force_majeure_unit ON force_majeure (unit_code, from_date);

CREATE TABLE interest_charges (${FACT}, unit_code TEXT NOT NULL, area_code TEXT NOT NULL, month TEXT NOT NULL, closed_on TEXT NOT NULL,
  from_date TEXT, to_date TEXT NOT NULL, total MONEY NOT NULL, data TEXT NOT NULL, ${REVERSIBLE});
CREATE INDEX interest_charges_unit ON interest_charges (unit_code, closed_on);

CREATE TABLE interest_rates (${FACT}, year INTEGER NOT NULL, fund TEXT NOT NULL, monthly_percent TEXT NOT NULL,
  document_ref TEXT NOT NULL, announced_on TEXT NOT NULL, ${REVERSIBLE});

CREATE TABLE employer_profiles (${FACT}, unit_code TEXT NOT NULL, area_code TEXT NOT NULL, effective_on TEXT NOT NULL,
  wage_region INTEGER, sector TEXT, high_risk_rate TEXT, high_risk_decision TEXT, ${REVERSIBLE});
CREATE INDEX employer_profiles_unit ON employer_profiles (unit_code, effective_on);
`;
