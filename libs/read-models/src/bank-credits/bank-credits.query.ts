import { Decimal } from 'decimal.js';
import type { IsoDate, IsoMonth, Money } from '#domain';
import type { AreaScope } from '../area-scope.js';
import type { ReadModelDb } from '../database/read-model-db.js';

export type BankCreditStatus = 'matched' | 'assigned' | 'unmatched' | 'returned';

export interface BankCreditItem {
  id: string;
  account: string;
  bankRef: string;
  valueDate: IsoDate;
  amount: Money;
  description: string;
  counterparty: { name: string | null; account: string | null };
  status: BankCreditStatus;
  /** Days from the value date to today: how long the money has waited (the suspense queue's age). */
  ageDays: number;
  unitCode?: string;
  /** The person whose collection the credit became (a voluntary or household payer), once matched or assigned. */
  personId?: string;
  period?: string;
  reason?: string;
  collectionEventId?: string;
}

export interface BankCreditsRequest {
  status?: BankCreditStatus;
  account?: string;
  from?: IsoDate;
  to?: IsoDate;
  limit: number;
  /** The position of the last item of the previous page. */
  cursor?: number;
}

export interface CountAndAmount { count: number; amount: Money }

export interface LedgerOnlyCollection { eventId: string; receiptNo: string; unitCode: string | null; personId: string | null; amount: Money; collectedOn: IsoDate; areaCode: string }

export interface BankReconciliation {
  account: string;
  month: IsoMonth;
  openingBalance: Money | null;
  closingBalance: Money | null;
  credits: CountAndAmount;
  matched: CountAndAmount;
  assigned: CountAndAmount;
  unmatched: CountAndAmount;
  returned: CountAndAmount;
  ledgerOnly: CountAndAmount & { items: LedgerOnlyCollection[] };
}

interface Row {
  event_id: string; position: number; account: string; bank_ref: string; value_date: string; amount: string; description: string;
  counterparty_name: string | null; counterparty_account: string | null; status: BankCreditStatus; unit_code: string | null;
  period: string | null; reason: string | null; collection_event_id: string | null; person_id: string | null;
}

const DAY_MS = 86_400_000;

/** `GET /api/bank-credits` and `GET /api/bank-reconciliations/{account}/{month}` over the bank_credits table. */
export class BankCreditsQuery {
  constructor(private readonly db: ReadModelDb) {}

  async list(scope: AreaScope, request: BankCreditsRequest, today: IsoDate): Promise<{ items: BankCreditItem[]; nextCursor: string | null }> {
    const where = [scope.where('c')];
    const params: unknown[] = [...scope.params];
    const add = (condition: string, value: unknown) => {
      where.push(condition);
      params.push(value);
    };
    if (request.status) add('c.status = ?', request.status);
    if (request.account) add('c.account = ?', request.account);
    if (request.from) add('c.value_date >= ?', request.from);
    if (request.to) add('c.value_date <= ?', request.to);
    if (request.cursor !== undefined) add('c.position > ?', request.cursor);
    const rows = await this.db.query<Row>(
      // A credit booked to a person names them through its collection (the credit's row keeps the decision only).
      `SELECT c.*, k.person_id FROM bank_credits c LEFT JOIN collections k ON k.event_id = c.collection_event_id
        WHERE ${where.join(' AND ')} ORDER BY c.position LIMIT ${request.limit + 1}`,
      params as never,
    );
    const page = rows.slice(0, request.limit);
    const more = rows.length > request.limit;
    return { items: page.map((row) => itemOf(row, today)), nextCursor: more ? String(page[page.length - 1]!.position) : null };
  }

  async reconciliation(account: string, month: IsoMonth, scope: AreaScope): Promise<BankReconciliation> {
    const first = `${month}-01`;
    const last = `${month}-31`;
    const rows = await this.db.query<{ status: BankCreditStatus; amount: string }>(
      `SELECT status, amount FROM bank_credits WHERE account = ? AND value_date >= ? AND value_date <= ?`, [account, first, last],
    );
    const tally = (keep: (status: BankCreditStatus) => boolean): CountAndAmount => {
      const chosen = rows.filter((row) => keep(row.status));
      return { count: chosen.length, amount: chosen.reduce((sum, row) => sum.plus(row.amount), new Decimal(0)).toFixed(0) };
    };
    const ledgerOnly = await this.db.query<{ event_id: string; receipt_no: string; unit_code: string | null; person_id: string | null; amount: string; collected_on: string; area_code: string }>(
      `SELECT k.event_id, k.receipt_no, k.unit_code, k.person_id, k.amount, k.collected_on, k.area_code FROM collections k
       WHERE ${scope.where('k')} AND k.collected_on >= ? AND k.collected_on <= ? AND k.reversed_on IS NULL
         AND NOT EXISTS (SELECT 1 FROM bank_credits b WHERE b.collection_event_id = k.event_id)
       ORDER BY k.position`,
      [...scope.params, first, last],
    );
    const balances = await this.db.query<{ opening_date: string | null; opening: string | null; closing_date: string | null; closing: string | null }>(
      `SELECT opening_date, opening, closing_date, closing FROM bank_statements WHERE account = ? ORDER BY position`, [account],
    );
    const items = ledgerOnly.map((k) => ({
      eventId: k.event_id, receiptNo: k.receipt_no, unitCode: k.unit_code, personId: k.person_id, amount: String(k.amount), collectedOn: k.collected_on, areaCode: k.area_code,
    }));
    return {
      account,
      month,
      ...monthBalances(balances, first, last),
      credits: tally(() => true),
      matched: tally((s) => s === 'matched'),
      assigned: tally((s) => s === 'assigned'),
      unmatched: tally((s) => s === 'unmatched'),
      returned: tally((s) => s === 'returned'),
      ledgerOnly: { count: items.length, amount: items.reduce((sum, k) => sum.plus(k.amount), new Decimal(0)).toFixed(0), items },
    };
  }
}

/**
 * The month's opening balance is the earliest statement's opening dated the day before the month or
 * later within it; the closing the latest closing dated within the month; between statements of the
 * same day, the one loaded first opens and the one loaded last closes. A CSV export carries none: null.
 */
function monthBalances(rows: { opening_date: string | null; opening: string | null; closing_date: string | null; closing: string | null }[], first: string, last: string) {
  const before = new Date(Date.parse(`${first}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
  const openings = rows.filter((r) => r.opening !== null && r.opening_date !== null && r.opening_date >= before && r.opening_date < last).sort((a, b) => a.opening_date!.localeCompare(b.opening_date!)); // stable: load order within a day
  const closings = rows.filter((r) => r.closing !== null && r.closing_date !== null && r.closing_date >= first && r.closing_date <= last).sort((a, b) => a.closing_date!.localeCompare(b.closing_date!));
  return { openingBalance: openings.length ? String(openings[0]!.opening) : null, closingBalance: closings.length ? String(closings[closings.length - 1]!.closing) : null };
}

function itemOf(row: Row, today: IsoDate): BankCreditItem {
  return {
    id: row.event_id,
    account: row.account,
    bankRef: row.bank_ref,
    valueDate: row.value_date,
    amount: String(row.amount),
    description: row.description,
    counterparty: { name: row.counterparty_name, account: row.counterparty_account },
    status: row.status,
    ageDays: Math.max(0, Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${row.value_date}T00:00:00Z`)) / DAY_MS)),
    ...(row.unit_code ? { unitCode: row.unit_code } : {}),
    ...(row.person_id ? { personId: row.person_id } : {}),
    ...(row.period ? { period: row.period } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
    ...(row.collection_event_id ? { collectionEventId: row.collection_event_id } : {}),
  };
}
