import { reconcilePayouts } from './reconcile-payouts.js';

describe('reconcilePayouts', () => {
  const ledger = [
    { paymentRef: 'P1', personId: '9500000001', amount: '4500000' },
    { paymentRef: 'P2', personId: '9500000002', amount: '3000000' },
    { paymentRef: 'P3', personId: '9500000003', amount: '2000000' },
    { paymentRef: 'P4', personId: '9500000004', amount: '1000001' },
  ];

  it('sorts every line and payment into exactly one bucket with exact sums', () => {
    const statement = [
      { paymentRef: 'P1', personId: '9500000001', amount: '4500000' },
      { paymentRef: 'P2', personId: '9500000002', amount: '3100000' },
      { paymentRef: 'P9', personId: '9500000009', amount: '700000' },
      { paymentRef: 'P4', personId: '9500000004', amount: '1000001' },
    ];
    expect(reconcilePayouts(statement, ledger)).toStrictEqual({
      matched: { count: 2, amount: '5500001' },
      amountMismatches: { count: 1, amount: '3100000', items: [{ paymentRef: 'P2', personId: '9500000002', statementAmount: '3100000', ledgerAmount: '3000000' }] },
      missingInLedger: { count: 1, amount: '700000', items: [{ paymentRef: 'P9', personId: '9500000009', amount: '700000' }] },
      missingInStatement: { count: 1, amount: '2000000', items: [{ paymentRef: 'P3', personId: '9500000003', amount: '2000000' }] },
    });
  });

  it('reports a line the statement repeats as missing in the ledger the second time', () => {
    const line = { paymentRef: 'P1', personId: '9500000001', amount: '4500000' };
    const result = reconcilePayouts([line, line], ledger.slice(0, 1));
    expect(result.matched).toStrictEqual({ count: 1, amount: '4500000' });
    expect(result.missingInLedger).toStrictEqual({ count: 1, amount: '4500000', items: [line] });
  });

  it('reports zero buckets for an empty statement and ledger', () => {
    expect(reconcilePayouts([], [])).toStrictEqual({
      matched: { count: 0, amount: '0' },
      amountMismatches: { count: 0, amount: '0', items: [] },
      missingInLedger: { count: 0, amount: '0', items: [] },
      missingInStatement: { count: 0, amount: '0', items: [] },
    });
  });
});
