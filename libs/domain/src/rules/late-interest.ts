import { addDays, addMonths, firstDayOf, lastDayOf, monthOf, type IsoDate, type IsoMonth } from '../calendar.js';
import { Dec, roundToDong, type Money } from '../money.js';
import { FUNDS, type Fund } from './contribution-rates.js';
import { rowOn, valueOn, type DatedTable } from './dated-table.js';
import { interestRateFundOf, type InterestRateLookup } from './interest-rates.js';

/**
 * How late amounts are charged on a date. `monthly`: QĐ 595/QĐ-BHXH art. 37: on the first day of
 * each month, k × what was owed, overdue and still unpaid at the end of the month before; the month
 * in which an amount falls due is never charged (it is not yet 30 days late). `daily`: Luật BHXH 2024:
 * a percentage of the late amount for each day late, counted from the day after the deadline.
 */
export type InterestRegime = { kind: 'monthly' } | { kind: 'daily'; percentPerDay: string };

export const INTEREST_REGIMES: DatedTable<InterestRegime> = [
  {
    from: '2016-01-01', value: { kind: 'monthly' },
    source: 'Luật BHXH 2014 art. 122 cl. 3; Luật BHYT art. 49 cl. 3; QĐ 60/2015/QĐ-TTg art. 6 cl. 3; QĐ 595/QĐ-BHXH art. 37 cl. 1 and 3 (as amended by QĐ 888/QĐ-BHXH)',
  },
  {
    // Every day from 2025-07-01, also of a debt late since before: the old rule keeps only the months that
    // ended before it (domain.md; the transitional wording, Law 41/2024 art. 141, is not confirmed: verify).
    from: '2025-07-01', value: { kind: 'daily', percentPerDay: '0.03' }, verify: true,
    source: 'Luật BHXH 2024 (Law 41/2024/QH15) art. 40 cl. 1 (0.03 %/day on the amount and days late, counted from the day after the deadline); NĐ 274/2025/NĐ-CP; BHYT: Luật BHYT as amended by Law 51/2024/QH15 (verify)',
  },
];

/**
 * Rounding of interest to the đồng. No text was found that says where the agency rounds (per month's
 * charge or per notice); VSS's worked example (100,000,000 × 0.9666 % = 966,600) needs none. socai
 * rounds each fund's sum half-up once per computation (`fund-total`); `line` rounds every basis line.
 */
export type InterestRounding = 'fund-total' | 'line';

export const INTEREST_ROUNDING: DatedTable<InterestRounding> = [
  { from: '2016-01-01', value: 'fund-total', source: 'no primary text found; half-up as every computed amount (docs/rules.md "Money")', verify: true },
];

/**
 * One dated change of a period's amount for one fund: its assessment (positive), a payment allocated
 * to it (negative), an adjustment. The amount owed at the end of a day is the sum of the changes dated
 * on or before it; it is late on the days after the period's due date.
 */
export interface LateAmountChange {
  on: IsoDate;
  fund: Fund;
  change: Money;
}

export interface PeriodLateTimeline {
  period: IsoMonth;
  dueDate: IsoDate;
  changes: readonly LateAmountChange[];
}

/**
 * The stretch of time charged: the days `from`..`to` (both inclusive) of the daily regime, and the
 * months of the monthly regime whose last day falls in it. A month-end close charges from the day after
 * the last close to its closing day, so no day or month is charged twice.
 */
export interface InterestWindow {
  from?: IsoDate;
  to: IsoDate;
  /**
   * Months before `from` that an earlier charge left "not computed" for want of k (`monthsLeftUncomputed`):
   * each is charged now if its k is known, on the amount late at its end, and listed in `notComputed`
   * again if it is still not. Nothing else before `from` is charged twice.
   */
  earlier?: readonly LateMonthKey[];
}

/** A month of lateness of one period and fund, as a charge's basis line or `notComputed` entry names it. */
export interface LateMonthKey {
  period: IsoMonth;
  fund: Fund;
  month: IsoMonth;
}

/** One stretch a fund's amount was late and what it costs: what `LateInterestCharged` carries as its basis. */
export interface InterestBasisLine {
  period: IsoMonth;
  fund: Fund;
  lateAmount: Money;
  from: IsoDate;
  to: IsoDate;
  /** Percent per `per`: k per month, or the daily percentage. */
  rate: string;
  per: 'month' | 'day';
  /** 1 for a month; the days of the stretch for the daily regime. */
  count: number;
  /** The exact interest of the line, before rounding (a decimal, possibly with a fraction). */
  interest: string;
  ruleSource: string;
}

/** A month of lateness left uncharged because its year's k is not known. */
export interface UncomputedLateMonth {
  period: IsoMonth;
  fund: Fund;
  month: IsoMonth;
  lateAmount: Money;
  reason: string;
}

export interface LateInterestCharge {
  byFund: Record<Fund, Money>;
  total: Money;
  basis: InterestBasisLine[];
  notComputed: UncomputedLateMonth[];
  /** False when some month is left out of the figures (see `notComputed`). */
  computed: boolean;
}

/** Each fund's place in FUNDS; a change of any other fund is left out, as the funds' walk never reaches it. */
const FUND_INDEX: Readonly<Record<string, number | undefined>> = Object.assign(Object.create(null) as object, Object.fromEntries(FUNDS.map((fund, i) => [fund, i])));

/**
 * Interest owed on periods' late amounts over a window, whether or not they are paid now: each month
 * of the monthly regime on the amount unpaid at its end, at k of the year of the charge (the first day
 * of the next month, as k applies from 1 January); each day of the daily regime on the amount unpaid
 * at the end of the day before (a payment stops the charge from the next day). A month whose k is not
 * known is listed in `notComputed` on its own; every other month and every daily day is still charged.
 */
export function lateInterestCharge(
  timelines: readonly PeriodLateTimeline[],
  window: InterestWindow,
  rates: InterestRateLookup,
  regimes: DatedTable<InterestRegime> = INTEREST_REGIMES,
): LateInterestCharge {
  const basis: InterestBasisLine[] = [];
  const notComputed: UncomputedLateMonth[] = [];
  const months = monthCalendar(regimes);
  // Each fund's changes, in FUNDS order: lists emptied for each timeline rather than a map of new lists
  // (the lines copy what they keep of a change, so no list outlives its timeline).
  const byFund: LateAmountChange[][] = FUNDS.map(() => []);
  for (const timeline of timelines) {
    for (const changes of byFund) changes.length = 0;
    for (const change of timeline.changes) byFund[FUND_INDEX[change.fund] ?? FUNDS.length]?.push(change);
    for (let f = 0; f < FUNDS.length; f++) {
      const fund = FUNDS[f]!;
      const changes = byFund[f]!;
      if (changes.length === 0) continue;
      // In date order (a stable sort: changes of one day keep their order).
      sortByDate(changes);
      monthlyLines(timeline, fund, changes, window, rates, regimes, months, basis, notComputed);
      dailyLines(timeline, fund, changes, window, regimes, basis);
    }
  }
  return totalsOf(basis, notComputed, valueOn(INTEREST_ROUNDING, window.to) ?? 'fund-total');
}

/**
 * Sorts dated changes in place by date, stably (changes of one day keep their order), as
 * `Array.prototype.sort` would: by insertion for the few changes of one period, which leaves no
 * garbage, where the built-in sort's work area was a third of an arrears query's (docs/decisions.md,
 * "Arrears p99"). A long list goes to the built-in sort.
 */
export function sortByDate<T extends { on: IsoDate }>(changes: T[]): T[] {
  if (changes.length > 64) return changes.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  for (let i = 1; i < changes.length; i++) {
    const change = changes[i]!;
    let at = i;
    while (at > 0 && changes[at - 1]!.on > change.on) {
      changes[at] = changes[at - 1]!;
      at--;
    }
    changes[at] = change;
  }
  return changes;
}

/**
 * A balance of amounts added one by one, as exact as decimal.js: whole đồng (every amount a ledger
 * holds) are summed in a BigInt, which leaves far less garbage than a Decimal per addition; any
 * other decimal string turns it into a Decimal for good. Sums stay far below decimal.js's 40 digits.
 */
export class RunningBalance {
  private whole = 0n;
  private decimal: Dec | undefined;

  add(amount: Money): void {
    if (this.decimal === undefined && WHOLE_DONG_CHANGE.test(amount)) this.whole += BigInt(amount);
    else this.decimal = (this.decimal ?? new Dec(this.whole.toString())).plus(amount);
  }

  isPositive(): boolean {
    return this.decimal === undefined ? this.whole > 0n : this.decimal.gt(0);
  }

  /** The balance as a Decimal, for the arithmetic of a line. */
  value(): Dec {
    return this.decimal ?? new Dec(this.whole.toString());
  }
}

/** A signed whole number of đồng, short enough that no sum of them nears decimal.js's precision. */
const WHOLE_DONG_CHANGE = /^-?[0-9]{1,24}$/;

/** What the monthly regime reads of a month: its last day, whether the regime in force then is monthly, the month after. */
interface CalendarMonth {
  end: IsoDate;
  monthly: boolean;
  next: IsoMonth;
  /** The year of the first day of the next month, when the month is charged (k applies from 1 January). */
  chargedInYear: number;
}

/**
 * The months of one computation, each worked out once: every period and fund walks the same months,
 * and building their dates again for each was most of an arrears query's garbage (docs/decisions.md,
 * "Arrears p99").
 */
function monthCalendar(regimes: DatedTable<InterestRegime>): (month: IsoMonth) => CalendarMonth {
  const known = new Map<IsoMonth, CalendarMonth>();
  return (month) => {
    let entry = known.get(month);
    if (entry === undefined) {
      const end = lastDayOf(month);
      const next = addMonths(month, 1);
      entry = { end, monthly: valueOn(regimes, end)?.kind === 'monthly', next, chargedInYear: Number(firstDayOf(next).slice(0, 4)) };
      known.set(month, entry);
    }
    return entry;
  };
}

/** The months of the monthly regime a charge's basis lines charge (a daily line charges days, not a month). */
export function chargedMonthsOf(basis: readonly Pick<InterestBasisLine, 'period' | 'fund' | 'from' | 'per'>[]): LateMonthKey[] {
  return basis.filter((line) => line.per === 'month').map((line) => ({ period: line.period, fund: line.fund, month: monthOf(line.from) }));
}

/**
 * The months that earlier charges left "not computed" (k unknown at their close) and that no charge
 * has charged since: what the next charge owes once k is announced (`InterestWindow.earlier`), and
 * what is owed once and only once, since a charge that charges a month takes it off this list.
 */
export function monthsLeftUncomputed<T extends LateMonthKey>(
  charges: readonly { notComputed: readonly T[]; basis: readonly Pick<InterestBasisLine, 'period' | 'fund' | 'from' | 'per'>[] }[],
): T[] {
  const charged = new Set(charges.flatMap((charge) => chargedMonthsOf(charge.basis)).map(monthKey));
  const left = new Map<string, T>();
  for (const charge of charges) for (const month of charge.notComputed) if (!charged.has(monthKey(month))) left.set(monthKey(month), month);
  return [...left.values()];
}

export function monthKey(month: LateMonthKey): string {
  return `${month.period}/${month.fund}/${month.month}`;
}

/** The amount owed at the end of `day`: every change dated on or before it. */
function balanceAt(changes: readonly LateAmountChange[], day: IsoDate): Dec {
  let balance = new Dec(0);
  for (const change of changes) if (change.on <= day) balance = balance.plus(change.change);
  return balance;
}

function monthlyLines(
  timeline: PeriodLateTimeline, fund: Fund, ordered: readonly LateAmountChange[], window: InterestWindow,
  rates: InterestRateLookup, regimes: DatedTable<InterestRegime>, months: (month: IsoMonth) => CalendarMonth,
  basis: InterestBasisLine[], notComputed: UncomputedLateMonth[],
): void {
  const regimeSource = rowOn(regimes, timeline.dueDate)?.source ?? 'QĐ 595/QĐ-BHXH art. 37';
  // The balance is carried from month to month over the changes (in date order) each added once.
  let next = 0;
  const balance = new RunningBalance();
  // Once nothing is owed and no later change can make it owed again, no further month is charged.
  const lastChangeOn = ordered.at(-1)?.on ?? '';
  // Months an earlier charge left uncomputed: charged now, out of the window, if k is known.
  const earlier = earlierMonthsOf(window, timeline.period, fund);
  let lastMonth = window.to;
  if (earlier) for (const m of earlier) if (lastDayOf(m) > lastMonth) lastMonth = lastDayOf(m);
  // The month the amount falls due in is not charged: its first day is not after the due date.
  for (let month = addMonths(monthOf(timeline.dueDate), 1), calendar = months(month); calendar.end <= lastMonth; month = calendar.next, calendar = months(month)) {
    const monthEnd = calendar.end;
    if (!calendar.monthly) break;
    while (next < ordered.length && ordered[next]!.on <= monthEnd) balance.add(ordered[next++]!.change);
    const isEarlier = earlier !== undefined && earlier.has(month);
    if (!isEarlier && ((window.from !== undefined && monthEnd < window.from) || monthEnd > window.to)) continue;
    if (!balance.isPositive()) {
      if (monthEnd >= lastChangeOn) break;
      continue;
    }
    const lateAmount = balance.value();
    const year = calendar.chargedInYear;
    const k = rates(year, interestRateFundOf(fund));
    if (!k) {
      notComputed.push({ period: timeline.period, fund, month, lateAmount: lateAmount.toFixed(0), reason: `k for ${year} (${interestRateFundOf(fund)}) not announced` });
      continue;
    }
    basis.push({
      period: timeline.period, fund, lateAmount: lateAmount.toFixed(0), from: firstDayOf(month), to: monthEnd,
      rate: k.monthlyPercent, per: 'month', count: 1,
      interest: lateAmount.times(k.monthlyPercent).dividedBy(100).toFixed(),
      ruleSource: `${regimeSource}; k ${year}: ${k.documentRef} (${k.announcedOn})${isEarlier ? '; left uncomputed by an earlier close, k not announced then' : ''}`,
    });
  }
}

/** The months of `window.earlier` of one period and fund; undefined when there are none (the usual case: no set to build). */
function earlierMonthsOf(window: InterestWindow, period: IsoMonth, fund: Fund): Set<IsoMonth> | undefined {
  let months: Set<IsoMonth> | undefined;
  for (const m of window.earlier ?? []) if (m.period === period && m.fund === fund) (months ??= new Set()).add(m.month);
  return months;
}

function dailyLines(
  timeline: PeriodLateTimeline, fund: Fund, changes: readonly LateAmountChange[], window: InterestWindow,
  regimes: DatedTable<InterestRegime>, basis: InterestBasisLine[],
): void {
  // A window that ends before the first daily row has no daily days: skip the day arithmetic (most of a query's time before 2025).
  if (!regimes.some((row) => row.value.kind === 'daily' && row.from <= window.to)) return;
  let start = addDays(timeline.dueDate, 1);
  if (window.from !== undefined && window.from > start) start = window.from;
  if (start > window.to) return;
  // The amount charged changes the day after a change, and the rate where a regime row starts.
  const cuts = new Set<IsoDate>([start]);
  for (const change of changes) cuts.add(addDays(change.on, 1));
  for (const row of regimes) cuts.add(row.from);
  const starts = [...cuts].filter((day) => day >= start && day <= window.to).sort();
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i];
    const to = i + 1 < starts.length ? addDays(starts[i + 1], -1) : window.to;
    const row = rowOn(regimes, from);
    if (row?.value.kind !== 'daily') continue;
    const lateAmount = balanceAt(changes, addDays(from, -1));
    if (lateAmount.lte(0)) continue;
    const days = daysInclusive(from, to);
    basis.push({
      period: timeline.period, fund, lateAmount: lateAmount.toFixed(0), from, to,
      rate: row.value.percentPerDay, per: 'day', count: days,
      interest: lateAmount.times(row.value.percentPerDay).dividedBy(100).times(days).toFixed(),
      ruleSource: row.source,
    });
  }
}

function daysInclusive(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

function totalsOf(basis: InterestBasisLine[], notComputed: UncomputedLateMonth[], rounding: InterestRounding): LateInterestCharge {
  const sums = Object.fromEntries(FUNDS.map((fund) => [fund, new Dec(0)])) as Record<Fund, Dec>;
  for (const line of basis) {
    sums[line.fund] = sums[line.fund].plus(rounding === 'line' ? roundToDong(new Dec(line.interest)) : line.interest);
  }
  const byFund = Object.fromEntries(FUNDS.map((fund) => [fund, roundToDong(sums[fund])])) as Record<Fund, Money>;
  const total = FUNDS.reduce((sum, fund) => sum.plus(byFund[fund]), new Dec(0)).toFixed(0);
  return { byFund, total, basis, notComputed, computed: notComputed.length === 0 };
}
