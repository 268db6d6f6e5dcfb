import type { BenefitPaid, EntryReversed, StatementLine } from '#domain';
import type { EventStore } from '#event-store';
import type { LedgerPaymentsSource } from './ledger.js';
import { LEDGER_PAYMENTS_PAGE_EVENTS } from '#runtime/tunables';

/**
 * Payments as a projection already holds them: the read models' `ledgerPayments(month, area)`
 * and the checkpoint they are up to. Anything that answers the same two questions will do, at
 * once or as a promise.
 */
export interface PaymentsSnapshot {
  /** The position of the last event whose effect `ledgerPayments` holds (0 before the first). */
  position(): number | Promise<number>;
  /** The unreversed payments of a payout month whose area lies within `areaCode`. */
  ledgerPayments(month: string, areaCode: string): StatementLine[] | Promise<StatementLine[]>;
}

export interface PaymentsFromLogOptions {
  /** Events read per page of the log; 5,000 by default. */
  pageSize?: number;
  /**
   * Start from a projection's payments and read only the log after its checkpoint, instead of every
   * BenefitPaid ever recorded. `isWithin` must then say what the projection means by "in the area"
   * (a province covers its districts), so the log's tail is filtered the same way.
   */
  snapshot?: { payments: PaymentsSnapshot; isWithin(code: string, ancestorCode: string): boolean };
}

/**
 * The ledger's unreversed benefit payments of one payout month and area, exact as of the log's
 * head: a reconciliation must compare against everything recorded, not against read models that
 * may lag behind. Without a snapshot every BenefitPaid and EntryReversed of the log is read (a
 * type-filtered scan); with one, only those after its checkpoint. Payments come sorted by
 * paymentRef, so the same ledger gives the same reconciliation whatever the projection's lag.
 */
export function paymentsFromLog(store: EventStore, options: PaymentsFromLogOptions = {}): LedgerPaymentsSource {
  const pageSize = options.pageSize ?? LEDGER_PAYMENTS_PAGE_EVENTS;
  const snapshot = options.snapshot;
  const inArea = snapshot ? (code: string, area: string) => snapshot.isWithin(code, area) : (code: string, area: string) => code === area;
  return async (month, areaCode) => {
    const isCounted = (paid: BenefitPaid) => paid.payoutMonth === month && inArea(paid.areaCode, areaCode);
    // The checkpoint is read before the payments: if the projection moves on in between, the tail
    // replays events the payments already include, which changes nothing (see `apply` below).
    const from = (snapshot ? await snapshot.payments.position() : 0) + 1;
    const payments = new Map<string, StatementLine>();
    for (const payment of snapshot ? await snapshot.payments.ledgerPayments(month, areaCode) : []) payments.set(payment.paymentRef, payment);
    const refOfEvent = new Map<string, string>();
    for (let position = from; ; ) {
      const page = await store.readAll({ fromPosition: position, limit: pageSize, types: ['BenefitPaid', 'EntryReversed'] });
      for (const event of page) {
        if (event.type === 'BenefitPaid') {
          const paid = event.data as BenefitPaid;
          if (!isCounted(paid)) continue;
          // A live paymentRef belongs to one payment (its key is claimed), so it names the payment.
          payments.set(paid.paymentRef, { paymentRef: paid.paymentRef, personId: paid.personId, amount: paid.amount });
          refOfEvent.set(event.eventId, paid.paymentRef);
        } else {
          const reversal = event.data as EntryReversed;
          if (reversal.reversedType !== 'BenefitPaid') continue;
          const paymentRef = refOfEvent.get(reversal.eventId) ?? (snapshot ? await refOfEarlierPayment(store, reversal.eventId, isCounted) : undefined);
          if (paymentRef !== undefined) payments.delete(paymentRef);
        }
      }
      if (page.length < pageSize) break;
      position = page[page.length - 1].position + 1;
    }
    return [...payments.values()].sort((a, b) => (a.paymentRef < b.paymentRef ? -1 : a.paymentRef > b.paymentRef ? 1 : 0));
  };
}

/** The paymentRef of a payment recorded before the snapshot's checkpoint, if it counts here. */
async function refOfEarlierPayment(store: EventStore, eventId: string, isCounted: (paid: BenefitPaid) => boolean): Promise<string | undefined> {
  const event = await store.findEvent(eventId);
  const paid = event?.data as BenefitPaid | undefined;
  return paid && isCounted(paid) ? paid.paymentRef : undefined;
}
