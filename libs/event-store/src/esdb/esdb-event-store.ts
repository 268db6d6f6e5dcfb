import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  START,
  type AllStreamResolvedEvent,
  type EventData,
  type JSONType,
  type Position,
  type ReadPosition,
  type ReadRevision,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  BatchConflictError,
  isAppendConflict,
  KeyAlreadyClaimedError,
  StoreUnavailableError,
  WrongExpectedRevisionError,
  type AppendOutcome,
  type AppendRequest,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type FollowOptions,
  type KeyClaim,
  type KeyRecord,
  type LogPosition,
  type LogSubscription,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
  type StreamRevision,
} from '../event-store.port.js';
import { checkExpectedRevision } from '../expected-revision.js';
import { GENESIS_HASH, sealEvent } from '../hash-chain.js';
import { redactCredentials, toEsdbConnectionString } from './connection-string.js';
import { isStreamNotFound, isWrongExpectedVersion, toActualRevision, toStoreError } from './esdb-errors.js';
import {
  DEFAULT_CLAIM_LEASE_MS,
  resolveHolder,
  type ClaimRecord,
  type Holder,
  type KeyStreamRecord,
  type ProbeResult,
} from './key-claims.js';
import { Lru } from './lru.js';
import { FROM_LEADER, ledgerEventOf, toLedgerEvent } from './ledger-events.js';
import { subscribeFromCheckpoint } from './subscribe.js';
import {
  CLOCK_READ,
  CLOCK_STREAM,
  esdbEventId,
  EVENT_LOCATED,
  eventIndexStreamName,
  isHiddenFromLedger,
  KEY_CLAIM_WITHDRAWN,
  KEY_CLAIMED,
  keyStreamName,
  uuidFromName,
} from './names.js';
import { knownPosition, readStartCandidates, toEsdbPosition, toLogPosition } from './positions.js';

export interface EsdbEventStoreOptions {
  /** How long a claim may wait for its event before it counts as abandoned (see key-claims.ts). */
  claimLeaseMs?: number;
  /** Entries in each cache of immutable facts (stream tips' hashes, event positions). */
  cacheSize?: number;
  /** Events read from `$all` per request. */
  pageSize?: number;
}

/** What `socai-event-<id>` records: where the event lives and its position in `$all`. */
interface EventLocation {
  streamId: string;
  revision: number;
  commit: string;
  prepare: string;
}

type ClientRecordedEvent = NonNullable<ResolvedEvent['event']>;

const CONFLICT_RETRIES = 5;

/**
 * The event-store port on EventStoreDB/KurrentDB (a cluster of three nodes in production; see
 * docs/operations.md). What the server gives directly: one stream per append, exact expected
 * revisions, idempotent appends by event id, and the global order `$all`. What the adapter adds:
 *
 *  - HASH CHAIN: hashes are computed here exactly as by the SQLite adapter (hash-chain.ts), with
 *    `prevHash` taken from the stream's event at the expected revision (cached, as an event at a given
 *    revision never changes), so both stores hold the same hashes for the same events.
 *  - EVENT IDS: the server requires UUIDs; ledger event ids are deterministic UUIDs (ledger/ids.ts) and
 *    go to the server as they are, so a retried append at the same revision is deduplicated by the
 *    server, durably. Other ids are mapped to a name-based UUID (names.ts); reads return the port's id
 *    from the metadata.
 *  - KEY CLAIMS in per-key streams, claimed before the events (key-claims.ts explains why that is safe).
 *  - POSITIONS: the commit position of `$all` (positions.ts). Stream reads may not carry positions, so
 *    every append records `socai-event-<eventId>` → {streamId, revision, commit, prepare} once its
 *    position is known; that index also answers `findEvent`, which EventStoreDB cannot do by id. If a
 *    process dies between the append and the index write, the next read of that stream finds the
 *    position in `$all` (from the previous event's position on) and writes the missing index.
 *  - appendMany: EventStoreDB has no transaction across streams. A batch is checked as a whole first
 *    (revisions and key claims), then appended one request at a time; a conflict that appears between
 *    the check and the write leaves the requests before it written, and the error names its index. The
 *    bulk import's all-or-nothing batch thus weakens to all-or-nothing per command, which is safe to
 *    retry: the same lines give the same event ids and the same claims.
 *
 * Streams named `socai-…` are the adapter's bookkeeping and never appear in `readAll`; neither do system
 * streams and events (`$…`). The cluster should be dedicated to one ledger: events without the ledger's
 * metadata are skipped.
 */
export class EsdbEventStore implements EventStore {
  private readonly tips: Lru<string, { revision: StreamRevision; hash: string }>;
  private readonly positionsById: Lru<string, LogPosition>;
  private readonly eventPositions: Lru<LogPosition, true>;
  private readonly claimLeaseMs: number;
  private readonly pageSize: number;
  private clockStreamCapped = false;
  /**
   * The port's `streamSizesSync` is not offered: a cluster lists its streams only by reading them,
   * so the ledger neither warms its states nor trusts a listing of streams on this store.
   */
  readonly streamSizesSync = undefined;
  readonly streamSizesBetweenSync = undefined;
  /**
   * Nor are decision-state snapshots (`saveSnapshots`, `readSnapshot`): they would be a stream of their
   * own per state, read like the stream itself, so the ledger reads whole streams here, as before.
   */
  readonly saveSnapshots = undefined;
  readonly readSnapshot = undefined;
  readonly snapshotStreamsSync = undefined;
  /** Nor a read without metadata: a cluster sends each event whole, so the ledger folds `readStream`'s. */
  readonly readStreamAfter = undefined;
  /**
   * No ledger verifier here, declared so. One could read `$all` and recheck every stream's hash chain,
   * but no cluster runs where this code is tested, and the signed checkpoints live only in the SQLite
   * file; `socai migrate` checks every hash on both sides when it copies a ledger in. Callers ask
   * `verifierOf(store)`, which names this store in a VerifierUnavailableError.
   */
  readonly verifier: undefined = undefined;

  private constructor(
    /** The underlying client, for subscriptions (subscribe.ts) and operations tools. */
    readonly client: EventStoreDBClient,
    /** The connection string without its password. */
    readonly description: string,
    options: EsdbEventStoreOptions,
  ) {
    const cacheSize = options.cacheSize ?? 100_000;
    this.tips = new Lru(cacheSize);
    this.positionsById = new Lru(cacheSize);
    this.eventPositions = new Lru(cacheSize);
    this.claimLeaseMs = options.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS;
    this.pageSize = options.pageSize ?? 1000;
  }

  /**
   * A store on the cluster named by `connectionString` (`esdb://…`, `esdb+discover://…`, `kurrentdb://…`).
   * The client connects lazily: a cluster that cannot be reached fails the first call with
   * StoreUnavailableError; call `ping()` to find out at once.
   */
  static connect(connectionString: string, options: EsdbEventStoreOptions = {}): EsdbEventStore {
    const client = EventStoreDBClient.connectionString(toEsdbConnectionString(connectionString));
    return new EsdbEventStore(client, redactCredentials(connectionString), options);
  }

  /**
   * A catch-up subscription to `$all` after `after`, excluding system events, resubscribing with
   * exponential backoff when it drops (subscribe.ts). The projector keeps its own checkpoint.
   */
  follow(after: LogPosition, handler: (events: RecordedEvent[]) => Promise<void>, options: FollowOptions = {}): LogSubscription {
    return subscribeFromCheckpoint(this, after, handler, { onDrop: options.onDrop });
  }

  /**
   * Reads the head of `$all`: resolves when the cluster's leader answers within `deadlineMs`,
   * StoreUnavailableError otherwise. The client ignores a read's `deadline` (readAll passes
   * `deadline: Infinity` to gRPC) and gossip discovery retries for minutes, so the read is raced against
   * a timer here and cancelled when the timer wins.
   */
  async ping(deadlineMs = 5000): Promise<void> {
    await this.guard(async () => {
      const read = this.client.readAll({ ...FROM_LEADER, direction: BACKWARDS, fromPosition: END, maxCount: 1 });
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new StoreUnavailableError(`EventStoreDB unavailable: no answer from ${this.description} within ${deadlineMs} ms`)), deadlineMs);
      });
      const answer = collect(read);
      // Whichever loses the race must not end as an unhandled rejection.
      answer.catch(() => undefined);
      try {
        await Promise.race([answer, late]);
      } catch (error) {
        // cancel() waits for the connection the read is still waiting for: it is not awaited. The
        // client may still emit an error on the abandoned read (a failed discovery): it is ignored.
        read.on('error', () => undefined);
        read.cancel().catch(() => undefined);
        read.destroy();
        throw error;
      } finally {
        clearTimeout(timer);
      }
    });
  }

  // ---- writes ----

  async append(request: AppendRequest): Promise<AppendResult> {
    return this.guard(() => this.appendOne(request));
  }

  async appendMany(requests: AppendRequest[]): Promise<AppendResult[]> {
    return this.guard(async () => {
      if (requests.length > 1) await this.checkBatch(requests);
      const results: AppendResult[] = [];
      for (let index = 0; index < requests.length; index++) {
        try {
          results.push(await this.appendOne(requests[index]!));
        } catch (error) {
          if (isAppendConflict(error)) throw new BatchConflictError(index, error);
          throw error;
        }
      }
      return results;
    });
  }

  /** EventStoreDB commits each append by itself: the requests go one after another, each atomic. */
  async appendEach(requests: AppendRequest[]): Promise<AppendOutcome[]> {
    return this.guard(async () => {
      const outcomes: AppendOutcome[] = [];
      for (const request of requests) {
        try {
          outcomes.push(await this.appendOne(request));
        } catch (error) {
          if (isAppendConflict(error)) outcomes.push(error);
          else throw error;
        }
      }
      return outcomes;
    });
  }

  // ---- reads ----

  async readStream(streamId: string, options: { fromRevision?: StreamRevision; limit?: number } = {}): Promise<RecordedEvent[]> {
    return this.guard(async () => {
      // The adapter's own streams and the server's are not part of the ledger.
      if (options.limit === 0 || isHiddenFromLedger(streamId, '')) return [];
      const raw = await this.readRaw(streamId, BigInt(options.fromRevision ?? 0), options.limit);
      return this.withPositions(raw.filter((event) => this.isLedgerEvent(event)));
    });
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.guard(async () => {
      const from = options.fromPosition ?? 1;
      const limit = options.limit ?? Number.POSITIVE_INFINITY;
      if (limit <= 0) return [];
      const types = options.types && options.types.length > 0 ? new Set(options.types) : undefined;
      const candidates = readStartCandidates(from, (position) => this.eventPositions.has(position));
      for (let i = 0; ; i++) {
        try {
          return await this.readAllFrom(candidates[i]!, from, limit, types);
        } catch (error) {
          // The server refuses an offset that does not begin a record: try the next candidate.
          if (i === candidates.length - 1 || toStoreError(error) instanceof StoreUnavailableError) throw error;
        }
      }
    });
  }

  async headPosition(): Promise<LogPosition> {
    return this.guard(async () => {
      let from: ReadPosition = END;
      for (;;) {
        const page: AllStreamResolvedEvent[] = await collect(this.client.readAll({ ...FROM_LEADER, direction: BACKWARDS, fromPosition: from, maxCount: this.pageSize }));
        for (const resolved of page) {
          const event = resolved.event;
          if (event && this.isLedgerEvent(event)) return this.rememberPosition(event.position);
        }
        if (page.length < this.pageSize) return 0;
        from = page[page.length - 1]!.event!.position;
      }
    });
  }

  async findEvent(eventId: string): Promise<RecordedEvent | undefined> {
    return this.guard(async () => {
      const location = await this.readLocation(eventId);
      if (!location) return undefined;
      const [event] = await this.readStream(location.streamId, { fromRevision: location.revision, limit: 1 });
      return event?.eventId === eventId ? event : undefined;
    });
  }

  async findKey(commandKey: string): Promise<KeyRecord | undefined> {
    return this.guard(async () => {
      const holder = await this.holderOf(commandKey);
      return holder.state === 'held' ? holder.record : undefined;
    });
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  // ---- one append ----

  private async appendOne(request: AppendRequest): Promise<AppendResult> {
    const { streamId, events, claim } = request;
    for (const event of events) {
      if (event.metadata.eventId !== event.eventId) throw new TypeError(`event ${event.eventId}: metadata.eventId is ${event.metadata.eventId}`);
    }
    if (events.length === 0) {
      if (claim) throw new TypeError(`append to ${streamId}: a key claim needs at least one event`);
      const tip = await this.streamTip(streamId);
      checkExpectedRevision(streamId, request.expectedRevision, tip?.revision);
      return { streamId, revision: tip?.revision ?? -1, position: await this.headPosition(), events: [] };
    }
    for (let attempt = 1; ; attempt++) {
      // 'any' still appends at an exact revision: the hash chain needs the previous event's hash.
      const expected = request.expectedRevision === 'any' ? ((await this.streamTip(streamId))?.revision ?? 'no_stream') : request.expectedRevision;
      try {
        return await this.appendAt(streamId, expected, events, claim);
      } catch (error) {
        if (request.expectedRevision !== 'any' || !(error instanceof WrongExpectedRevisionError) || attempt >= CONFLICT_RETRIES) throw error;
      }
    }
  }

  private async appendAt(streamId: string, expected: StreamRevision | 'no_stream', events: NewEvent[], claim: KeyClaim | undefined): Promise<AppendResult> {
    const prevHash = expected === 'no_stream' ? GENESIS_HASH : await this.hashAt(streamId, expected);
    if (prevHash === undefined) {
      // The stream has no event at the expected revision: the server would refuse the append anyway.
      throw new WrongExpectedRevisionError(streamId, expected, (await this.streamTip(streamId))?.revision ?? 'no_stream');
    }
    const firstRevision = expected === 'no_stream' ? 0 : expected + 1;
    const sealed = sealChain(streamId, firstRevision, prevHash, events);
    const last = sealed[sealed.length - 1]!;

    const claimRevision = claim ? await this.claimKey(claim, { eventId: last.eventId, streamId, revision: last.revision }) : undefined;
    let written: Position | undefined;
    try {
      const result = await this.client.appendToStream(
        streamId,
        sealed.map((event) => toEventData(event)),
        { expectedRevision: expected === 'no_stream' ? NO_STREAM : BigInt(expected) },
      );
      written = knownPosition(result.position);
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw error;
      // Nothing was written, so the claim taken for it is withdrawn at once. (After any other error the
      // append may have landed: the claim stays, and a retry of the same command completes it.)
      if (claim && claimRevision !== undefined) await this.withdrawClaim(claim.commandKey, last.eventId, claimRevision);
      throw new WrongExpectedRevisionError(streamId, expected, toActualRevision(error.actualVersion));
    }

    const positions = await this.positionsOfAppend(streamId, sealed, written);
    const recorded = sealed.map((event, i) => ({ ...event, position: positions[i]! }));
    this.tips.set(streamId, { revision: last.revision, hash: last.metadata.hash });
    await Promise.all(recorded.map((event) => this.writeLocation(event)));
    return { streamId, revision: last.revision, position: positions[positions.length - 1]!, events: recorded };
  }

  /** Checks a whole batch against the store before writing any of it (see the class comment). */
  private async checkBatch(requests: readonly AppendRequest[]): Promise<void> {
    const streamIds = [...new Set(requests.map((request) => request.streamId))];
    const keys = [...new Set(requests.flatMap((request) => (request.claim ? [request.claim.commandKey] : [])))];
    const [tips, holders] = await Promise.all([
      Promise.all(streamIds.map(async (streamId) => [streamId, (await this.streamTip(streamId))?.revision] as const)),
      Promise.all(keys.map(async (key) => [key, await this.holderOf(key)] as const)),
    ]);
    const revisions = new Map<string, StreamRevision | undefined>(tips);
    const keyHolders = new Map<string, Holder>(holders);
    const claimedInBatch = new Set<string>();
    requests.forEach((request, index) => {
      const actual = revisions.get(request.streamId);
      try {
        checkExpectedRevision(request.streamId, request.expectedRevision, actual);
        const claim = request.claim;
        // A key claimed twice within the batch is left to the append itself, which names the holder.
        if (claim && !claimedInBatch.has(claim.commandKey)) {
          const holder = keyHolders.get(claim.commandKey)!;
          if (holder.state === 'held' && holder.record.eventId !== claim.releasing) throw new KeyAlreadyClaimedError(holder.record);
          if (holder.state === 'pending') throw claimInFlight(holder.claim);
          claimedInBatch.add(claim.commandKey);
        }
      } catch (error) {
        if (isAppendConflict(error)) throw new BatchConflictError(index, error);
        throw error;
      }
      revisions.set(request.streamId, (actual ?? -1) + request.events.length);
    });
  }

  // ---- key claims ----

  /** Claims the key for the event about to be appended; answers the claim's revision in its key stream. */
  private async claimKey(claim: KeyClaim, target: { eventId: string; streamId: string; revision: StreamRevision }): Promise<number> {
    const stream = keyStreamName(claim.commandKey);
    for (let attempt = 1; attempt <= CONFLICT_RETRIES; attempt++) {
      const { records, revision } = await this.readKeyStream(stream);
      const holder = await resolveHolder(records, (record) => this.probe(record), {
        serverNow: () => this.serverNow(),
        leaseMs: this.claimLeaseMs,
        claimantEventId: target.eventId,
      });
      if (holder.state === 'held' && holder.record.eventId !== claim.releasing) throw new KeyAlreadyClaimedError(holder.record);
      if (holder.state === 'pending') throw claimInFlight(holder.claim);
      const data = { commandKey: claim.commandKey, contentHash: claim.contentHash, ...target };
      try {
        await this.client.appendToStream(
          stream,
          jsonEvent({ id: uuidFromName(`claim\u0000${stream}\u0000${revision + 1}\u0000${target.eventId}\u0000${claim.contentHash}`), type: KEY_CLAIMED, data }),
          { expectedRevision: revision < 0 ? NO_STREAM : BigInt(revision) },
        );
        return revision + 1;
      } catch (error) {
        // Another writer claimed (or withdrew) in between: look again.
        if (!isWrongExpectedVersion(error)) throw error;
      }
    }
    throw new StoreUnavailableError(`command key ${claim.commandKey}: too much contention on its claim, retry`);
  }

  private async withdrawClaim(commandKey: string, eventId: string, claimRevision: number): Promise<void> {
    const stream = keyStreamName(commandKey);
    try {
      await this.client.appendToStream(
        stream,
        jsonEvent({ id: uuidFromName(`withdraw\u0000${stream}\u0000${claimRevision}\u0000${eventId}`), type: KEY_CLAIM_WITHDRAWN, data: { eventId } }),
        { expectedRevision: BigInt(claimRevision) },
      );
    } catch {
      // Best effort: an unwithdrawn claim is recognised as dead once another event takes its revision,
      // or as abandoned when its lease runs out.
    }
  }

  private async holderOf(commandKey: string): Promise<Holder> {
    const { records } = await this.readKeyStream(keyStreamName(commandKey));
    return resolveHolder(records, (record) => this.probe(record), { serverNow: () => this.serverNow(), leaseMs: this.claimLeaseMs });
  }

  private async readKeyStream(stream: string): Promise<{ records: KeyStreamRecord[]; revision: number }> {
    const raw = await this.readRaw(stream, 0n);
    const records = raw.map((event): KeyStreamRecord => {
      const data = event.data as Record<string, unknown>;
      if (event.type === KEY_CLAIM_WITHDRAWN) return { kind: 'withdrawn', eventId: String(data.eventId) };
      return {
        kind: 'claimed',
        commandKey: String(data.commandKey),
        contentHash: String(data.contentHash),
        eventId: String(data.eventId),
        streamId: String(data.streamId),
        revision: Number(data.revision),
        claimedAt: event.created.getTime(),
      };
    });
    return { records, revision: raw.length === 0 ? -1 : Number(raw[raw.length - 1]!.revision) };
  }

  /**
   * The server's clock now (ms since the epoch), the clock `claimedAt` was stamped with: the `created`
   * of a record written for the purpose. Only judging a pending claim needs it, which is rare (a
   * racing command, or a writer that died between its claim and its event), so the write is cheap
   * overall; the stream keeps one record.
   */
  private async serverNow(): Promise<number> {
    if (!this.clockStreamCapped) {
      await this.client.setStreamMetadata(CLOCK_STREAM, { maxCount: 1 });
      this.clockStreamCapped = true;
    }
    await this.client.appendToStream(CLOCK_STREAM, jsonEvent({ type: CLOCK_READ, data: {} }));
    const [record] = await this.readRaw(CLOCK_STREAM, END, 1, BACKWARDS);
    if (!record) throw new Error(`${CLOCK_STREAM}: the record just written cannot be read back`);
    return record.created.getTime();
  }

  /** Is the event a claim names there (live), is its revision taken by another (dead), or empty (pending)? */
  private async probe(claim: ClaimRecord): Promise<ProbeResult> {
    const [event] = await this.readStream(claim.streamId, { fromRevision: claim.revision, limit: 1 });
    if (!event || event.revision !== claim.revision) return { state: 'pending' };
    return event.eventId === claim.eventId ? { state: 'live', position: event.position } : { state: 'dead' };
  }

  // ---- hashes ----

  /** The hash of the stream's event at `revision`, or undefined when it has none there. */
  private async hashAt(streamId: string, revision: StreamRevision): Promise<string | undefined> {
    const tip = this.tips.get(streamId);
    if (tip?.revision === revision) return tip.hash;
    const [event] = await this.readRaw(streamId, BigInt(revision), 1);
    if (!event || Number(event.revision) !== revision) return undefined;
    return (event.metadata as unknown as EventMetadata).hash;
  }

  /** The stream's last revision and hash, read from the server (the cache may lag other writers). */
  private async streamTip(streamId: string): Promise<{ revision: StreamRevision; hash: string } | undefined> {
    const [event] = await this.readRaw(streamId, END, 1, BACKWARDS);
    if (!event) return undefined;
    const tip = { revision: Number(event.revision), hash: (event.metadata as unknown as EventMetadata).hash };
    this.tips.set(streamId, tip);
    return tip;
  }

  // ---- positions and the event index ----

  /** Positions of the events just appended; the server reports the last one's. */
  private async positionsOfAppend(streamId: string, events: readonly Omit<RecordedEvent, 'position'>[], reported: Position | undefined): Promise<LogPosition[]> {
    const found = new Map<string, LogPosition>();
    // No position comes back for an append the server deduplicated (a retry of one that landed).
    const last = reported ?? (await this.positionOfRecent(events[events.length - 1]!));
    found.set(events[events.length - 1]!.eventId, this.rememberPosition(last));
    if (events.length > 1) {
      // One append's records are contiguous in the log, so its other events are just before the last.
      const before = await collect(this.client.readAll({ ...FROM_LEADER, direction: BACKWARDS, fromPosition: last, maxCount: events.length + 8 }));
      for (const { event } of before) {
        if (event?.streamId === streamId && this.isLedgerEvent(event)) found.set((event.metadata as unknown as EventMetadata).eventId, this.rememberPosition(event.position));
      }
    }
    const positions: LogPosition[] = [];
    let lowerBound = 0;
    for (const event of events) {
      const position = found.get(event.eventId) ?? this.positionsById.get(event.eventId) ?? (await this.locate(event.streamId, event.revision, lowerBound));
      this.positionsById.set(event.eventId, position);
      positions.push(position);
      lowerBound = position;
    }
    return positions;
  }

  /** Stream events with their `$all` positions: from the server when it sends them, else cache, index or log. */
  private async withPositions(raw: readonly ClientRecordedEvent[]): Promise<RecordedEvent[]> {
    const events = raw.map((event) => toLedgerEvent(event, 0));
    const positions = await Promise.all(
      raw.map(async (event, i): Promise<LogPosition | undefined> => {
        const fromServer = knownPosition(event.position);
        if (fromServer) return this.rememberPosition(fromServer);
        const eventId = events[i]!.eventId;
        const cached = this.positionsById.get(eventId);
        if (cached !== undefined) return cached;
        const location = await this.readLocation(eventId);
        return location && location.streamId === event.streamId && location.revision === events[i]!.revision ? Number(location.commit) : undefined;
      }),
    );
    let lowerBound = 0;
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      let position = positions[i];
      if (position === undefined) {
        // The writer died before indexing this event: find it in the log, after its predecessor, and
        // write the index it missed.
        position = await this.locate(event.streamId, event.revision, lowerBound);
        await this.writeLocation({ ...event, position });
      }
      this.positionsById.set(event.eventId, position);
      event.position = position;
      lowerBound = position;
    }
    return events;
  }

  /**
   * Where an event appended a moment ago lives, when the server did not say: from the stream read (if
   * the server sends positions there), this process's cache, or the event index an earlier attempt
   * wrote; failing those, by reading `$all` backwards from its head, where a just-deduplicated append
   * is. Never a scan from the start of the log.
   */
  private async positionOfRecent(event: Omit<RecordedEvent, 'position'>): Promise<Position> {
    const [stored] = await this.readRaw(event.streamId, BigInt(event.revision), 1);
    const fromServer = stored && Number(stored.revision) === event.revision ? knownPosition(stored.position) : undefined;
    if (fromServer) return fromServer;
    const cached = this.positionsById.get(event.eventId);
    if (cached !== undefined) return toEsdbPosition(cached);
    const location = await this.readLocation(event.eventId);
    if (location && location.streamId === event.streamId && location.revision === event.revision) return toEsdbPosition(Number(location.commit));
    let from: ReadPosition = END;
    for (;;) {
      const page: AllStreamResolvedEvent[] = await collect(this.client.readAll({ ...FROM_LEADER, direction: BACKWARDS, fromPosition: from, maxCount: this.pageSize }));
      for (const { event: candidate } of page) {
        if (candidate?.streamId === event.streamId && Number(candidate.revision) === event.revision) return candidate.position;
      }
      if (page.length < this.pageSize) throw new Error(`event ${event.streamId}@${event.revision} is not in $all`);
      from = page[page.length - 1]!.event!.position;
    }
  }

  /** Scans `$all` from `lowerBound` (an event position, or 0) for a stream's event at a revision. */
  private async locate(streamId: string, revision: StreamRevision, lowerBound: LogPosition): Promise<LogPosition> {
    let from: ReadPosition = lowerBound > 0 ? toEsdbPosition(lowerBound) : START;
    for (;;) {
      const page: AllStreamResolvedEvent[] = await collect(this.client.readAll({ ...FROM_LEADER, direction: FORWARDS, fromPosition: from, maxCount: this.pageSize }));
      for (const { event } of page) {
        if (event?.streamId === streamId && Number(event.revision) === revision) return this.rememberPosition(event.position);
      }
      if (page.length < this.pageSize) throw new Error(`event ${streamId}@${revision} is not in $all after position ${lowerBound}`);
      from = page[page.length - 1]!.event!.position;
    }
  }

  private async writeLocation(event: RecordedEvent): Promise<void> {
    const location: EventLocation = { streamId: event.streamId, revision: event.revision, commit: String(event.position), prepare: String(event.position) };
    const stream = eventIndexStreamName(event.eventId);
    try {
      await this.client.appendToStream(
        stream,
        jsonEvent({ id: uuidFromName(`located\u0000${event.eventId}\u0000${event.streamId}\u0000${event.revision}`), type: EVENT_LOCATED, data: { ...location } }),
        { expectedRevision: NO_STREAM },
      );
    } catch (error) {
      // Already indexed (a retried append): the index holds the same location.
      if (!isWrongExpectedVersion(error)) throw error;
    }
  }

  private async readLocation(eventId: string): Promise<EventLocation | undefined> {
    const [record] = await this.readRaw(eventIndexStreamName(eventId), END, 1, BACKWARDS);
    if (!record) return undefined;
    const location = record.data as unknown as EventLocation;
    this.positionsById.set(eventId, Number(location.commit));
    return location;
  }

  private rememberPosition(position: Position): LogPosition {
    const logPosition = toLogPosition(position);
    this.eventPositions.set(logPosition, true);
    return logPosition;
  }

  // ---- reading ----

  private async readAllFrom(start: LogPosition, from: LogPosition, limit: number, types: Set<string> | undefined): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    let position: ReadPosition = start === 0 ? START : toEsdbPosition(start);
    let after = from;
    for (;;) {
      const page: AllStreamResolvedEvent[] = await collect(this.client.readAll({ ...FROM_LEADER, direction: FORWARDS, fromPosition: position, maxCount: this.pageSize }));
      for (const { event } of page) {
        if (!event) continue;
        const logPosition = this.rememberPosition(event.position);
        if (logPosition < after || !this.isLedgerEvent(event)) continue;
        if (types && !types.has(event.type)) continue;
        const recorded = toLedgerEvent(event, logPosition);
        this.positionsById.set(recorded.eventId, logPosition);
        out.push(recorded);
        if (out.length >= limit) return out;
      }
      if (page.length < this.pageSize) return out;
      const last: Position = page[page.length - 1]!.event!.position;
      position = last;
      after = Math.max(after, toLogPosition(last) + 1);
    }
  }

  private async readRaw(streamId: string, fromRevision: ReadRevision, maxCount?: number, direction: typeof FORWARDS | typeof BACKWARDS = FORWARDS): Promise<ClientRecordedEvent[]> {
    const resolved = await collect(this.client.readStream(streamId, { ...FROM_LEADER, fromRevision, direction, ...(maxCount === undefined ? {} : { maxCount }) }));
    return resolved.flatMap((item) => (item.event ? [item.event] : []));
  }

  private isLedgerEvent(event: { streamId: string; type: string; isJson: boolean; metadata?: unknown }): boolean {
    if (!event.isJson || isHiddenFromLedger(event.streamId, event.type)) return false;
    const metadata = event.metadata as Partial<EventMetadata> | undefined;
    return typeof metadata?.eventId === 'string' && typeof metadata.hash === 'string';
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toStoreError(error);
    }
  }
}

/** Seals a run of events onto a stream from `firstRevision`, chaining hashes from `prevHash`. */
export function sealChain(streamId: string, firstRevision: StreamRevision, prevHash: string, events: readonly NewEvent[]): Omit<RecordedEvent, 'position'>[] {
  let previous = prevHash;
  return events.map((event, i) => {
    const revision = firstRevision + i;
    // Whatever hashes a caller may have left in the metadata are replaced by the store's own.
    const { hash: _hash, prevHash: _prevHash, ...context } = event.metadata as typeof event.metadata & Partial<EventMetadata>;
    const metadata = { ...context, prevHash: previous } as EventMetadata;
    metadata.hash = sealEvent({ streamId, revision, eventId: event.eventId, type: event.type, data: event.data, metadata }).hash;
    previous = metadata.hash;
    return { eventId: event.eventId, type: event.type, streamId, revision, data: event.data, metadata };
  });
}

function toEventData(event: Omit<RecordedEvent, 'position'>): EventData {
  return jsonEvent({
    id: esdbEventId(event.eventId),
    type: event.type,
    data: event.data as JSONType,
    metadata: event.metadata as unknown as JSONType,
  });
}

function claimInFlight(claim: ClaimRecord): StoreUnavailableError {
  return new StoreUnavailableError(`command key ${claim.commandKey} is being claimed by event ${claim.eventId} (append in flight); retry`);
}

/** Every item of a read; a stream that does not exist reads as empty. */
async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  try {
    for await (const item of read) items.push(item);
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
  }
  return items;
}
