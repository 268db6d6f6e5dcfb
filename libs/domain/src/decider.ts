import type { AreaSuccession } from './areas/area-succession.js';
import type { IsoDate } from './calendar.js';
import type { Command, StatementLine } from './commands.js';
import type { AnyEventDataByType, AnyEventType, DomainEvent } from './events.js';
import type { InterestRateLookup } from './rules/interest-rates.js';

/**
 * The shape of the write side's pure core: `evolve` folds a stream's recorded facts into a state,
 * `decide` turns a command and that state into new events or a DomainError. Nothing here does I/O:
 * whatever a decision needs from outside the stream arrives in the DecideContext.
 */
export interface StoredFact<T extends AnyEventType = AnyEventType> {
  eventId: string;
  type: T;
  data: AnyEventDataByType[T];
  revision: number;
  position: number;
}

/** Answers whether an area code exists on a date, and where it belongs. */
export interface AreaLookup {
  /** The area in force on `onDate` with this code, or undefined. */
  find(code: string, onDate: IsoDate): { code: string; name: string; level: 'province' | 'district' | 'commune'; parentCode?: string } | undefined;
  /**
   * The 2025 reorganisation (issue 28): a command dated after 2025-07-01 naming an abolished code is
   * refused with its successor named, and a home in an abolished area counts in its successor.
   */
  readonly succession: Pick<AreaSuccession, 'successorOn' | 'areaValidOn' | 'unknownAreaMessage'>;
}

export interface DecideContext {
  areas: AreaLookup;
  /** Today's business date, for facts the ledger dates itself (a reconciliation's `reconciledOn`). */
  today: IsoDate;
  /** For ReconcilePayouts only: the ledger's unreversed payments of the statement's month and area. */
  ledgerPayments?: StatementLine[];
  /** For ChargeLateInterest only: the announced rates k the ledger holds (every unreversed announcement). */
  interestRates?: InterestRateLookup;
}
