import fc from 'fast-check';
import type { IsoDate } from '../calendar.js';
import { FUNDS } from './contribution-rates.js';
import type { DatedTable } from './dated-table.js';
import { addToBook, owedBook, owedSlot, settleFromBook, type AllocationOrder, type OwedBook, type OwedSlot } from './allocation.js';

/**
 * A sorted book takes a new receivable where sorting it again would put it, and a new order row of the
 * same funds keeps the book as it is (allocation.ts, `addToBook`, `settleFromBook`): the books below,
 * grown slot by slot, must hold their slots in exactly the order of a book sorted from scratch. Each
 * slot's `left` is its own tag, so slots that tie in the order (same period, fund and kind) are told
 * apart, and a stable sort's order among them is checked too.
 */
const ORDERS: DatedTable<AllocationOrder> = [
  { from: '2016-01-01', value: { funds: ['health', 'unemployment', 'sickness', 'accident', 'pension'] }, source: 'first' },
  { from: '2020-01-01', value: { funds: ['health', 'unemployment', 'sickness', 'accident', 'pension'] }, source: 'same funds, new source' },
  { from: '2023-01-01', value: { funds: ['pension', 'accident', 'sickness', 'unemployment', 'health'] }, source: 'reversed' },
];

const slotSpec = fc.record({
  period: fc.constantFrom('2019-11', '2019-12', '2020-01', '2022-06', '2023-02'),
  fund: fc.constantFrom(...FUNDS),
  kind: fc.constantFrom('principal' as const, 'interest' as const),
});
const day = fc.constantFrom<IsoDate>('2017-05-02', '2020-03-04', '2021-07-31', '2023-05-06', '2024-01-01');

/** A payment of nothing: it sorts the book for its day's order and settles nothing. */
const sortFor = (book: OwedBook, paidOn: IsoDate) => settleFromBook(book, { amount: 0n, paidOn }, ORDERS);
const tags = (slots: readonly OwedSlot[]) => slots.map((slot) => slot.left);

it('adds receivables to a sorted book, and changes order rows, as sorting the book from scratch would', () => {
  fc.assert(
    fc.property(fc.array(slotSpec, { maxLength: 20 }), fc.array(fc.tuple(day, fc.array(slotSpec, { maxLength: 6 })), { maxLength: 6 }), (first, steps) => {
      let tag = 0n;
      const slotOf = (s: { period: string; fund: (typeof FUNDS)[number]; kind: 'principal' | 'interest' }) => owedSlot(s.period, s.fund, s.kind, ++tag);
      const grown = owedBook(first.map(slotOf));
      const all = [...grown.slots];
      for (const [paidOn, added] of steps) {
        sortFor(grown, paidOn);
        for (const slot of added.map(slotOf)) {
          addToBook(grown, slot);
          all.push(slot);
        }
        const fresh = owedBook([...all]);
        sortFor(fresh, paidOn);
        sortFor(grown, paidOn);
        expect(tags(grown.slots)).toEqual(tags(fresh.slots));
        expect(tags(grown.byPeriod)).toEqual(tags(fresh.byPeriod));
      }
    }),
    { numRuns: 500 },
  );
});

it('settles a payment after a charge added to a sorted book as after sorting it again: 2021-05 health interest after its contributions', () => {
  const book = owedBook([owedSlot('2021-05', 'health', 'principal', 100n), owedSlot('2021-05', 'pension', 'principal', 300n)]);
  settleFromBook(book, { amount: 50n, paidOn: '2021-07-01' });
  addToBook(book, owedSlot('2021-06', 'health', 'interest', 7n));
  const settled = settleFromBook(book, { amount: 60n, paidOn: '2021-07-10' });
  expect(settled.lines.map(({ slot, amount }) => [slot.period, slot.fund, slot.kind, amount])).toEqual([
    ['2021-05', 'health', 'principal', 50n],
    ['2021-06', 'health', 'interest', 7n],
    ['2021-05', 'pension', 'principal', 3n],
  ]);
});
