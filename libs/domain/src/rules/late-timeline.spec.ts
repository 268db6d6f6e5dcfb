import { allocatePayment, type Receivable } from './allocation.js';
import { interestRatesFrom } from './interest-rates.js';
import { lateInterestCharge } from './late-interest.js';
import { periodTimeline } from './late-timeline.js';

const k2017 = interestRatesFrom([
  { year: 2017, fund: 'social', monthlyPercent: '1.317', documentRef: 'TB 425/TB-BHXH', announcedOn: '2017-02-14' },
  { year: 2017, fund: 'health', monthlyPercent: '0.967', documentRef: 'TB 67/TB-BHXH', announcedOn: '2017-01-17' },
]);

describe('periodTimeline: a payment allocated in the agency\'s order, then the interest it leaves', () => {
  it('charges each fund on what the allocation left unpaid at each month end', () => {
    // Period 2017-01 due 2017-01-31: health 3,000,000, unemployment 1,000,000, pension 11,000,000. On 2017-03-10
    // 5,000,000 is paid: health 3,000,000, unemployment 1,000,000, pension 1,000,000 (the order: health, BHTN, …, pension).
    const assessed = { health: '3000000', unemployment: '1000000', pension: '11000000' };
    const owed: Receivable[] = Object.entries(assessed).map(([fund, amount]) => ({ period: '2017-01', fund: fund as Receivable['fund'], kind: 'principal', amount }));
    const payment = allocatePayment({ amount: '5000000', paidOn: '2017-03-10' }, owed);
    const timeline = periodTimeline('2017-01', '2017-01-31', assessed, [{ paidOn: '2017-03-10', lines: payment.lines }]);
    // February (charged 2017-03-01), on everything: health 3,000,000 × 0.967 % = 29,010; BHTN 13,170; pension 144,870.
    // March (charged 2017-04-01), on what was left at its end: pension 10,000,000 × 1.317 % = 131,700; health and BHTN paid.
    const charge = lateInterestCharge([timeline], { to: '2017-03-31' }, k2017);
    expect({ byFund: charge.byFund, total: charge.total }).toEqual({
      byFund: { pension: '276570', sickness: '0', accident: '0', health: '29010', unemployment: '13170' }, total: '318750',
    });
  });

  it('leaves interest lines out of the timeline', () => {
    const timeline = periodTimeline('2017-01', '2017-01-31', { health: '100' }, [
      { paidOn: '2017-03-10', lines: [{ period: '2017-01', fund: 'health', kind: 'interest', amount: '5' }, { period: '2016-12', fund: 'health', kind: 'principal', amount: '7' }] },
    ]);
    expect(timeline.changes).toEqual([{ on: '2017-01-31', fund: 'health', change: '100' }]);
  });
});
