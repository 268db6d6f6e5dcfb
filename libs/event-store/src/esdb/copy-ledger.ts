import {
  isAppendConflict,
  type EventMetadata,
  type EventStore,
  type KeyClaim,
  type LogPosition,
  type NewEvent,
  type RecordedEvent,
} from '../event-store.port.js';
import { computeEventHash, GENESIS_HASH } from '../hash-chain.js';
import { iterateAll } from '../iterate-all.js';

/** A hash that does not verify, or a target that already holds something else: the copy stops. */
export class ChainMismatchError extends Error {
  constructor(
    readonly streamId: string,
    readonly revision: number,
    reason: string,
  ) {
    super(`${streamId}@${revision}: ${reason}`);
    this.name = 'ChainMismatchError';
  }
}

export interface CopyProgress {
  copied: number;
  alreadyPresent: number;
  /** Source position reached, out of `head`. */
  position: LogPosition;
  head: LogPosition;
}

export interface CopySummary {
  copied: number;
  alreadyPresent: number;
  streams: number;
}

export interface CopyOptions {
  batchSize?: number;
  /**
   * Appends sent before the first of them is answered (each stream's own appends still go one after
   * another). 1 keeps the source's global order exactly; more overlaps the round trips to a cluster,
   * and the target's `$all` may then order appends of different streams that were in flight together
   * differently from the source (docs/decisions.md).
   */
  inFlight?: number;
  onProgress?: (progress: CopyProgress) => void;
}

/** Consecutive events of one stream sent as one append; only its last event may hold a command key. */
interface Group {
  streamId: string;
  events: RecordedEvent[];
  claim?: KeyClaim;
}

/**
 * Copies every event of `source` to `target` in source position order, keeping event ids, types, data,
 * metadata and the command keys they hold. The target computes its own hashes while appending; each must
 * equal the source's, and the source chain is verified on the way, so a copy either reproduces the
 * chain exactly or stops with ChainMismatchError.
 *
 * Consecutive events of one stream go in one append (ended by an event that holds a command key, as
 * the key belongs to an append's last event), and up to `inFlight` appends of different streams are
 * sent together: a cluster answers in a round trip per append, not per event.
 *
 * Each append names the revision before it as expected revision, so a copy interrupted half-way can
 * simply be run again. What the target already holds is read before appending (unless the target was
 * empty, or this copy itself has written to that stream) and counted as already present: an
 * EventStoreDB retry of the same event ids would otherwise succeed silently and count as copied. A
 * command key moves with the event that holds it in the source now (a key freed by a reversal and
 * claimed again moves with its current holder).
 */
export async function copyLedger(source: EventStore, target: EventStore, options: CopyOptions = {}): Promise<CopySummary> {
  const head = await source.headPosition();
  const targetWasEmpty = (await target.headPosition()) === 0;
  const limit = options.inFlight ?? 8;
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`inFlight must be a whole number ≥ 1, got ${limit}`);
  const lastHashes = new Map<string, string>();
  // Streams this copy appended to: the target cannot hold their later events already.
  const writtenHere = new Set<string>();
  const tails = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  let copied = 0;
  let alreadyPresent = 0;

  const launch = (group: Group): void => {
    const previous = tails.get(group.streamId) ?? Promise.resolve();
    const done: Promise<void> = previous
      .then(async () => {
        if (failure) return;
        const counts = await copyGroup(group, target, targetWasEmpty || writtenHere.has(group.streamId));
        if (counts.copied > 0) writtenHere.add(group.streamId);
        copied += counts.copied;
        alreadyPresent += counts.alreadyPresent;
      })
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => {
        inFlight.delete(done);
        if (tails.get(group.streamId) === done) tails.delete(group.streamId);
      });
    tails.set(group.streamId, done);
    inFlight.add(done);
  };

  for await (const page of iterateAll(source, { batchSize: options.batchSize ?? 1000 })) {
    for (const group of await groupsOf(page, source, lastHashes)) {
      while (inFlight.size >= limit) await Promise.race(inFlight);
      if (failure) break;
      launch(group);
    }
    await Promise.all(inFlight);
    if (failure) throw failure.error;
    options.onProgress?.({ copied, alreadyPresent, position: page[page.length - 1]!.position, head });
  }
  return { copied, alreadyPresent, streams: lastHashes.size };
}

/** A page of the source in appends: runs of one stream, each ended by an event holding a key. */
async function groupsOf(page: readonly RecordedEvent[], source: EventStore, lastHashes: Map<string, string>): Promise<Group[]> {
  const groups: Group[] = [];
  for (const event of page) {
    verifyLink(event, lastHashes.get(event.streamId) ?? GENESIS_HASH, 'source');
    lastHashes.set(event.streamId, event.metadata.hash);
    const key = await source.findKey(event.metadata.commandKey);
    const claim: KeyClaim | undefined = key?.eventId === event.eventId ? { commandKey: key.commandKey, contentHash: key.contentHash } : undefined;
    const open = groups[groups.length - 1];
    if (open && open.streamId === event.streamId && !open.claim && open.events[open.events.length - 1]!.revision === event.revision - 1) {
      open.events.push(event);
      open.claim = claim;
    } else {
      groups.push({ streamId: event.streamId, events: [event], claim });
    }
  }
  return groups;
}

/** Appends what the target lacks of a group; counts what it appended and what it already held. */
async function copyGroup(group: Group, target: EventStore, knownAbsent: boolean): Promise<{ copied: number; alreadyPresent: number }> {
  const present = knownAbsent ? 0 : await heldByTarget(group.events, target);
  const missing = group.events.slice(present);
  if (missing.length === 0) return { copied: 0, alreadyPresent: present };
  const first = missing[0]!;
  try {
    const result = await target.append({
      streamId: group.streamId,
      expectedRevision: first.revision === 0 ? 'no_stream' : first.revision - 1,
      events: missing.map(toNewEvent),
      claim: group.claim,
    });
    result.events.forEach((written, i) => {
      const event = missing[i]!;
      if (written.metadata.hash !== event.metadata.hash) {
        throw new ChainMismatchError(event.streamId, event.revision, `target hash ${written.metadata.hash} differs from source hash ${event.metadata.hash}`);
      }
    });
    return { copied: missing.length, alreadyPresent: present };
  } catch (error) {
    if (!isAppendConflict(error)) throw error;
    // Another copy wrote in between, or the target holds something else: only the same events will do.
    if ((await heldByTarget(missing, target)) === missing.length) return { copied: 0, alreadyPresent: group.events.length };
    const [existing] = await target.readStream(first.streamId, { fromRevision: first.revision, limit: 1 });
    throw new ChainMismatchError(first.streamId, first.revision, `the target already holds ${existing ? `event ${existing.eventId}` : 'a conflicting claim'} there (${error.message})`);
  }
}

/**
 * How many of `events` (consecutive revisions of one stream) the target already holds, from the first:
 * the same id and hash at the same revision. A different event there stops the copy.
 */
async function heldByTarget(events: readonly RecordedEvent[], target: EventStore): Promise<number> {
  const first = events[0]!;
  const stored = await target.readStream(first.streamId, { fromRevision: first.revision, limit: events.length });
  let held = 0;
  for (const existing of stored) {
    const event = events[held];
    if (!event || existing.revision !== event.revision) break;
    if (existing.eventId !== event.eventId || existing.metadata.hash !== event.metadata.hash) {
      throw new ChainMismatchError(event.streamId, event.revision, `the target already holds event ${existing.eventId} there`);
    }
    held += 1;
  }
  return held;
}

/**
 * Reads the whole target log and checks it against the source: the same events, each hash recomputing
 * and chaining, each equal to the source's. Answers how many events were compared.
 */
export async function verifyCopy(source: EventStore, target: EventStore, options: { batchSize?: number } = {}): Promise<number> {
  const lastHashes = new Map<string, string>();
  let compared = 0;
  for await (const page of iterateAll(target, { batchSize: options.batchSize ?? 1000 })) {
    for (const event of page) {
      verifyLink(event, lastHashes.get(event.streamId) ?? GENESIS_HASH, 'target');
      lastHashes.set(event.streamId, event.metadata.hash);
      const original = await source.findEvent(event.eventId);
      if (!original) throw new ChainMismatchError(event.streamId, event.revision, `event ${event.eventId} is in the target but not in the source`);
      if (original.metadata.hash !== event.metadata.hash || original.streamId !== event.streamId || original.revision !== event.revision) {
        throw new ChainMismatchError(event.streamId, event.revision, `event ${event.eventId} differs between source and target`);
      }
      compared += 1;
    }
  }
  let sourceCount = 0;
  for await (const page of iterateAll(source, { batchSize: options.batchSize ?? 1000 })) sourceCount += page.length;
  if (sourceCount !== compared) throw new ChainMismatchError('*', -1, `the source holds ${sourceCount} events, the target ${compared}`);
  return compared;
}

function verifyLink(event: RecordedEvent, expectedPrevHash: string, side: 'source' | 'target'): void {
  if (event.metadata.prevHash !== expectedPrevHash) {
    throw new ChainMismatchError(event.streamId, event.revision, `${side} prevHash ${event.metadata.prevHash} does not link to ${expectedPrevHash}`);
  }
  const recomputed = computeEventHash(event);
  if (recomputed !== event.metadata.hash) {
    throw new ChainMismatchError(event.streamId, event.revision, `${side} hash ${event.metadata.hash} does not recompute (${recomputed})`);
  }
}

function toNewEvent(event: RecordedEvent): NewEvent {
  const { hash: _hash, prevHash: _prevHash, ...metadata } = event.metadata as EventMetadata;
  return { eventId: event.eventId, type: event.type, data: event.data, metadata };
}
