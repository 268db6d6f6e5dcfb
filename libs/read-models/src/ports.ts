import type { AreaSuccession, IsoDate, IsoMonth, Money } from '#domain';
import type { FollowOptions, LogPosition, LogSubscription, ReadAllOptions, RecordedEvent } from '#event-store';
import type { SqlParam } from './database/read-model-db.js';

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

/**
 * A page of the log already turned into the statements that apply it (EventWriter's, then its
 * marks), on the thread that read it: `count` events, the last at `last`. Statement `i` runs
 * `sqls[ids[i]]` with `params[i]`: each text once a page, and no object per statement to copy.
 */
export interface BuiltPage {
  count: number;
  first: number;
  last: number;
  sqls: string[];
  ids: Uint16Array;
  params: SqlParam[][];
}

/** A reader a rebuild uses instead of the source it was given, and closes when it is done. */
export interface RebuildSource extends EventSource {
  /**
   * Pages built on the reader's thread (BuiltPage), or events where it reads them itself (past the
   * end it saw); a rebuild then reads with this rather than readAll.
   */
  readPages?(options: { fromPosition: number; limit: number }): Promise<RecordedEvent[] | BuiltPage>;
  close(): Promise<void>;
}

/**
 * Offers a faster reader of `source`'s log for a rebuild (the SQLite log read on a worker thread),
 * or undefined to read `source` itself. The events it hands over need carry only the metadata
 * fields named in `metadataFields`: the only ones the projector reads.
 */
export type RebuildSourceFor = (source: EventSource, needs: { metadataFields: readonly string[] }) => RebuildSource | undefined;
