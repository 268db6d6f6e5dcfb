import {
  addDays, allocatePayment, Dec, evasionOn, FUNDS, interestRatesFrom, LATE_INTEREST_K_BY_YEAR, lateInterestCharge, monthsLeftUncomputed, periodTimeline, roundToDong,
} from '#domain';
import type {
  AllocatedPayment, AllocationLine, Fund, FundDues, InterestBasisLine, InterestRateAnnouncement, InterestRateLookup, IsoDate, IsoMonth, Money,
  PeriodLateTimeline, Receivable, UncomputedLateMonth,
} from '#domain';

/** The arrears law's facts of one employer (arrears-law-facts.ts), as the repository loads them. */
interface LoggedFact { eventId: string; position: number; recordedAt: string }
export interface ReminderFact extends LoggedFact { reminderRef: string; sentOn: IsoDate; reversedOn: IsoDate | null }
export interface ForceMajeureFact extends LoggedFact { from: IsoDate; to: IsoDate; reason: string; documentRef: string; reversedOn: IsoDate | null }
export interface InterestChargeFact extends LoggedFact {
  month: IsoMonth; closedOn: IsoDate; from: IsoDate | null; to: IsoDate; total: Money; reversedOn: IsoDate | null;
  byFund: FundDues; basis: InterestBasisLine[]; notComputed: UncomputedLateMonth[];
}

/** What the law's computation needs of one assessment and one payment, as of `asOf` (standing facts only). */
export interface LawAssessment { period: IsoMonth; dueDate: IsoDate; funds: FundDues }
export interface LawPayment { eventId: string; amount: Money; collectedOn: IsoDate; position: number; namedPeriod: IsoMonth | null }

export interface LateStretch { from: IsoDate; to: IsoDate; lateAmount: Money }
export interface UncomputedInterest { period: IsoMonth; month: IsoMonth; reason: string }
export interface Evasion { since: IsoDate; reminderRef: string; basis: string }

export interface ArrearsLaw {
  charged: Money;
  accrued: Money;
  /** Of what was charged, what payments settled (allocated to interest). */
  paid: Money;
  /** Owed on `asOf`: charged − paid + accrued (the contract's `interest`). */
  outstanding: Money;
  notComputed: UncomputedInterest[];
  /** Per period: the interest the law charges for its lateness up to `asOf` (charged and accrued, before payments of interest). */
  interestByPeriod: Map<IsoMonth, Money>;
  lateHistory: Map<IsoMonth, LateStretch[]>;
  /** Where each đồng of each payment went, by the payment's event id. */
  allocations: Map<string, { lines: AllocationLine[]; unallocated: Money; ruleSource: string }>;
  evasion: Evasion | null;
}

/**
 * k of a year and fund: the latest announcement known on `knownOn` (InterestRateAnnounced). A ledger
 * that holds any announcement answers from its announcements alone, so a year announced after
 * `knownOn`, or never, is "not computed" for its months (what was known then, not the table). Only a
 * ledger with no announcement at all (one recorded before the seed facts existed) falls back to the
 * configured table of interest.ts, the rates it has always been charged at (docs/decisions.md).
 */
export function ratesKnownOn(announcements: readonly InterestRateAnnouncement[], knownOn: IsoDate): InterestRateLookup {
  const announced = interestRatesFrom(announcements, knownOn);
  if (announcements.length > 0) return announced;
  return (year, fund) => {
    const row = LATE_INTEREST_K_BY_YEAR[year];
    if (!row) return undefined;
    return { year, fund, monthlyPercent: fund === 'health' ? row.healthPercent : row.socialPercent, documentRef: row.source, announcedOn: `${year}-01-01` };
  };
}

/**
 * Interest as the law charges it, and evasion, from one employer's standing facts on `asOf`:
 * payments allocated in the verified order (allocation.ts: a named period first, then by fund,
 * contributions before interest, FIFO by period), charged interest a receivable per fund from the
 * day it was charged, the late amount of each period over time (late-timeline.ts), the interest
 * accrued since the last charge (late-interest.ts) and the evasion status (evasion.ts).
 */
export function arrearsLaw(input: {
  assessments: readonly LawAssessment[];
  payments: readonly LawPayment[];
  charges: readonly InterestChargeFact[];
  reminders: readonly ReminderFact[];
  forceMajeure: readonly ForceMajeureFact[];
  rates: InterestRateLookup;
  asOf: IsoDate;
}): ArrearsLaw {
  const { asOf } = input;
  const dueDates = new Map<IsoMonth, IsoDate>();
  const assessed = new Map<IsoMonth, Partial<Record<Fund, Money>>>();
  const owed = new Map<string, Receivable>();
  for (const a of input.assessments) {
    if (!dueDates.has(a.period)) dueDates.set(a.period, a.dueDate);
    const funds = assessed.get(a.period) ?? {};
    for (const fund of FUNDS) {
      funds[fund] = new Dec(funds[fund] ?? '0').plus(a.funds[fund]).toFixed(0);
      receivable(owed, a.period, fund, 'principal').amount = funds[fund]!;
    }
    assessed.set(a.period, funds);
  }
  const charges = input.charges.filter((c) => c.closedOn <= asOf && (c.reversedOn === null || c.reversedOn > asOf))
    .sort((a, b) => (a.closedOn < b.closedOn ? -1 : a.closedOn > b.closedOn ? 1 : 0));
  const payments = [...input.payments].sort((a, b) => (a.collectedOn < b.collectedOn ? -1 : a.collectedOn > b.collectedOn ? 1 : a.position - b.position));

  // Payments in date order; a charge becomes owed (per fund, filed under its month) on the day it was made.
  const allocated: AllocatedPayment[] = [];
  const allocations: ArrearsLaw['allocations'] = new Map();
  let chargedSoFar = 0;
  let interestPaid = new Dec(0);
  for (const payment of payments) {
    for (; chargedSoFar < charges.length && charges[chargedSoFar].closedOn <= payment.collectedOn; chargedSoFar++) addCharge(owed, charges[chargedSoFar]);
    const allocation = allocatePayment({ amount: payment.amount, paidOn: payment.collectedOn, period: payment.namedPeriod ?? undefined }, [...owed.values()]);
    for (const line of allocation.lines) {
      const slot = receivable(owed, line.period, line.fund, line.kind);
      slot.amount = new Dec(slot.amount).minus(line.amount).toFixed(0);
      if (line.kind === 'interest') interestPaid = interestPaid.plus(line.amount);
    }
    allocated.push({ paidOn: payment.collectedOn, lines: allocation.lines });
    allocations.set(payment.eventId, allocation);
  }

  const timelines = [...assessed].map(([period, funds]) => periodTimeline(period, dueDates.get(period)!, funds, allocated));
  const lastCharged = charges.reduce<IsoDate | undefined>((last, c) => (last === undefined || c.to > last ? c.to : last), undefined);
  const from = lastCharged === undefined ? undefined : addDays(lastCharged, 1);
  // The months a close left "not computed" (k unknown then) accrue too, once k is known, until a close charges them.
  const earlier = monthsLeftUncomputed(charges);
  const accrual = from !== undefined && from > asOf && earlier.length === 0 ? undefined : lateInterestCharge(timelines, { from, to: asOf, earlier }, input.rates);

  const exactByPeriod = new Map<IsoMonth, Dec>();
  const addLine = (line: InterestBasisLine) => exactByPeriod.set(line.period, (exactByPeriod.get(line.period) ?? new Dec(0)).plus(line.interest));
  for (const charge of charges) charge.basis.forEach(addLine);
  accrual?.basis.forEach(addLine);
  const interestByPeriod = new Map([...exactByPeriod].map(([period, exact]) => [period, roundToDong(exact)]));

  const charged = charges.reduce((sum, c) => sum.plus(c.total), new Dec(0));
  const accrued = new Dec(accrual?.total ?? '0');
  // The charges' uncomputed months that are still owed are the accrual's `earlier`: listed again by it while k is unknown.
  const notComputed = uniqueMonths(accrual?.notComputed ?? []);
  const lateHistory = new Map(timelines.map((t) => [t.period, stretchesOf(t, asOf)]));
  return {
    charged: charged.toFixed(0),
    accrued: accrued.toFixed(0),
    paid: interestPaid.toFixed(0),
    outstanding: charged.minus(interestPaid).plus(accrued).toFixed(0),
    notComputed,
    interestByPeriod,
    lateHistory,
    allocations,
    evasion: evasionOf(timelines, input, asOf),
  };
}

function receivable(owed: Map<string, Receivable>, period: IsoMonth, fund: Fund, kind: Receivable['kind']): Receivable {
  const key = `${period}/${fund}/${kind}`;
  let slot = owed.get(key);
  if (!slot) owed.set(key, (slot = { period, fund, kind, amount: '0' }));
  return slot;
}

function addCharge(owed: Map<string, Receivable>, charge: InterestChargeFact): void {
  for (const fund of FUNDS) {
    const slot = receivable(owed, charge.month, fund, 'interest');
    slot.amount = new Dec(slot.amount).plus(charge.byFund[fund] ?? '0').toFixed(0);
  }
}

/** One entry per period, month and reason: the four social funds share k, so their months read alike. */
function uniqueMonths(months: readonly UncomputedLateMonth[]): UncomputedInterest[] {
  const seen = new Map<string, UncomputedInterest>();
  for (const m of months) seen.set(`${m.period}/${m.month}/${m.reason}`, { period: m.period, month: m.month, reason: m.reason });
  const key = (m: UncomputedInterest) => `${m.period}/${m.month}/${m.reason}`;
  return [...seen.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The period's late amount (every fund) over time: one stretch per amount, from the day after the due date up to `asOf`. */
function stretchesOf(timeline: PeriodLateTimeline, asOf: IsoDate): LateStretch[] {
  const days = [...new Set([timeline.dueDate, ...timeline.changes.map((c) => c.on)])].filter((d) => d >= timeline.dueDate && d < asOf).sort();
  // The balance is carried over the changes in date order, each added once, as late-interest.ts does.
  const ordered = [...timeline.changes].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  let next = 0;
  let amount = new Dec(0);
  const stretches: LateStretch[] = [];
  for (let i = 0; i < days.length; i++) {
    while (next < ordered.length && ordered[next]!.on <= days[i]!) amount = amount.plus(ordered[next++]!.change);
    if (amount.lte(0)) continue;
    const to = i + 1 < days.length ? days[i + 1] : asOf;
    stretches.push({ from: addDays(days[i], 1), to, lateAmount: amount.toFixed(0) });
  }
  return stretches;
}

/** Evasion from the verified rule: each period's deadline and the day it was settled, if it was. */
function evasionOf(timelines: readonly PeriodLateTimeline[], input: { reminders: readonly ReminderFact[]; forceMajeure: readonly ForceMajeureFact[] }, asOf: IsoDate): Evasion | null {
  const standing = <T extends { reversedOn: IsoDate | null }>(facts: readonly T[]) => facts.filter((f) => f.reversedOn === null || f.reversedOn > asOf);
  const reminders = standing(input.reminders);
  // Evasion needs a reminder after a deadline (every rule that makes delay evasion): none, nothing to count.
  if (reminders.length === 0) return null;
  const periods = timelines.map((t) => {
    const changes = t.changes.filter((c) => c.on <= asOf);
    const left = changes.reduce((sum, c) => sum.plus(c.change), new Dec(0));
    return { period: t.period, dueDate: t.dueDate, settledOn: left.lte(0) ? changes.reduce((last, c) => (c.on > last ? c.on : last), t.dueDate) : undefined };
  }).filter((p) => p.settledOn === undefined && p.dueDate < asOf);
  const finding = evasionOn({
    periods,
    reminders: reminders.map((r) => ({ reminderRef: r.reminderRef, sentOn: r.sentOn })),
    forceMajeure: standing(input.forceMajeure).map((f) => ({ from: f.from, to: f.to, reason: f.reason, documentRef: f.documentRef })),
    asOf,
  });
  return finding ? { since: finding.since, reminderRef: finding.reminderRef, basis: finding.basis } : null;
}
