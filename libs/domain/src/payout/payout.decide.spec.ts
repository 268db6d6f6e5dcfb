import type { Command } from '../commands.js';
import type { DomainEvent } from '../events.js';
import { given } from '../testing/decider-scenario.js';

const lines = [{ paymentRef: 'BL-P-2021-06-1', personId: '9500000001', amount: '4500000' }];
const reconcile = (month = '2021-06', areaCode = '954'): Command => ({
  command: 'ReconcilePayouts', data: { statementRef: 'BL-VNPOST-954-2021-06', month, areaCode, agent: 'Bưu điện Bạc Liêu', lines },
});
const reconciled: DomainEvent = {
  type: 'PayoutsReconciled',
  data: {
    statementRef: 'BL-VNPOST-954-2021-06', month: '2021-06', areaCode: '954', agent: 'Bưu điện Bạc Liêu', reconciledOn: '2021-07-05',
    matched: { count: 1, amount: '4500000' },
    amountMismatches: { count: 0, amount: '0', items: [] },
    missingInLedger: { count: 0, amount: '0', items: [] },
    missingInStatement: { count: 0, amount: '0', items: [] },
  },
};

describe('ReconcilePayouts', () => {
  it('records the comparison, dated today', () => {
    given('payout-954-2021-06').when(reconcile(), { ledgerPayments: lines }).then([reconciled]);
  });
  it('refuses an area not in force on the first day of the month', () => {
    given('payout-954-2025-07').when(reconcile('2025-07'), { ledgerPayments: [] }).thenRefuses('UNKNOWN_AREA');
  });
  it('cannot be reversed', () => {
    given('payout-954-2021-06', reconciled)
      .when({ command: 'ReverseEntry', data: { eventId: 'evt-0', reason: 'x', reversedOn: '2021-07-06' } }).thenRefuses('NOT_REVERSIBLE');
  });
  it('needs the ledger\'s payments from the ledger', () => {
    expect(() => given('payout-954-2021-06').when(reconcile()).then([])).toThrow('ledger\'s payments');
  });
});
