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

/** A cell as the list holds it: text, a count, an amount (decimal string of whole đồng) or a date (YYYY-MM-DD) as text. */
export type ExportCell = string | number | null | undefined;

/**
 * One list of an export, before it is written: the CSV and the XLSX are both written from it, so
 * they carry the same columns and rows. `money` and `dates` name the columns whose text cells are
 * amounts and dates, which the XLSX stores as numbers and dates.
 */
export interface ExportTable {
  sheet: string;
  columns: readonly string[];
  money: readonly string[];
  dates: readonly string[];
  rows: readonly (readonly ExportCell[])[];
}

const CREDIT_COLUMNS = ['id', 'account', 'bankRef', 'valueDate', 'amount', 'status', 'unitCode', 'personId', 'period', 'ageDays', 'counterpartyName', 'counterpartyAccount', 'description', 'collectionEventId'];

/** The credits of a list, one row each. */
export function bankCreditsTable(items: readonly BankCreditItem[]): ExportTable {
  const rows = items.map((c) => [c.id, c.account, c.bankRef, c.valueDate, c.amount, c.status, c.unitCode, c.personId, c.period, c.ageDays, c.counterparty.name, c.counterparty.account, c.description, c.collectionEventId]);
  return { sheet: 'bank-credits', columns: CREDIT_COLUMNS, money: ['amount'], dates: ['valueDate'], rows };
}

/**
 * A month's reconciliation: the totals (one row per list), then the credits of each list and the
 * ledger's collections no credit explains, each row naming its list.
 */
export function bankReconciliationTable(recon: BankReconciliation, credits: readonly BankCreditItem[]): ExportTable {
  const totals = (['credits', 'matched', 'assigned', 'unmatched', 'returned', 'ledgerOnly'] as const).map((list) => ['total', list, '', '', recon[list].amount, recon[list].count]);
  const creditRows = credits.map((c) => [c.status, c.id, c.bankRef, c.valueDate, c.amount, c.unitCode ?? c.personId ?? '', c.counterparty.name ?? '', c.description]);
  const ledgerRows = recon.ledgerOnly.items.map((k) => ['ledgerOnly', k.eventId, k.receiptNo, k.collectedOn, k.amount, k.unitCode ?? k.personId ?? '', '', '']);
  return {
    sheet: 'bank-reconciliation',
    columns: ['list', 'id', 'reference', 'date', 'amount', 'payerOrCount', 'counterparty', 'description'],
    money: ['amount'],
    dates: ['date'],
    rows: [...totals, ...creditRows, ...ledgerRows],
  };
}

/** A list as CSV, formula-like cells neutralised. */
export function exportCsv(table: ExportTable): string {
  return stringify([[...table.columns], ...table.rows.map((row) => row.map(safe))]);
}

/** The credits of a list as CSV. */
export function bankCreditsCsv(items: readonly BankCreditItem[]): string {
  return exportCsv(bankCreditsTable(items));
}

/** A month's reconciliation as CSV. */
export function bankReconciliationCsv(recon: BankReconciliation, credits: readonly BankCreditItem[]): string {
  return exportCsv(bankReconciliationTable(recon, credits));
}
