import type { AreaSuccession, IsoDate, IsoMonth, Money } from '#domain';
import type { FollowOptions, LogPosition, LogSubscription, ReadAllOptions, RecordedEvent } from '#event-store';

/**
 * What the read side needs from the area reference data. `AreaDirectory` (libs/domain/src/areas)
 * satisfies it; tests may pass a small table.
 */
export interface ReadModelAreas {
  /** The province a province, district or commune code belongs to; undefined for an unknown code. */
  provinceOf(code: string): string | undefined;
  /** The area under any version of the reference data, to name it and tell its level. */
  findAny(code: string): { code: string; name: string; level: string } | undefined;
  /** The 2025 reorganisation (issue 28): which current province carries each old code on, and each code's window. */
  succession: Pick<AreaSuccession, 'successorOn' | 'areaValidOn'>;
  /** The districts of an old province (on 2025-06-30) or the communes of a current one. */
  childrenOf(provinceCode: string, onDate: IsoDate): { code: string }[];
}

/** Late-payment interest on one overdue period (`lateInterest` of libs/domain/src/rules/interest.ts). */
export type LateInterestRule = (input: { overdue: Money; healthPortion: Money; dueDate: IsoDate; asOf: IsoDate }) => {
  amount: Money;
  computed: boolean;
  note?: string;
  /** The months of lateness left out of `amount` because their k is unknown (absent: none). */
  notComputed?: { month: IsoMonth; reason: string }[];
};

/**
 * Where the projector reads the global log from: any event store, or a test array. A source that can
 * push (`follow`, EventStoreDB's catch-up subscription) is followed; any other is polled.
 */
export interface EventSource {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  follow?(after: LogPosition, handler: (events: RecordedEvent[]) => Promise<void>, options?: FollowOptions): LogSubscription;
}

/** A reader a rebuild uses instead of the source it was given, and closes when it is done. */
export interface RebuildSource extends EventSource {
  close(): Promise<void>;
}

/**
 * Offers a faster reader of `source`'s log for a rebuild (the SQLite log read on a worker thread),
 * or undefined to read `source` itself. The events it hands over need carry only the metadata
 * fields named in `metadataFields`: the only ones the projector reads.
 */
export type RebuildSourceFor = (source: EventSource, needs: { metadataFields: readonly string[] }) => RebuildSource | undefined;
