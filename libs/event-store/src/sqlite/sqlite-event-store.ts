import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  BatchConflictError,
  isAppendConflict,
  KeyAlreadyClaimedError,
  type AppendOutcome,
  type AppendRequest,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type KeyClaim,
  type KeyRecord,
  type LogPosition,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
  type StateSnapshot,
  type StreamFact,
  type StreamRevision,
  type StreamTail,
} from '../event-store.port.js';
import { checkExpectedRevision } from '../expected-revision.js';
import type { LedgerVerifier } from '../ledger-verifier.port.js';
import { GENESIS_HASH, sealEvent } from '../hash-chain.js';
import { iterateAll } from '../iterate-all.js';
import { UPCASTERS, upcastData, upcastEvent } from '../reading/upcasters.js';
import { SqliteLedgerVerifier } from './audit/sqlite-ledger-verifier.js';
import { migrate } from './schema.js';
import { guarded } from './sqlite-errors.js';
import { withPrevHash } from './prev-hash.js';
import { PendingSnapshots, SnapshotTable } from './snapshot-rows.js';
import { BatchStreamHeads, DirectStreamHeads, type StreamHeads } from './stream-heads.js';
import { WriterThread } from './writer-thread.js';

export interface SqliteEventStoreOptions {
  /** How long a writer waits for another connection's write lock before StoreUnavailableError. */
  busyTimeoutMs?: number;
  /**
   * Run the async appends on a writer thread of their own (writer-thread.ts); by default whenever the
   * compiled worker script is there (not under jest) and the store is a file. The `…Sync` methods
   * always write on the caller's thread.
   */
  writerThread?: boolean;
  /** This connection's page cache; 64 MiB, or 16 MiB for a store with a writer thread (see open). */
  pageCacheMiB?: number;
  /**
   * WAL pages after which a commit checkpoints the log into the database file before it returns
   * (SQLite's `wal_autocheckpoint`), on this connection and the writer thread's. By default 10,000;
   * but a store with a writer thread checkpoints on a thread of its own (wal-checkpointer.worker.ts)
   * and its commits only past 100,000 pages, as a backstop: a checkpoint copies up to 40 MB into the
   * file and syncs it, and the commit that ran it answered its group of commands late, which
   * stretched the commands' p99 (docs/benchmarks.md, 'WAL checkpoint thread').
   */
  walAutoCheckpointPages?: number;
}

/** What one `checkpointWalSync` did: frames in the WAL, how many of them are now in the database file. */
export interface WalCheckpoint {
  /** Another connection was checkpointing: nothing was done. */
  busy: boolean;
  walFrames: number;
  checkpointedFrames: number;
}

interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

/** A row of selectStreamAfter: all but the position and revision are null for the event at the revision asked. */
interface StreamFactRow {
  position: number;
  revision: number;
  event_id: string | null;
  type: string | null;
  data: string | null;
  schema_version: number | null;
}

interface KeyRow {
  command_key: string;
  content_hash: string;
  event_id: string;
  stream_id: string;
  revision: number;
  position: number;
}

const EVENT_COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata';
/** The event types some upcaster takes, as an SQL list: the only ones whose schema version a fold reads. */
const UPCAST_TYPES = [...new Set(UPCASTERS.map((upcaster) => upcaster.type))].map((type) => `'${type.replaceAll("'", "''")}'`).join(', ');
/** Checkpoints every ~40 MiB of WAL instead of SQLite's ~4 MiB (see open). */
const DEFAULT_WAL_AUTOCHECKPOINT_PAGES = 10_000;
/** ≈ 400 MiB: the writer thread's commits checkpoint only if its checkpointer thread could not. */
const BACKSTOP_WAL_AUTOCHECKPOINT_PAGES = 100_000;
/**
 * Snapshots that wait for an append past this many streams are written on their own: a process that
 * evicts states but appends nothing (answering repeats) would otherwise hold them for ever.
 */
const PENDING_SNAPSHOTS_LIMIT = 2_000;
/** SQLite reads a negative LIMIT as "no limit". */
const NO_LIMIT = -1;

/**
 * The embedded event store: one SQLite file in WAL mode. better-sqlite3 is synchronous, so every method
 * has a `…Sync` twin for bulk work; the async methods of the port simply wrap them.
 *
 * Every append runs in a `BEGIN IMMEDIATE` transaction, which takes the file's write lock before reading
 * the stream's revision. Writers from other connections or processes therefore queue (up to
 * busy_timeout) instead of deciding on stale data, and positions follow commit order.
 *
 * `data` and `metadata` are stored as canonical JSON text (see hash-chain.ts): the stored text of `data`
 * is exactly what the hash covers, and reading it back with JSON.parse gives the same values (amount
 * strings stay strings, integers stay integers). Only members that are `undefined` are dropped, as in
 * any JSON.
 */
export class SqliteEventStore implements EventStore {
  private readonly statements;
  private readonly typedReadStatements = new Map<number, Database.Statement<unknown[], EventRow>>();
  private readonly appendTransaction;
  private readonly appendManyTransaction;
  private readonly appendEachTransaction;
  private readonly appendOneTransaction;
  private readonly snapshotTable: SnapshotTable;
  private readonly pendingSnapshots = new PendingSnapshots(PENDING_SNAPSHOTS_LIMIT);

  /** The audit capability: checks this store's log, a file on a connection of its own (sqlite/audit/). */
  get verifier(): LedgerVerifier {
    return new SqliteLedgerVerifier(this.db.memory ? this.db : this.db.name);
  }

  private constructor(
    private readonly db: Database.Database,
    private readonly writer: WriterThread | undefined,
  ) {
    this.statements = {
      selectStream: db.prepare<[string], { revision: number; last_hash: string }>('SELECT revision, last_hash FROM streams WHERE stream_id = ?'),
      upsertStream: db.prepare<[string, number, string]>(
        `INSERT INTO streams (stream_id, revision, last_hash) VALUES (?, ?, ?)
         ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, last_hash = excluded.last_hash`,
      ),
      selectKey: db.prepare<[string], KeyRow>('SELECT * FROM command_keys WHERE command_key = ?'),
      // A new claim is one statement: zero changes means the key is taken (the rare path reads who holds it).
      insertKey: db.prepare<[string, string, string, string, number, number]>(
        `INSERT INTO command_keys (command_key, content_hash, event_id, stream_id, revision, position)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (command_key) DO NOTHING`,
      ),
      upsertKey: db.prepare<[string, string, string, string, number, number]>(
        `INSERT INTO command_keys (command_key, content_hash, event_id, stream_id, revision, position)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (command_key) DO UPDATE SET content_hash = excluded.content_hash, event_id = excluded.event_id,
           stream_id = excluded.stream_id, revision = excluded.revision, position = excluded.position`,
      ),
      insertEvent: db.prepare<[string, string, number, string, string, string]>(
        'INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      selectStreamEvents: db.prepare<[string, number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
      ),
      // The same without a limit, for a state's load (every event from a revision on): the same plan,
      // yet it read a stream's tail in about a fifth less time than the statement with `LIMIT -1`
      // (docs/benchmarks.md, 'cold commands: the key claim is the check').
      selectStreamTail: db.prepare<[string, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision`,
      ),
      // A loaded snapshot's check and the events after it (readStreamAfter). The event at @revision is
      // only found in the (stream_id, revision) index, which holds its position: every other column is
      // asked for under CASE, so SQLite's deferred seek never reads that event's row. No metadata: a
      // fold needs only the schema version, and only of a type some upcaster takes (json_extract on
      // every row cost more than JSON.parse of the whole metadata: docs/benchmarks.md, 'What a miss costs').
      selectStreamAfter: db.prepare<{ stream: string; revision: number }, StreamFactRow>(
        `SELECT position, revision,
           CASE WHEN revision > @revision THEN event_id END AS event_id,
           CASE WHEN revision > @revision THEN type END AS type,
           CASE WHEN revision > @revision THEN data END AS data,
           CASE WHEN revision > @revision AND type IN (${UPCAST_TYPES}) THEN json_extract(metadata, '$.schemaVersion') END AS schema_version
         FROM events WHERE stream_id = @stream AND revision >= @revision ORDER BY revision`,
      ),
      selectAll: db.prepare<[number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position >= ? ORDER BY position LIMIT ?`,
      ),
      selectEvent: db.prepare<[string], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = ?`),
      selectHead: db.prepare<[], { head: number }>('SELECT coalesce(max(position), 0) AS head FROM events'),
      selectStreamSizes: db.prepare<[], { streamId: string; events: number }>('SELECT stream_id AS streamId, revision + 1 AS events FROM streams'),
      // The primary key's order: a page is a range of the table (WITHOUT ROWID), read without sorting.
      selectStreamSizesBetween: db.prepare<[string, string, number], { streamId: string; events: number }>(
        'SELECT stream_id AS streamId, revision + 1 AS events FROM streams WHERE stream_id > ? AND stream_id < ? ORDER BY stream_id LIMIT ?',
      ),
    };
    this.snapshotTable = new SnapshotTable(db);
    const directHeads = new DirectStreamHeads(this.statements);
    this.appendTransaction = db.transaction((request: AppendRequest) => this.appendInTransaction(request, directHeads));
    // With snapshots waiting: the append, then the snapshots, in one commit (appendTransaction nests as a savepoint).
    this.appendOneTransaction = db.transaction((request: AppendRequest, snapshots: readonly StateSnapshot[]) => {
      const result = this.appendTransaction(request);
      this.snapshotTable.write(snapshots);
      return result;
    });
    // Called inside appendEachTransaction, appendTransaction runs as a savepoint (better-sqlite3 nests).
    this.appendEachTransaction = db.transaction((requests: readonly AppendRequest[], snapshots?: readonly StateSnapshot[]) => {
      const outcomes = requests.map((request): AppendOutcome => {
        try {
          return this.appendTransaction(request);
        } catch (error) {
          if (isAppendConflict(error)) return error;
          throw error;
        }
      });
      this.snapshotTable.write(snapshots);
      return outcomes;
    });
    // All or nothing, so the stream rows can be written once per stream at the end (see stream-heads.ts).
    this.appendManyTransaction = db.transaction((requests: readonly AppendRequest[], snapshots?: readonly StateSnapshot[]) => {
      const heads = new BatchStreamHeads(this.statements);
      const results = requests.map((request, index) => {
        try {
          return this.appendInTransaction(request, heads);
        } catch (error) {
          if (isAppendConflict(error)) {
            throw new BatchConflictError(index, error);
          }
          throw error;
        }
      });
      heads.flush();
      this.snapshotTable.write(snapshots);
      return results;
    });
  }

  /** Opens (creating the directory, file and schema when needed) the store kept in `filePath`. */
  static open(filePath: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    return guarded(() => {
      if (filePath !== ':memory:') mkdirSync(dirname(filePath), { recursive: true });
      const db = new Database(filePath, { timeout: busyTimeoutMs });
      try {
        db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
        db.pragma('journal_mode = WAL');
        // In WAL mode better-sqlite3 (and SQLite) would accept NORMAL, which may lose the last
        // acknowledged commits on power loss; a ledger must not, so every commit is synced.
        db.pragma('synchronous = FULL');
        db.pragma('foreign_keys = ON');
        const threaded = filePath !== ':memory:' && (options.writerThread ?? WriterThread.available());
        // Bulk appends touch index pages all over the file (event ids, command keys): a 64 MiB page cache
        // and checkpoints every ~40 MiB of WAL instead of ~4 MiB made imports faster when they were
        // written on the importing thread. On the writer thread, 16 MiB imported as fast with less peak
        // RSS (docs/benchmarks.md, 'event store page cache'); and the reading connection's cache is
        // dropped whenever the writer commits, so a large one only holds memory.
        db.pragma(`cache_size = -${(options.pageCacheMiB ?? (threaded ? 16 : 64)) * 1024}`);
        db.pragma(`wal_autocheckpoint = ${Math.trunc(options.walAutoCheckpointPages ?? DEFAULT_WAL_AUTOCHECKPOINT_PAGES)}`);
        migrate(db);
        const writer = threaded
          ? new WriterThread({ file: filePath, busyTimeoutMs, walAutoCheckpointPages: options.walAutoCheckpointPages ?? BACKSTOP_WAL_AUTOCHECKPOINT_PAGES })
          : undefined;
        return new SqliteEventStore(db, writer);
      } catch (error) {
        db.close();
        throw error;
      }
    });
  }

  // ---- writes ----

  // With a writer thread, the event loop stays free while the commit is hashed, written and fsynced.

  // Each append takes the snapshots waiting (saveSnapshots) into its transaction.

  async append(request: AppendRequest): Promise<AppendResult> {
    const snapshots = this.pendingSnapshots.take();
    return this.writer ? this.writer.append(request, snapshots) : this.appendSync(request, snapshots);
  }

  async appendMany(requests: AppendRequest[]): Promise<AppendResult[]> {
    if (requests.length === 0) return [];
    const snapshots = this.pendingSnapshots.take();
    return this.writer ? this.writer.appendMany(requests, snapshots) : this.appendManySync(requests, snapshots);
  }

  async appendEach(requests: AppendRequest[]): Promise<AppendOutcome[]> {
    if (requests.length === 0) return [];
    const snapshots = this.pendingSnapshots.take();
    return this.writer ? this.writer.appendEach(requests, snapshots) : this.appendEachSync(requests, snapshots);
  }

  /**
   * The port's optional snapshots: kept until the next append, whose transaction writes them before
   * its COMMIT; past PENDING_SNAPSHOTS_LIMIT streams they are written at once, in a transaction of
   * their own. Never throws: a snapshot that cannot be written is dropped.
   */
  saveSnapshots(snapshots: readonly StateSnapshot[]): void {
    let full = false;
    for (const snapshot of snapshots) full = this.pendingSnapshots.add(snapshot);
    if (full) void this.flushSnapshots();
  }

  async readSnapshot(streamId: string): Promise<StateSnapshot | undefined> {
    return this.readSnapshotSync(streamId);
  }

  /** The port's optional list of the streams with a snapshot, written or waiting. */
  snapshotStreamsSync(): string[] {
    const written = guarded(() => this.snapshotTable.streams());
    return [...new Set([...written, ...this.pendingSnapshots.streams()])];
  }

  /** The newest snapshot of a stream, waiting or written. */
  readSnapshotSync(streamId: string): StateSnapshot | undefined {
    return this.pendingSnapshots.get(streamId) ?? guarded(() => this.snapshotTable.read(streamId));
  }

  /**
   * Writes snapshots in a transaction of their own, with `synchronous = NORMAL` for its commit: a
   * snapshot need not survive a power cut (the stream is there to be read), so its commit is not
   * synced; the next append's synced commit makes it durable too (the WAL is written in order).
   */
  writeSnapshotsSync(snapshots: readonly StateSnapshot[]): void {
    if (snapshots.length === 0) return;
    guarded(() => {
      this.db.pragma('synchronous = NORMAL');
      try {
        this.snapshotTable.writeAlone(snapshots);
      } finally {
        this.db.pragma('synchronous = FULL');
      }
    });
  }

  /**
   * The port's optional awaited write: these snapshots now, in a transaction of their own (a closing
   * process hands its cached states over a chunk at a time, so they are never all in memory at once).
   * Never throws.
   */
  async writeSnapshots(snapshots: readonly StateSnapshot[]): Promise<void> {
    if (snapshots.length === 0 || !this.db.open) return;
    try {
      if (this.writer) await this.writer.saveSnapshots(snapshots);
      else this.writeSnapshotsSync(snapshots);
    } catch {
      // Dropped: a lost snapshot only makes a load read the whole stream.
    }
  }

  private async flushSnapshots(): Promise<void> {
    const snapshots = this.pendingSnapshots.take();
    if (!snapshots) return;
    try {
      if (this.writer) await this.writer.saveSnapshots(snapshots);
      else this.writeSnapshotsSync(snapshots);
    } catch {
      // Dropped: a lost snapshot only makes a load read the whole stream.
    }
  }

  /** Whether the async appends run on a writer thread (see SqliteEventStoreOptions.writerThread). */
  get writesOnThread(): boolean {
    return this.writer !== undefined;
  }

  /**
   * Group commit: every request in its own savepoint inside one transaction, so a conflict rolls
   * back only its request, and one fsync makes them all durable.
   */
  appendEachSync(requests: readonly AppendRequest[], snapshots?: readonly StateSnapshot[]): AppendOutcome[] {
    if (requests.length === 0) return [];
    return guarded(() => this.appendEachTransaction.immediate(requests, snapshots));
  }

  appendSync(request: AppendRequest, snapshots?: readonly StateSnapshot[]): AppendResult {
    return guarded(() => (snapshots && snapshots.length > 0 ? this.appendOneTransaction.immediate(request, snapshots) : this.appendTransaction.immediate(request)));
  }

  /** All requests in one transaction: all or nothing; a conflict throws BatchConflictError naming its index. */
  appendManySync(requests: readonly AppendRequest[], snapshots?: readonly StateSnapshot[]): AppendResult[] {
    if (requests.length === 0) return [];
    return guarded(() => this.appendManyTransaction.immediate(requests, snapshots));
  }

  // ---- reads ----

  async readStream(streamId: string, options?: { fromRevision?: StreamRevision; limit?: number }): Promise<RecordedEvent[]> {
    return this.readStreamSync(streamId, options);
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.readAllSync(options);
  }

  async headPosition(): Promise<LogPosition> {
    return this.headPositionSync();
  }

  async findEvent(eventId: string): Promise<RecordedEvent | undefined> {
    return this.findEventSync(eventId);
  }

  async findKey(commandKey: string): Promise<KeyRecord | undefined> {
    return this.findKeySync(commandKey);
  }

  readStreamSync(streamId: string, options: { fromRevision?: StreamRevision; limit?: number } = {}): RecordedEvent[] {
    const rows = guarded(() =>
      options.limit === undefined
        ? this.statements.selectStreamTail.all(streamId, options.fromRevision ?? 0)
        : this.statements.selectStreamEvents.all(streamId, options.fromRevision ?? 0, options.limit),
    );
    return rows.map(toRecordedEvent);
  }

  async readStreamAfter(streamId: string, revision: number): Promise<StreamTail> {
    return this.readStreamAfterSync(streamId, revision);
  }

  readStreamAfterSync(streamId: string, revision: number): StreamTail {
    const rows = guarded(() => this.statements.selectStreamAfter.all({ stream: streamId, revision }));
    const tail: StreamTail = { facts: [] };
    for (const row of rows) {
      if (row.revision === revision) tail.positionAtRevision = row.position;
      else tail.facts.push(toStreamFact(row));
    }
    return tail;
  }

  /** Events with position ≥ fromPosition (default 1) in commit order; an empty `types` list means no filter. */
  readAllSync(options: ReadAllOptions = {}): RecordedEvent[] {
    const fromPosition = options.fromPosition ?? 1;
    const limit = options.limit ?? NO_LIMIT;
    const types = options.types ?? [];
    const rows = guarded(() =>
      types.length === 0
        ? this.statements.selectAll.all(fromPosition, limit)
        : this.typedReadStatement(types.length).all(fromPosition, ...types, limit),
    );
    return rows.map(toRecordedEvent);
  }

  headPositionSync(): LogPosition {
    return guarded(() => this.statements.selectHead.get()!.head);
  }

  findEventSync(eventId: string): RecordedEvent | undefined {
    const row = guarded(() => this.statements.selectEvent.get(eventId));
    return row && toRecordedEvent(row);
  }

  findKeySync(commandKey: string): KeyRecord | undefined {
    const row = guarded(() => this.statements.selectKey.get(commandKey));
    return row && toKeyRecord(row);
  }

  /** The port's optional capability: each stream's size, from the stream heads. */
  streamSizesSync(): { streamId: string; events: number }[] {
    return guarded(() => this.statements.selectStreamSizes.all());
  }

  /** The port's optional page of the stream listing (ids strictly between `after` and `before`, in order). */
  streamSizesBetweenSync(after: string, before: string, limit: number): { streamId: string; events: number }[] {
    return guarded(() => this.statements.selectStreamSizesBetween.all(after, before, limit));
  }

  /** Lazy pages of the global log from `fromPosition` on (see iterate-all.ts). */
  iterateAll(fromPosition: LogPosition = 1, batchSize = 1000, types?: string[]): AsyncGenerator<RecordedEvent[]> {
    return iterateAll(this, { fromPosition, batchSize, types });
  }

  /**
   * Copies the WAL's committed pages into the database file (`PRAGMA wal_checkpoint(PASSIVE)`): it waits
   * for no reader and no writer, and writers go on appending to the WAL meanwhile, so a thread that
   * only checkpoints keeps the commits short (wal-checkpointer.worker.ts).
   */
  checkpointWalSync(): WalCheckpoint {
    const row = guarded(() => this.db.prepare('PRAGMA wal_checkpoint(PASSIVE)').get() as { busy: number; log: number; checkpointed: number });
    return { busy: row.busy !== 0, walFrames: row.log, checkpointedFrames: row.checkpointed };
  }

  /** This connection's durability settings, for diagnostics (`socai verify`, health) and tests. */
  settings(): { journalMode: string; synchronous: number; busyTimeoutMs: number; foreignKeys: boolean; schemaVersion: number } {
    return guarded(() => ({
      journalMode: this.db.pragma('journal_mode', { simple: true }) as string,
      synchronous: this.db.pragma('synchronous', { simple: true }) as number,
      busyTimeoutMs: this.db.pragma('busy_timeout', { simple: true }) as number,
      foreignKeys: this.db.pragma('foreign_keys', { simple: true }) === 1,
      schemaVersion: this.db.pragma('user_version', { simple: true }) as number,
    }));
  }

  /** Writes the snapshots waiting, waits for the writes in flight on the writer thread, then closes both connections. */
  async close(): Promise<void> {
    if (this.db.open) await this.flushSnapshots();
    await this.writer?.close();
    this.closeSync();
  }

  /**
   * Closes this thread's connection; a writer thread with writes in flight finishes them first. The
   * snapshots still waiting are dropped (close writes them).
   */
  closeSync(): void {
    void this.writer?.close();
    if (this.db.open) this.db.close();
  }

  // ---- the append itself, inside a transaction ----

  private appendInTransaction(request: AppendRequest, heads: StreamHeads): AppendResult {
    const { streamId, events, claim } = request;
    const stream = heads.read(streamId);
    checkExpectedRevision(streamId, request.expectedRevision, stream?.revision);
    // A claim that releases a key is checked up front; a plain claim is checked when it is written.
    if (claim?.releasing !== undefined) this.checkRelease(claim);

    let revision = stream?.revision ?? -1;
    if (events.length === 0) {
      if (claim) throw new TypeError(`append to ${streamId}: a key claim needs at least one event`);
      return { streamId, revision, position: this.statements.selectHead.get()!.head, events: [] };
    }

    let prevHash = stream?.lastHash ?? GENESIS_HASH;
    let position = 0;
    const recorded: RecordedEvent[] = new Array(events.length);
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      if (event.metadata.eventId !== event.eventId) {
        throw new TypeError(`event ${event.eventId}: metadata.eventId is ${event.metadata.eventId}`);
      }
      revision += 1;
      const metadata = withPrevHash(event.metadata, prevHash);
      const sealed = sealEvent({ streamId, revision, eventId: event.eventId, type: event.type, data: event.data, metadata });
      metadata.hash = sealed.hash;
      const result = this.statements.insertEvent.run(event.eventId, streamId, revision, event.type, sealed.dataJson, sealed.metadataJson);
      position = Number(result.lastInsertRowid);
      recorded[i] = { eventId: event.eventId, type: event.type, streamId, revision, position, data: event.data, metadata };
      prevHash = sealed.hash;
    }

    heads.write(streamId, { revision, lastHash: prevHash });
    if (claim) {
      // The key names the last event of the append: that is the one a retried command answers with.
      // Throwing here rolls back the events just inserted along with the rest of the transaction.
      const last = recorded[recorded.length - 1]!;
      const write = claim.releasing === undefined ? this.statements.insertKey : this.statements.upsertKey;
      const { changes } = write.run(claim.commandKey, claim.contentHash, last.eventId, streamId, revision, position);
      if (changes === 0) throw new KeyAlreadyClaimedError(toKeyRecord(this.statements.selectKey.get(claim.commandKey)!));
    }
    return { streamId, revision, position, events: recorded };
  }

  private checkRelease(claim: KeyClaim): void {
    const existing = this.statements.selectKey.get(claim.commandKey);
    if (existing && existing.event_id !== claim.releasing) throw new KeyAlreadyClaimedError(toKeyRecord(existing));
  }

  private typedReadStatement(typeCount: number): Database.Statement<unknown[], EventRow> {
    let statement = this.typedReadStatements.get(typeCount);
    if (!statement) {
      const placeholders = new Array(typeCount).fill('?').join(', ');
      statement = this.db.prepare<unknown[], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position >= ? AND type IN (${placeholders}) ORDER BY position LIMIT ?`,
      );
      this.typedReadStatements.set(typeCount, statement);
    }
    return statement;
  }
}

/** A stored row as readers see it: parsed, then upcast to the current schema version (see reading/upcasters.ts). */
function toRecordedEvent(row: EventRow): RecordedEvent {
  return upcastEvent({
    eventId: row.event_id,
    type: row.type,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata) as EventMetadata,
  });
}

function toStreamFact(row: StreamFactRow): StreamFact {
  const data: unknown = JSON.parse(row.data!);
  // Null for a type no upcaster takes, and (as for readStream's upcastEvent) for metadata without a schema version.
  const upcast = row.schema_version === null ? undefined : upcastData(row.type!, row.schema_version, data);
  return { eventId: row.event_id!, type: row.type!, revision: row.revision, position: row.position, data: upcast === undefined ? data : upcast.data };
}

function toKeyRecord(row: KeyRow): KeyRecord {
  return {
    commandKey: row.command_key,
    contentHash: row.content_hash,
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
  };
}
