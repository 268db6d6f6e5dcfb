import { daysBetween } from '#domain';
import type { AllocationLine, EmployerStatus, FundDues, InterestRateAnnouncement, IsoDate, IsoMonth, Money } from '#domain';
import type { LateInterestRule } from '../ports.js';
import {
  allocatePayments, arrearsLaw, chargesStandingOn, ratesKnownOn, type Evasion, type ForceMajeureFact, type InterestChargeFact, type LateStretch, type ReminderFact,
  type UncomputedInterest,
} from './arrears-law.js';

/**
 * Employer arrears as of a business date, computed from the employer's facts. Pure: the queries
 * load the rows, this decides what they add up to.
 */
export type ArrearsBucket = 'current' | 'under-1-month' | '1-to-3-months' | '3-months-plus' | 'hard-to-collect';
export const ARREARS_BUCKETS: readonly ArrearsBucket[] = ['current', 'under-1-month', '1-to-3-months', '3-months-plus', 'hard-to-collect'];

/** Statuses under which arrears are "hard to collect" (nợ khó thu) whatever their age. */
const HARD_TO_COLLECT: readonly EmployerStatus[] = ['dissolved', 'bankrupt', 'missing', 'suspended'];

interface Fact { eventId: string; position: number; recordedAt: string; reversedOn: IsoDate | null }
export interface AssessmentFact extends Fact { period: IsoMonth; due: Money; health: Money; dueDate: IsoDate; assessedOn: IsoDate }
export interface PaymentFact extends Fact { receiptNo: string; amount: Money; collectedOn: IsoDate; namedPeriod: IsoMonth | null }
export interface StatusFact extends Fact { status: EmployerStatus; effectiveOn: IsoDate; reason: string }
export interface ReversalFact { eventId: string; position: number; recordedAt: string; reversedEventId: string; reversedOn: IsoDate }
export interface EmployerFacts {
  unitCode: string;
  name: string;
  areaCode: string;
  assessments: AssessmentFact[];
  payments: PaymentFact[];
  statuses: StatusFact[];
  reversals: ReversalFact[];
  /** Each assessment's dues per fund, by event id (a store from before migration 6 may lack some). */
  fundDues?: Map<string, FundDues>;
  reminders?: ReminderFact[];
  forceMajeure?: ForceMajeureFact[];
  charges?: InterestChargeFact[];
  /** Every announced rate k of the ledger (the same list for every employer). */
  rates?: InterestRateAnnouncement[];
}

export interface ArrearsPeriod {
  period: IsoMonth;
  due: Money;
  paid: Money;
  outstanding: Money;
  dueDate: IsoDate;
  daysLate: number;
  interest: Money;
  /** The period's late amount (every fund) over time, up to `asOf`: what its interest is charged on. */
  lateHistory: LateStretch[];
}

export interface TraceEntry {
  position: number;
  eventId: string;
  type: 'ContributionAssessed' | 'ContributionCollected' | 'EntryReversed' | 'EmployerStatusChanged'
    | 'LateInterestCharged' | 'EmployerReminded' | 'ForceMajeureRecorded';
  recordedAt: string;
  /** The amount the fact moves (always unsigned; `effect` says which way); null for a status change, reminder or force majeure. */
  amount: Money | null;
  effect: 'assessed' | 'collected' | 'reversed' | 'status' | 'charged' | 'reminded' | 'force-majeure';
  /** The period assessed or named, the status taken, the event reversed, the month charged, the reminder or the span. */
  detail: string;
  /** Of a payment: where each đồng went (allocation.ts), and what was left over. */
  allocation?: { lines: AllocationLine[]; unallocated: Money };
}

export interface ArrearsSummary {
  unitCode: string;
  name: string;
  areaCode: string;
  status: EmployerStatus;
  asOf: IsoDate;
  due: Money;
  paid: Money;
  outstanding: Money;
  overdue: Money;
  /** Paid beyond every due assessed so far; it settles the next assessments. */
  credit: Money;
  interest: Money;
  /** False when some period's interest could not be computed (a year without a configured rate). */
  interestComputed: boolean;
  interestNotes: string[];
  oldestUnpaidPeriod: IsoMonth | null;
  monthsOverdue: number;
  bucket: ArrearsBucket;
  /** Late payment turned evasion (evasion.ts), or null. */
  evasion: Evasion | null;
}

export type { UncomputedInterest } from './arrears-law.js';

/**
 * The contract's `interestDetail`: charged by month-end closes (LateInterestCharged), accrued since
 * the last charge, paid (payments allocated to interest), and outstanding = charged − paid + accrued.
 */
export interface InterestDetail {
  charged: Money;
  accrued: Money;
  paid: Money;
  outstanding: Money;
  notComputed: UncomputedInterest[];
}

export interface EmployerArrears extends ArrearsSummary {
  interestDetail: InterestDetail;
  periods: ArrearsPeriod[];
  trace: TraceEntry[];
}

/** A fact counts as of `asOf` when its business date has come and no reversal dated by then cancels it. */
const standsOn = (fact: { reversedOn: IsoDate | null }, asOf: IsoDate) => fact.reversedOn === null || fact.reversedOn > asOf;

export function statusOn(statuses: StatusFact[], asOf: IsoDate): EmployerStatus {
  const effective = statuses
    .filter((s) => s.effectiveOn <= asOf && standsOn(s, asOf))
    .sort((a, b) => compareText(a.effectiveOn, b.effectiveOn) || a.position - b.position);
  // Registration makes an employer active until a status change says otherwise.
  return effective.at(-1)?.status ?? 'active';
}

export function bucketFor(status: EmployerStatus, outstanding: Money, oldestOverdueDaysLate: number | undefined): ArrearsBucket {
  if (HARD_TO_COLLECT.includes(status) && outstanding !== '0') return 'hard-to-collect';
  if (oldestOverdueDaysLate === undefined) return 'current';
  if (oldestOverdueDaysLate <= 30) return 'under-1-month';
  if (oldestOverdueDaysLate <= 90) return '1-to-3-months';
  return '3-months-plus';
}

/**
 * The area summary's settlement (arrears-summary.ts), not the headline's: a payment naming a period
 * pays that period first, everything else pays the oldest outstanding period first, whatever the fund;
 * what is left after every period is credit. The SQL keeps an area's overdue in this closed form, so
 * the employers it settles in JavaScript (facts after `asOf`) are settled the same way (docs/decisions.md).
 * The arithmetic is BigInt: amounts are whole đồng, so it is as exact as decimal.js.
 */
function settleByPeriod(assessments: AssessmentFact[], payments: PaymentFact[]): { paidByPeriod: Map<IsoMonth, bigint>; credit: bigint } {
  const open = assessments.map((a) => ({ period: a.period, outstanding: BigInt(a.due) }));
  const paidByPeriod = new Map<IsoMonth, bigint>(assessments.map((a) => [a.period, 0n]));
  let credit = 0n;
  const pay = (slot: { period: IsoMonth; outstanding: bigint }, available: bigint): bigint => {
    const used = slot.outstanding < available ? slot.outstanding : available;
    slot.outstanding -= used;
    paidByPeriod.set(slot.period, paidByPeriod.get(slot.period)! + used);
    return available - used;
  };
  // Periods before `oldest` are settled; FIFO payments start there rather than rescanning the history.
  let oldest = 0;
  const ordered = [...payments].sort((a, b) => compareText(a.collectedOn, b.collectedOn) || a.position - b.position);
  for (const payment of ordered) {
    let left = BigInt(payment.amount);
    const named = payment.namedPeriod ? open.find((slot) => slot.period === payment.namedPeriod) : undefined;
    if (named) left = pay(named, left);
    while (oldest < open.length && open[oldest].outstanding === 0n) oldest++;
    for (let i = oldest; i < open.length && left > 0n; i++) left = pay(open[i], left);
    credit += left;
  }
  return { paidByPeriod, credit };
}

const sum = (values: bigint[]) => values.reduce((total, value) => total + value, 0n);

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface ArrearsOptions {
  /** Include periods and trace (one employer's page) or leave them out (worklists, totals). */
  detailed: boolean;
  /** Compute late-payment interest; totals that only need `overdue` skip it. */
  withInterest: boolean;
}

export function computeArrears(
  facts: EmployerFacts,
  asOf: IsoDate,
  // The figures follow the law's computation (arrears-law.ts); the port stays for the callers' signatures.
  _lateInterest: LateInterestRule,
  options: ArrearsOptions = { detailed: true, withInterest: true },
): EmployerArrears {
  const assessments = standingAssessments(facts, asOf);
  const payments = standingPayments(facts, asOf);
  const charges = chargesStandingOn(facts.charges ?? [], asOf);
  // The headline settles payments as the notice and the interest do: by fund in the verified order.
  const allocated = allocatePayments({ assessments: lawAssessments(facts, assessments), payments, charges });
  const law = options.withInterest ? lawOf(facts, allocated, charges, asOf) : undefined;

  const periods: ArrearsPeriod[] = [];
  const outstandingOf = new Map<ArrearsPeriod, bigint>();
  // Two standing assessments of one period (one reversed after `asOf`) share its payments, the first first.
  const unspent = new Map(allocated.principalPaid);
  for (const a of assessments) {
    const due = BigInt(a.due);
    const pool = unspent.get(a.period)!;
    const paidAmount = pool < due ? pool : due;
    unspent.set(a.period, pool - paidAmount);
    const outstandingAmount = due - paidAmount;
    const late = outstandingAmount > 0n && a.dueDate < asOf;
    const period: ArrearsPeriod = {
      period: a.period, due: a.due, paid: paidAmount.toString(), outstanding: outstandingAmount.toString(), dueDate: a.dueDate,
      daysLate: late ? daysBetween(a.dueDate, asOf) : 0, interest: law?.interestByPeriod.get(a.period) ?? '0',
      lateHistory: law?.lateHistory.get(a.period) ?? [],
    };
    outstandingOf.set(period, outstandingAmount);
    periods.push(period);
  }

  const overduePeriods = periods.filter((p) => p.daysLate > 0);
  const outstanding = sum(periods.map((p) => outstandingOf.get(p)!)).toString();
  const status = statusOn(facts.statuses, asOf);
  const notComputed = law?.notComputed ?? [];
  const interest = law?.outstanding ?? '0';
  const result: EmployerArrears = {
    unitCode: facts.unitCode,
    name: facts.name,
    areaCode: facts.areaCode,
    status,
    asOf,
    due: sum(assessments.map((a) => BigInt(a.due))).toString(),
    paid: sum(payments.map((p) => BigInt(p.amount))).toString(),
    outstanding,
    overdue: sum(overduePeriods.map((p) => outstandingOf.get(p)!)).toString(),
    credit: allocated.unallocated.toString(),
    interest,
    interestComputed: notComputed.length === 0,
    interestNotes: notesOf(notComputed),
    oldestUnpaidPeriod: periods.find((p) => outstandingOf.get(p)! > 0n)?.period ?? null,
    monthsOverdue: overduePeriods.length,
    bucket: bucketFor(status, outstanding, overduePeriods[0]?.daysLate),
    evasion: law?.evasion ?? null,
    interestDetail: { charged: law?.charged ?? '0', accrued: law?.accrued ?? '0', paid: law?.paid ?? '0', outstanding: interest, notComputed },
    periods: options.detailed ? periods : [],
    trace: options.detailed ? traceOf(facts, asOf, allocated.allocations) : [],
  };
  return result;
}

const standingAssessments = (facts: EmployerFacts, asOf: IsoDate) => facts.assessments
  .filter((a) => a.assessedOn <= asOf && standsOn(a, asOf))
  .sort((a, b) => compareText(a.period, b.period) || a.position - b.position);

const standingPayments = (facts: EmployerFacts, asOf: IsoDate) => facts.payments.filter((p) => p.collectedOn <= asOf && standsOn(p, asOf));

/**
 * An employer's overdue on `asOf` settled period by period (settleByPeriod), as the area summary's SQL
 * keeps it: what areaOverdue adds for the employers the summary cannot answer for that date.
 */
export function overdueByPeriod(facts: EmployerFacts, asOf: IsoDate): bigint {
  const assessments = standingAssessments(facts, asOf);
  const { paidByPeriod } = settleByPeriod(assessments, standingPayments(facts, asOf));
  let overdue = 0n;
  // Two standing assessments of one period (one reversed after `asOf`) share what it was paid, the first first.
  for (const a of assessments) {
    const due = BigInt(a.due);
    const pool = paidByPeriod.get(a.period)!;
    const paid = pool < due ? pool : due;
    paidByPeriod.set(a.period, pool - paid);
    if (due > paid && a.dueDate < asOf) overdue += due - paid;
  }
  return overdue;
}

/**
 * Each assessment's dues per fund. One whose per-fund dues a store from before migration 6 lacks is
 * read as its health part and the rest as pension (the fund settled last), so a payment reaches it no
 * sooner than the verified order would; a rebuild restores the exact funds.
 */
function lawAssessments(facts: EmployerFacts, assessments: AssessmentFact[]) {
  return assessments.map((a) => ({
    period: a.period, dueDate: a.dueDate,
    funds: facts.fundDues?.get(a.eventId)
      ?? { health: a.health, pension: (BigInt(a.due) - BigInt(a.health)).toString(), sickness: '0', accident: '0', unemployment: '0' },
  }));
}

/** The law's figures (interest, late history, evasion) from the payments as allocated. */
function lawOf(facts: EmployerFacts, allocated: ReturnType<typeof allocatePayments>, charges: InterestChargeFact[], asOf: IsoDate) {
  return arrearsLaw({
    allocated,
    charges,
    reminders: facts.reminders ?? [],
    forceMajeure: facts.forceMajeure ?? [],
    rates: ratesKnownOn(facts.rates ?? [], asOf),
    asOf,
  });
}

/** Per period, the months left uncharged and the years whose k is missing. */
function notesOf(notComputed: readonly UncomputedInterest[]): string[] {
  const byPeriod = new Map<IsoMonth, { months: Set<IsoMonth>; reasons: Set<string> }>();
  for (const m of notComputed) {
    const entry = byPeriod.get(m.period) ?? { months: new Set(), reasons: new Set() };
    entry.months.add(m.month);
    entry.reasons.add(m.reason);
    byPeriod.set(m.period, entry);
  }
  return [...byPeriod].map(([period, e]) => `${period}: interest of ${e.months.size} month(s) not computed: ${[...e.reasons].join(', ')}`);
}

/** Every fact behind the balance as of `asOf`, reversed ones included, in log order. */
function traceOf(facts: EmployerFacts, asOf: IsoDate, allocations?: Map<string, { lines: AllocationLine[]; unallocated: Money }>): TraceEntry[] {
  const amounts = new Map<string, Money>();
  const entries: TraceEntry[] = [];
  for (const a of facts.assessments.filter((x) => x.assessedOn <= asOf)) {
    amounts.set(a.eventId, a.due);
    entries.push({ position: a.position, eventId: a.eventId, type: 'ContributionAssessed', recordedAt: a.recordedAt, amount: a.due, effect: 'assessed', detail: a.period });
  }
  for (const p of facts.payments.filter((x) => x.collectedOn <= asOf)) {
    amounts.set(p.eventId, p.amount);
    entries.push({
      position: p.position, eventId: p.eventId, type: 'ContributionCollected', recordedAt: p.recordedAt, amount: p.amount, effect: 'collected',
      detail: p.namedPeriod ? `${p.receiptNo} for ${p.namedPeriod}` : p.receiptNo,
      ...(allocations?.has(p.eventId) ? { allocation: { lines: allocations.get(p.eventId)!.lines, unallocated: allocations.get(p.eventId)!.unallocated } } : {}),
    });
  }
  for (const c of (facts.charges ?? []).filter((x) => x.closedOn <= asOf)) {
    amounts.set(c.eventId, c.total);
    entries.push({ position: c.position, eventId: c.eventId, type: 'LateInterestCharged', recordedAt: c.recordedAt, amount: c.total, effect: 'charged', detail: c.month });
  }
  for (const r of (facts.reminders ?? []).filter((x) => x.sentOn <= asOf)) {
    entries.push({ position: r.position, eventId: r.eventId, type: 'EmployerReminded', recordedAt: r.recordedAt, amount: null, effect: 'reminded', detail: r.reminderRef });
  }
  for (const f of (facts.forceMajeure ?? []).filter((x) => x.from <= asOf)) {
    entries.push({ position: f.position, eventId: f.eventId, type: 'ForceMajeureRecorded', recordedAt: f.recordedAt, amount: null, effect: 'force-majeure', detail: `${f.from}..${f.to}` });
  }
  for (const s of facts.statuses.filter((x) => x.effectiveOn <= asOf)) {
    entries.push({ position: s.position, eventId: s.eventId, type: 'EmployerStatusChanged', recordedAt: s.recordedAt, amount: null, effect: 'status', detail: s.status });
  }
  for (const r of facts.reversals.filter((x) => x.reversedOn <= asOf)) {
    entries.push({
      position: r.position, eventId: r.eventId, type: 'EntryReversed', recordedAt: r.recordedAt, amount: amounts.get(r.reversedEventId) ?? null,
      effect: 'reversed', detail: r.reversedEventId,
    });
  }
  return entries.sort((a, b) => a.position - b.position);
}

/** The summary without periods and trace, for worklists. */
export function summaryOf(arrears: EmployerArrears): ArrearsSummary {
  const { periods: _periods, trace: _trace, interestDetail: _interestDetail, ...summary } = arrears;
  return summary;
}
