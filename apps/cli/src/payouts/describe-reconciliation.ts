import type { PayoutsReconciled } from '#domain';
import type { CommandOutcome } from '#ledger';

/** `154945799975` → `154.945.799.975`: đồng as a Vietnamese reader writes them. */
export function dong(amount: string): string {
  return amount.replace(/\B(?=(\d{3})+$)/g, '.');
}

const SHOWN_ITEMS = 10;

/**
 * The summary `socai reconcile` prints: the four buckets with their counts and amounts in đồng,
 * then the first discrepancies of each bucket (the full list is in `socai export payouts`).
 */
export function describeReconciliation(reconciliation: PayoutsReconciled, outcome: CommandOutcome): string {
  const r = reconciliation;
  const recorded = outcome.status === 'created' ? 'recorded' : 'already recorded, nothing new written';
  const row = (label: string, bucket: { count: number; amount: string }, unit: string) =>
    `${label.padEnd(22)}${String(bucket.count).padStart(8)} ${unit.padEnd(9)}${dong(bucket.amount).padStart(22)} đ`;
  const lines = [
    `statement ${r.statementRef} of ${r.agent}, area ${r.areaCode}, ${r.month}: ${recorded} (position ${outcome.result.position}, event ${outcome.result.eventId})`,
    row('matched', r.matched, 'lines'),
    row('amount mismatches', r.amountMismatches, 'lines'),
    row('missing in ledger', r.missingInLedger, 'lines'),
    row('missing in statement', r.missingInStatement, 'payments'),
  ];
  const list = <T>(title: string, items: T[], text: (item: T) => string) => {
    if (items.length === 0) return;
    lines.push(`${title}:`);
    for (const item of items.slice(0, SHOWN_ITEMS)) lines.push(`  ${text(item)}`);
    if (items.length > SHOWN_ITEMS) lines.push(`  … and ${items.length - SHOWN_ITEMS} more`);
  };
  list('amount mismatches', r.amountMismatches.items, (m) => `${m.paymentRef} ${m.personId}: statement ${dong(m.statementAmount)} đ, ledger ${dong(m.ledgerAmount)} đ`);
  list('missing in ledger', r.missingInLedger.items, (m) => `${m.paymentRef} ${m.personId}: ${dong(m.amount)} đ`);
  list('missing in statement', r.missingInStatement.items, (m) => `${m.paymentRef} ${m.personId}: ${dong(m.amount)} đ`);
  return lines.join('\n');
}
