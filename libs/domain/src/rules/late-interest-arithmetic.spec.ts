import fc from 'fast-check';
import { addDays, addMonths, firstDayOf, lastDayOf, monthOf, type IsoDate } from '../calendar.js';
import { Dec, roundToDong, type Money } from '../money.js';
import { FUNDS, type Fund } from './contribution-rates.js';
import { rowOn, valueOn, type DatedTable } from './dated-table.js';
import { interestRateFundOf, type InterestRateAnnouncement, type InterestRateLookup } from './interest-rates.js';
import {
  INTEREST_REGIMES, INTEREST_ROUNDING, lateInterestCharge, RunningBalance, sortByDate, type InterestBasisLine, type InterestRegime, type InterestRounding,
  type InterestWindow, type LateAmountChange, type LateInterestCharge, type PeriodLateTimeline, type UncomputedLateMonth,
} from './late-interest.js';

/**
 * The arrears query's hot arithmetic was rewritten to leave less garbage (docs/decisions.md, "Arrears
 * p99"): each fast form must answer exactly what the form it replaced answered. The references below
 * are the replaced code, as it was.
 */
const reference = {
  lastDayOf(month: string): string {
    const [y, m] = month.split('-').map(Number) as [number, number];
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
    return `${month}-${days}`;
  },
  addMonths(month: string, count: number): string {
    const [y, m] = month.split('-').map(Number);
    const index = y * 12 + (m - 1) + count;
    return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
  },
  addDays(date: string, count: number): string {
    const d = new Date(`${date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + count);
    return d.toISOString().slice(0, 10);
  },
};

const isoDate = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const isoMonth = isoDate.map((d) => d.slice(0, 7));

it('reads months and days as the Date-based forms did', () => {
  fc.assert(fc.property(isoMonth, (month) => lastDayOf(month) === reference.lastDayOf(month)), { numRuns: 3000 });
  fc.assert(fc.property(isoMonth, fc.integer({ min: -400, max: 400 }), (month, count) => addMonths(month, count) === reference.addMonths(month, count)), { numRuns: 3000 });
  fc.assert(fc.property(isoDate, fc.integer({ min: -70, max: 70 }), (date, count) => addDays(date, count) === reference.addDays(date, count)), { numRuns: 3000 });
  // Every month end and turn of a year, the days the digit reading must hand over to Date.
  for (const date of ['2024-02-28', '2024-02-29', '2023-02-28', '1900-02-28', '2000-02-29', '2024-12-31', '2024-01-01', '2024-04-30']) {
    for (const count of [-1, 1, 2, -31, 31]) expect(addDays(date, count)).toBe(reference.addDays(date, count));
  }
  // Months not written YYYY-MM read as before.
  for (const month of ['999-1', '2024-1', '2024-13', '0000-02']) {
    expect(lastDayOf(month)).toBe(reference.lastDayOf(month));
    expect(addMonths(month, 1)).toBe(reference.addMonths(month, 1));
  }
  expect(addMonths('2024-12', 1)).toBe('2025-01');
  expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
});

it('sorts dated changes as the stable built-in sort does, short lists and long', () => {
  const changes = fc.array(fc.record({ on: fc.constantFrom('2024-01-31', '2024-02-10', '2024-02-29', '2024-03-31', '2024-04-01'), id: fc.nat() }), { maxLength: 100 });
  fc.assert(fc.property(changes, (list) => {
    const expected = [...list].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
    expect(sortByDate([...list])).toEqual(expected);
  }), { numRuns: 2000 });
});

it('keeps a balance exactly as decimal.js sums it, whole đồng or not', () => {
  const whole = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }).map(String);
  const decimal = fc.tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 1, max: 999 })).map(([w, f]) => `${w}.${f}`);
  fc.assert(fc.property(fc.array(fc.oneof({ weight: 9, arbitrary: whole }, { weight: 1, arbitrary: decimal }), { maxLength: 60 }), (amounts) => {
    const balance = new RunningBalance();
    let expected = new Dec(0);
    for (const amount of amounts) {
      balance.add(amount);
      expected = expected.plus(amount);
      expect(balance.isPositive()).toBe(!expected.lte(0));
      expect(balance.value().toFixed()).toBe(expected.toFixed());
    }
  }), { numRuns: 2000 });
});

it('charges late interest exactly as it did, month-end closes and accruals, monthly and daily', () => {
  const funds = fc.constantFrom<Fund>(...FUNDS);
  const day = fc.date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2026-06-30T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const amount = fc.oneof(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map(String), fc.constantFrom('0', '1000000', '-1000000'));
  const timeline = fc.record({ period: day.map((d) => d.slice(0, 7)), changes: fc.array(fc.record({ on: day, fund: funds, change: amount }), { maxLength: 12 }) })
    .map(({ period, changes }): PeriodLateTimeline => ({ period, dueDate: lastDayOf(period), changes }));
  const month = day.map((d) => d.slice(0, 7));
  const window = fc.record({ from: fc.option(day, { nil: undefined }), to: day, earlier: fc.array(fc.record({ period: month, fund: funds, month }), { maxLength: 4 }) })
    .map(({ from, to, earlier }): InterestWindow => ({ ...(from === undefined ? {} : { from }), to, earlier }));
  // Some years announced, some not (a month of an unannounced year is "not computed").
  const announced: InterestRateAnnouncement[] = [2019, 2020, 2022, 2024, 2025].flatMap((year) => [
    { year, fund: 'social' as const, monthlyPercent: '0.9667', documentRef: `TB ${year}`, announcedOn: `${year - 1}-12-20` },
    { year, fund: 'health' as const, monthlyPercent: '1.03', documentRef: `TB ${year} BHYT`, announcedOn: `${year - 1}-12-21` },
  ]);
  const rates: InterestRateLookup = (year, fund) => announced.find((a) => a.year === year && a.fund === fund);
  fc.assert(fc.property(fc.array(timeline, { maxLength: 4 }), window, (timelines, w) => {
    expect(lateInterestCharge(timelines, w, rates)).toEqual(lateInterestChargeAsItWas(timelines, w, rates));
  }), { numRuns: 1500 });
});

/**
 * lateInterestCharge as it was at 00ce223, with the calendar helpers as they were: the reference the
 * rewritten one must agree with to the character, month-end closes included (they write its figures
 * into the log).
 */
function lateInterestChargeAsItWas(
  timelines: readonly PeriodLateTimeline[],
  window: InterestWindow,
  rates: InterestRateLookup,
  regimes: DatedTable<InterestRegime> = INTEREST_REGIMES,
): LateInterestCharge {
  const basis: InterestBasisLine[] = [];
  const notComputed: UncomputedLateMonth[] = [];
  for (const timeline of timelines) {
    for (const fund of FUNDS) {
      const changes = timeline.changes.filter((change) => change.fund === fund).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
      if (changes.length === 0) continue;
      monthlyLines(timeline, fund, changes, window, rates, regimes, basis, notComputed);
      dailyLines(timeline, fund, changes, window, regimes, basis);
    }
  }
  return totalsOf(basis, notComputed, valueOn(INTEREST_ROUNDING, window.to) ?? 'fund-total');
}

/** The amount owed at the end of `day`: every change dated on or before it. */
function balanceAt(changes: readonly LateAmountChange[], day: IsoDate): Dec {
  let balance = new Dec(0);
  for (const change of changes) if (change.on <= day) balance = balance.plus(change.change);
  return balance;
}

function monthlyLines(
  timeline: PeriodLateTimeline, fund: Fund, changes: readonly LateAmountChange[], window: InterestWindow,
  rates: InterestRateLookup, regimes: DatedTable<InterestRegime>, basis: InterestBasisLine[], notComputed: UncomputedLateMonth[],
): void {
  const regimeSource = rowOn(regimes, timeline.dueDate)?.source ?? 'QĐ 595/QĐ-BHXH art. 37';
  // The balance is carried from month to month over the changes in date order, each added once.
  const ordered = [...changes].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  let next = 0;
  let balance = new Dec(0);
  // Once nothing is owed and no later change can make it owed again, no further month is charged.
  const lastChangeOn = ordered.at(-1)?.on ?? '';
  // Months an earlier charge left uncomputed: charged now, out of the window, if k is known.
  const earlier = new Set((window.earlier ?? []).filter((m) => m.period === timeline.period && m.fund === fund).map((m) => m.month));
  const lastMonth = [...earlier].reduce((last, m) => (reference.lastDayOf(m) > last ? reference.lastDayOf(m) : last), window.to);
  // The month the amount falls due in is not charged: its first day is not after the due date.
  for (let month = reference.addMonths(monthOf(timeline.dueDate), 1); reference.lastDayOf(month) <= lastMonth; month = reference.addMonths(month, 1)) {
    const monthEnd = reference.lastDayOf(month);
    if (valueOn(regimes, monthEnd)?.kind !== 'monthly') break;
    while (next < ordered.length && ordered[next]!.on <= monthEnd) balance = balance.plus(ordered[next++]!.change);
    const isEarlier = earlier.has(month);
    if (!isEarlier && ((window.from !== undefined && monthEnd < window.from) || monthEnd > window.to)) continue;
    const lateAmount = balance;
    if (lateAmount.lte(0)) {
      if (monthEnd >= lastChangeOn) break;
      continue;
    }
    const chargedOn = firstDayOf(reference.addMonths(month, 1));
    const year = Number(chargedOn.slice(0, 4));
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

function dailyLines(
  timeline: PeriodLateTimeline, fund: Fund, changes: readonly LateAmountChange[], window: InterestWindow,
  regimes: DatedTable<InterestRegime>, basis: InterestBasisLine[],
): void {
  // A window that ends before the first daily row has no daily days: skip the day arithmetic (most of a query's time before 2025).
  if (!regimes.some((row) => row.value.kind === 'daily' && row.from <= window.to)) return;
  let start = reference.addDays(timeline.dueDate, 1);
  if (window.from !== undefined && window.from > start) start = window.from;
  if (start > window.to) return;
  // The amount charged changes the day after a change, and the rate where a regime row starts.
  const cuts = new Set<IsoDate>([start]);
  for (const change of changes) cuts.add(reference.addDays(change.on, 1));
  for (const row of regimes) cuts.add(row.from);
  const starts = [...cuts].filter((day) => day >= start && day <= window.to).sort();
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i];
    const to = i + 1 < starts.length ? reference.addDays(starts[i + 1], -1) : window.to;
    const row = rowOn(regimes, from);
    if (row?.value.kind !== 'daily') continue;
    const lateAmount = balanceAt(changes, reference.addDays(from, -1));
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
