import { addDays, lastDayOf } from '../calendar.js';
import type { ChargeLateInterest } from '../commands.js';
import type { DecideContext } from '../decider.js';
import { refuse } from '../errors.js';
import type { DomainEvent, FundDues } from '../events.js';
import { Dec } from '../money.js';
import { allocatePayment, type Receivable } from '../rules/allocation.js';
import { FUNDS } from '../rules/contribution-rates.js';
import { lateInterestCharge, monthKey, monthsLeftUncomputed, type InterestWindow } from '../rules/late-interest.js';
import { periodTimeline, type AllocatedPayment } from '../rules/late-timeline.js';
import { isLive } from '../reversal/stream-facts.js';
import type { EmployerProfile, EmployerState } from './employer.state.js';

/**
 * One employer's part of a month-end close: the interest on its periods' late amounts from the day
 * after its last charge up to the close's month end, computed by `lateInterestCharge` from its
 * unreversed assessments and the payments allocated to them in the order in force on each payment
 * day, and the months an earlier close left "not computed" whose k is known now (once: a month
 * charged is off the list). Nothing to charge (nothing late, no month left uncomputed) is refused, so no empty fact is
 * recorded and the close counts the employer as having nothing to charge.
 */
export function chargeLateInterest(command: ChargeLateInterest, profile: EmployerProfile, state: EmployerState, ctx: DecideContext): DomainEvent[] {
  const to = lastDayOf(command.month);
  const charges = state.charges.filter((charge) => isLive(state.facts, charge.revision));
  const last = charges.map((charge) => charge.to).sort().at(-1);
  // Months an earlier close left uncomputed for want of k are charged by this one once k is known.
  const earlier = monthsLeftUncomputed(charges);
  const window: InterestWindow = last === undefined ? { to } : { from: addDays(last, 1), to, ...(earlier.length > 0 ? { earlier } : {}) };
  if (window.from !== undefined && window.from > to) {
    refuse('NOTHING_TO_CHARGE', `employer ${command.unitCode} was charged up to ${last} already`);
  }
  const assessments = state.assessments.filter((a) => isLive(state.facts, a.revision) && a.funds && a.dueDate);
  const payments = allocatedPayments(state, to);
  const timelines = assessments.map((a) => periodTimeline(a.period, a.dueDate!, a.funds!, payments));
  const charge = lateInterestCharge(timelines, window, ctx.interestRates ?? (() => undefined));
  // An earlier month still without k stays on the charge that left it; it is not listed again.
  const stillLeft = new Set(earlier.map(monthKey));
  const notComputed = charge.notComputed.filter((month) => !stillLeft.has(monthKey(month)));
  if (charge.basis.length === 0 && notComputed.length === 0) {
    refuse('NOTHING_TO_CHARGE', `employer ${command.unitCode} owed nothing late up to ${to}`);
  }
  return [{
    type: 'LateInterestCharged',
    data: {
      unitCode: command.unitCode, areaCode: profile.areaCode, month: command.month, closedOn: command.closedOn,
      ...(window.from !== undefined ? { from: window.from } : {}), to,
      byFund: charge.byFund as FundDues, total: charge.total, basis: charge.basis, notComputed,
    },
  }];
}

/**
 * The employer's unreversed payments up to `to`, oldest first, each allocated against what was owed
 * before it: the contributions assessed, and the interest of each live charge from its close on, as
 * the arrears query and the notice allocate them (allocation.ts), so that a payment that settled a
 * fund's interest before the next fund's contributions leaves those late here too.
 */
function allocatedPayments(state: EmployerState, to: string): AllocatedPayment[] {
  const owed = new Map<string, Receivable>();
  const owe = (period: string, fund: Receivable['fund'], kind: Receivable['kind'], amount: string) => {
    const key = `${period}/${fund}/${kind}`;
    const was = owed.get(key);
    owed.set(key, { period, fund, kind, amount: was ? new Dec(was.amount).plus(amount).toFixed(0) : amount });
  };
  for (const assessment of state.assessments) {
    if (!isLive(state.facts, assessment.revision) || !assessment.funds) continue;
    for (const fund of FUNDS) owed.set(`${assessment.period}/${fund}/principal`, { period: assessment.period, fund, kind: 'principal', amount: assessment.funds[fund] });
  }
  const charges = state.charges.filter((c) => isLive(state.facts, c.revision)).sort((a, b) => (a.closedOn < b.closedOn ? -1 : a.closedOn > b.closedOn ? 1 : 0));
  let charged = 0;
  const payments = state.collections
    .filter((c) => isLive(state.facts, c.revision) && c.collectedOn <= to)
    .sort((a, b) => (a.collectedOn < b.collectedOn ? -1 : a.collectedOn > b.collectedOn ? 1 : 0));
  const allocated: AllocatedPayment[] = [];
  for (const payment of payments) {
    for (; charged < charges.length && charges[charged]!.closedOn <= payment.collectedOn; charged++) {
      for (const fund of FUNDS) owe(charges[charged]!.month, fund, 'interest', charges[charged]!.byFund[fund]);
    }
    const { lines } = allocatePayment({ amount: payment.amount, paidOn: payment.collectedOn, period: payment.period }, [...owed.values()]);
    for (const line of lines) {
      const key = `${line.period}/${line.fund}/${line.kind}`;
      owed.set(key, { ...owed.get(key)!, amount: new Dec(owed.get(key)!.amount).minus(line.amount).toFixed(0) });
    }
    allocated.push({ paidOn: payment.collectedOn, lines });
  }
  return allocated;
}
