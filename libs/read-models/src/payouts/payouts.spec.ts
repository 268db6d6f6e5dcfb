import { contractScenario } from '../testing/contract-scenario.js';
import { EventLog } from '../testing/event-log.js';
import { describeEachStore } from '../testing/read-models-harness.js';

describeEachStore('payouts', (stores) => {
  it('contract check: June 2021 in 954 keeps one 4,500,000 payment and shows the reversed duplicate apart', async () => {
    const h = await stores.harness();
    await h.project(contractScenario().log);
    const payouts = await h.queries.payouts('2021-06', '954');
    expect({ ...payouts, reconciliations: undefined }).toEqual({
      month: '2021-06',
      areaCode: '954',
      total: { amount: '4500000', payments: 1, recipients: 1 },
      byBenefit: { pension: { amount: '4500000', payments: 1 } },
      byChannel: { 'post-office-cash': { amount: '4500000', payments: 1 } },
      reversed: { amount: '4500000', payments: 1 },
      reconciliations: undefined,
    });
    expect(payouts.reconciliations).toHaveLength(1);
    expect(payouts.reconciliations[0]).toMatchObject({ statementRef: 'BL-VNPOST-954-2021-06', position: 15, matched: { count: 1, amount: '4500000' } });
    expect(await h.queries.ledgerPayments('2021-06', '954')).toEqual([{ paymentRef: 'BL-P-2021-06-1', personId: '9500000001', amount: '4500000' }]);
    expect((await h.queries.payouts('2021-06', '95')).total.amount).toBe('4500000');
    expect((await h.queries.payouts('2021-06', '956')).total).toEqual({ amount: '0', payments: 0, recipients: 0 });
  });

  it('sums by benefit and channel with distinct recipients', async () => {
    const log = new EventLog();
    const pay = (paymentRef: string, personId: string, benefit: 'pension' | 'sickness', amount: string, channel: 'bank-account' | 'office') =>
      log.record('BenefitPaid', { paymentRef, personId, benefit, payoutMonth: '2021-01', amount, channel, areaCode: '958', paidOn: '2021-01-20' });
    pay('P1', '9500000001', 'pension', '5123456', 'bank-account');
    pay('P2', '9500000001', 'sickness', '1000001', 'office');
    pay('P3', '9500000002', 'pension', '4876544', 'office');
    const h = await stores.harness();
    await h.project(log);
    const p = await h.queries.payouts('2021-01', '95');
    expect(p.total).toEqual({ amount: '11000001', payments: 3, recipients: 2 });
    expect(p.byBenefit).toEqual({ pension: { amount: '10000000', payments: 2 }, sickness: { amount: '1000001', payments: 1 } });
    expect(p.byChannel).toEqual({ 'bank-account': { amount: '5123456', payments: 1 }, office: { amount: '5876545', payments: 2 } });
  });
});
