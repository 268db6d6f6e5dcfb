import type { BenefitPaid, EntryReversed, StatementLine } from '#domain';
import type { EventStore } from '#event-store';
import type { LedgerPaymentsSource } from './ledger.js';

/**
 * The ledger's unreversed benefit payments of one payout month and area, read straight from the
 * event log. A reconciliation must compare against everything recorded, not against read models
 * that may lag behind the log.
 */
export function paymentsFromLog(store: EventStore, pageSize = 5_000): LedgerPaymentsSource {
  return async (month, areaCode) => {
    const payments = new Map<string, StatementLine & { eventId: string }>();
    const reversed = new Set<string>();
    for (let from = 1; ; ) {
      const page = await store.readAll({ fromPosition: from, limit: pageSize, types: ['BenefitPaid', 'EntryReversed'] });
      for (const event of page) {
        if (event.type === 'BenefitPaid') {
          const paid = event.data as BenefitPaid;
          if (paid.payoutMonth === month && paid.areaCode === areaCode) {
            payments.set(event.eventId, { eventId: event.eventId, paymentRef: paid.paymentRef, personId: paid.personId, amount: paid.amount });
          }
        } else if ((event.data as EntryReversed).reversedType === 'BenefitPaid') {
          reversed.add((event.data as EntryReversed).eventId);
        }
      }
      if (page.length < pageSize) break;
      from = page[page.length - 1].position + 1;
    }
    return [...payments.values()]
      .filter((payment) => !reversed.has(payment.eventId))
      .map(({ paymentRef, personId, amount }) => ({ paymentRef, personId, amount }));
  };
}
