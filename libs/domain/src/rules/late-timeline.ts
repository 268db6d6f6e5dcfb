import type { IsoDate, IsoMonth } from '../calendar.js';
import { Dec, type Money } from '../money.js';
import type { AllocationLine } from './allocation.js';
import { FUNDS, type Fund } from './contribution-rates.js';
import type { LateAmountChange, PeriodLateTimeline } from './late-interest.js';

/** A payment as allocated: the day it was paid and where each đồng went. */
export interface AllocatedPayment {
  paidOn: IsoDate;
  lines: readonly AllocationLine[];
}

/**
 * A period's late-amount timeline from what was assessed per fund (dated on the due date: the amount
 * owed when it fell due) and the contributions of that period that payments settled, each on its
 * payment day. Lines that settle interest are left out: interest is never charged interest again.
 */
export function periodTimeline(period: IsoMonth, dueDate: IsoDate, assessed: Partial<Record<Fund, Money>>, payments: readonly AllocatedPayment[]): PeriodLateTimeline {
  const changes: LateAmountChange[] = [];
  for (const fund of FUNDS) {
    const amount = assessed[fund];
    if (amount !== undefined && new Dec(amount).gt(0)) changes.push({ on: dueDate, fund, change: amount });
  }
  for (const payment of payments) {
    for (const line of payment.lines) {
      if (line.period === period && line.kind === 'principal') changes.push({ on: payment.paidOn, fund: line.fund, change: new Dec(line.amount).negated().toFixed(0) });
    }
  }
  return { period, dueDate, changes };
}
