import type { StatementLine } from '../commands.js';
import type { AmountMismatch, PayoutsReconciled, ReconciliationBucket } from '../events.js';
import { addMoney, compareMoney } from '../money.js';

export type ReconciliationResult = Pick<PayoutsReconciled, 'matched' | 'amountMismatches' | 'missingInLedger' | 'missingInStatement'>;

/**
 * Compares a payout agent's statement with the ledger's unreversed payments of the same month and
 * area, by paymentRef. `amount` sums the statement's side for matched, mismatched and missing-in-
 * ledger lines and the ledger's side for payments missing from the statement (contract
 * ReconcilePayouts). A ledger payment answers one statement line only: a line the statement repeats
 * finds no payment the second time and is reported as missing in the ledger.
 */
export function reconcilePayouts(lines: readonly StatementLine[], ledgerPayments: readonly StatementLine[]): ReconciliationResult {
  const unmatched = new Map(ledgerPayments.map((payment) => [payment.paymentRef, payment]));
  const matched: StatementLine[] = [];
  const mismatches: AmountMismatch[] = [];
  const missingInLedger: StatementLine[] = [];

  for (const line of lines) {
    const payment = unmatched.get(line.paymentRef);
    if (!payment) {
      missingInLedger.push({ ...line });
      continue;
    }
    unmatched.delete(line.paymentRef);
    if (compareMoney(line.amount, payment.amount) === 0) {
      matched.push(line);
    } else {
      mismatches.push({ paymentRef: line.paymentRef, personId: line.personId, statementAmount: line.amount, ledgerAmount: payment.amount });
    }
  }
  const missingInStatement = [...unmatched.values()].map((payment) => ({ ...payment }));

  return {
    matched: { count: matched.length, amount: addMoney(...matched.map((line) => line.amount)) },
    amountMismatches: bucket(mismatches, (item) => item.statementAmount),
    missingInLedger: bucket(missingInLedger, (line) => line.amount),
    missingInStatement: bucket(missingInStatement, (payment) => payment.amount),
  };
}

function bucket<T>(items: T[], amountOf: (item: T) => string): ReconciliationBucket<T> {
  return { count: items.length, amount: addMoney(...items.map(amountOf)), items };
}
