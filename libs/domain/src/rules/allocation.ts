import type { IsoDate, IsoMonth } from '../calendar.js';
import { Dec, type Money } from '../money.js';
import type { Fund } from './contribution-rates.js';
import { rowOn, type DatedTable } from './dated-table.js';

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
 * Where each đồng of a payment goes: the named period first (in the fund order), then every fund in
 * the order in force on the payment date, each fund's contributions oldest period first (FIFO), then
 * its interest oldest period first. The lines say exactly how much went where; what is left over is
 * `unallocated`. Receivables are given as owed before the payment; none is settled beyond its amount.
 */
export function allocatePayment(payment: PaymentToAllocate, owed: readonly Receivable[], orders: DatedTable<AllocationOrder> = ALLOCATION_ORDERS): PaymentAllocation {
  const row = rowOn(orders, payment.paidOn) ?? orders[0];
  const rank = (receivable: Receivable) => row.value.funds.indexOf(receivable.fund) * 2 + (receivable.kind === 'principal' ? 0 : 1);
  const queue = owed
    .filter((receivable) => new Dec(receivable.amount).gt(0))
    .map((receivable) => ({ ...receivable }))
    .sort((a, b) => {
      const named = Number(b.period === payment.period) - Number(a.period === payment.period);
      if (named !== 0) return named;
      if (rank(a) !== rank(b)) return rank(a) - rank(b);
      return a.period < b.period ? -1 : a.period > b.period ? 1 : 0;
    });
  let left = new Dec(payment.amount);
  const lines: AllocationLine[] = [];
  for (const receivable of queue) {
    if (left.lte(0)) break;
    const amount = Dec.min(left, receivable.amount);
    lines.push({ period: receivable.period, fund: receivable.fund, kind: receivable.kind, amount: amount.toFixed(0) });
    left = left.minus(amount);
  }
  return { lines, unallocated: left.toFixed(0), ruleSource: row.source };
}
