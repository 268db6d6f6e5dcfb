/**
 * The event-store port. Both adapters implement it, embedded SQLite (`sqlite/`) and EventStoreDB or
 * KurrentDB (`esdb/`, loaded only when configured), and pass the shared contract suite in
 * `testing/event-store.contract.ts` (test/esdb runs it when SOCAI_TEST_ESDB_URL names a server).
 *
 * Revisions count the events of one stream from 0. Positions order every event of the store in
 * commit order, from 1; position 0 means "before the first event".
 */
import type { LedgerVerifier } from './ledger-verifier.port.js';

export type StreamRevision = number;
export type LogPosition = number;

/** Who recorded an event, how, and why; filled in by the ledger before the append. */
export interface EventContext {
  recordedAt: string;
  /** Who is accountable: an API key's id, or the OS user of a CLI run. */
  actor: string;
  /** The API key's name, a label beside its id (events recorded over HTTP since issue 20). */
  actorName?: string;
  role: string;
  source: 'http' | 'import' | 'cli';
  correlationId: string;
  causationId: string;
  commandKey: string;
}

export interface EventMetadata extends EventContext {
  eventId: string;
  schemaVersion: number;
  /** Hash of the previous event of the same stream; 64 zeros for the first. */
  prevHash: string;
  /** SHA-256 over the canonical JSON of this event and `prevHash` (see hash-chain.ts). */
  hash: string;
}

export interface NewEvent {
  eventId: string;
  type: string;
  data: unknown;
  /** Everything but the hashes, which the store computes while it appends. */
  metadata: EventContext & { eventId: string; schemaVersion: number };
}

export interface RecordedEvent<Data = unknown> {
  eventId: string;
  type: string;
  streamId: string;
  revision: StreamRevision;
  position: LogPosition;
  data: Data;
  metadata: EventMetadata;
}

/** `no_stream`: the stream must not exist yet; `any`: no check (never used for facts). */
export type ExpectedRevision = StreamRevision | 'no_stream' | 'any';

/**
 * Claim on a command's natural idempotency key, taken atomically with the append. A key belongs to
 * one event; it may be claimed again only when `releasing` names the event that held it (a
 * reversed assessment frees its period, for instance).
 */
export interface KeyClaim {
  commandKey: string;
  contentHash: string;
  releasing?: string;
}

export interface KeyRecord {
  commandKey: string;
  contentHash: string;
  eventId: string;
  streamId: string;
  revision: StreamRevision;
  position: LogPosition;
}

export interface AppendRequest {
  streamId: string;
  expectedRevision: ExpectedRevision;
  events: NewEvent[];
  claim?: KeyClaim;
}

export interface AppendResult {
  streamId: string;
  /** Revision of the last event appended. */
  revision: StreamRevision;
  /** Position of the last event appended. */
  position: LogPosition;
  events: RecordedEvent[];
}

/** One request's answer in `appendEach`: its result, or the conflict that refused it alone. */
export type AppendOutcome = AppendResult | AppendConflict;

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: StreamRevision | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${expected}, found ${actual}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export class KeyAlreadyClaimedError extends Error {
  constructor(readonly existing: KeyRecord) {
    super(`command key ${existing.commandKey} already belongs to event ${existing.eventId}`);
    this.name = 'KeyAlreadyClaimedError';
  }
}

/** The conflicts that refuse one append alone, for the client to resolve, unlike a failure of the store. */
export type AppendConflict = WrongExpectedRevisionError | KeyAlreadyClaimedError;

export function isAppendConflict(error: unknown): error is AppendConflict {
  return error instanceof WrongExpectedRevisionError || error instanceof KeyAlreadyClaimedError;
}

/** The store cannot take writes now (disk full, read-only, locked too long); the client may retry. */
export class StoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

export interface ReadAllOptions {
  fromPosition?: LogPosition;
  limit?: number;
  types?: string[];
}

/** A running push feed of the log (see `EventStore.follow`). */
export interface LogSubscription {
  /** Ends the feed; resolves once the handler is no longer running. */
  stop(): Promise<void>;
}

export interface FollowOptions {
  /** Told about each drop of the feed (or failure of the handler) and the delay before it resumes. */
  onDrop?: (error: unknown, failuresInARow: number, delayMs: number) => void;
}

/** A stream's id and how many events it holds (its head revision + 1). */
export interface StreamSize {
  streamId: string;
  events: number;
}

/**
 * A decision state folded from a stream's events 0..revision, encoded by the ledger (its codec names
 * its `format`). Not part of the log: a cache of what reading the stream would give, kept in the
 * store's file where the store can (SQLite), so that a state that left the ledger's memory is read
 * back as one row and the events after `revision` instead of the whole stream.
 */
export interface StateSnapshot {
  streamId: string;
  revision: StreamRevision;
  format: number;
  state: string;
}

export interface EventStore {
  /**
   * The audit capability (ledger-verifier.port.ts): present where the adapter can check its whole log
   * against the hashes and signed checkpoints, undefined where it cannot (ask through `verifierOf`).
   */
  readonly verifier?: LedgerVerifier;
  /** Appends atomically to one stream, checking the expected revision and the key claim. */
  append(request: AppendRequest): Promise<AppendResult>;
  /**
   * Appends to several streams in one atomic commit (the bulk import's batches): all or nothing.
   * Fails with the first conflict, naming its index in `requests`.
   */
  appendMany(requests: AppendRequest[]): Promise<AppendResult[]>;
  /**
   * Appends several independent requests with one durable commit where the store allows it (group
   * commit): each request is atomic on its own, and a conflict fails only that request, whose
   * answer is then its WrongExpectedRevisionError or KeyAlreadyClaimedError instead of a result.
   */
  appendEach(requests: AppendRequest[]): Promise<AppendOutcome[]>;
  readStream(streamId: string, options?: { fromRevision?: StreamRevision; limit?: number }): Promise<RecordedEvent[]>;
  /**
   * Optional (SQLite): what a decision state loaded from a snapshot at `revision` needs of its stream:
   * the position of the event at `revision` (undefined when the stream has none there), which proves the
   * snapshot was folded from this log, and the events after it without their metadata. With `revision`
   * -1, every event. Faster than `readStream`: the event at `revision` is not read, only found in the
   * stream's index, and no metadata is parsed (docs/decisions.md, 'Issue 23, session 14').
   */
  readStreamAfter?(streamId: string, revision: number): Promise<StreamTail>;
  /** Events with position ≥ fromPosition (default 1), in commit order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Where the store can push (EventStoreDB's catch-up subscription to `$all`): hands `handler`
   * batches of the events after position `after`, in log order, until stopped. When the feed drops
   * or the handler throws, it resumes after the last batch the handler accepted, so a handler must
   * tolerate being handed events it has already applied. Stores without it are polled with `readAll`.
   */
  follow?(after: LogPosition, handler: (events: RecordedEvent[]) => Promise<void>, options?: FollowOptions): LogSubscription;
  /** Position of the last committed event; 0 for an empty store. */
  headPosition(): Promise<LogPosition>;
  findEvent(eventId: string): Promise<RecordedEvent | undefined>;
  findKey(commandKey: string): Promise<KeyRecord | undefined>;
  /**
   * Optional: every stream and its size, at once and without waiting, where the store keeps its
   * stream heads in one table (SQLite). The ledger warms its decision states from it, and the bulk
   * import skips looking up streams and keys the store does not hold. A store that cannot list its
   * streams cheaply (EventStoreDB) leaves it out, and both go without.
   */
  streamSizesSync?(): StreamSize[];
  /**
   * Optional, beside `streamSizesSync`: a page of that listing, the streams whose ids lie strictly
   * between `after` and `before`, in id order (bytewise, which is JavaScript's order for ASCII ids), at
   * most `limit`. The server's warm-up reads the listing a page at a time, between requests: read at
   * once it held the event loop for a time that grows with the number of streams.
   */
  streamSizesBetweenSync?(after: string, before: string, limit: number): StreamSize[];
  /**
   * Optional, with `readSnapshot`: keeps decision-state snapshots beside the log (SQLite, in its own
   * file). Never waits and never fails the caller: the store writes them when it can (with its next
   * append's commit), keeps the newest of a stream, and may lose them (a crash): a lost snapshot only
   * makes a load read the whole stream. EventStoreDB leaves both out, and the ledger reads streams.
   */
  saveSnapshots?(snapshots: readonly StateSnapshot[]): void;
  /** Optional beside `saveSnapshots`: writes these now and resolves once they are written (never rejects). */
  writeSnapshots?(snapshots: readonly StateSnapshot[]): Promise<void>;
  /** The newest snapshot kept of a stream, of whatever format (the caller ignores one it cannot read). */
  readSnapshot?(streamId: string): Promise<StateSnapshot | undefined>;
  /**
   * Optional beside them: the streams that have a snapshot, at once. A caller that knows them asks
   * `readSnapshot` only for those: most streams are short and never have one, and the look-up that
   * finds nothing cost a miss as much as it saved.
   */
  snapshotStreamsSync?(): string[];
  close(): Promise<void>;
}

/** An event as a fold needs it: no stream id and no metadata; `data` upcast to its newest shape. */
export type StreamFact = Pick<RecordedEvent, 'eventId' | 'type' | 'revision' | 'position' | 'data'>;

/** A stream's events after a revision (`readStreamAfter`), and the position of its event at that revision. */
export interface StreamTail {
  positionAtRevision?: LogPosition;
  facts: StreamFact[];
}

export class BatchConflictError extends Error {
  constructor(
    readonly index: number,
    override readonly cause: WrongExpectedRevisionError | KeyAlreadyClaimedError,
  ) {
    super(`append ${index} of the batch conflicts: ${cause.message}`);
    this.name = 'BatchConflictError';
  }
}
