import type { IsoDate, IsoMonth } from '../calendar.js';
import type { Money } from '../money.js';
import type { Fund } from './contribution-rates.js';
import { rowOn, type DatedTable } from './dated-table.js';
import { dueDateFor } from './due-dates.js';

/** What an employer owes, per period and fund: contributions (principal) or late-payment interest charged. */
export type ReceivableKind = 'principal' | 'interest';

export interface Receivable {
  period: IsoMonth;
  fund: Fund;
  kind: ReceivableKind;
  /** Still owed before this payment. */
  amount: Money;
}

export interface PaymentToAllocate {
  amount: Money;
  paidOn: IsoDate;
  /** A payment that names its period settles that period first. */
  period?: IsoMonth;
}

export interface AllocationLine {
  period: IsoMonth;
  fund: Fund;
  kind: ReceivableKind;
  amount: Money;
}

export interface PaymentAllocation {
  lines: AllocationLine[];
  /** What is left once everything owed is settled (an advance or overpayment). */
  unallocated: Money;
  ruleSource: string;
}

/** The order funds are settled in; within a fund, its contributions first, then its interest. */
export interface AllocationOrder {
  funds: readonly Fund[];
}

/**
 * The agency first settles what employees leaving or claiming need (not held per person in this
 * ledger), then the rest: health insurance with its interest, then unemployment insurance with its
 * interest, then social insurance into its funds: sickness–maternity, TNLĐ–BNN, pension–survivors.
 * Whether a fund's contributions come before its interest is not said ("the full amount payable and
 * the late interest"): socai settles contributions first (verify).
 */
export const ALLOCATION_ORDERS: DatedTable<AllocationOrder> = [
  {
    from: '2016-01-01', value: { funds: ['health', 'unemployment', 'sickness', 'accident', 'pension'] }, verify: true,
    source: 'QĐ 60/2015/QĐ-TTg art. 6 (health, then unemployment, then social insurance, each with its interest); QĐ 595/QĐ-BHXH as amended by QĐ 505/QĐ-BHXH art. 56 cl. 2; order of the social insurance funds among themselves as NĐ 233/2025 (verify for these years)',
  },
  {
    from: '2025-08-26', value: { funds: ['health', 'unemployment', 'sickness', 'accident', 'pension'] }, verify: true,
    source: 'NĐ 233/2025/NĐ-CP of 2025-08-26 art. 7 cl. 4 b (in-force date to verify)',
  },
];

/**
 * Where each đồng of a payment goes: the named period first (in the fund order); then what is late on
 * the payment day (contributions past their due date, and charged interest), every fund in the order in
 * force on that day, each fund's contributions oldest period first (FIFO), then its interest oldest
 * period first; then, as an advance, what is not yet due, in the order it falls due (period by period,
 * each in the fund order). The lines say exactly how much went where; what is left over is
 * `unallocated`. Receivables are given as owed before the payment; none is settled beyond its amount.
 *
 * The fund order is the agency's order for what an employer owes (QĐ 60/2015 art. 6; NĐ 233/2025
 * art. 7); a period whose deadline has not come is not yet owed, so a payment reaches it only after
 * every late amount, and never its health part before an older period's pension (docs/decisions.md).
 */
export function allocatePayment(payment: PaymentToAllocate, owed: readonly Receivable[], orders: DatedTable<AllocationOrder> = ALLOCATION_ORDERS): PaymentAllocation {
  const book = owedBook(owed.map((r) => owedSlot(r.period, r.fund, r.kind, BigInt(r.amount))));
  const settled = settleFromBook(book, { amount: BigInt(payment.amount), paidOn: payment.paidOn, period: payment.period }, orders);
  return {
    lines: settled.lines.map(({ slot, amount }) => ({ period: slot.period, fund: slot.fund, kind: slot.kind, amount: amount.toString() })),
    unallocated: settled.unallocated.toString(),
    ruleSource: settled.ruleSource,
  };
}

/** A receivable as a book of many payments keeps it: whole đồng, settled in place. */
export interface OwedSlot {
  period: IsoMonth;
  fund: Fund;
  kind: ReceivableKind;
  left: bigint;
  /** The day after which it is late: a period's due date; '' for charged interest, owed from its charge. */
  lateAfter: IsoDate | '';
}

export function owedSlot(period: IsoMonth, fund: Fund, kind: ReceivableKind, left: bigint): OwedSlot {
  return { period, fund, kind, left, lateAfter: kind === 'principal' ? dueDateFor(period) : '' };
}

/**
 * What an employer owes across many payments, kept sorted for the fund order last used (and by period
 * for advances), so that a history of payments is allocated without sorting every receivable again for
 * each payment (the arrears query allocates every payment of an employer on each call). Amounts are
 * whole đồng, as every assessed due, payment and charged interest is, so BigInt is as exact as decimal.js.
 */
export interface OwedBook {
  slots: OwedSlot[];
  /** The same slots by period, then fund order: the order advances settle them in. */
  byPeriod: OwedSlot[];
  /** The order the slots are sorted for; undefined once a slot is added. */
  sortedFor?: AllocationOrder;
}

export function owedBook(slots: OwedSlot[] = []): OwedBook {
  return { slots, byPeriod: [] };
}

/**
 * A new receivable in the book (an assessment, interest charged). A sorted book takes it where sorting
 * again would put it: after every slot that does not sort after it, as a stable sort of the book with
 * the slot appended leaves it: an employer late for months has a charge a month, and the whole book was
 * sorted again after each (docs/decisions.md, "Arrears p99: one read transaction a call").
 */
export function addToBook(book: OwedBook, slot: OwedSlot): void {
  const order = book.sortedFor;
  if (order === undefined) {
    book.slots.push(slot);
    return;
  }
  insertAfterEqual(book.slots, slot, (a, b) => bySettlement(order, a, b));
  if (slot.kind === 'principal') insertAfterEqual(book.byPeriod, slot, (a, b) => byAdvance(order, a, b));
}

/** Inserts `item` into `sorted` after the last element that does not sort after it (binary search). */
function insertAfterEqual<T>(sorted: T[], item: T, compare: (a: T, b: T) => number): void {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(sorted[middle]!, item) <= 0) low = middle + 1;
    else high = middle;
  }
  sorted.splice(low, 0, item);
}

export interface BookPayment {
  amount: bigint;
  paidOn: IsoDate;
  period?: IsoMonth;
}

/** allocatePayment on a book: settles the slots in place and says what went to each. */
export function settleFromBook(
  book: OwedBook, payment: BookPayment, orders: DatedTable<AllocationOrder> = ALLOCATION_ORDERS,
): { lines: { slot: OwedSlot; amount: bigint }[]; unallocated: bigint; ruleSource: string } {
  const row = rowOn(orders, payment.paidOn) ?? orders[0];
  if (book.sortedFor !== row.value) {
    // A row of the same funds in the same order (a new source for the same rule) sorts the book as it is.
    if (book.sortedFor !== undefined && sameFunds(book.sortedFor, row.value)) book.sortedFor = row.value;
    else sortBook(book, row.value);
  }
  const lines: { slot: OwedSlot; amount: bigint }[] = [];
  let left = payment.amount;
  const take = (slot: OwedSlot) => {
    if (slot.left <= 0n) return;
    const amount = slot.left < left ? slot.left : left;
    slot.left -= amount;
    left -= amount;
    lines.push({ slot, amount });
  };
  const { slots, byPeriod } = book;
  if (payment.period !== undefined) {
    for (let i = 0; i < slots.length && left > 0n; i++) if (slots[i].period === payment.period) take(slots[i]);
  }
  for (let i = 0; i < slots.length && left > 0n; i++) if (slots[i].lateAfter < payment.paidOn) take(slots[i]);
  for (let i = 0; i < byPeriod.length && left > 0n; i++) take(byPeriod[i]);
  return { lines, unallocated: left, ruleSource: row.source };
}

/** Fund by fund in the order, each fund's contributions before its interest, oldest period first; and by period for advances. */
function sortBook(book: OwedBook, order: AllocationOrder): void {
  book.slots.sort((a, b) => bySettlement(order, a, b));
  book.byPeriod = book.slots.filter((slot) => slot.kind === 'principal').sort((a, b) => byAdvance(order, a, b));
  book.sortedFor = order;
}

const rankIn = (order: AllocationOrder, slot: OwedSlot) => order.funds.indexOf(slot.fund) * 2 + (slot.kind === 'principal' ? 0 : 1);
const byPeriodOf = (a: OwedSlot, b: OwedSlot) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0);
/** The order late amounts are settled in: by fund and kind (rankIn), then oldest period first. */
const bySettlement = (order: AllocationOrder, a: OwedSlot, b: OwedSlot) => rankIn(order, a) - rankIn(order, b) || byPeriodOf(a, b);
/** The order advances are settled in: by period, then by fund and kind. */
const byAdvance = (order: AllocationOrder, a: OwedSlot, b: OwedSlot) => byPeriodOf(a, b) || rankIn(order, a) - rankIn(order, b);
const sameFunds = (a: AllocationOrder, b: AllocationOrder) => a.funds.length === b.funds.length && a.funds.every((fund, i) => b.funds[i] === fund);
