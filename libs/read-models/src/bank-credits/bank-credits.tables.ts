/**
 * Issue 24's read model: one row per bank credit with what was decided on it, written by
 * bank-credits.writer.ts. A decision that is reversed puts the row back in suspense (status
 * `unmatched`), as the write side does; the reversal stays in the `reversals` table.
 */
export const BANK_CREDIT_TABLES = ['bank_credits', 'bank_statements'] as const;

export const BANK_CREDITS_SQL = `
CREATE TABLE IF NOT EXISTS bank_credits (event_id TEXT PRIMARY KEY, position POS NOT NULL, recorded_at TEXT NOT NULL,
  account TEXT NOT NULL, bank_ref TEXT NOT NULL, value_date TEXT NOT NULL, amount MONEY NOT NULL, description TEXT NOT NULL,
  counterparty_name TEXT, counterparty_account TEXT, area_code TEXT NOT NULL, province TEXT,
  status TEXT NOT NULL, unit_code TEXT, period TEXT, reason TEXT, decision_event_id TEXT, collection_event_id TEXT);
CREATE UNIQUE INDEX IF NOT EXISTS bank_credits_key ON bank_credits (account, bank_ref);
CREATE INDEX IF NOT EXISTS bank_credits_status ON bank_credits (status, value_date);
CREATE INDEX IF NOT EXISTS bank_credits_account ON bank_credits (account, value_date);
CREATE INDEX IF NOT EXISTS bank_credits_decision ON bank_credits (decision_event_id);
CREATE INDEX IF NOT EXISTS bank_credits_collection ON bank_credits (collection_event_id);
CREATE TABLE IF NOT EXISTS bank_statements (account TEXT NOT NULL, statement_id TEXT NOT NULL, event_id TEXT NOT NULL, position POS NOT NULL,
  opening_date TEXT, opening MONEY, closing_date TEXT, closing MONEY, PRIMARY KEY (account, statement_id));
`;
