import { stringify } from 'csv-stringify/sync';
import type { BankCreditItem, BankReconciliation } from './bank-credits.query.js';

// The rule of apps/cli/src/csv-cells.ts (CSV injection: a cell starting like a formula is quoted),
// repeated here because the API may not import the CLI's code.
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;
const safe = (value: unknown): string => {
  const text = value === undefined || value === null ? '' : String(value);
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
};

const CREDIT_COLUMNS = ['id', 'account', 'bankRef', 'valueDate', 'amount', 'status', 'unitCode', 'period', 'ageDays', 'counterpartyName', 'counterpartyAccount', 'description', 'collectionEventId'];

/** The credits of a list as CSV, one row each, formula-like cells neutralised. */
export function bankCreditsCsv(items: readonly BankCreditItem[]): string {
  const rows = items.map((c) => [c.id, c.account, c.bankRef, c.valueDate, c.amount, c.status, c.unitCode, c.period, c.ageDays, c.counterparty.name, c.counterparty.account, c.description, c.collectionEventId].map(safe));
  return stringify([CREDIT_COLUMNS, ...rows]);
}

/**
 * A month's reconciliation as CSV: the totals (one row per list), then the credits of each list and
 * the ledger's collections no credit explains, each row naming its list.
 */
export function bankReconciliationCsv(recon: BankReconciliation, credits: readonly BankCreditItem[]): string {
  const totals = (['credits', 'matched', 'assigned', 'unmatched', 'returned', 'ledgerOnly'] as const).map((list) => ['total', list, '', '', recon[list].amount, recon[list].count]);
  const creditRows = credits.map((c) => [c.status, c.id, c.bankRef, c.valueDate, c.amount, c.unitCode ?? '', c.counterparty.name ?? '', c.description]);
  const ledgerRows = recon.ledgerOnly.items.map((k) => ['ledgerOnly', k.eventId, k.receiptNo, k.collectedOn, k.amount, k.unitCode ?? k.personId ?? '', '', '']);
  return stringify([
    ['list', 'id', 'reference', 'date', 'amount', 'payerOrCount', 'counterparty', 'description'],
    ...[...totals, ...creditRows, ...ledgerRows].map((row) => row.map(safe)),
  ]);
}
