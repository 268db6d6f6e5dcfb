import {
  addDays, addToBook, Dec, evasionOn, FUNDS, interestRatesFrom, LATE_INTEREST_K_BY_YEAR, lateInterestCharge, monthsLeftUncomputed, owedBook, owedSlot, roundToDong, settleFromBook, sortByDate,
} from '#domain';
import type {
  AllocationLine, Fund, FundDues, InterestBasisLine, InterestRateAnnouncement, InterestRateLookup, IsoDate, IsoMonth, LateAmountChange, Money,
  OwedSlot, PeriodLateTimeline, UncomputedLateMonth,
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
 * The payments of one employer allocated in the verified order (allocation.ts: a named period first,
 * then by fund, contributions before interest, FIFO by period), charged interest a receivable per fund
 * (filed under its month) from the day it was charged. The arrears headline, the interest and the
 * notice all read payments this way, so they agree to the đồng.
 */
export interface PaymentsAllocated {
  dueDates: Map<IsoMonth, IsoDate>;
  /** What each period's contributions came to per fund (the assessments standing on `asOf`). */
  assessed: Map<IsoMonth, Record<Fund, bigint>>;
  /** Of each period's contributions, what payments settled (every fund). */
  principalPaid: Map<IsoMonth, bigint>;
  /** Each period's late-amount changes per fund: its dues on the due date, each payment's part on its day. */
  changes: Map<IsoMonth, LateAmountChange[]>;
  /** What payments settled of charged interest. */
  interestPaid: bigint;
  /** What was paid beyond everything owed on the payment's day. */
  unallocated: bigint;
  /** Where each đồng of each payment went, by the payment's event id. */
  allocations: Map<string, { lines: AllocationLine[]; unallocated: Money; ruleSource: string }>;
}

export function allocatePayments(input: {
  assessments: readonly LawAssessment[];
  payments: readonly LawPayment[];
  /** The charges standing on `asOf`, in the order they were made. */
  charges: readonly InterestChargeFact[];
}): PaymentsAllocated {
  const dueDates = new Map<IsoMonth, IsoDate>();
  const assessed = new Map<IsoMonth, Record<Fund, bigint>>();
  for (const a of input.assessments) {
    if (!dueDates.has(a.period)) dueDates.set(a.period, a.dueDate);
    const funds = assessed.get(a.period) ?? { pension: 0n, sickness: 0n, accident: 0n, unemployment: 0n, health: 0n };
    for (const fund of FUNDS) funds[fund] += BigInt(a.funds[fund]);
    assessed.set(a.period, funds);
  }
  const book = owedBook();
  const changes = new Map<IsoMonth, LateAmountChange[]>();
  const principalPaid = new Map<IsoMonth, bigint>();
  for (const [period, funds] of assessed) {
    const own: LateAmountChange[] = [];
    for (const fund of FUNDS) {
      if (funds[fund] > 0n) own.push({ on: dueDates.get(period)!, fund, change: funds[fund].toString() });
      book.slots.push(owedSlot(period, fund, 'principal', funds[fund]));
    }
    changes.set(period, own);
    principalPaid.set(period, 0n);
  }
  const interestSlots = new Map<string, OwedSlot>();
  const addCharge = (charge: InterestChargeFact) => {
    for (const fund of FUNDS) {
      const key = `${charge.month}/${fund}`;
      let slot = interestSlots.get(key);
      if (!slot) {
        interestSlots.set(key, (slot = owedSlot(charge.month, fund, 'interest', 0n)));
        addToBook(book, slot);
      }
      slot.left += BigInt(charge.byFund[fund] ?? '0');
    }
  };
  const payments = [...input.payments].sort((a, b) => (a.collectedOn < b.collectedOn ? -1 : a.collectedOn > b.collectedOn ? 1 : a.position - b.position));
  const allocations: PaymentsAllocated['allocations'] = new Map();
  let chargedSoFar = 0;
  let interestPaid = 0n;
  let unallocated = 0n;
  for (const payment of payments) {
    for (; chargedSoFar < input.charges.length && input.charges[chargedSoFar].closedOn <= payment.collectedOn; chargedSoFar++) addCharge(input.charges[chargedSoFar]);
    const settled = settleFromBook(book, { amount: BigInt(payment.amount), paidOn: payment.collectedOn, period: payment.namedPeriod ?? undefined });
    const lines: AllocationLine[] = [];
    for (const { slot, amount } of settled.lines) {
      lines.push({ period: slot.period, fund: slot.fund, kind: slot.kind, amount: amount.toString() });
      if (slot.kind === 'interest') {
        interestPaid += amount;
        continue;
      }
      principalPaid.set(slot.period, principalPaid.get(slot.period)! + amount);
      changes.get(slot.period)!.push({ on: payment.collectedOn, fund: slot.fund, change: (-amount).toString() });
    }
    unallocated += settled.unallocated;
    allocations.set(payment.eventId, { lines, unallocated: settled.unallocated.toString(), ruleSource: settled.ruleSource });
  }
  return { dueDates, assessed, principalPaid, changes, interestPaid, unallocated, allocations };
}

/** The charges that stand on `asOf` (made by then, not reversed by then), in the order they were made. */
export function chargesStandingOn(charges: readonly InterestChargeFact[], asOf: IsoDate): InterestChargeFact[] {
  return charges.filter((c) => c.closedOn <= asOf && (c.reversedOn === null || c.reversedOn > asOf))
    .sort((a, b) => (a.closedOn < b.closedOn ? -1 : a.closedOn > b.closedOn ? 1 : 0));
}

/**
 * Interest as the law charges it, and evasion, from one employer's standing facts on `asOf` and its
 * payments as allocated (allocatePayments): charged interest a receivable per fund from the day it was
 * charged, the late amount of each period over time (late-timeline.ts), the interest accrued since the
 * last charge (late-interest.ts) and the evasion status (evasion.ts).
 */
export function arrearsLaw(input: {
  allocated: PaymentsAllocated;
  /** The charges standing on `asOf` (chargesStandingOn). */
  charges: readonly InterestChargeFact[];
  reminders: readonly ReminderFact[];
  forceMajeure: readonly ForceMajeureFact[];
  rates: InterestRateLookup;
  asOf: IsoDate;
}): ArrearsLaw {
  const { asOf, charges, allocated } = input;
  const timelines: PeriodLateTimeline[] = [...allocated.changes].map(([period, changes]) => ({ period, dueDate: allocated.dueDates.get(period)!, changes }));
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

  const charged = charges.reduce((sum, c) => sum + BigInt(c.total), 0n);
  const accrued = BigInt(accrual?.total ?? '0');
  // The charges' uncomputed months that are still owed are the accrual's `earlier`: listed again by it while k is unknown.
  const notComputed = uniqueMonths(accrual?.notComputed ?? []);
  const lateHistory = new Map(timelines.map((t) => [t.period, stretchesOf(t, asOf)]));
  return {
    charged: charged.toString(),
    accrued: accrued.toString(),
    paid: allocated.interestPaid.toString(),
    outstanding: (charged - allocated.interestPaid + accrued).toString(),
    notComputed,
    interestByPeriod,
    lateHistory,
    allocations: allocated.allocations,
    evasion: evasionOf(timelines, input, asOf),
  };
}

/** One entry per period, month and reason: the four social funds share k, so their months read alike. */
function uniqueMonths(months: readonly UncomputedLateMonth[]): UncomputedInterest[] {
  const seen = new Map<string, UncomputedInterest>();
  for (const m of months) seen.set(`${m.period}/${m.month}/${m.reason}`, { period: m.period, month: m.month, reason: m.reason });
  // Ordered by that key, each built once (the keys are distinct, so the order is the same as sorting by it).
  const keys = [...seen.keys()].sort();
  return keys.map((key) => seen.get(key)!);
}

/** The period's late amount (every fund) over time: one stretch per amount, from the day after the due date up to `asOf`. */
function stretchesOf(timeline: PeriodLateTimeline, asOf: IsoDate): LateStretch[] {
  // The balance is carried over the changes in date order, each added once, as late-interest.ts does.
  const ordered = sortByDate([...timeline.changes]);
  // The days the amount may change on, in order: the due date, then each later day a change is dated, before `asOf`.
  const days: IsoDate[] = timeline.dueDate < asOf ? [timeline.dueDate] : [];
  for (const change of ordered) if (days.length > 0 && change.on > days.at(-1)! && change.on < asOf) days.push(change.on);
  let next = 0;
  let amount = 0n;
  const stretches: LateStretch[] = [];
  for (let i = 0; i < days.length; i++) {
    while (next < ordered.length && ordered[next]!.on <= days[i]!) amount += BigInt(ordered[next++]!.change);
    if (amount <= 0n) continue;
    const to = i + 1 < days.length ? days[i + 1] : asOf;
    stretches.push({ from: addDays(days[i], 1), to, lateAmount: amount.toString() });
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
    const left = changes.reduce((sum, c) => sum + BigInt(c.change), 0n);
    return { period: t.period, dueDate: t.dueDate, settledOn: left <= 0n ? changes.reduce((last, c) => (c.on > last ? c.on : last), t.dueDate) : undefined };
  }).filter((p) => p.settledOn === undefined && p.dueDate < asOf);
  const finding = evasionOn({
    periods,
    reminders: reminders.map((r) => ({ reminderRef: r.reminderRef, sentOn: r.sentOn })),
    forceMajeure: standing(input.forceMajeure).map((f) => ({ from: f.from, to: f.to, reason: f.reason, documentRef: f.documentRef })),
    asOf,
  });
  return finding ? { since: finding.since, reminderRef: finding.reminderRef, basis: finding.basis } : null;
}
