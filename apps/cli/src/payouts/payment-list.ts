import type { BenefitPaid, EntryReversed, PayoutsReconciled } from '#domain';
import type { EventStore } from '#event-store';

/** One recorded payment of the list (danh sách chi trả), reversed or not. */
export interface ListedPayment extends BenefitPaid {
  eventId: string;
  position: number;
  /** Position of the reversal, when the payment was reversed. */
  reversedAt?: number;
  reversedOn?: string;
}

export interface PaymentList {
  payments: ListedPayment[];
  /** The latest reconciliation of the month and area, with the position it was recorded at. */
  reconciliation?: PayoutsReconciled & { position: number };
}

/**
 * Every payment of a payout month in an area (a province covers its districts), reversed ones
 * included and marked, read from the event log so the list is exact to its head; and the latest
 * reconciliation of the `payout-{area}-{month}` stream. Sorted by paymentRef, then recording order.
 */
export async function paymentList(
  store: EventStore,
  month: string,
  areaCode: string,
  isWithin: (code: string, ancestorCode: string) => boolean,
  pageSize = 5_000,
): Promise<PaymentList> {
  const byEvent = new Map<string, ListedPayment>();
  for (let position = 1; ; ) {
    const page = await store.readAll({ fromPosition: position, limit: pageSize, types: ['BenefitPaid', 'EntryReversed'] });
    for (const event of page) {
      if (event.type === 'BenefitPaid') {
        const paid = event.data as BenefitPaid;
        if (paid.payoutMonth === month && isWithin(paid.areaCode, areaCode)) byEvent.set(event.eventId, { ...paid, eventId: event.eventId, position: event.position });
      } else {
        const reversal = event.data as EntryReversed;
        const payment = byEvent.get(reversal.eventId);
        if (payment) Object.assign(payment, { reversedAt: event.position, reversedOn: reversal.reversedOn });
      }
    }
    if (page.length < pageSize) break;
    position = page[page.length - 1].position + 1;
  }
  const payments = [...byEvent.values()].sort((a, b) => (a.paymentRef < b.paymentRef ? -1 : a.paymentRef > b.paymentRef ? 1 : a.position - b.position));
  return { payments, reconciliation: await latestReconciliation(store, `payout-${areaCode}-${month}`) };
}

async function latestReconciliation(store: EventStore, streamId: string): Promise<PaymentList['reconciliation']> {
  let latest: PaymentList['reconciliation'];
  for (let revision = 0; ; ) {
    const page = await store.readStream(streamId, { fromRevision: revision, limit: 100 });
    for (const event of page) if (event.type === 'PayoutsReconciled') latest = { ...(event.data as PayoutsReconciled), position: event.position };
    if (page.length < 100) return latest;
    revision = page[page.length - 1].revision + 1;
  }
}
