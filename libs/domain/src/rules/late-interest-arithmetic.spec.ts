import fc from 'fast-check';
import { addDays, addMonths, lastDayOf } from '../calendar.js';
import { Dec } from '../money.js';
import { RunningBalance, sortByDate } from './late-interest.js';

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
